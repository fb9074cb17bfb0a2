#pragma once

#include <QColor>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QWidget>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "ClassroomSetup.hpp"
#include "ClassroomTopology.hpp"
#include "mpicsim/mpic/CaConfiguration.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"
#include "mpicsim/mpic/Verdict.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QScrollArea;
class QTimer;
class QButtonGroup;
class QGraphicsEllipseItem;
class QGraphicsSimpleTextItem;
class QGraphicsTextItem;
class QGraphicsPathItem;

namespace mpicsim::gui {

// The classroom demonstration: pick a victim, an attacker, the CA's perspectives and ROV
// adopters on a small topology, run a hijack, and step through the three propagation phases
// while every AS takes the colour of the origin its traffic reaches. The verdict, its reason and
// the explanations come from the engine (Corroboration, ComplianceChecker, DecisionExplainer).
class ClassroomView : public QWidget {
    Q_OBJECT

  public:
    enum class ClickMode { Victim, Attacker, Perspective, Rov, Explain };

    explicit ClassroomView(const QString& classroomFolder, QWidget* parent = nullptr);
    ~ClassroomView() override;

    // Replaces the topology (FOLDER/classroom-links.txt and classroom-names.txt); throws
    // InputError and keeps the old one on failure. Clears the setup.
    void loadTopology(const QString& folder);
    QString topologyFolder() const { return folder_; }
    const ClassroomTopology& topology() const { return *topology_; }

    void setClickMode(ClickMode mode);
    void clickAs(Asn asn);  // what a click on the AS does in the current mode
    void setAttackType(AttackType type);
    void setPolicyDate(const QString& isoDate);  // a BR phase date
    // A rule of QuorumPolicyTable by name, with a date for the phased ones; false if unknown.
    bool setPolicy(const QString& name, const QString& isoDate = {});
    // A rule made up for the lesson: n remotes need n - allowed corroborations.
    void setCustomPolicy(const ClassroomSetup::CustomRule& rule);
    const QuorumPolicy& policy() const { return policy_; }
    // Makes a perspective (or any AS) the primary; a former primary becomes a remote.
    void setPrimary(Asn asn);
    void setRemoteRir(Asn asn, Rir rir);
    Rir rirOf(Asn asn) const;

    bool run();       // computes the attack; shows phase 0 (the origins only)
    bool step();      // shows the next phase; false when all three are shown
    bool stepBack();  // shows the previous phase; false at phase 0 or before a run
    void play();      // steps on a timer
    void reset();     // forgets the attack and the selections
    bool undo();      // restores the setup before the last change
    int phase() const { return phase_; }

    // What the teacher says at this step, shown above the controls (part of the setup).
    void setCaption(const QString& caption);
    QString caption() const { return caption_; }

    ClassroomSetup setup() const;
    // Shows a setup (running the attack up to its phase); throws InputError naming `where`
    // (e.g. "lesson.json: at /steps/2") when an AS is not in the topology.
    void applySetup(const ClassroomSetup& setup, const std::string& where = "setup");
    // Throws the InputError applySetup would, changing nothing.
    void checkSetup(const ClassroomSetup& setup, const std::string& where) const;

    QString quorumText() const;
    QString explanationText() const;
    QColor colourOf(Asn asn) const;
    QString badgeOf(Asn asn) const;
    QString labelOf(Asn asn) const;
    QString statusHint() const;
    // The AS path drawn for the explained AS, from it to where its traffic ends.
    std::vector<Asn> drawnPath() const;
    // Where the AS is drawn (scene coordinates); the origin for an unknown AS.
    QPointF positionOf(Asn asn) const;
    // Moves an AS on the drawing (what dragging it does); saved with the setup.
    void moveAs(Asn asn, QPointF scenePosition);
    // Back to the automatic layout.
    void resetLayout();
    QGraphicsScene* scene() { return &scene_; }
    QGraphicsView* drawing() { return view_; }

    // The drawing alone, as PNG (at twice the screen size) or SVG; false with an error signal.
    bool exportDrawing(const QString& path);
    void zoomBy(double factor);
    void fitToWindow();
    // Scales every font of the drawing and the side panel (1.0: the default, for a projector
    // 1.5 or 2).
    void setTextScale(double scale);
    double textScale() const { return textScale_; }
    // Hides the controls so that the drawing takes the whole width (projector).
    void setPanelVisible(bool visible);
    bool panelVisible() const;

    static QColor victimColour() { return QColor(0x00, 0x72, 0xB2); }
    static QColor attackerColour() { return QColor(0xD5, 0x5E, 0x00); }
    static QColor noRouteColour() { return QColor(0x99, 0x99, 0x99); }
    static QColor pendingColour() { return QColor(0xF2, 0xF2, 0xF2); }

  signals:
    void statusMessage(const QString& message);
    void failed(const QString& message);

  protected:
    void resizeEvent(QResizeEvent* event) override;

  private:
    struct NodeGraphics {
        QGraphicsEllipseItem* circle = nullptr;
        QGraphicsSimpleTextItem* number = nullptr;
        QGraphicsTextItem* label = nullptr;  // centres each line
        QGraphicsSimpleTextItem* badge = nullptr;
        QPointF centre;
    };

    void buildScene();
    void buildControls();
    void applyFonts();
    void sizePanel();
    QFont drawingFont(double pointSize, bool bold) const;
    void refresh();
    // Re-propagates after a change of the attack's inputs, keeping the phase shown.
    void recompute();
    void editCustomRule();
    void remember();         // pushes the setup onto the undo history
    void clearSelections();  // victim, attacker, perspectives, ROV adopters, explained AS
    void showContextMenu(NodeIndex node, const QPoint& globalPosition);
    std::optional<Outcome> outcomeAt(NodeIndex node, int phase) const;
    std::optional<PrefixSlot> slotAt(NodeIndex node, int phase) const;
    std::vector<NodeIndex> pathAt(NodeIndex node, int phase) const;
    std::optional<QColor> outcomeColour(NodeIndex node) const;
    QString describe(NodeIndex node) const;
    // The AS's name, neutral for those the names file names after a demonstration role
    // ("Victim's host"), since any AS can take any role.
    QString nameOf(Asn asn) const;
    QString prefixName(PrefixSlot slot) const;
    QString slotSentence(NodeIndex node, PrefixSlot slot) const;
    CaConfiguration caConfiguration() const;
    std::optional<Verdict> verdict() const;
    bool isRemote(NodeIndex node) const;
    bool eventFilter(QObject* watched, QEvent* event) override;

    QString folder_;
    std::unique_ptr<ClassroomTopology> topology_;
    std::unique_ptr<TieBreakRanking> ranking_;
    QGraphicsScene scene_;
    QGraphicsView* view_ = nullptr;
    std::map<NodeIndex, NodeGraphics> nodes_;
    std::map<QGraphicsItem*, NodeIndex> itemNodes_;
    std::vector<QGraphicsPathItem*> pathItems_;

    ClickMode mode_ = ClickMode::Victim;
    std::optional<NodeIndex> victim_;
    std::optional<NodeIndex> attacker_;
    std::optional<NodeIndex> primary_;
    std::vector<NodeIndex> remotes_;
    std::map<NodeIndex, Rir> remoteRirs_;
    std::vector<NodeIndex> rovAdopters_;
    std::optional<NodeIndex> explained_;
    AttackType attackType_ = AttackType::EquallySpecific;
    QuorumPolicy policy_;
    ClassroomSetup::CustomRule customRule_;
    QString caption_;
    std::map<NodeIndex, QPointF> movedPositions_;  // dragged away from the layout
    std::optional<NodeIndex> pressed_;
    QPoint pressPoint_;
    bool dragging_ = false;
    std::vector<ClassroomSetup> history_;
    bool restoring_ = false;

    std::unique_ptr<RovDeployment> rov_;
    std::unique_ptr<RoutingOutcome> routing_;
    int phase_ = -1;  // -1: not run
    double textScale_ = 1.0;
    bool fitted_ = true;  // the drawing follows the window's size until the user zooms

    QButtonGroup* modes_ = nullptr;
    QComboBox* attackBox_ = nullptr;
    QComboBox* policyBox_ = nullptr;
    QLabel* meter_ = nullptr;
    QLabel* phaseLabel_ = nullptr;
    QLabel* captionLabel_ = nullptr;
    QTextBrowser* explanation_ = nullptr;
    QLabel* legend_ = nullptr;
    QWidget* side_ = nullptr;
    QScrollArea* sideScroll_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* stepButton_ = nullptr;
    QPushButton* backButton_ = nullptr;
    QPushButton* playButton_ = nullptr;
    QTimer* timer_ = nullptr;
};

}  // namespace mpicsim::gui
