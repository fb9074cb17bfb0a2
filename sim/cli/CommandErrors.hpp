#pragma once

#include <ostream>
#include <string_view>

namespace mpicsim::cli {

// The one error path of every command: what the user must correct (a UsageError, with a hint
// to the command's --help; an InputError or a file system error, exit status 2) and what is a
// bug (any other exception, exit status 1), each as one "mpicsim COMMAND: ..." message.
class CommandErrors {
  public:
    // Reports the exception being handled and returns the exit status; call it only inside a
    // catch block.
    static int report(std::string_view command, std::ostream& err);
};

}  // namespace mpicsim::cli
