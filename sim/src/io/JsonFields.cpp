#include "JsonFields.hpp"

#include <algorithm>
#include <cmath>

#include "mpicsim/io/ClosestMatch.hpp"

namespace mpicsim::detail {

JsonFields::JsonFields(const nlohmann::json& object, std::string pointer, const std::string& source)
    : object_(object), pointer_(std::move(pointer)), source_(source) {
    if (!object_.is_object()) {
        failHere("expected an object, got " + typeName(object_) + " " + shortDump(object_));
    }
}

void JsonFields::fail(std::string_view member, const std::string& message) const {
    throw InputError(source_, 0, "at " + pointerTo(member) + ": " + message);
}

void JsonFields::failHere(const std::string& message) const {
    throw InputError(source_, 0,
                     "at " + (pointer_.empty() ? std::string("/") : pointer_) + ": " + message);
}

void JsonFields::allowOnly(std::initializer_list<std::string_view> members) const {
    for (const auto& item : object_.items()) {
        if (std::find(members.begin(), members.end(), item.key()) == members.end()) {
            const std::string suggestion = ClosestMatch::suggestion(item.key(), members);
            if (!suggestion.empty()) {
                fail(item.key(), "unknown key '" + item.key() + "'" + suggestion);
            }
            std::string known;
            for (std::string_view member : members) {
                known += known.empty() ? "" : ", ";
                known += member;
            }
            fail(item.key(), "unknown key '" + item.key() + "' (expected one of: " + known + ")");
        }
    }
}

std::string JsonFields::requiredString(std::string_view member) const {
    if (!has(member)) {
        failHere("missing required key '" + std::string(member) + "' (a string)");
    }
    return *optionalString(member);
}

std::optional<std::string> JsonFields::optionalString(std::string_view member) const {
    if (!has(member)) {
        return std::nullopt;
    }
    const nlohmann::json& value = at(member);
    if (!value.is_string()) {
        fail(member, "expected a string, got " + typeName(value) + " " + shortDump(value));
    }
    return value.get<std::string>();
}

double JsonFields::requiredNumber(std::string_view member) const {
    if (!has(member)) {
        failHere("missing required key '" + std::string(member) + "' (a number)");
    }
    return *optionalNumber(member);
}

std::optional<double> JsonFields::optionalNumber(std::string_view member) const {
    if (!has(member)) {
        return std::nullopt;
    }
    const nlohmann::json& value = at(member);
    if (!value.is_number()) {
        fail(member, "expected a number, got " + typeName(value) + " " + shortDump(value));
    }
    return value.get<double>();
}

std::optional<std::int64_t> JsonFields::optionalInteger(std::string_view member, std::int64_t min,
                                                        std::int64_t max) const {
    if (!has(member)) {
        return std::nullopt;
    }
    const nlohmann::json& value = at(member);
    if (!value.is_number_integer()) {
        fail(member, "expected an integer, got " + typeName(value) + " " + shortDump(value));
    }
    const std::int64_t number = value.is_number_unsigned()
                                    ? static_cast<std::int64_t>(value.get<std::uint64_t>())
                                    : value.get<std::int64_t>();
    if (number < min || number > max) {
        fail(member, "expected an integer from " + std::to_string(min) + " to " +
                         std::to_string(max) + ", got " + std::to_string(number));
    }
    return number;
}

std::int64_t JsonFields::requiredInteger(std::string_view member, std::int64_t min,
                                         std::int64_t max) const {
    if (!has(member)) {
        failHere("missing required key '" + std::string(member) + "' (an integer)");
    }
    return *optionalInteger(member, min, max);
}

std::optional<bool> JsonFields::optionalBool(std::string_view member) const {
    if (!has(member)) {
        return std::nullopt;
    }
    const nlohmann::json& value = at(member);
    if (!value.is_boolean()) {
        fail(member, "expected true or false, got " + typeName(value) + " " + shortDump(value));
    }
    return value.get<bool>();
}

std::string JsonFields::typeName(const nlohmann::json& value) {
    if (value.is_number_integer()) {
        return "integer";
    }
    return value.type_name();
}

std::string JsonFields::shortDump(const nlohmann::json& value) {
    std::string text = value.dump();
    if (text.size() > 60) {
        text = text.substr(0, 57) + "...";
    }
    return text;
}

nlohmann::json JsonFields::parse(std::string_view text, const std::string& source) {
    try {
        return nlohmann::json::parse(text.begin(), text.end());
    } catch (const nlohmann::json::parse_error& error) {
        const std::size_t offset = std::min<std::size_t>(error.byte, text.size());
        const std::size_t line =
            1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + offset, '\n'));
        std::string message = error.what();
        if (const auto position = message.find("syntax error"); position != std::string::npos) {
            message = message.substr(position);
        }
        throw InputError(source, line, "invalid JSON: " + message);
    } catch (const nlohmann::json::out_of_range& error) {
        // A number too large for a double ("1E400"): nlohmann gives no position for it.
        std::string message = error.what();
        if (const auto position = message.find("] "); position != std::string::npos) {
            message = message.substr(position + 2);
        }
        throw InputError(source, 0, "invalid JSON: " + message);
    }
}

}  // namespace mpicsim::detail
