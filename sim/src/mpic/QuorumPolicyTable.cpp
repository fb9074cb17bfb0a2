#include "mpicsim/mpic/QuorumPolicyTable.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstdio>

namespace mpicsim {
namespace {

using std::chrono::day;
using std::chrono::month;
using std::chrono::year;
using std::chrono::year_month_day;
using Rule = QuorumPolicy::FailureRule;

constexpr year_month_day date(int y, unsigned m, unsigned d) {
    return year_month_day{year{y}, month{m}, day{d}};
}

const char* const kBrSource =
    "CA/Browser Forum TLS Baseline Requirements v2.2.6, section 3.2.2.9 (ballot SC-067), "
    "Phased Implementation Timeline and Quorum Requirements table";
const char* const kProposalSource =
    "CA/Browser Forum Validation Subcommittee, Fall 2023 F2F slides, '[PROPOSED] Quorum "
    "Requirements' and '[PROPOSED] Implementation Timeline' (October 2023)";
const char* const kProposalInterpolated =
    "CA/Browser Forum Validation Subcommittee, Fall 2023 F2F slides (October 2023): the slides "
    "give a minimum of 2 until 2025-12-15 and >= 5 after 2026-12-15, and 2 distinct RIRs after "
    "2025-12-15; the minimum of 3 in between is this project's interpolation";
const char* const kLetsEncryptSource =
    "Let's Encrypt, 'Multi-Perspective Validation Improves Domain Validation Security', "
    "2020-02-19: a primary validation plus three remote ones, of which two must agree";
const char* const kOpenMpicSource =
    "open-mpic (github.com/open-mpic) default quorum: n-1 of n perspectives for n <= 5, n-2 "
    "for n > 5; corroborating perspectives span 2 RIRs when n > 2; no primary perspective";
const char* const kSingleSource =
    "single vantage point: domain validation from the CA's own network alone (before MPIC)";

QuorumPolicy row(const char* name, const char* phase, const char* source,
                 std::optional<year_month_day> effective, bool primaryRequired, int minimumRemotes,
                 Rule rule, int ruleValue, int rirs, int rirsFrom, bool blocking) {
    QuorumPolicy policy;
    policy.name = name;
    policy.phase = phase;
    policy.source = source;
    policy.effectiveFrom = effective;
    policy.primaryRequired = primaryRequired;
    policy.minimumRemotes = minimumRemotes;
    policy.failureRule = rule;
    policy.ruleValue = ruleValue;
    policy.minimumCorroboratingRirs = rirs;
    policy.rirRuleFromRemotes = rirsFrom;
    policy.blocking = blocking;
    return policy;
}

// clang-format off
const std::array<QuorumPolicy, 12> kRows = {
    //  name                  phase         source                 effective from     primary remotes rule             value RIRs from blocking
    row("br",                 "2025-03-15", kBrSource,             date(2025, 3, 15),  true,  2, Rule::BrTable,       0, 0, 0, false),
    row("br",                 "2025-09-15", kBrSource,             date(2025, 9, 15),  true,  2, Rule::BrTable,       0, 0, 0, true),
    row("br",                 "2026-03-15", kBrSource,             date(2026, 3, 15),  true,  3, Rule::BrTable,       0, 2, 0, true),
    row("br",                 "2026-06-15", kBrSource,             date(2026, 6, 15),  true,  4, Rule::BrTable,       0, 2, 0, true),
    row("br",                 "2026-12-15", kBrSource,             date(2026, 12, 15), true,  5, Rule::BrTable,       0, 2, 0, true),
    row("cabf-proposal-2023", "2024-12-15", kProposalSource,       date(2024, 12, 15), true,  2, Rule::BrTable,       0, 0, 0, false),
    row("cabf-proposal-2023", "2025-06-15", kProposalSource,       date(2025, 6, 15),  true,  2, Rule::BrTable,       0, 0, 0, true),
    row("cabf-proposal-2023", "2025-12-15", kProposalInterpolated, date(2025, 12, 15), true,  3, Rule::BrTable,       0, 2, 0, true),
    row("cabf-proposal-2023", "2026-12-15", kProposalSource,       date(2026, 12, 15), true,  5, Rule::BrTable,       0, 2, 0, true),
    row("lets-encrypt-2020",  "",           kLetsEncryptSource,    date(2020, 2, 19),  true,  3, Rule::RequiredFixed, 2, 0, 0, true),
    row("open-mpic",          "",           kOpenMpicSource,       std::nullopt,       false, 2, Rule::OpenMpic,      0, 2, 3, true),
    row("single",             "",           kSingleSource,         std::nullopt,       true,  0, Rule::RequiredFixed, 0, 0, 0, true),
};
// clang-format on

bool phased(std::string_view name) {
    return name == "br" || name == "cabf-proposal-2023";
}

}  // namespace

std::span<const QuorumPolicy> QuorumPolicyTable::rows() {
    return kRows;
}

bool QuorumPolicyTable::knows(std::string_view name) {
    for (const QuorumPolicy& policy : rows()) {
        if (policy.name == name) {
            return true;
        }
    }
    return false;
}

std::vector<QuorumPolicy> QuorumPolicyTable::phases(std::string_view name) {
    std::vector<QuorumPolicy> found;
    for (const QuorumPolicy& policy : rows()) {
        if (policy.name == name) {
            found.push_back(policy);
        }
    }
    return found;
}

std::vector<std::string> QuorumPolicyTable::nameList() {
    std::vector<std::string> names;
    for (const QuorumPolicy& policy : rows()) {
        if (std::find(names.begin(), names.end(), policy.name) == names.end()) {
            names.push_back(policy.name);
        }
    }
    return names;
}

std::string QuorumPolicyTable::names() {
    std::string text;
    for (const std::string& name : nameList()) {
        text += (text.empty() ? "" : ", ") + name;
    }
    return text;
}

std::optional<QuorumPolicy> QuorumPolicyTable::lookup(std::string_view name,
                                                      std::chrono::year_month_day when) {
    std::optional<QuorumPolicy> inForce;
    for (const QuorumPolicy& policy : rows()) {
        if (policy.name != name) {
            continue;
        }
        if (!phased(name)) {
            return policy;
        }
        if (policy.effectiveFrom && *policy.effectiveFrom <= when) {
            inForce = policy;  // rows are in date order; the latest one reached wins
        }
    }
    return inForce;
}

std::optional<std::chrono::year_month_day> parseIsoDate(std::string_view text) {
    if (text.size() != 10) {
        return std::nullopt;
    }
    for (std::size_t i = 0; i < text.size(); ++i) {
        const bool separator = i == 4 || i == 7;
        if (separator ? text[i] != '-' : (text[i] < '0' || text[i] > '9')) {
            return std::nullopt;
        }
    }
    auto number = [&](std::size_t offset, std::size_t length) -> std::optional<int> {
        int value = 0;
        const char* begin = text.data() + offset;
        auto [end, error] = std::from_chars(begin, begin + length, value);
        if (error != std::errc() || end != begin + length) {
            return std::nullopt;
        }
        return value;
    };
    const auto y = number(0, 4);
    const auto m = number(5, 2);
    const auto d = number(8, 2);
    if (!y || !m || !d || *m < 1 || *d < 1) {
        return std::nullopt;
    }
    const year_month_day result{year{*y}, month{static_cast<unsigned>(*m)},
                                day{static_cast<unsigned>(*d)}};
    if (!result.ok()) {
        return std::nullopt;
    }
    return result;
}

std::string formatIsoDate(std::chrono::year_month_day when) {
    char text[16];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(when.year()),
                  static_cast<unsigned>(when.month()), static_cast<unsigned>(when.day()));
    return text;
}

}  // namespace mpicsim
