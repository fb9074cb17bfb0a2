#include <gtest/gtest.h>

#include <cstdint>
#include <random>

#include "mpicsim/routing/Outcome.hpp"
#include "mpicsim/routing/RouteAttributes.hpp"
#include "mpicsim/routing/RouteClass.hpp"
#include "mpicsim/routing/RouteKey.hpp"
#include "mpicsim/routing/RoutePolicy.hpp"

namespace mpicsim {
namespace {

constexpr int kPairs = 1000000;

class RandomRoutes {
  public:
    explicit RandomRoutes(std::uint64_t seed) : rng_(seed) {}

    RouteAttributes attributes() {
        RouteAttributes a;
        a.routeClass = static_cast<RouteClass>(rng_() % 4);
        a.pathLength = static_cast<std::uint32_t>(rng_() % 41);
        switch (rng_() % 4) {
            case 0:  // small ranks collide often, so ties on class and length are common
                a.nextHopTieRank = static_cast<std::uint32_t>(rng_() % 8);
                break;
            case 1:
                a.nextHopTieRank =
                    RouteKey::kOriginTieRank - static_cast<std::uint32_t>(rng_() % 4);
                break;
            default:
                a.nextHopTieRank = static_cast<std::uint32_t>(rng_());
                break;
        }
        return a;
    }
    Outcome tag() { return static_cast<Outcome>(rng_() % 3); }
    bool coin() { return (rng_() & 1) != 0; }

  private:
    std::mt19937_64 rng_;
};

TEST(RouteKey, SmallerKeyIffPreferredRoute) {
    RandomRoutes random(20240601);
    int compared = 0;
    for (int i = 0; i < kPairs; ++i) {
        const RouteAttributes a = random.attributes();
        RouteAttributes b = random.attributes();
        // Often make the routes agree on class and length, so the tie step decides.
        if (random.coin()) {
            b.routeClass = a.routeClass;
            if (random.coin()) {
                b.pathLength = a.pathLength;
            }
        }
        if (a.nextHopTieRank == b.nextHopTieRank) {
            // Tie ranks are distinct per neighbour; equal ones only arise here. Neither route
            // is then preferred, and only the keys' data-plane tags may differ.
            ASSERT_FALSE(RoutePolicy::prefers(a, b) && RoutePolicy::prefers(b, a));
            if (a.routeClass == b.routeClass && a.pathLength == b.pathLength) {
                ASSERT_EQ(RouteKey::pack(a, random.tag()) & ~RouteKey::kTagMask,
                          RouteKey::pack(b, random.tag()) & ~RouteKey::kTagMask);
            }
            continue;
        }
        ++compared;
        const std::uint64_t keyA = RouteKey::pack(a, random.tag());
        const std::uint64_t keyB = RouteKey::pack(b, random.tag());
        ASSERT_EQ(keyA < keyB, RoutePolicy::prefers(a, b))
            << "a: class " << toString(a.routeClass) << " length " << a.pathLength << " tie "
            << a.nextHopTieRank << "; b: class " << toString(b.routeClass) << " length "
            << b.pathLength << " tie " << b.nextHopTieRank;
        ASSERT_EQ(keyB < keyA, RoutePolicy::prefers(b, a));
    }
    EXPECT_GT(compared, kPairs * 9 / 10);
}

TEST(RouteKey, PackUnpackRoundTrips) {
    RandomRoutes random(7);
    for (int i = 0; i < kPairs; ++i) {
        const RouteAttributes a = random.attributes();
        const Outcome tag = random.tag();
        const std::uint64_t key = RouteKey::pack(a, tag);
        ASSERT_EQ(RouteKey::routeClass(key), a.routeClass);
        ASSERT_EQ(RouteKey::pathLength(key), a.pathLength);
        ASSERT_EQ(RouteKey::nextHopTieRank(key), a.nextHopTieRank);
        ASSERT_EQ(RouteKey::tag(key), tag);
        const RouteAttributes back = RouteKey::attributes(key);
        ASSERT_EQ(back.routeClass, a.routeClass);
        ASSERT_EQ(back.pathLength, a.pathLength);
        ASSERT_EQ(back.nextHopTieRank, a.nextHopTieRank);
        ASSERT_EQ(RouteKey::pack(back, tag), key);
    }
    // The widest path length the layout holds survives too.
    constexpr std::uint32_t kMaxLength = (std::uint32_t{1} << 28) - 1;
    constexpr std::uint64_t widest =
        RouteKey::pack(RouteClass::Peer, kMaxLength, 12345, Outcome::Attacker);
    static_assert(RouteKey::pathLength(widest) == kMaxLength);
    static_assert(RouteKey::routeClass(widest) == RouteClass::Peer);
    static_assert(RouteKey::nextHopTieRank(widest) == 12345);
    static_assert(RouteKey::tag(widest) == Outcome::Attacker);
}

TEST(RouteKey, NoneIsLargerThanEveryRoute) {
    RandomRoutes random(99);
    for (int i = 0; i < kPairs; ++i) {
        ASSERT_LT(RouteKey::pack(random.attributes(), random.tag()), RouteKey::kNone);
    }
    // The largest packable route: provider class, longest path, last tie rank, highest tag.
    constexpr std::uint64_t largest =
        RouteKey::pack(RouteClass::Provider, (std::uint32_t{1} << 28) - 1, RouteKey::kOriginTieRank,
                       Outcome::Disconnected);
    static_assert(largest < RouteKey::kNone);
}

}  // namespace
}  // namespace mpicsim
