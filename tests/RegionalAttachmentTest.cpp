// RegionalAttachment and RegionPlacement on a hand-made graph: the neighbours each region of a
// cloud gets under the rule stated in RegionalAttachment.hpp, worked out by hand below.

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "mpicsim/mpic/RegionPlacement.hpp"
#include "mpicsim/mpic/RegionalAttachment.hpp"

namespace mpicsim {
namespace {

using Role = PerspectiveLink::Role;

/* The cloud is AS100 ("A -> B": A is B's provider; "A == B": peers; "~~": seen only as mlp).
 *
 *        1 ====== 2          input clique {1, 2}
 *      /  \  \     \
 *     v    v  \     v
 *    10   100  ==   20        100 == 2 (a global peer), 1 -> 100 (a global provider)
 *    |    ^  \                3 -> 100 (provider, RIPE DE)
 *    v    3   v               100 -> 40 (customer, RIPE DE)
 *   12        40              100 == 10 (ARIN US), 11 (ARIN CA), 20 (RIPE DE), 30 (JPNIC JP),
 *                                    50 (no organisation); 100 ~~ 21 (RIPE FR, mlp only)
 * Customer cones: 3 -> {3, 100, 40} = 3; 10 -> {10, 12} = 2; 11, 20, 21, 30, 40, 50 = 1.
 * Options below: countryMinimum 2, locatedLimit 2.
 */
AsGraph cloudGraph() {
    std::vector<AsLink> links = {
        {1, 2, LinkType::PeerToPeer, LinkSource::Bgp},
        {1, 100, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {1, 10, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {10, 12, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {2, 20, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {3, 100, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {100, 40, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {100, 2, LinkType::PeerToPeer, LinkSource::Bgp},
        {100, 10, LinkType::PeerToPeer, LinkSource::Bgp},
        {100, 11, LinkType::PeerToPeer, LinkSource::Bgp},
        {100, 20, LinkType::PeerToPeer, LinkSource::BgpAndMlp},
        {100, 21, LinkType::PeerToPeer, LinkSource::Mlp},
        {100, 30, LinkType::PeerToPeer, LinkSource::Bgp},
        {100, 50, LinkType::PeerToPeer, LinkSource::Bgp},
    };
    AsGraphMetadata metadata;
    metadata.inputClique = {1, 2};
    return AsGraph::fromLinks(links, metadata);
}

AsOrganisations cloudOrganisations() {
    AsOrganisations organisations;
    auto add = [&](Asn asn, const std::string& country, const std::string& source) {
        organisations.set(
            asn, {"ORG-" + std::to_string(asn), "AS" + std::to_string(asn), country, source});
    };
    add(1, "US", "ARIN");
    add(2, "DE", "RIPE");
    add(3, "DE", "RIPE");
    add(10, "US", "ARIN");
    add(11, "CA", "ARIN");
    add(20, "DE", "RIPE");
    add(21, "FR", "RIPE");
    add(30, "JP", "JPNIC");
    add(40, "DE", "RIPE");
    add(100, "US", "ARIN");
    return organisations;
}

RegionalAttachment::Options smallOptions() {
    RegionalAttachment::Options options;
    options.countryMinimum = 2;
    options.locatedLimit = 2;
    return options;
}

std::vector<std::pair<Asn, Role>> pairs(const std::vector<PerspectiveLink>& links) {
    std::vector<std::pair<Asn, Role>> result;
    for (const PerspectiveLink& link : links) {
        result.emplace_back(link.neighbour, link.role);
    }
    return result;
}

using Expected = std::vector<std::pair<Asn, Role>>;

TEST(RegionalAttachment, ArinRegionKeepsGlobalNeighboursAndItsRirsLargestCones) {
    const AsGraph graph = cloudGraph();
    const RegionalAttachment attachment(graph, cloudOrganisations(), smallOptions());
    // Global: 1 (provider), 2 (peer). ARIN candidates: 10 (US), 11 (CA); only one in the US,
    // fewer than countryMinimum 2, so the whole RIR counts; both fit the limit of 2.
    EXPECT_EQ(pairs(attachment.neighbours(100, Rir::Arin, "US")),
              (Expected{{1, Role::Provider}, {2, Role::Peer}, {10, Role::Peer}, {11, Role::Peer}}));
}

TEST(RegionalAttachment, CountryRuleAndLimitPickTheLargestConesOfTheCountry) {
    const AsGraph graph = cloudGraph();
    const RegionalAttachment attachment(graph, cloudOrganisations(), smallOptions());
    // RIPE candidates without the mlp-only 21: 3 (DE, provider), 20 (DE), 40 (DE, customer).
    // Three in DE >= 2: the country's. Limit 2 by cone: 3 (cone 3), then 20 and 40 (cone 1)
    // tie and the lower ASN, 20, is kept.
    EXPECT_EQ(
        pairs(attachment.neighbours(100, Rir::Ripe, "DE")),
        (Expected{{1, Role::Provider}, {2, Role::Peer}, {3, Role::Provider}, {20, Role::Peer}}));
}

TEST(RegionalAttachment, MlpOnlyLinksAreLeftOutUnlessAsked) {
    const AsGraph graph = cloudGraph();
    RegionalAttachment::Options options = smallOptions();
    options.locatedLimit = 3;
    // RIPE region in FR: no FR candidate without mlp (21 is mlp-only), so the RIR's 3, 20, 40.
    EXPECT_EQ(pairs(RegionalAttachment(graph, cloudOrganisations(), options)
                        .neighbours(100, Rir::Ripe, "FR")),
              (Expected{{1, Role::Provider},
                        {2, Role::Peer},
                        {3, Role::Provider},
                        {20, Role::Peer},
                        {40, Role::Customer}}));
    // With mlp links: 3, 20, 21, 40 (one in FR, < 2); by cone 3 first, then 20, 21 (lower ASNs
    // among the cone-1 ties), and 40 falls out.
    options.includeMlpOnlyLinks = true;
    EXPECT_EQ(pairs(RegionalAttachment(graph, cloudOrganisations(), options)
                        .neighbours(100, Rir::Ripe, "FR")),
              (Expected{{1, Role::Provider},
                        {2, Role::Peer},
                        {3, Role::Provider},
                        {20, Role::Peer},
                        {21, Role::Peer}}));
}

TEST(RegionalAttachment, NationalRegistriesCountForTheirRirAndUnlocatedAsesForNone) {
    const AsGraph graph = cloudGraph();
    const RegionalAttachment attachment(graph, cloudOrganisations(), smallOptions());
    // 30 is JPNIC: APNIC. 50 has no organisation and is never located.
    EXPECT_EQ(pairs(attachment.neighbours(100, Rir::Apnic, "JP")),
              (Expected{{1, Role::Provider}, {2, Role::Peer}, {30, Role::Peer}}));
    EXPECT_EQ(pairs(attachment.neighbours(100, Rir::Afrinic, "ZA")),
              (Expected{{1, Role::Provider}, {2, Role::Peer}}));
    EXPECT_EQ(RegionalAttachment::rirOfRegistry("JPNIC"), Rir::Apnic);
    EXPECT_EQ(RegionalAttachment::rirOfRegistry("APNIC,RIPE"), Rir::Apnic);
    EXPECT_EQ(RegionalAttachment::rirOfRegistry("RIPE"), Rir::Ripe);
    EXPECT_EQ(RegionalAttachment::rirOfRegistry("AFRINIC"), Rir::Afrinic);
    EXPECT_EQ(RegionalAttachment::rirOfRegistry("IANA"), std::nullopt);
}

TEST(RegionalAttachment, BackboneAddsTheCloudAsAsProvider) {
    const AsGraph graph = cloudGraph();
    RegionalAttachment::Options options = smallOptions();
    options.backbone = true;
    EXPECT_EQ(
        pairs(RegionalAttachment(graph, cloudOrganisations(), options)
                  .neighbours(100, Rir::Apnic, "JP")),
        (Expected{{1, Role::Provider}, {2, Role::Peer}, {30, Role::Peer}, {100, Role::Provider}}));
}

/* Clouds without global neighbours (no clique member among their links):
 *   5 -> 200, 200 == 60 (RIPE): a RIPE region gets 60 only, so no transit: every provider of
 *   the cloud (5) is added. 300 == 61 (RIPE), no provider at all: the cloud AS itself is added.
 */
TEST(RegionalAttachment, EveryRegionKeepsATransitPath) {
    const std::vector<AsLink> links = {
        {1, 2, LinkType::PeerToPeer, LinkSource::Bgp},
        {1, 5, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {5, 200, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {200, 60, LinkType::PeerToPeer, LinkSource::Bgp},
        {300, 61, LinkType::PeerToPeer, LinkSource::Bgp},
    };
    AsGraphMetadata metadata;
    metadata.inputClique = {1, 2};
    const AsGraph graph = AsGraph::fromLinks(links, metadata);
    AsOrganisations organisations;
    organisations.set(5, {"O5", "five", "US", "ARIN"});
    organisations.set(60, {"O60", "sixty", "NL", "RIPE"});
    organisations.set(61, {"O61", "sixty-one", "NL", "RIPE"});
    const RegionalAttachment attachment(graph, organisations, smallOptions());
    EXPECT_EQ(pairs(attachment.neighbours(200, Rir::Ripe, "NL")),
              (Expected{{5, Role::Provider}, {60, Role::Peer}}));
    EXPECT_EQ(pairs(attachment.neighbours(300, Rir::Ripe, "NL")),
              (Expected{{61, Role::Peer}, {300, Role::Provider}}));
    EXPECT_THROW(attachment.neighbours(999, Rir::Ripe, "NL"), std::invalid_argument);
}

TEST(RegionalAttachment, WithoutACliqueTheLargestCustomerConesAreGlobal) {
    // Cones: 1 -> {1, 10, 12, 100, 40} = 5, the largest; 3 -> {3, 100, 40} = 3.
    std::vector<AsLink> links = {
        {1, 100, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {1, 10, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {10, 12, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {3, 100, LinkType::ProviderToCustomer, LinkSource::Bgp},
        {100, 40, LinkType::ProviderToCustomer, LinkSource::Bgp},
    };
    const AsGraph graph = AsGraph::fromLinks(links);
    RegionalAttachment::Options options = smallOptions();
    options.globalByCone = 1;
    const RegionalAttachment attachment(graph, cloudOrganisations(), options);
    EXPECT_TRUE(attachment.isGlobal(*graph.nodeOf(1)));
    EXPECT_FALSE(attachment.isGlobal(*graph.nodeOf(3)));
    // An AFRINIC region: 1 as the global provider; 3 (RIPE) and 40 (RIPE) not located.
    EXPECT_EQ(pairs(attachment.neighbours(100, Rir::Afrinic, "ZA")),
              (Expected{{1, Role::Provider}}));
}

TEST(RegionalAttachment, TheSameInputsGiveTheSameNeighbours) {
    const AsGraph graph = cloudGraph();
    const RegionalAttachment first(graph, cloudOrganisations(), smallOptions());
    const RegionalAttachment second(graph, cloudOrganisations(), smallOptions());
    for (Rir rir : kAllRirs) {
        EXPECT_EQ(pairs(first.neighbours(100, rir, "DE")),
                  pairs(second.neighbours(100, rir, "DE")));
    }
}

Perspective region(const std::string& id, Asn host, Rir rir, const std::string& country) {
    Perspective perspective;
    perspective.id = id;
    perspective.provider = id.substr(0, id.find(':'));
    perspective.hostAsn = host;
    perspective.rir = rir;
    perspective.country = country;
    return perspective;
}

PerspectiveCatalog cloudCatalog() {
    Perspective attached = region("lab:attached", 100, Rir::Arin, "US");
    attached.neighbours = {{1, Role::Provider}};
    return PerspectiveCatalog({region("cloud:us", 100, Rir::Arin, "US"),
                               region("cloud:de", 100, Rir::Ripe, "DE"),
                               region("site:one", 3, Rir::Ripe, "DE"), attached});
}

TEST(RegionPlacement, RegionalGivesCloudRegionsTheirOwnNodesAndLeavesTheRest) {
    const AsGraph graph = cloudGraph();
    const PerspectiveCatalog catalog = cloudCatalog();
    const RegionPlacement placement =
        RegionPlacement::regional(graph, cloudOrganisations(), catalog, smallOptions());
    EXPECT_EQ(placement.model().label(), "regional");
    const Perspective us = placement.place(*catalog.find("cloud:us"));
    EXPECT_EQ(pairs(us.neighbours),
              (Expected{{1, Role::Provider}, {2, Role::Peer}, {10, Role::Peer}, {11, Role::Peer}}));
    EXPECT_EQ(us.hostAsn, 100u);
    // A single site (the only catalog perspective of AS3), a perspective with its own
    // neighbours and an inline one keep their placement.
    EXPECT_FALSE(placement.place(*catalog.find("site:one")).hasOwnNode());
    EXPECT_EQ(pairs(placement.place(*catalog.find("lab:attached")).neighbours),
              (Expected{{1, Role::Provider}}));
    EXPECT_FALSE(placement.place(region("AS100", 100, Rir::Arin, "US")).hasOwnNode());

    CaConfiguration ca;
    ca.primary = *catalog.find("site:one");
    ca.remotes = {*catalog.find("cloud:us"), *catalog.find("cloud:de")};
    placement.place(ca);
    EXPECT_FALSE(ca.primary->hasOwnNode());
    EXPECT_TRUE(ca.remotes[0].hasOwnNode());
    EXPECT_NE(pairs(ca.remotes[0].neighbours), pairs(ca.remotes[1].neighbours));

    EXPECT_FALSE(RegionPlacement::cloudAs().place(*catalog.find("cloud:us")).hasOwnNode());
}

TEST(RegionPlacement, MeasuredAttachmentsReplaceTheListedRegionsOnly) {
    const PerspectiveCatalog catalog = cloudCatalog();
    MeasuredAttachments measured;
    measured.neighboursById["cloud:de"] = {{20, Role::Provider}, {999, Role::Peer}};
    const RegionPlacement placement = RegionPlacement::measured(measured, "measured.json");
    EXPECT_EQ(placement.model().label(), "file:measured.json");
    EXPECT_EQ(pairs(placement.place(*catalog.find("cloud:de")).neighbours),
              (Expected{{20, Role::Provider}, {999, Role::Peer}}));
    EXPECT_FALSE(placement.place(*catalog.find("cloud:us")).hasOwnNode());
}

}  // namespace
}  // namespace mpicsim
