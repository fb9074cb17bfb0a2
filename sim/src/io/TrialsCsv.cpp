#include "mpicsim/io/TrialsCsv.hpp"

#include <array>
#include <charconv>
#include <limits>
#include <vector>

#include "mpicsim/io/Gzip.hpp"
#include "mpicsim/io/InputError.hpp"
#include "mpicsim/io/InputFile.hpp"

namespace mpicsim {
namespace {

constexpr std::size_t kFieldCount = 15;

void appendNumber(std::string& out, std::uint64_t value) {
    char buffer[24];
    const auto [end, error] = std::to_chars(buffer, buffer + sizeof buffer, value);
    (void)error;
    out.append(buffer, end);
}

class RowParser {
  public:
    RowParser(const std::string& source, std::size_t line) : source_(source), line_(line) {}

    std::array<std::string_view, kFieldCount> split(std::string_view row) const {
        std::array<std::string_view, kFieldCount> fields;
        std::size_t count = 0;
        std::size_t start = 0;
        while (true) {
            const std::size_t comma = row.find(',', start);
            if (count < kFieldCount) {
                fields[count] = row.substr(start, comma - start);
            }
            ++count;
            if (comma == std::string_view::npos) {
                break;
            }
            start = comma + 1;
        }
        if (count != kFieldCount) {
            fail("expected " + std::to_string(kFieldCount) + " fields, found " +
                 std::to_string(count));
        }
        return fields;
    }

    template <typename Number>
    Number number(std::string_view text) const {
        Number value{};
        const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
        if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
            fail("expected a number, got '" + std::string(text) + "'");
        }
        return value;
    }

    bool flag(std::string_view text) const {
        if (text != "0" && text != "1") {
            fail("expected 0 or 1, got '" + std::string(text) + "'");
        }
        return text == "1";
    }

    AttackType attack(std::string_view text) const {
        const auto type = attackTypeFromString(text);
        if (!type) {
            fail("unknown attack '" + std::string(text) + "'");
        }
        return *type;
    }

    ValidationMethod method(std::string_view text) const {
        const auto method = validationMethodFromString(text);
        if (!method) {
            fail("unknown validation method '" + std::string(text) + "'");
        }
        return *method;
    }

    [[noreturn]] void fail(const std::string& message) const {
        throw InputError(source_, line_, message);
    }

  private:
    const std::string& source_;
    std::size_t line_;
};

bool sameUnit(const TrialRecord& record, std::uint32_t roaIndex, std::uint32_t rovIndex,
              AttackType attack, int prefixLength, Asn victim, Asn adversary,
              ValidationMethod method) {
    return record.roaIndex == roaIndex && record.rovIndex == rovIndex && record.attack == attack &&
           record.prefixLength == prefixLength && record.victim == victim &&
           record.adversary == adversary && record.method == method;
}

}  // namespace

std::string_view TrialsCsv::header() {
    return "rov,attack,prefix_length,victim,adversary,ca,policy,issued,legitimate_blocked,"
           "corroborating,required,roa,method,attempts,hijacked_target\n";
}

void TrialsCsv::appendRows(std::span<const TrialRecord> records, std::string& out) {
    for (const TrialRecord& record : records) {
        for (const CombinationVerdict& verdict : record.verdicts) {
            out += record.rovLabel;
            out += ',';
            out += toString(record.attack);
            out += ',';
            appendNumber(out, static_cast<std::uint64_t>(record.prefixLength));
            out += ',';
            appendNumber(out, record.victim);
            out += ',';
            appendNumber(out, record.adversary);
            out += ',';
            out += verdict.ca;
            out += ',';
            out += verdict.policy;
            out += verdict.issuedToAttacker ? ",1," : ",0,";
            out += verdict.legitimateIssuanceBlocked ? "1," : "0,";
            appendNumber(out, static_cast<std::uint64_t>(verdict.corroborating));
            out += ',';
            appendNumber(out, static_cast<std::uint64_t>(verdict.required));
            out += ',';
            out += record.roaLabel;
            out += ',';
            out += toString(record.method);
            out += ',';
            appendNumber(out, static_cast<std::uint64_t>(verdict.attempts));
            out += ',';
            out += verdict.hijackedTarget;
            out += '\n';
        }
    }
}

void TrialsCsv::parse(std::string_view text, const std::string& sourceName,
                      const RecordHandler& onRecord) {
    std::vector<std::string_view> rovLabels;  // a record's rovIndex, in order of appearance
    std::vector<std::string_view> roaLabels;  // a record's roaIndex, likewise
    TrialRecord record;
    bool pending = false;
    std::size_t lineNumber = 0;
    std::string_view rest = text;
    while (!rest.empty()) {
        const std::size_t newline = rest.find('\n');
        const std::string_view line = rest.substr(0, newline);
        rest = newline == std::string_view::npos ? std::string_view() : rest.substr(newline + 1);
        ++lineNumber;
        if (lineNumber == 1 || line.empty()) {
            continue;
        }
        const RowParser parser(sourceName, lineNumber);
        const auto fields = parser.split(line);
        std::uint32_t rovIndex = 0;
        while (rovIndex < rovLabels.size() && rovLabels[rovIndex] != fields[0]) {
            ++rovIndex;
        }
        if (rovIndex == rovLabels.size()) {
            rovLabels.push_back(fields[0]);
        }
        std::uint32_t roaIndex = 0;
        while (roaIndex < roaLabels.size() && roaLabels[roaIndex] != fields[11]) {
            ++roaIndex;
        }
        if (roaIndex == roaLabels.size()) {
            roaLabels.push_back(fields[11]);
        }
        const AttackType attack = parser.attack(fields[1]);
        const int prefixLength = parser.number<int>(fields[2]);
        const Asn victim = parser.number<Asn>(fields[3]);
        const Asn adversary = parser.number<Asn>(fields[4]);
        CombinationVerdict verdict;
        verdict.ca = fields[5];
        verdict.policy = fields[6];
        verdict.issuedToAttacker = parser.flag(fields[7]);
        verdict.legitimateIssuanceBlocked = parser.flag(fields[8]);
        verdict.corroborating = parser.number<int>(fields[9]);
        verdict.required = parser.number<int>(fields[10]);
        const ValidationMethod method = parser.method(fields[12]);
        verdict.attempts = parser.number<int>(fields[13]);
        verdict.hijackedTarget = fields[14];

        if (pending && !sameUnit(record, roaIndex, rovIndex, attack, prefixLength, victim,
                                 adversary, method)) {
            onRecord(record);
            pending = false;
        }
        if (!pending) {
            record.rovIndex = rovIndex;
            record.rovLabel = rovLabels[rovIndex];
            record.roaIndex = roaIndex;
            record.roaLabel = roaLabels[roaIndex];
            record.attack = attack;
            record.prefixLength = prefixLength;
            record.victim = victim;
            record.adversary = adversary;
            record.method = method;
            record.verdicts.clear();
            pending = true;
        }
        record.verdicts.push_back(verdict);
    }
    if (pending) {
        onRecord(record);
    }
}

void TrialsCsv::readFile(const std::filesystem::path& path, const RecordHandler& onRecord) {
    parse(path.extension() == ".gz" ? Gzip::readFile(path) : InputFile::read(path), path.string(),
          onRecord);
}

}  // namespace mpicsim
