// Reads a four-AS topology with the installed CaidaReader and checks one hijack's outcome.
#include <cstdio>
#include <mpicsim/io/CaidaReader.hpp>
#include <mpicsim/routing/Propagator.hpp>

int main() {
    using namespace mpicsim;
    // 1 provides transit to 2 and 3; 3 provides transit to 4. Victim 2, attacker 4:
    // AS1 hears the victim one hop away and the attacker two hops away, so it stays with 2.
    const AsGraph graph = CaidaReader::readText("1|2|-1\n1|3|-1\n3|4|-1\n", "inline");
    const TieBreakRanking ranking(graph, TieBreak::lowestAsn());
    const RovDeployment rov = RovDeployment::none(graph.nodeCount());
    Attack attack;
    attack.type = AttackType::EquallySpecific;
    attack.victim = *graph.nodeOf(2);
    attack.attacker = *graph.nodeOf(4);
    const RoutingOutcome outcome = Propagator(graph, ranking, rov).run(attack);
    const bool ok = outcome.outcome(*graph.nodeOf(1)) == Outcome::Victim &&
                    outcome.outcome(*graph.nodeOf(3)) == Outcome::Attacker;
    std::printf("consumer: %zu ASes, AS1 -> %s, AS3 -> %s: %s\n", graph.nodeCount(),
                std::string(toString(outcome.outcome(*graph.nodeOf(1)))).c_str(),
                std::string(toString(outcome.outcome(*graph.nodeOf(3)))).c_str(),
                ok ? "ok" : "WRONG");
    return ok ? 0 : 1;
}
