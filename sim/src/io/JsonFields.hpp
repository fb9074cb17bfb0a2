#pragma once

#include <cstdint>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/JsonPointer.hpp"

namespace mpicsim::detail {

// Typed access to one JSON object's members; every error names the source file and the JSON
// Pointer of the offending value, with what was expected and what was found.
class JsonFields {
  public:
    JsonFields(const nlohmann::json& object, std::string pointer, const std::string& source);

    [[noreturn]] void fail(std::string_view member, const std::string& message) const;
    [[noreturn]] void failHere(const std::string& message) const;
    void allowOnly(std::initializer_list<std::string_view> members) const;

    bool has(std::string_view member) const { return object_.contains(std::string(member)); }
    const nlohmann::json& at(std::string_view member) const {
        return object_.at(std::string(member));
    }
    std::string pointerTo(std::string_view member) const {
        std::string pointer = pointer_;
        pointer += '/';
        pointer += escapeJsonPointerToken(member);
        return pointer;
    }
    const std::string& pointer() const { return pointer_; }
    const std::string& source() const { return source_; }

    std::string requiredString(std::string_view member) const;
    std::optional<std::string> optionalString(std::string_view member) const;
    double requiredNumber(std::string_view member) const;
    std::optional<double> optionalNumber(std::string_view member) const;
    std::optional<std::int64_t> optionalInteger(std::string_view member, std::int64_t min,
                                                std::int64_t max) const;
    std::int64_t requiredInteger(std::string_view member, std::int64_t min, std::int64_t max) const;
    std::optional<bool> optionalBool(std::string_view member) const;

    static std::string typeName(const nlohmann::json& value);
    static std::string shortDump(const nlohmann::json& value);
    // Parses text, turning a syntax error into an InputError with the line number.
    static nlohmann::json parse(std::string_view text, const std::string& source);

  private:
    const nlohmann::json& object_;
    std::string pointer_;
    const std::string& source_;
};

}  // namespace mpicsim::detail
