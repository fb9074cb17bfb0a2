#include "CommandErrors.hpp"

#include <exception>
#include <filesystem>

#include "UsageError.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim::cli {

int CommandErrors::report(std::string_view command, std::ostream& err) {
    err << "mpicsim " << command << ": ";
    try {
        throw;
    } catch (const UsageError& error) {
        err << "error: " << error.what() << "\nRun 'mpicsim " << command
            << " --help' for its options.\n";
        return 2;
    } catch (const InputError& error) {
        err << "error: " << error.what() << "\n";
        return 2;
    } catch (const std::filesystem::filesystem_error& error) {
        err << "error: " << error.what() << "\n";
        return 2;
    } catch (const std::exception& error) {
        err << "internal error: " << error.what() << "\n";
        return 1;
    } catch (...) {
        err << "internal error: an exception that is not a std::exception\n";
        return 1;
    }
}

}  // namespace mpicsim::cli
