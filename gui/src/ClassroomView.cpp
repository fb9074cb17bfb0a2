#include "ClassroomView.hpp"

#include <QApplication>
#include <QButtonGroup>
#include <QCheckBox>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDialog>
#include <QDialogButtonBox>
#include <QEvent>
#include <QFontMetricsF>
#include <QFormLayout>
#include <QGraphicsEllipseItem>
#include <QGraphicsLineItem>
#include <QGraphicsPathItem>
#include <QGraphicsSimpleTextItem>
#include <QGraphicsTextItem>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMouseEvent>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QRadioButton>
#include <QScrollArea>
#include <QScrollBar>
#include <QSpinBox>
#include <QSvgGenerator>
#include <QTextBrowser>
#include <QTextDocument>
#include <QTextOption>
#include <QTimer>
#include <QVBoxLayout>
#include <QWheelEvent>
#include <algorithm>
#include <cmath>
#include <set>

#include "mpicsim/io/InputError.hpp"
#include "mpicsim/mpic/ComplianceChecker.hpp"
#include "mpicsim/mpic/Corroboration.hpp"
#include "mpicsim/mpic/MpicEvaluator.hpp"
#include "mpicsim/mpic/QuorumPolicyTable.hpp"
#include "mpicsim/routing/DecisionExplainer.hpp"
#include "mpicsim/routing/Propagator.hpp"

namespace mpicsim::gui {
namespace {

constexpr double kNodeRadius = 26;
constexpr double kLevelHeight = 130;
constexpr double kWidth = 900;
constexpr double kLabelPoints = 10.5;
constexpr double kNumberPoints = 13;
constexpr double kBadgePoints = 11;
constexpr qsizetype kLongestLabelLine = 14;

const char* const kPhaseNames[] = {"the origins announce", "customer routes go up",
                                   "routes cross one peering link", "provider routes go down"};

// The engine fixes each route in the phase of its class: own and customer routes while
// customer routes climb, peer routes in the one peer hop, provider routes on the way down.
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

QString policyTitle(const QuorumPolicy& policy) {
    if (policy.name == "single") {
        return "single vantage point (before MPIC)";
    }
    if (policy.name == "lets-encrypt-2020") {
        return "Let's Encrypt 2020 (2 of 3 remotes)";
    }
    if (policy.name == "open-mpic") {
        return "open-mpic (no primary)";
    }
    if (policy.name == "br") {
        return "BR phase " + QString::fromStdString(policy.phase) +
               (policy.blocking ? "" : " (non-blocking)");
    }
    if (policy.name == "custom") {
        return QString("custom: %1 may fail%2%3%4")
            .arg(policy.ruleValue)
            .arg(policy.minimumCorroboratingRirs > 1
                     ? QString(", %1 RIRs").arg(policy.minimumCorroboratingRirs)
                     : QString())
            .arg(policy.primaryRequired ? "" : ", no primary")
            .arg(policy.blocking ? "" : ", non-blocking");
    }
    if (policy.name == "cabf-proposal-2023") {
        return "CA/B proposal 2023, " + QString::fromStdString(policy.phase);
    }
    return QString::fromStdString(policy.label());
}

QString policyKey(const QuorumPolicy& policy) {
    return QString::fromStdString(policy.name + "|" + policy.phase);
}

QString outcomeWords(Outcome outcome) {
    switch (outcome) {
        case Outcome::Victim:
            return "reaches the victim";
        case Outcome::Attacker:
            return "reaches the attacker";
        case Outcome::Disconnected:
            return "reaches nobody (no route)";
    }
    return "reaches nobody";
}

QuorumPolicy customPolicy(const ClassroomSetup::CustomRule& rule) {
    QuorumPolicy policy;
    policy.name = "custom";
    policy.source = "a rule set in the classroom view";
    policy.primaryRequired = rule.primaryRequired;
    policy.failureRule = QuorumPolicy::FailureRule::AllowedFixed;
    policy.ruleValue = rule.allowedNonCorroborations;
    policy.minimumCorroboratingRirs = rule.minimumRirs;
    policy.blocking = rule.blocking;
    return policy;
}

// The rule a setup names: a row of the table (by name and phase date) or a custom one.
std::optional<QuorumPolicy> policyOf(const ClassroomSetup& setup) {
    if (setup.policyName == "custom") {
        return customPolicy(setup.customRule);
    }
    const auto date = parseIsoDate(setup.policyPhase);
    return QuorumPolicyTable::lookup(setup.policyName, date.value_or(*parseIsoDate("2026-12-15")));
}

// A long name on two lines, broken at the space nearest its middle.
QString wrapped(const QString& name) {
    if (name.size() <= kLongestLabelLine) {
        return name;
    }
    qsizetype best = -1;
    for (qsizetype i = 0; i < name.size(); ++i) {
        if (name[i] == ' ' &&
            (best < 0 || std::abs(i - name.size() / 2) < std::abs(best - name.size() / 2))) {
            best = i;
        }
    }
    return best < 0 ? name : name.left(best) + "\n" + name.mid(best + 1);
}

// Names in the topology file that describe a role of the demonstration, not the network.
bool namedAfterRole(const QString& role) {
    return role == "victim" || role == "attacker" || role == "ca";
}

}  // namespace

ClassroomView::ClassroomView(const QString& classroomFolder, QWidget* parent)
    : QWidget(parent),
      folder_(classroomFolder),
      topology_(ClassroomTopology::load(classroomFolder)) {
    ranking_ = std::make_unique<TieBreakRanking>(topology_->graph, TieBreak::lowestAsn());
    policy_ = *QuorumPolicyTable::lookup("br", *parseIsoDate("2026-12-15"));
    buildControls();
    buildScene();
    refresh();
}

ClassroomView::~ClassroomView() = default;

void ClassroomView::loadTopology(const QString& folder) {
    auto topology = ClassroomTopology::load(folder);
    timer_->stop();
    topology_ = std::move(topology);
    folder_ = folder;
    ranking_ = std::make_unique<TieBreakRanking>(topology_->graph, TieBreak::lowestAsn());
    clearSelections();
    movedPositions_.clear();
    history_.clear();
    routing_.reset();
    rov_.reset();
    phase_ = -1;
    buildScene();
    fitToWindow();
    refresh();
}

void ClassroomView::buildScene() {
    scene_.clear();
    nodes_.clear();
    itemNodes_.clear();
    pathItems_.clear();
    const AsGraph& graph = topology_->graph;
    // Longest-path layering (the graph's propagation rank: providers above customers); within a
    // level, the top one by ASN and each lower one by the mean position of its providers, which
    // keeps provider-customer links from crossing where a tree allows it.
    std::map<std::uint32_t, std::vector<NodeIndex>> levels;
    std::size_t widestLevel = 1;
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        levels[graph.rank(v)].push_back(v);
        widestLevel = std::max(widestLevel, levels[graph.rank(v)].size());
    }
    // Room for the widest label and badge beside each AS, so that neighbours never overlap.
    const QFontMetricsF labelMetrics(drawingFont(kLabelPoints, false));
    const QFontMetricsF badgeMetrics(drawingFont(kBadgePoints, true));
    double labelWidth = labelMetrics.horizontalAdvance("CA perspective");
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        for (const QString& line : wrapped(nameOf(graph.asnOf(v))).split('\n')) {
            labelWidth = std::max(labelWidth, labelMetrics.horizontalAdvance(line));
        }
    }
    const double badgeWidth = badgeMetrics.horizontalAdvance("R AFRINIC\u2192A");
    const double gapNeeded = std::max(labelWidth + 16, badgeWidth + 2 * kNodeRadius);
    const double levelWidth = std::max(kWidth, gapNeeded * static_cast<double>(widestLevel + 1));
    const double levelHeight =
        std::max(kLevelHeight, 2 * kNodeRadius + 3 * labelMetrics.lineSpacing() +
                                   badgeMetrics.lineSpacing() + 12);
    std::map<NodeIndex, QPointF> positions;
    for (auto level = levels.rbegin(); level != levels.rend(); ++level) {
        auto& members = level->second;
        std::map<NodeIndex, double> order;
        for (std::size_t i = 0; i < members.size(); ++i) {
            const NodeIndex v = members[i];
            double sum = 0;
            int count = 0;
            for (NodeIndex provider : graph.providers(v)) {
                if (positions.count(provider) != 0) {
                    sum += positions[provider].x();
                    ++count;
                }
            }
            order[v] = count > 0 ? sum / count : -1;
        }
        std::sort(members.begin(), members.end(), [&](NodeIndex a, NodeIndex b) {
            if (order[a] != order[b] && order[a] >= 0 && order[b] >= 0) {
                return order[a] < order[b];
            }
            return graph.asnOf(a) < graph.asnOf(b);
        });
        const double gap = levelWidth / static_cast<double>(members.size() + 1);
        for (std::size_t i = 0; i < members.size(); ++i) {
            positions[members[i]] =
                QPointF(gap * static_cast<double>(i + 1),
                        levelHeight * static_cast<double>(graph.maxRank() - level->first) + 60);
        }
    }
    for (const auto& [node, moved] : movedPositions_) {
        positions[node] = moved;
    }
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        for (NodeIndex customer : graph.customers(v)) {
            auto* line = scene_.addLine(QLineF(positions[v], positions[customer]),
                                        QPen(QColor(0x55, 0x55, 0x55), 2));
            line->setZValue(-3);
            line->setToolTip(QString("%1 is a provider of %2")
                                 .arg(topology_->label(graph.asnOf(v)),
                                      topology_->label(graph.asnOf(customer))));
        }
        for (NodeIndex peer : graph.peers(v)) {
            if (peer < v) {
                continue;
            }
            QPen pen(QColor(0x00, 0x9E, 0x73), 2, Qt::DashLine);
            // Peers on one level that are not neighbours on screen get an arc over the others.
            const QPointF from = positions[v];
            const QPointF to = positions[peer];
            QPainterPath path(from);
            const bool farApart =
                std::abs(from.y() - to.y()) < 1 && std::abs(from.x() - to.x()) > levelWidth / 2.5;
            if (farApart) {
                path.quadTo(QPointF((from.x() + to.x()) / 2, from.y() - 90), to);
            } else {
                path.lineTo(to);
            }
            auto* line = scene_.addPath(path, pen);
            line->setZValue(-3);
            line->setToolTip(
                QString("%1 and %2 peer")
                    .arg(topology_->label(graph.asnOf(v)), topology_->label(graph.asnOf(peer))));
        }
    }
    for (NodeIndex v = 0; v < graph.nodeCount(); ++v) {
        const QPointF at = positions[v];
        NodeGraphics graphics;
        graphics.centre = at;
        graphics.circle = scene_.addEllipse(at.x() - kNodeRadius, at.y() - kNodeRadius,
                                            2 * kNodeRadius, 2 * kNodeRadius);
        graphics.circle->setToolTip(QString("AS%1 %2 (rank %3)")
                                        .arg(graph.asnOf(v))
                                        .arg(topology_->label(graph.asnOf(v)))
                                        .arg(graph.rank(v)));
        graphics.circle->setCursor(Qt::PointingHandCursor);
        graphics.number = scene_.addSimpleText(QString::number(graph.asnOf(v)));
        graphics.number->setZValue(2);
        graphics.label = scene_.addText("");
        graphics.label->setZValue(2);
        QTextOption centred = graphics.label->document()->defaultTextOption();
        centred.setAlignment(Qt::AlignHCenter);
        graphics.label->document()->setDefaultTextOption(centred);
        graphics.label->document()->setDocumentMargin(0);
        graphics.badge = scene_.addSimpleText("");
        graphics.badge->setZValue(3);
        itemNodes_[graphics.circle] = v;
        itemNodes_[graphics.number] = v;
        itemNodes_[graphics.label] = v;
        nodes_[v] = graphics;
    }
    applyFonts();
}

QFont ClassroomView::drawingFont(double pointSize, bool bold) const {
    QFont font;
    font.setPointSizeF(pointSize * textScale_);
    font.setBold(bold);
    return font;
}

void ClassroomView::applyFonts() {
    const QFont labelFont = drawingFont(kLabelPoints, false);
    const QFont numberFont = drawingFont(kNumberPoints, true);
    const QFont badgeFont = drawingFont(kBadgePoints, true);
    for (auto& [node, graphics] : nodes_) {
        graphics.number->setFont(numberFont);
        graphics.label->setFont(labelFont);
        graphics.badge->setFont(badgeFont);
        graphics.badge->setBrush(QColor(0x20, 0x20, 0x20));
    }
    QFont panelFont = font();
    panelFont.setPointSizeF(QFont().pointSizeF() * textScale_);
    side_->setFont(panelFont);
    QFont meterFont = panelFont;
    meterFont.setPointSizeF(panelFont.pointSizeF() + 1.5);
    meter_->setFont(meterFont);
    sizePanel();
}

void ClassroomView::setPanelVisible(bool visible) {
    sideScroll_->setVisible(visible);
    if (fitted_) {
        QTimer::singleShot(0, this, [this] { fitToWindow(); });
    }
}

bool ClassroomView::panelVisible() const {
    return sideScroll_->isVisibleTo(this);
}

void ClassroomView::sizePanel() {
    // The drawing keeps at least 60% of the width: on a projector it is what students read.
    const double wanted = std::clamp(420 * textScale_, 420.0, 760.0);
    const double most = std::max(320.0, 0.4 * width());
    const int panel = static_cast<int>(std::min(wanted, most));
    side_->setFixedWidth(panel);
    sideScroll_->setFixedWidth(panel + sideScroll_->verticalScrollBar()->sizeHint().width());
}

void ClassroomView::buildControls() {
    view_ = new QGraphicsView(&scene_);
    view_->setRenderHint(QPainter::Antialiasing);
    view_->setRenderHint(QPainter::TextAntialiasing);
    view_->setMinimumSize(500, 400);
    view_->setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
    view_->viewport()->installEventFilter(this);

    auto* modeBox = new QGroupBox("Click an AS to choose (right-click: more)");
    auto* modeLayout = new QVBoxLayout(modeBox);
    modes_ = new QButtonGroup(this);
    const std::pair<const char*, const char*> modeLabels[] = {
        {"Victim (the domain's host)", "The AS that hosts the domain and announces its prefix"},
        {"Attacker", "The AS that hijacks the victim's prefix"},
        {"CA perspectives",
         "The first click sets the primary, later ones add remote perspectives; click again to "
         "remove one"},
        {"ROV adopters", "ASes that drop routes the victim's ROA makes invalid"},
        {"Explain a route", "Tells why the AS chose its route and draws where its traffic goes"}};
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
        "sub-prefix: a longer prefix inside it; forged-origin: the prefix with path "
        "'attacker victim'");
    connect(attackBox_, &QComboBox::activated, this, [this](int) {
        setAttackType(static_cast<AttackType>(attackBox_->currentData().toInt()));
    });
    policyBox_ = new QComboBox;
    for (const QuorumPolicy& row : QuorumPolicyTable::rows()) {
        policyBox_->addItem(policyTitle(row), policyKey(row));
        policyBox_->setItemData(policyBox_->count() - 1, QString::fromStdString(row.source),
                                Qt::ToolTipRole);
    }
    policyBox_->addItem("custom rule…", QString("custom|"));
    policyBox_->setCurrentIndex(policyBox_->findData(policyKey(policy_)));
    policyBox_->setToolTip("The quorum rule the CA applies (QuorumPolicyTable: source and date)");
    connect(policyBox_, &QComboBox::activated, this, [this](int) {
        const QStringList key = policyBox_->currentData().toString().split('|');
        if (key.value(0) == "custom") {
            editCustomRule();
        } else {
            setPolicy(key.value(0), key.value(1));
        }
    });

    runButton_ = new QPushButton("Run attack");
    runButton_->setShortcut(QKeySequence("Ctrl+R"));
    runButton_->setToolTip("Compute the hijack (Ctrl+R), then step through the phases");
    backButton_ = new QPushButton("Back");
    backButton_->setShortcut(QKeySequence(Qt::Key_Left));
    backButton_->setToolTip("Show the previous propagation phase (Left arrow)");
    stepButton_ = new QPushButton("Step");
    stepButton_->setShortcut(QKeySequence(Qt::Key_Right));
    stepButton_->setToolTip("Show the next propagation phase (Right arrow)");
    playButton_ = new QPushButton("Play");
    playButton_->setShortcut(QKeySequence(Qt::Key_Space));
    playButton_->setToolTip("Animate the phases (Space)");
    auto* undoButton = new QPushButton("Undo");
    undoButton->setShortcut(QKeySequence::Undo);
    undoButton->setToolTip("Restore the setup before the last change (Ctrl+Z)");
    auto* resetButton = new QPushButton("Reset");
    resetButton->setToolTip("Clear the attack and every selection (Undo brings them back)");
    timer_ = new QTimer(this);
    timer_->setInterval(1200);
    connect(timer_, &QTimer::timeout, this, [this] {
        if (!step()) {
            timer_->stop();
        }
    });
    connect(runButton_, &QPushButton::clicked, this, [this] { run(); });
    connect(stepButton_, &QPushButton::clicked, this, [this] {
        if (phase_ < 0) {
            run();
        } else {
            step();
        }
    });
    connect(backButton_, &QPushButton::clicked, this, [this] { stepBack(); });
    connect(playButton_, &QPushButton::clicked, this, [this] { play(); });
    connect(undoButton, &QPushButton::clicked, this, [this] { undo(); });
    connect(resetButton, &QPushButton::clicked, this, [this] { reset(); });

    captionLabel_ = new QLabel;
    captionLabel_->setWordWrap(true);
    captionLabel_->setVisible(false);
    phaseLabel_ = new QLabel;
    phaseLabel_->setWordWrap(true);
    meter_ = new QLabel;
    meter_->setWordWrap(true);
    meter_->setTextFormat(Qt::RichText);
    explanation_ = new QTextBrowser;
    explanation_->setMinimumHeight(110);
    legend_ = new QLabel(
        QString("<b>Where traffic goes</b><br>"
                "<span style='color:%1'>&#9679;</span> to the victim &nbsp; "
                "<span style='color:%2'>&#9679;</span> to the attacker &nbsp; "
                "<span style='color:%3'>&#9679;</span> no route &nbsp; "
                "<span style='color:#bbbbbb'>&#9675;</span> not yet routed<br>"
                "Solid line: provider above customer &nbsp; dashed: peers; arrows: the path of "
                "the AS explained<br>"
                "Badges: V victim, A attacker, P primary, R remote with its RIR (\u2192A: its "
                "validation reached the attacker, \u2192V: the victim), ROV filters")
            .arg(victimColour().name(), attackerColour().name(), noRouteColour().name()));
    legend_->setWordWrap(true);

    auto* side = new QVBoxLayout;
    side->setContentsMargins(0, 0, 0, 0);
    side->addWidget(captionLabel_);
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
    buttons->addWidget(backButton_);
    buttons->addWidget(stepButton_);
    buttons->addWidget(playButton_);
    side->addLayout(buttons);
    auto* editButtons = new QHBoxLayout;
    editButtons->addWidget(undoButton);
    editButtons->addWidget(resetButton);
    side->addLayout(editButtons);
    side->addWidget(phaseLabel_);
    side->addWidget(meter_);
    side->addWidget(new QLabel("<b>Why this route?</b>"));
    side->addWidget(explanation_, 1);
    side->addWidget(legend_);
    side_ = new QWidget;
    side_->setLayout(side);
    // On a short screen (a 720p projector) the panel scrolls instead of making the window taller.
    sideScroll_ = new QScrollArea;
    sideScroll_->setWidget(side_);
    sideScroll_->setWidgetResizable(true);
    sideScroll_->setFrameShape(QFrame::NoFrame);
    sideScroll_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* layout = new QHBoxLayout(this);
    layout->addWidget(view_, 1);
    layout->addWidget(sideScroll_);
}

bool ClassroomView::eventFilter(QObject* watched, QEvent* event) {
    if (watched == view_->viewport()) {
        if (event->type() == QEvent::Resize && fitted_) {
            QTimer::singleShot(0, this, [this] {
                if (fitted_) {
                    fitToWindow();
                }
            });
        }
        if (event->type() == QEvent::MouseButtonPress) {
            const auto* mouse = static_cast<QMouseEvent*>(event);
            for (QGraphicsItem* item : view_->items(mouse->position().toPoint())) {
                const auto found = itemNodes_.find(item);
                if (found == itemNodes_.end()) {
                    continue;
                }
                if (mouse->button() == Qt::RightButton) {
                    showContextMenu(found->second, mouse->globalPosition().toPoint());
                } else {
                    pressed_ = found->second;
                    pressPoint_ = mouse->position().toPoint();
                    dragging_ = false;
                }
                return true;
            }
        }
        if (event->type() == QEvent::MouseMove && pressed_) {
            const auto* mouse = static_cast<QMouseEvent*>(event);
            if (!dragging_ && (mouse->position().toPoint() - pressPoint_).manhattanLength() >
                                  QApplication::startDragDistance()) {
                dragging_ = true;
                remember();
            }
            if (dragging_) {
                movedPositions_[*pressed_] = view_->mapToScene(mouse->position().toPoint());
                buildScene();
                refresh();
            }
            return true;
        }
        if (event->type() == QEvent::MouseButtonRelease && pressed_) {
            const NodeIndex node = *pressed_;
            pressed_.reset();
            if (dragging_) {
                dragging_ = false;
                refresh();
            } else {
                clickAs(topology_->graph.asnOf(node));
            }
            return true;
        }
        if (event->type() == QEvent::Wheel) {
            const auto* wheel = static_cast<QWheelEvent*>(event);
            if (wheel->modifiers() & Qt::ControlModifier) {
                zoomBy(wheel->angleDelta().y() > 0 ? 1.15 : 1 / 1.15);
                return true;
            }
        }
    }
    return QWidget::eventFilter(watched, event);
}

void ClassroomView::showContextMenu(NodeIndex node, const QPoint& globalPosition) {
    const Asn asn = topology_->graph.asnOf(node);
    QMenu menu(this);
    menu.setTitle(describe(node));
    menu.addSection(describe(node));
    auto modeAction = [&](const QString& text, ClickMode mode) {
        menu.addAction(text, this, [this, mode, asn] {
            const ClickMode previous = mode_;
            mode_ = mode;
            clickAs(asn);
            mode_ = previous;
        });
    };
    modeAction("Victim", ClickMode::Victim);
    modeAction("Attacker", ClickMode::Attacker);
    menu.addAction("Set as primary", this, [this, asn] { setPrimary(asn); });
    if (primary_ != node) {
        modeAction(isRemote(node)                  ? "Remove remote perspective"
                   : !primary_ && remotes_.empty() ? "Add as the first perspective (primary)"
                                                   : "Add remote perspective",
                   ClickMode::Perspective);
    } else {
        modeAction("Remove primary", ClickMode::Perspective);
    }
    QMenu* rirs = menu.addMenu("RIR of this remote");
    for (Rir rir : kAllRirs) {
        QAction* action = rirs->addAction(QString::fromUtf8(toString(rir).data()), this,
                                          [this, asn, rir] { setRemoteRir(asn, rir); });
        action->setCheckable(true);
        action->setChecked(rirOf(asn) == rir);
    }
    modeAction(std::find(rovAdopters_.begin(), rovAdopters_.end(), node) != rovAdopters_.end()
                   ? "Stop ROV"
                   : "Perform ROV",
               ClickMode::Rov);
    modeAction("Explain its route", ClickMode::Explain);
    menu.exec(globalPosition);
}

void ClassroomView::setClickMode(ClickMode mode) {
    mode_ = mode;
    modes_->button(static_cast<int>(mode))->setChecked(true);
}

bool ClassroomView::isRemote(NodeIndex node) const {
    return std::find(remotes_.begin(), remotes_.end(), node) != remotes_.end();
}

void ClassroomView::remember() {
    if (restoring_) {
        return;
    }
    const ClassroomSetup current = setup();
    if (history_.empty() || !(history_.back() == current)) {
        history_.push_back(current);
    }
    if (history_.size() > 200) {
        history_.erase(history_.begin());
    }
}

bool ClassroomView::undo() {
    const ClassroomSetup current = setup();
    while (!history_.empty() && history_.back() == current) {
        history_.pop_back();
    }
    if (history_.empty()) {
        emit statusMessage("Nothing to undo.");
        return false;
    }
    const ClassroomSetup previous = history_.back();
    history_.pop_back();
    restoring_ = true;
    applySetup(previous);
    restoring_ = false;
    return true;
}

void ClassroomView::clickAs(Asn asn) {
    const auto node = topology_->graph.nodeOf(asn);
    if (!node) {
        return;
    }
    switch (mode_) {
        case ClickMode::Victim:
            if (victim_ == node) {
                return;
            }
            remember();
            victim_ = *node;
            if (attacker_ == node) {
                attacker_.reset();
            }
            recompute();
            break;
        case ClickMode::Attacker:
            if (attacker_ == node) {
                return;
            }
            remember();
            attacker_ = *node;
            if (victim_ == node) {
                victim_.reset();
            }
            recompute();
            break;
        case ClickMode::Perspective:
            remember();
            if (primary_ == node) {
                primary_.reset();
                emit statusMessage(describe(*node) +
                                   " is no longer the primary; the CA has none until you set one "
                                   "(right-click an AS \u203a Set as primary).");
            } else if (isRemote(*node)) {
                remotes_.erase(std::find(remotes_.begin(), remotes_.end(), *node));
            } else if (!primary_ && remotes_.empty()) {
                primary_ = *node;
                emit statusMessage(describe(*node) + " is the CA's primary perspective.");
            } else {
                remotes_.push_back(*node);
            }
            refresh();
            break;
        case ClickMode::Rov: {
            remember();
            const auto found = std::find(rovAdopters_.begin(), rovAdopters_.end(), *node);
            if (found == rovAdopters_.end()) {
                rovAdopters_.push_back(*node);
            } else {
                rovAdopters_.erase(found);
            }
            recompute();
            break;
        }
        case ClickMode::Explain:
            explained_ = *node;
            refresh();
            break;
    }
}

void ClassroomView::setPrimary(Asn asn) {
    const auto node = topology_->graph.nodeOf(asn);
    if (!node || primary_ == node) {
        return;
    }
    remember();
    const auto found = std::find(remotes_.begin(), remotes_.end(), *node);
    const auto slot = found == remotes_.end() ? remotes_.begin() : remotes_.erase(found);
    if (primary_) {
        remotes_.insert(slot, *primary_);  // the former primary takes the new one's place
    }
    primary_ = *node;
    emit statusMessage(describe(*node) + " is the CA's primary perspective.");
    refresh();
}

void ClassroomView::setRemoteRir(Asn asn, Rir rir) {
    const auto node = topology_->graph.nodeOf(asn);
    if (!node) {
        return;
    }
    remember();
    if (rir == topology_->rirOf(asn)) {
        remoteRirs_.erase(*node);
    } else {
        remoteRirs_[*node] = rir;
    }
    refresh();
}

Rir ClassroomView::rirOf(Asn asn) const {
    const auto node = topology_->graph.nodeOf(asn);
    if (node) {
        const auto found = remoteRirs_.find(*node);
        if (found != remoteRirs_.end()) {
            return found->second;
        }
    }
    return topology_->rirOf(asn);
}

void ClassroomView::setAttackType(AttackType type) {
    if (type == attackType_) {
        return;
    }
    remember();
    attackType_ = type;
    attackBox_->setCurrentIndex(attackBox_->findData(static_cast<int>(type)));
    recompute();
}

void ClassroomView::setPolicyDate(const QString& isoDate) {
    setPolicy("br", isoDate);
}

bool ClassroomView::setPolicy(const QString& name, const QString& isoDate) {
    const auto date = parseIsoDate(isoDate.toStdString());
    const bool phased = name == "br" || name == "cabf-proposal-2023";
    if (phased && !date) {
        return false;
    }
    const auto policy =
        QuorumPolicyTable::lookup(name.toStdString(), date.value_or(*parseIsoDate("2026-12-15")));
    if (!policy) {
        return false;
    }
    if (policy->name != policy_.name || policy->phase != policy_.phase) {
        remember();
        policy_ = *policy;
    }
    policyBox_->setCurrentIndex(policyBox_->findData(policyKey(policy_)));
    refresh();
    return true;
}

void ClassroomView::setCustomPolicy(const ClassroomSetup::CustomRule& rule) {
    if (policy_.name != "custom" || !(rule == customRule_)) {
        remember();
    }
    customRule_ = rule;
    policy_ = customPolicy(rule);
    policyBox_->setCurrentIndex(policyBox_->findData(policyKey(policy_)));
    refresh();
}

void ClassroomView::editCustomRule() {
    QDialog dialog(this);
    dialog.setWindowTitle("Custom quorum rule");
    auto* allowed = new QSpinBox;
    allowed->setRange(0, 20);
    allowed->setValue(customRule_.allowedNonCorroborations);
    auto* rirs = new QSpinBox;
    rirs->setRange(0, 5);
    rirs->setValue(customRule_.minimumRirs);
    auto* primary = new QCheckBox("The primary's own validation must succeed");
    primary->setChecked(customRule_.primaryRequired);
    auto* blocking = new QCheckBox("A failed quorum blocks issuance");
    blocking->setChecked(customRule_.blocking);
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    auto* form = new QFormLayout(&dialog);
    form->addRow("Remotes allowed not to corroborate", allowed);
    form->addRow("RIRs the corroborating remotes span (0: no rule)", rirs);
    form->addRow(primary);
    form->addRow(blocking);
    form->addRow(buttons);
    if (dialog.exec() == QDialog::Accepted) {
        setCustomPolicy(
            {allowed->value(), rirs->value(), primary->isChecked(), blocking->isChecked()});
    } else {
        policyBox_->setCurrentIndex(policyBox_->findData(policyKey(policy_)));
    }
}

void ClassroomView::recompute() {
    timer_->stop();
    if (phase_ < 0 || !victim_ || !attacker_) {
        routing_.reset();
        phase_ = -1;
        refresh();
        return;
    }
    const int shown = phase_;
    run();
    phase_ = shown;
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

bool ClassroomView::stepBack() {
    timer_->stop();
    if (phase_ <= 0) {
        return false;
    }
    --phase_;
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

void ClassroomView::clearSelections() {
    victim_.reset();
    attacker_.reset();
    primary_.reset();
    remotes_.clear();
    remoteRirs_.clear();
    rovAdopters_.clear();
    explained_.reset();
}

void ClassroomView::reset() {
    remember();
    clearSelections();
    caption_.clear();
    timer_->stop();
    routing_.reset();
    phase_ = -1;
    refresh();
}

void ClassroomView::setCaption(const QString& caption) {
    if (caption == caption_) {
        return;
    }
    remember();
    caption_ = caption;
    refresh();
}

ClassroomSetup ClassroomView::setup() const {
    const AsGraph& graph = topology_->graph;
    auto asnOf = [&](const std::optional<NodeIndex>& node) {
        return node ? std::optional<Asn>(graph.asnOf(*node)) : std::nullopt;
    };
    ClassroomSetup setup;
    setup.victim = asnOf(victim_);
    setup.attacker = asnOf(attacker_);
    setup.primary = asnOf(primary_);
    for (NodeIndex remote : remotes_) {
        setup.remotes.push_back(graph.asnOf(remote));
    }
    for (const auto& [node, rir] : remoteRirs_) {
        setup.remoteRirs[graph.asnOf(node)] = rir;
    }
    for (NodeIndex adopter : rovAdopters_) {
        setup.rovAdopters.push_back(graph.asnOf(adopter));
    }
    setup.attack = attackType_;
    setup.policyName = policy_.name;
    setup.policyPhase = policy_.phase;
    setup.customRule = customRule_;
    setup.phase = routing_ ? phase_ : -1;
    setup.explained = asnOf(explained_);
    setup.caption = caption_.toStdString();
    for (const auto& [node, at] : movedPositions_) {
        setup.positions[graph.asnOf(node)] = {at.x(), at.y()};
    }
    return setup;
}

void ClassroomView::checkSetup(const ClassroomSetup& setup, const std::string& where) const {
    const AsGraph& graph = topology_->graph;
    auto check = [&](Asn asn, const char* what) {
        if (!graph.nodeOf(asn)) {
            throw InputError(where, 0,
                             std::string(what) + " AS" + std::to_string(asn) +
                                 " is not in the classroom topology (" + folder_.toStdString() +
                                 ")");
        }
    };
    for (const auto& [asn, what] :
         {std::pair{setup.victim, "victim"}, std::pair{setup.attacker, "attacker"},
          std::pair{setup.primary, "primary"}, std::pair{setup.explained, "explained"}}) {
        if (asn) {
            check(*asn, what);
        }
    }
    for (std::size_t i = 0; i < setup.remotes.size(); ++i) {
        check(setup.remotes[i], "remote");
        if (setup.remotes[i] == setup.primary ||
            std::count(setup.remotes.begin(), setup.remotes.end(), setup.remotes[i]) > 1) {
            throw InputError(
                where, 0,
                "AS" + std::to_string(setup.remotes[i]) + " is chosen twice as a perspective");
        }
    }
    if (setup.victim && setup.victim == setup.attacker) {
        throw InputError(where, 0,
                         "the victim and the attacker are both AS" + std::to_string(*setup.victim));
    }
    for (const auto& [asn, rir] : setup.remoteRirs) {
        check(asn, "remote_rirs:");
    }
    for (Asn asn : setup.rovAdopters) {
        check(asn, "ROV adopter");
    }
    for (const auto& [asn, at] : setup.positions) {
        check(asn, "positions:");
    }
    if (!policyOf(setup)) {
        throw InputError(where, 0, "unknown policy " + setup.policyName);
    }
}

void ClassroomView::applySetup(const ClassroomSetup& setup, const std::string& where) {
    checkSetup(setup, where);  // a bad setup changes nothing
    const AsGraph& graph = topology_->graph;
    auto nodeOf = [&](Asn asn) { return *graph.nodeOf(asn); };
    auto optionalNode = [&](const std::optional<Asn>& asn) {
        return asn ? std::optional<NodeIndex>(nodeOf(*asn)) : std::nullopt;
    };
    const auto victim = optionalNode(setup.victim);
    const auto attacker = optionalNode(setup.attacker);
    const auto primary = optionalNode(setup.primary);
    std::vector<NodeIndex> remotes;
    for (Asn asn : setup.remotes) {
        remotes.push_back(nodeOf(asn));
    }
    std::map<NodeIndex, Rir> rirs;
    for (const auto& [asn, rir] : setup.remoteRirs) {
        rirs[nodeOf(asn)] = rir;
    }
    std::vector<NodeIndex> rov;
    for (Asn asn : setup.rovAdopters) {
        rov.push_back(nodeOf(asn));
    }
    const auto explained = optionalNode(setup.explained);
    std::map<NodeIndex, QPointF> moved;
    for (const auto& [asn, at] : setup.positions) {
        moved[nodeOf(asn)] = QPointF(at.first, at.second);
    }
    const auto policy = policyOf(setup);

    remember();
    timer_->stop();
    victim_ = victim;
    attacker_ = attacker;
    primary_ = primary;
    remotes_ = remotes;
    remoteRirs_ = rirs;
    rovAdopters_ = rov;
    explained_ = explained;
    attackType_ = setup.attack;
    attackBox_->setCurrentIndex(attackBox_->findData(static_cast<int>(attackType_)));
    policy_ = *policy;
    customRule_ = setup.customRule;
    policyBox_->setCurrentIndex(policyBox_->findData(policyKey(policy_)));
    caption_ = QString::fromStdString(setup.caption);
    if (moved != movedPositions_) {
        movedPositions_ = moved;
        buildScene();
    }
    routing_.reset();
    phase_ = -1;
    if (setup.phase >= 0 && victim_ && attacker_) {
        run();
        phase_ = std::min(setup.phase, 3);
    }
    refresh();
}

std::optional<PrefixSlot> ClassroomView::slotAt(NodeIndex node, int phase) const {
    for (PrefixSlot slot : {PrefixSlot::Subprefix, PrefixSlot::VictimPrefix}) {
        if (routing_->hasRoute(node, slot) &&
            phaseOfClass(RouteKey::routeClass(routing_->key(node, slot))) <= phase) {
            return slot;  // the most specific prefix it holds a route for by then
        }
    }
    return std::nullopt;
}

// The hops traffic from `node` takes with the routes chosen by the end of `phase`: at each AS
// the most specific prefix it holds a route for (longest-prefix match), until the traffic
// enters the victim's or the attacker's AS. Empty when `node` has no route yet.
std::vector<NodeIndex> ClassroomView::pathAt(NodeIndex node, int phase) const {
    std::vector<NodeIndex> hops{node};
    std::set<NodeIndex> seen{node};
    NodeIndex current = node;
    while (current != *victim_ && current != *attacker_) {
        const auto slot = slotAt(current, phase);
        const auto next = slot ? routing_->nextHop(current, *slot) : std::nullopt;
        if (!next || !seen.insert(*next).second) {
            if (current == node) {
                return {};
            }
            break;
        }
        hops.push_back(*next);
        current = *next;
    }
    return hops;
}

std::optional<Outcome> ClassroomView::outcomeAt(NodeIndex node, int phase) const {
    if (!routing_) {
        return std::nullopt;
    }
    if (phase >= 3) {
        return routing_->outcome(node);
    }
    const std::vector<NodeIndex> hops = pathAt(node, phase);
    if (hops.empty()) {
        return std::nullopt;
    }
    if (hops.back() == *victim_) {
        return Outcome::Victim;
    }
    if (hops.back() == *attacker_) {
        return Outcome::Attacker;
    }
    return Outcome::Disconnected;
}

std::optional<QColor> ClassroomView::outcomeColour(NodeIndex node) const {
    const auto outcome = outcomeAt(node, phase_);
    if (!outcome) {
        return std::nullopt;
    }
    switch (*outcome) {
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

QString ClassroomView::nameOf(Asn asn) const {
    const auto fileRole = topology_->roles.find(asn);
    const bool roleName = fileRole != topology_->roles.end() && namedAfterRole(fileRole->second);
    return roleName ? QString("Stub network") : topology_->label(asn);
}

QString ClassroomView::describe(NodeIndex node) const {
    const Asn asn = topology_->graph.asnOf(node);
    return QString("AS%1 (%2)").arg(asn).arg(nameOf(asn));
}

QString ClassroomView::prefixName(PrefixSlot slot) const {
    if (slot == PrefixSlot::Subprefix) {
        return QString("the attacker's /%1").arg(routing_->prefixLength(slot));
    }
    return QString("the victim's /%1").arg(routing_->prefixLength(slot));
}

CaConfiguration ClassroomView::caConfiguration() const {
    CaConfiguration ca;
    ca.name = "classroom";
    auto perspective = [&](NodeIndex node) {
        Perspective result;
        const Asn asn = topology_->graph.asnOf(node);
        result.id = "AS" + std::to_string(asn);
        result.hostAsn = asn;
        result.rir = rirOf(asn);
        return result;
    };
    // A rule without a primary (open-mpic) counts every perspective as a remote.
    if (primary_ && !policy_.primaryRequired) {
        ca.remotes.push_back(perspective(*primary_));
    } else if (primary_) {
        ca.primary = perspective(*primary_);
    }
    for (NodeIndex remote : remotes_) {
        ca.remotes.push_back(perspective(remote));
    }
    return ca;
}

std::optional<Verdict> ClassroomView::verdict() const {
    if (!routing_ || phase_ < 3) {
        return std::nullopt;
    }
    const CaConfiguration ca = caConfiguration();
    if ((policy_.primaryRequired && !ca.primary) || (!ca.primary && ca.remotes.empty())) {
        return std::nullopt;
    }
    const MpicEvaluator evaluator(topology_->graph, *rov_, ca, policy_);
    const PrefixTarget target{"web host", topology_->graph.asnOf(*victim_),
                              routing_->attack().victimPrefixLength};
    return evaluator.evaluate(*routing_, target).verdict;
}

QString ClassroomView::quorumText() const {
    QStringList parts;
    const CaConfiguration ca = caConfiguration();
    if (!primary_ && remotes_.empty()) {
        parts << "Choose the CA's perspectives: the first click sets the primary.";
    } else if (policy_.primaryRequired && !primary_) {
        parts << "The CA has no primary perspective, which " +
                     QString::fromStdString(policy_.label()) +
                     " needs: right-click an AS \u203a Set as primary.";
    } else if (!routing_ || phase_ < 3) {
        parts << "The verdict appears once every route is known.";
    } else if (const auto decided = verdict()) {
        parts << QString("%1 of %2 %3: certificate %4")
                     .arg(decided->corroborating)
                     .arg(QString::fromStdString(
                         Corroboration::countOf(decided->remotes, "remote perspective")))
                     .arg(decided->corroborating == 1 ? "corroborates" : "corroborate")
                     .arg(decided->issuedToAttacker ? "ISSUED to the attacker" : "REFUSED");
        parts << QString::fromStdString(decided->reason);
        parts << QString(
                     "The owner's own request during the attack: %1 (%2 of %3 %4 "
                     "the victim%5).")
                     .arg(decided->legitimateIssuanceBlocked ? "BLOCKED" : "still possible")
                     .arg(decided->reachingVictim)
                     .arg(
                         QString::fromStdString(Corroboration::countOf(decided->remotes, "remote")))
                     .arg(decided->reachingVictim == 1 ? "reaches" : "reach")
                     .arg(decided->primaryUsed
                              ? QString(", the primary ") +
                                    (decided->primaryReachesVictim ? "does" : "does not")
                              : QString());
    }
    QStringList warnings;
    for (const ComplianceViolation& violation : ComplianceChecker::check(ca, policy_)) {
        if (violation.rule != "location-unknown") {  // classroom ASes have no coordinates
            warnings << QString::fromStdString(violation.message);
        }
    }
    if (!warnings.isEmpty() && (primary_ || !remotes_.empty())) {
        parts << "\u26a0 Not compliant: " + warnings.join("; ") + ".";
    }
    return parts.join("\n");
}

QString ClassroomView::slotSentence(NodeIndex node, PrefixSlot slot) const {
    const RouteExplanation explanation = DecisionExplainer(*rov_).explain(*routing_, node, slot);
    const QString prefix = prefixName(slot);
    auto route = [&](const CandidateRoute& candidate) {
        return QString("the %1 route via %2")
            .arg(className(candidate.attributes.routeClass), describe(candidate.neighbour));
    };
    QString text;
    switch (explanation.step) {
        case DecisionStep::Origin:
            text = describe(node) + " announces " + prefix + " itself.";
            break;
        case DecisionStep::NoRoute:
            text = describe(node) + " has no route to " + prefix + ".";
            break;
        case DecisionStep::OnlyRoute:
            text = describe(node) + " has a single route to " + prefix + ": " +
                   route(explanation.candidates[0]) + ".";
            break;
        default: {
            const auto& best = explanation.candidates[0];
            const auto& second = explanation.candidates[1];
            const QString reason =
                explanation.step == DecisionStep::Relationship
                    ? "customer routes beat peer routes, which beat provider routes"
                : explanation.step == DecisionStep::PathLength
                    ? QString("its AS path is shorter (%1 against %2 ASes)")
                          .arg(best.attributes.pathLength)
                          .arg(second.attributes.pathLength)
                    : "the tie-break prefers the lower next-hop ASN";
            text = QString("%1 prefers, for %2, %3 over %4: %5.")
                       .arg(describe(node), prefix, route(best), route(second), reason);
        }
    }
    if (!explanation.rovRejected.empty()) {
        QStringList dropped;
        for (NodeIndex neighbour : explanation.rovRejected) {
            dropped << describe(neighbour);
        }
        text += " ROV dropped the invalid route to " + prefix + " from " + dropped.join(", ") +
                " (the victim's ROA does not authorise it).";
    }
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
    const QString victimPrefix = prefixName(PrefixSlot::VictimPrefix);
    if (node == *victim_) {
        return describe(node) + " is the victim: it announces " + victimPrefix +
               " and delivers the traffic that reaches it to its own hosts.";
    }
    if (node == *attacker_) {
        switch (attackType_) {
            case AttackType::Subprefix:
                return describe(node) + " is the attacker: it announces " +
                       prefixName(PrefixSlot::Subprefix) + ", a more specific prefix inside " +
                       victimPrefix + ", and keeps the traffic that reaches it.";
            case AttackType::ForgedOrigin:
                return describe(node) + " is the attacker: it announces " + victimPrefix +
                       " with the forged path '" +
                       QString("AS%1 AS%2")
                           .arg(topology_->graph.asnOf(node))
                           .arg(topology_->graph.asnOf(*victim_)) +
                       "', so the route looks authorised by the victim's ROA.";
            default:
                return describe(node) + " is the attacker: it announces " + victimPrefix +
                       " too, and keeps the traffic that reaches it.";
        }
    }
    QStringList sentences;
    std::vector<PrefixSlot> routed;
    std::vector<PrefixSlot> prefixes{PrefixSlot::VictimPrefix};
    if (routing_->usesSubprefix()) {
        prefixes.push_back(PrefixSlot::Subprefix);
    }
    for (PrefixSlot slot : prefixes) {
        const bool fixed = routing_->hasRoute(node, slot) &&
                           phaseOfClass(RouteKey::routeClass(routing_->key(node, slot))) <= phase_;
        if (fixed) {
            routed.push_back(slot);
        }
        if (fixed || phase_ >= 3) {
            sentences << slotSentence(node, slot);
        }
    }
    if (routed.empty() && phase_ < 3) {
        return QString("Phase %1: %2 has no route yet.").arg(phase_).arg(describe(node));
    }
    if (routed.size() == 2) {
        const auto subprefix = RouteKey::routeClass(routing_->key(node, PrefixSlot::Subprefix));
        const auto own = RouteKey::routeClass(routing_->key(node, PrefixSlot::VictimPrefix));
        sentences << QString(
                         "Longest-prefix match: %1 is more specific than %2, so %3 forwards "
                         "traffic for those addresses on its %4 route to the /%5%6.")
                         .arg(prefixName(PrefixSlot::Subprefix), victimPrefix,
                              QString("AS%1").arg(topology_->graph.asnOf(node)),
                              className(subprefix))
                         .arg(routing_->prefixLength(PrefixSlot::Subprefix))
                         .arg(own < subprefix
                                  ? QString(", although it holds a better (%1) route to the /%2")
                                        .arg(className(own))
                                        .arg(routing_->prefixLength(PrefixSlot::VictimPrefix))
                                  : QString());
    }
    if (const auto outcome = outcomeAt(node, phase_)) {
        sentences << "Its traffic for the victim's addresses " + outcomeWords(*outcome) + ".";
    }
    return sentences.join(" ");
}

QString ClassroomView::labelOf(Asn asn) const {
    const auto node = topology_->graph.nodeOf(asn);
    if (!node) {
        return {};
    }
    QString role;
    if (victim_ == node) {
        role = "Victim";
    } else if (attacker_ == node) {
        role = "Attacker";
    } else if (primary_ == node) {
        role = policy_.primaryRequired ? "CA primary" : "CA perspective";
    } else if (isRemote(*node)) {
        role = "CA remote";
    }
    const QString name = wrapped(nameOf(asn));
    return role.isEmpty() ? name : role + "\n" + name;
}

QString ClassroomView::badgeOf(Asn asn) const {
    const auto node = topology_->graph.nodeOf(asn);
    if (!node) {
        return {};
    }
    QStringList badges;
    if (victim_ == node) {
        badges << "V";
    }
    if (attacker_ == node) {
        badges << "A";
    }
    const bool primary = primary_ == node;
    if (primary || isRemote(*node)) {
        const bool countsAsRemote = !primary || !policy_.primaryRequired;
        QString badge =
            countsAsRemote ? "R " + QString::fromUtf8(toString(rirOf(asn)).data()) : QString("P");
        if (routing_ && phase_ >= 3) {
            switch (routing_->outcome(*node)) {
                case Outcome::Attacker:
                    badge += "\u2192A";
                    break;
                case Outcome::Victim:
                    badge += "\u2192V";
                    break;
                case Outcome::Disconnected:
                    badge += "\u2192\u2205";
                    break;
            }
        }
        badges << badge;
    }
    if (std::find(rovAdopters_.begin(), rovAdopters_.end(), *node) != rovAdopters_.end()) {
        badges << "ROV";
    }
    return badges.join(" ");
}

QPointF ClassroomView::positionOf(Asn asn) const {
    const auto node = topology_->graph.nodeOf(asn);
    const auto found = node ? nodes_.find(*node) : nodes_.end();
    return found == nodes_.end() ? QPointF() : found->second.centre;
}

void ClassroomView::moveAs(Asn asn, QPointF scenePosition) {
    const auto node = topology_->graph.nodeOf(asn);
    if (!node) {
        return;
    }
    remember();
    movedPositions_[*node] = scenePosition;
    buildScene();
    refresh();
}

void ClassroomView::resetLayout() {
    if (movedPositions_.empty()) {
        return;
    }
    remember();
    movedPositions_.clear();
    buildScene();
    refresh();
}

std::vector<Asn> ClassroomView::drawnPath() const {
    std::vector<Asn> path;
    if (!routing_ || !explained_) {
        return path;
    }
    for (NodeIndex hop : pathAt(*explained_, phase_)) {
        path.push_back(topology_->graph.asnOf(hop));
    }
    return path.size() > 1 ? path : std::vector<Asn>{};
}

void ClassroomView::refresh() {
    const AsGraph& graph = topology_->graph;
    for (auto& [node, graphics] : nodes_) {
        const Asn asn = graph.asnOf(node);
        const std::optional<QColor> colour = outcomeColour(node);
        graphics.circle->setBrush(colour.value_or(pendingColour()));
        QPen pen(colour ? colour->darker(140) : QColor(0xBB, 0xBB, 0xBB), 2);
        if (victim_ == node) {
            pen = QPen(victimColour().darker(160), 5);
        }
        if (attacker_ == node) {
            pen = QPen(attackerColour().darker(160), 5);
        }
        if (std::find(rovAdopters_.begin(), rovAdopters_.end(), node) != rovAdopters_.end()) {
            pen.setStyle(Qt::DashLine);
        }
        graphics.circle->setPen(pen);
        const bool dark = colour && colour != pendingColour() && colour->lightness() < 160;
        graphics.number->setBrush(dark ? Qt::white : Qt::black);
        const QRectF numberBox = graphics.number->boundingRect();
        graphics.number->setPos(graphics.centre.x() - numberBox.width() / 2,
                                graphics.centre.y() - numberBox.height() / 2);
        const QString label = labelOf(asn);
        if (graphics.label->toPlainText() != label) {
            graphics.label->setPlainText(label);
            double widest = 0;
            const QFontMetricsF metrics(graphics.label->font());
            for (const QString& line : label.split('\n')) {
                widest = std::max(widest, metrics.horizontalAdvance(line));
            }
            graphics.label->setTextWidth(widest + 4);
        }
        const QRectF labelBox = graphics.label->boundingRect();
        graphics.label->setPos(graphics.centre.x() - labelBox.width() / 2,
                               graphics.centre.y() + kNodeRadius + 2);
        graphics.badge->setText(badgeOf(asn));
        graphics.badge->setPos(
            graphics.centre.x() + kNodeRadius - 8,
            graphics.centre.y() - kNodeRadius - graphics.badge->boundingRect().height() + 8);
    }
    for (QGraphicsPathItem* item : pathItems_) {
        scene_.removeItem(item);
        delete item;
    }
    pathItems_.clear();
    const std::vector<Asn> path = drawnPath();
    if (!path.empty()) {
        const QColor colour = colourOf(path.front());
        for (std::size_t i = 0; i + 1 < path.size(); ++i) {
            const QPointF from = nodes_[*graph.nodeOf(path[i])].centre;
            const QPointF to = nodes_[*graph.nodeOf(path[i + 1])].centre;
            const QLineF line(from, to);
            const QPointF unit = (to - from) / std::max(line.length(), 1.0);
            const QPointF start = from + unit * kNodeRadius;
            const QPointF tip = to - unit * (kNodeRadius + 2);
            const QPointF normal(-unit.y(), unit.x());
            QPainterPath arrow(start);
            arrow.lineTo(tip);
            arrow.moveTo(tip);
            arrow.lineTo(tip - unit * 16 + normal * 9);
            arrow.moveTo(tip);
            arrow.lineTo(tip - unit * 16 - normal * 9);
            auto* item = scene_.addPath(
                arrow, QPen(colour.darker(130), 6, Qt::SolidLine, Qt::RoundCap, Qt::RoundJoin));
            item->setZValue(-1);
            pathItems_.push_back(item);
        }
    }
    if (phase_ < 0) {
        phaseLabel_->setText(victim_ && attacker_ ? "Ready: press Run attack (Ctrl+R)."
                                                  : "Choose a victim and an attacker.");
    } else {
        phaseLabel_->setText(QString("Phase %1 of 3: %2.").arg(phase_).arg(kPhaseNames[phase_]));
    }
    captionLabel_->setText("<b>" + caption_.toHtmlEscaped() + "</b>");
    captionLabel_->setVisible(!caption_.isEmpty());
    const QString quorum = quorumText();
    QStringList lines = quorum.split('\n');
    for (QString& line : lines) {
        line = line.toHtmlEscaped();
    }
    if (!lines.isEmpty()) {
        lines[0] = "<b>" + lines[0] + "</b>";
    }
    for (QString& line : lines) {
        if (line.startsWith("\u26a0")) {
            line = "<span style='color:#b04000'>" + line + "</span>";
        }
    }
    meter_->setText(lines.join("<br>"));
    explanation_->setText(explanationText());
    backButton_->setEnabled(phase_ > 0);
    if (fitted_ && !dragging_) {
        fitToWindow();  // badges and labels change the drawing's extent
    }
}

QString ClassroomView::statusHint() const {
    return "Classroom: choose a victim, an attacker and perspectives, then Run (Ctrl+R), Step "
           "(Right), Back (Left) or Play (Space); right-click an AS for more.";
}

void ClassroomView::zoomBy(double factor) {
    fitted_ = false;
    view_->scale(factor, factor);
}

void ClassroomView::fitToWindow() {
    fitted_ = true;
    const QRectF drawing = scene_.itemsBoundingRect().adjusted(-20, -20, 20, 20);
    scene_.setSceneRect(drawing);
    view_->resetTransform();
    view_->fitInView(drawing, Qt::KeepAspectRatio);
}

void ClassroomView::resizeEvent(QResizeEvent* event) {
    QWidget::resizeEvent(event);
    sizePanel();
    if (fitted_) {
        fitToWindow();
    }
}

void ClassroomView::setTextScale(double scale) {
    textScale_ = std::clamp(scale, 0.75, 3.0);
    buildScene();
    refresh();
    if (fitted_) {
        fitToWindow();
    }
}

bool ClassroomView::exportDrawing(const QString& path) {
    const QRectF source = scene_.itemsBoundingRect().adjusted(-20, -20, 20, 20);
    if (path.endsWith(".svg", Qt::CaseInsensitive)) {
        QSvgGenerator generator;
        generator.setFileName(path);
        generator.setSize(source.size().toSize());
        generator.setViewBox(QRectF(QPointF(0, 0), source.size()));
        generator.setTitle("mpicsim classroom");
        QPainter painter;
        if (!painter.begin(&generator)) {
            emit failed(path + ": cannot write");
            return false;
        }
        painter.fillRect(QRectF(QPointF(0, 0), source.size()), Qt::white);
        scene_.render(&painter, QRectF(QPointF(0, 0), source.size()), source);
        painter.end();
        return true;
    }
    QImage image((source.size() * 2).toSize(), QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene_.render(&painter, QRectF(image.rect()), source);
    painter.end();
    if (!image.save(path)) {
        emit failed(path + ": cannot write (use .png or .svg)");
        return false;
    }
    return true;
}

}  // namespace mpicsim::gui
