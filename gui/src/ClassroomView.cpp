#include "ClassroomView.hpp"

#include <QButtonGroup>
#include <QComboBox>
#include <QEvent>
#include <QGraphicsEllipseItem>
#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsSceneMouseEvent>
#include <QGraphicsSimpleTextItem>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMouseEvent>
#include <QPainterPath>
#include <QPushButton>
#include <QRadioButton>
#include <QShortcut>
#include <QTextBrowser>
#include <QTimer>
#include <QVBoxLayout>
#include <algorithm>
#include <cmath>

#include "mpicsim/mpic/MpicEvaluator.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/Propagator.hpp"

namespace mpicsim::gui {
namespace {

constexpr double kNodeRadius = 24;
constexpr double kLevelHeight = 120;
constexpr double kWidth = 820;

const char* const kPhaseNames[] = {"the origins announce", "customer routes go up",
                                   "routes cross one peering link", "provider routes go down"};

int phaseOfClass(RouteClass routeClass) {
    switch (routeClass) {
        case RouteClass::Origin:
            return 0;
        case RouteClass::Customer:
            return 1;
        case RouteClass::Peer:
            return 2;
        case RouteClass::Provider:
            return 3;
    }
    return 3;
}

QString className(RouteClass routeClass) {
    return QString::fromUtf8(toString(routeClass).data());
}

}  // namespace

ClassroomView::ClassroomView(const QString& classroomFolder, QWidget* parent)
    : QWidget(parent), topology_(ClassroomTopology::load(classroomFolder)) {
    ranking_ = std::make_unique<TieBreakRanking>(topology_->graph, TieBreak::lowestAsn());
    policy_ = *QuorumPolicyTable::lookup("br", *parseIsoDate("2026-12-15"));
    buildScene();
    buildControls();
    refresh();
}

ClassroomView::~ClassroomView() = default;

void ClassroomView::buildScene() {
    const AsGraph& graph = topology_->graph;
    std::map<std::uint32_t, std::vector<NodeIndex>> levels;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        levels[graph.rank(v)].push_back(v);
    }
    std::map<NodeIndex, QPointF> positions;
    for (auto& [rank, members] : levels) {
        std::sort(members.begin(), members.end(),
                  [&](NodeIndex a, NodeIndex b) { return graph.asnOf(a) < graph.asnOf(b); });
        const double gap = kWidth / static_cast<double>(members.size() + 1);
        for (std::size_t i = 0; i < members.size(); ++i) {
            positions[members[i]] = QPointF(gap * static_cast<double>(i + 1),
                                            kLevelHeight * (graph.maxRank() - rank) + 50);
        }
    }
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        for (NodeIndex customer : graph.customers(v)) {
            auto* line = scene_.addLine(QLineF(positions[v], positions[customer]),
                                        QPen(QColor(0x55, 0x55, 0x55), 1.6));
            line->setZValue(-2);
            line->setToolTip(QString("%1 is a provider of %2")
                                 .arg(topology_->label(graph.asnOf(v)),
                                      topology_->label(graph.asnOf(customer))));
        }
        for (NodeIndex peer : graph.peers(v)) {
            if (peer < v) {
                continue;
            }
            QPen pen(QColor(0x00, 0x9E, 0x73), 1.6, Qt::DashLine);
            // Peers on one level that are not neighbours on screen get an arc over the others.
            const QPointF from = positions[v];
            const QPointF to = positions[peer];
            QPainterPath path(from);
            const bool farApart =
                std::abs(from.y() - to.y()) < 1 && std::abs(from.x() - to.x()) > kWidth / 2.5;
            if (farApart) {
                path.quadTo(QPointF((from.x() + to.x()) / 2, from.y() - 90), to);
            } else {
                path.lineTo(to);
            }
            auto* line = scene_.addPath(path, pen);
            line->setZValue(-2);
            line->setToolTip(
                QString("%1 and %2 peer")
                    .arg(topology_->label(graph.asnOf(v)), topology_->label(graph.asnOf(peer))));
        }
    }
    QFont labelFont;
    labelFont.setPointSize(8);
    QFont badgeFont;
    badgeFont.setPointSize(9);
    badgeFont.setBold(true);
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        const QPointF at = positions[v];
        NodeGraphics graphics;
        graphics.circle = scene_.addEllipse(at.x() - kNodeRadius, at.y() - kNodeRadius,
                                            2 * kNodeRadius, 2 * kNodeRadius);
        graphics.circle->setToolTip(QString("AS%1 %2 (rank %3)")
                                        .arg(graph.asnOf(v))
                                        .arg(topology_->label(graph.asnOf(v)))
                                        .arg(graph.rank(v)));
        graphics.circle->setCursor(Qt::PointingHandCursor);
        auto* number = scene_.addSimpleText(QString::number(graph.asnOf(v)), badgeFont);
        number->setPos(at.x() - number->boundingRect().width() / 2,
                       at.y() - number->boundingRect().height() / 2);
        number->setZValue(2);
        graphics.label = scene_.addSimpleText(topology_->label(graph.asnOf(v)), labelFont);
        graphics.label->setPos(at.x() - graphics.label->boundingRect().width() / 2,
                               at.y() + kNodeRadius + 2);
        graphics.badge = scene_.addSimpleText("", badgeFont);
        graphics.badge->setZValue(3);
        graphics.badge->setPos(at.x() + kNodeRadius - 6, at.y() - kNodeRadius - 12);
        itemNodes_[graphics.circle] = v;
        itemNodes_[number] = v;
        nodes_[v] = graphics;
    }
    scene_.setSceneRect(scene_.itemsBoundingRect().adjusted(-20, -30, 20, 20));
}

void ClassroomView::buildControls() {
    view_ = new QGraphicsView(&scene_);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setMinimumSize(700, 560);
    view_->viewport()->installEventFilter(this);

    auto* modeBox = new QGroupBox("Click an AS to choose");
    auto* modeLayout = new QVBoxLayout(modeBox);
    modes_ = new QButtonGroup(this);
    const std::pair<const char*, const char*> modeLabels[] = {
        {"Victim (the domain's host)", "The AS that hosts the domain and announces its prefix"},
        {"Attacker", "The AS that hijacks the victim's prefix"},
        {"CA perspectives", "The first one is the primary; the others are remote perspectives"},
        {"ROV adopters", "ASes that drop routes the victim's ROA makes invalid"},
        {"Explain a route", "Tells why the AS chose its route"}};
    for (int i = 0; i < 5; ++i) {
        auto* button = new QRadioButton(modeLabels[i].first);
        button->setToolTip(modeLabels[i].second);
        modes_->addButton(button, i);
        modeLayout->addWidget(button);
    }
    modes_->button(0)->setChecked(true);
    connect(modes_, &QButtonGroup::idClicked, this,
            [this](int id) { mode_ = static_cast<ClickMode>(id); });

    attackBox_ = new QComboBox;
    for (AttackType type :
         {AttackType::EquallySpecific, AttackType::Subprefix, AttackType::ForgedOrigin}) {
        attackBox_->addItem(QString::fromUtf8(toString(type).data()), static_cast<int>(type));
    }
    attackBox_->setToolTip(
        "Equally-specific: the attacker announces the victim's prefix; "
        "sub-prefix: a longer prefix; forged-origin: the prefix with path "
        "'attacker victim'");
    connect(attackBox_, &QComboBox::currentIndexChanged, this, [this](int) {
        attackType_ = static_cast<AttackType>(attackBox_->currentData().toInt());
        invalidate();
    });
    policyBox_ = new QComboBox;
    for (const QuorumPolicy& row : QuorumPolicyTable::rows()) {
        if (row.name == "br") {
            policyBox_->addItem("BR phase " + QString::fromStdString(row.phase),
                                QString::fromStdString(row.phase));
        }
    }
    policyBox_->setCurrentIndex(policyBox_->count() - 1);
    policyBox_->setToolTip("The quorum rule of TLS BR 3.2.2.9 in force from that date");
    connect(policyBox_, &QComboBox::currentIndexChanged, this,
            [this](int) { setPolicyDate(policyBox_->currentData().toString()); });

    runButton_ = new QPushButton("Run attack");
    runButton_->setShortcut(QKeySequence("Ctrl+R"));
    runButton_->setToolTip("Compute the hijack (Ctrl+R), then step through the phases");
    stepButton_ = new QPushButton("Step");
    stepButton_->setShortcut(QKeySequence(Qt::Key_Right));
    stepButton_->setToolTip("Show the next propagation phase (Right arrow)");
    playButton_ = new QPushButton("Play");
    playButton_->setShortcut(QKeySequence(Qt::Key_Space));
    playButton_->setToolTip("Animate the phases (Space)");
    auto* resetButton = new QPushButton("Reset");
    resetButton->setToolTip("Clear the attack and every selection");
    timer_ = new QTimer(this);
    timer_->setInterval(900);
    connect(timer_, &QTimer::timeout, this, [this] {
        if (!step()) {
            timer_->stop();
        }
    });
    connect(runButton_, &QPushButton::clicked, this, [this] { run(); });
    connect(stepButton_, &QPushButton::clicked, this, [this] {
        if (phase_ < 0) {
            run();
        }
        step();
    });
    connect(playButton_, &QPushButton::clicked, this, [this] { play(); });
    connect(resetButton, &QPushButton::clicked, this, [this] { reset(); });

    phaseLabel_ = new QLabel;
    phaseLabel_->setWordWrap(true);
    meter_ = new QLabel;
    meter_->setWordWrap(true);
    QFont meterFont = meter_->font();
    meterFont.setPointSize(meterFont.pointSize() + 2);
    meterFont.setBold(true);
    meter_->setFont(meterFont);
    explanation_ = new QTextBrowser;
    explanation_->setMinimumHeight(110);
    auto* legend = new QLabel(
        QString("<b>Where traffic goes</b><br>"
                "<span style='color:%1'>&#9679;</span> to the victim &nbsp; "
                "<span style='color:%2'>&#9679;</span> to the attacker &nbsp; "
                "<span style='color:%3'>&#9679;</span> no route &nbsp; "
                "<span style='color:#bbbbbb'>&#9675;</span> not yet routed<br>"
                "Solid line: provider above customer &nbsp; dashed: peers<br>"
                "Badges: V victim, A attacker, P primary, R remote (\u2192A: its validation "
                "reached the attacker, \u2192V: the victim), ROV filters")
            .arg(victimColour().name(), attackerColour().name(), noRouteColour().name()));
    legend->setWordWrap(true);

    auto* side = new QVBoxLayout;
    side->addWidget(modeBox);
    auto* attackRow = new QHBoxLayout;
    attackRow->addWidget(new QLabel("Attack"));
    attackRow->addWidget(attackBox_, 1);
    side->addLayout(attackRow);
    auto* policyRow = new QHBoxLayout;
    policyRow->addWidget(new QLabel("Policy"));
    policyRow->addWidget(policyBox_, 1);
    side->addLayout(policyRow);
    auto* buttons = new QHBoxLayout;
    buttons->addWidget(runButton_);
    buttons->addWidget(stepButton_);
    buttons->addWidget(playButton_);
    buttons->addWidget(resetButton);
    side->addLayout(buttons);
    side->addWidget(phaseLabel_);
    side->addWidget(meter_);
    side->addWidget(new QLabel("<b>Why this route?</b>"));
    side->addWidget(explanation_, 1);
    side->addWidget(legend);
    auto* sideWidget = new QWidget;
    sideWidget->setLayout(side);
    sideWidget->setFixedWidth(390);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(view_, 1);
    layout->addWidget(sideWidget);
}

bool ClassroomView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_->viewport() && event->type() == QEvent::MouseButtonPress) {
        const auto* mouse = static_cast<QMouseEvent*>(event);
        for (QGraphicsItem* item : view_->items(mouse->position().toPoint())) {
            const auto found = itemNodes_.find(item);
            if (found != itemNodes_.end()) {
                clickAs(topology_->graph.asnOf(found->second));
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ClassroomView::setClickMode(ClickMode mode) {
    mode_ = mode;
    modes_->button(static_cast<int>(mode))->setChecked(true);
}

void ClassroomView::clickAs(Asn asn) {
    const auto node = topology_->graph.nodeOf(asn);
    if (!node) {
        return;
    }
    auto toggle = [](std::vector<NodeIndex>& list, NodeIndex v) {
        const auto found = std::find(list.begin(), list.end(), v);
        if (found == list.end()) {
            list.push_back(v);
        } else {
            list.erase(found);
        }
    };
    switch (mode_) {
        case ClickMode::Victim:
            victim_ = *node;
            if (attacker_ == node) {
                attacker_.reset();
            }
            invalidate();
            break;
        case ClickMode::Attacker:
            attacker_ = *node;
            if (victim_ == node) {
                victim_.reset();
            }
            invalidate();
            break;
        case ClickMode::Perspective:
            toggle(perspectives_, *node);
            invalidate();
            break;
        case ClickMode::Rov:
            toggle(rovAdopters_, *node);
            invalidate();
            break;
        case ClickMode::Explain:
            explained_ = *node;
            refresh();
            break;
    }
}

void ClassroomView::setAttackType(AttackType type) {
    const int index = attackBox_->findData(static_cast<int>(type));
    attackBox_->setCurrentIndex(index);
    attackType_ = type;
    invalidate();
}

void ClassroomView::setPolicyDate(const QString& isoDate) {
    const auto date = parseIsoDate(isoDate.toStdString());
    if (!date) {
        return;
    }
    if (const auto policy = QuorumPolicyTable::lookup("br", *date)) {
        policy_ = *policy;
        const int index = policyBox_->findData(QString::fromStdString(policy->phase));
        if (index >= 0 && index != policyBox_->currentIndex()) {
            policyBox_->setCurrentIndex(index);
        }
        refresh();
    }
}

void ClassroomView::invalidate() {
    timer_->stop();
    routing_.reset();
    phase_ = -1;
    refresh();
}

bool ClassroomView::run() {
    timer_->stop();
    if (!victim_ || !attacker_) {
        emit statusMessage("Choose a victim and an attacker first.");
        phaseLabel_->setText("Choose a victim and an attacker first.");
        return false;
    }
    const AsGraph& graph = topology_->graph;
    rov_ = std::make_unique<RovDeployment>(RovDeployment::of(graph.nodeCount(), rovAdopters_));
    Attack attack;
    attack.type = attackType_;
    attack.victim = *victim_;
    attack.attacker = *attacker_;
    routing_ = std::make_unique<RoutingOutcome>(Propagator(graph, *ranking_, *rov_).run(attack));
    phase_ = 0;
    refresh();
    return true;
}

bool ClassroomView::step() {
    if (phase_ < 0 || phase_ >= 3) {
        return false;
    }
    ++phase_;
    refresh();
    return true;
}

void ClassroomView::play() {
    if (phase_ < 0 || phase_ >= 3) {
        if (!run()) {
            return;
        }
    }
    timer_->start();
}

void ClassroomView::reset() {
    victim_.reset();
    attacker_.reset();
    perspectives_.clear();
    rovAdopters_.clear();
    explained_.reset();
    invalidate();
}

std::optional<QColor> ClassroomView::outcomeColour(NodeIndex node) const {
    if (!routing_) {
        return std::nullopt;
    }
    const auto slot = routing_->forwardingSlot(node);
    const bool terminal = node == *victim_ || node == *attacker_;
    if (!terminal) {
        // The three-phase engine fixes each route in the phase of its class.
        const int routedIn =
            slot ? phaseOfClass(RouteKey::routeClass(routing_->key(node, *slot))) : 3;
        if (routedIn > phase_) {
            return std::nullopt;
        }
    }
    switch (routing_->outcome(node)) {
        case Outcome::Victim:
            return victimColour();
        case Outcome::Attacker:
            return attackerColour();
        case Outcome::Disconnected:
            return noRouteColour();
    }
    return noRouteColour();
}

QColor ClassroomView::colourOf(Asn asn) const {
    const auto node = topology_->graph.nodeOf(asn);
    if (!node) {
        return {};
    }
    return outcomeColour(*node).value_or(pendingColour());
}

QString ClassroomView::describe(NodeIndex node) const {
    const Asn asn = topology_->graph.asnOf(node);
    return QString("AS%1 (%2)").arg(asn).arg(topology_->label(asn));
}

QString ClassroomView::quorumText() const {
    if (!routing_ || phase_ < 3) {
        return perspectives_.empty() ? "Choose the CA's perspectives: the first is the primary."
                                     : "The verdict appears once every route is known.";
    }
    if (perspectives_.empty()) {
        return "No CA perspectives chosen.";
    }
    CaConfiguration ca;
    ca.name = "classroom";
    for (std::size_t i = 0; i < perspectives_.size(); ++i) {
        Perspective perspective;
        const Asn asn = topology_->graph.asnOf(perspectives_[i]);
        perspective.id = "AS" + std::to_string(asn);
        perspective.hostAsn = asn;
        perspective.rir = topology_->rirOf(asn);
        if (i == 0) {
            ca.primary = perspective;
        } else {
            ca.remotes.push_back(perspective);
        }
    }
    const MpicEvaluator evaluator(topology_->graph, *rov_, ca, policy_);
    const Verdict verdict = evaluator.evaluate(*routing_, {"web host", 0, 22}).verdict;
    QString text = QString("%1 of %2 remote perspectives corroborate: certificate %3")
                       .arg(verdict.corroborating)
                       .arg(verdict.remotes)
                       .arg(verdict.issuedToAttacker ? "ISSUED to the attacker" : "REFUSED");
    return text;
}

QString ClassroomView::explanationText() const {
    if (!explained_) {
        return "Choose \"Explain a route\" and click an AS.";
    }
    const NodeIndex node = *explained_;
    if (!routing_) {
        return describe(node) + ": run the attack first.";
    }
    const RouteExplanation explanation = DecisionExplainer(*rov_).explain(*routing_, node);
    auto route = [&](const CandidateRoute& candidate) {
        return QString("the %1 route via %2")
            .arg(className(candidate.attributes.routeClass), describe(candidate.neighbour));
    };
    QString text;
    switch (explanation.step) {
        case DecisionStep::Origin:
            text = describe(node) + " announces the prefix itself.";
            break;
        case DecisionStep::NoRoute:
            text = describe(node) + " receives no usable route.";
            break;
        case DecisionStep::OnlyRoute:
            text =
                describe(node) + " has a single route: " + route(explanation.candidates[0]) + ".";
            break;
        default: {
            const auto& best = explanation.candidates[0];
            const auto& second = explanation.candidates[1];
            QString reason = explanation.step == DecisionStep::Relationship
                                 ? "customer routes beat peer routes, which beat provider routes"
                             : explanation.step == DecisionStep::PathLength
                                 ? QString("its AS path is shorter (%1 against %2 ASes)")
                                       .arg(best.attributes.pathLength)
                                       .arg(second.attributes.pathLength)
                                 : "the tie-break prefers the lower next-hop ASN";
            text = QString("%1 prefers %2 over %3: %4.")
                       .arg(describe(node), route(best), route(second), reason);
        }
    }
    if (!explanation.rovRejected.empty()) {
        QStringList dropped;
        for (NodeIndex neighbour : explanation.rovRejected) {
            dropped << describe(neighbour);
        }
        text += " ROV dropped the invalid route from " + dropped.join(", ") + ".";
    }
    if (routing_->outcome(node) == Outcome::Attacker && node != *attacker_) {
        text += " Its traffic reaches the attacker.";
    }
    return text;
}

void ClassroomView::refresh() {
    for (auto& [node, graphics] : nodes_) {
        const std::optional<QColor> colour = outcomeColour(node);
        graphics.circle->setBrush(colour.value_or(pendingColour()));
        QPen pen(colour ? colour->darker(140) : QColor(0xBB, 0xBB, 0xBB), 2);
        QStringList badges;
        if (victim_ == node) {
            badges << "V";
            pen = QPen(victimColour().darker(160), 4);
        }
        if (attacker_ == node) {
            badges << "A";
            pen = QPen(attackerColour().darker(160), 4);
        }
        const auto position = std::find(perspectives_.begin(), perspectives_.end(), node);
        if (position != perspectives_.end()) {
            QString badge = position == perspectives_.begin() ? "P" : "R";
            if (routing_ && phase_ >= 3) {
                // Where this perspective's validation went: to the attacker or not.
                badge += routing_->outcome(node) == Outcome::Attacker ? "\u2192A" : "\u2192V";
                if (routing_->outcome(node) == Outcome::Disconnected) {
                    badge.chop(2);
                    badge += "\u2192\u2205";
                }
            }
            badges << badge;
        }
        if (std::find(rovAdopters_.begin(), rovAdopters_.end(), node) != rovAdopters_.end()) {
            badges << "ROV";
            pen.setStyle(Qt::DashLine);
        }
        graphics.circle->setPen(pen);
        graphics.badge->setText(badges.join(" "));
    }
    if (phase_ < 0) {
        phaseLabel_->setText(victim_ && attacker_ ? "Ready: press Run attack (Ctrl+R)."
                                                  : "Choose a victim and an attacker.");
    } else {
        phaseLabel_->setText(QString("Phase %1 of 3: %2.").arg(phase_).arg(kPhaseNames[phase_]));
    }
    meter_->setText(quorumText());
    explanation_->setText(explanationText());
}

}  // namespace mpicsim::gui
