#pragma once

#include <QColor>
#include <QGraphicsScene>
#include <QGraphicsView>
#include <QWidget>
#include <map>
#include <memory>
#include <optional>
#include <vector>

#include "ClassroomTopology.hpp"
#include "mpicsim/mpic/QuorumPolicy.hpp"
#include "mpicsim/routing/AttackType.hpp"
#include "mpicsim/routing/RoutingOutcome.hpp"
#include "mpicsim/routing/RovDeployment.hpp"
#include "mpicsim/routing/TieBreakRanking.hpp"

class QComboBox;
class QLabel;
class QPushButton;
class QTextBrowser;
class QTimer;
class QButtonGroup;
class QGraphicsEllipseItem;
class QGraphicsSimpleTextItem;
class QGraphicsRectItem;

namespace mpicsim::gui {

// The classroom demonstration: pick a victim, an attacker, the CA's perspectives and ROV
// adopters on a small topology, run a hijack, and step through the three propagation phases
// while every AS takes the colour of the origin its traffic reaches.
class ClassroomView : public QWidget {
    Q_OBJECT

  public:
    enum class ClickMode { Victim, Attacker, Perspective, Rov, Explain };

    explicit ClassroomView(const QString& classroomFolder, QWidget* parent = nullptr);
    ~ClassroomView() override;

    void setClickMode(ClickMode mode);
    void clickAs(Asn asn);  // what a click on the AS does in the current mode
    void setAttackType(AttackType type);
    void setPolicyDate(const QString& isoDate);  // a BR phase date

    bool run();    // computes the attack; shows phase 0 (the origins only)
    bool step();   // shows the next phase; false when all three are shown
    void play();   // steps on a timer
    void reset();  // forgets the attack and the selections
    int phase() const { return phase_; }

    QString quorumText() const;
    QString explanationText() const;
    QColor colourOf(Asn asn) const;
    QGraphicsScene* scene() { return &scene_; }

    static QColor victimColour() { return QColor(0x00, 0x72, 0xB2); }
    static QColor attackerColour() { return QColor(0xD5, 0x5E, 0x00); }
    static QColor noRouteColour() { return QColor(0x99, 0x99, 0x99); }
    static QColor pendingColour() { return QColor(0xF2, 0xF2, 0xF2); }

  signals:
    void statusMessage(const QString& message);

  private:
    struct NodeGraphics {
        QGraphicsEllipseItem* circle = nullptr;
        QGraphicsSimpleTextItem* label = nullptr;
        QGraphicsSimpleTextItem* badge = nullptr;
    };

    void buildScene();
    void buildControls();
    void refresh();
    void invalidate();
    std::optional<QColor> outcomeColour(NodeIndex node) const;
    QString describe(NodeIndex node) const;
    bool eventFilter(QObject* watched, QEvent* event) override;

    std::unique_ptr<ClassroomTopology> topology_;
    std::unique_ptr<TieBreakRanking> ranking_;
    QGraphicsScene scene_;
    QGraphicsView* view_ = nullptr;
    std::map<NodeIndex, NodeGraphics> nodes_;
    std::map<QGraphicsItem*, NodeIndex> itemNodes_;

    ClickMode mode_ = ClickMode::Victim;
    std::optional<NodeIndex> victim_;
    std::optional<NodeIndex> attacker_;
    std::vector<NodeIndex> perspectives_;  // the first is the primary
    std::vector<NodeIndex> rovAdopters_;
    std::optional<NodeIndex> explained_;
    AttackType attackType_ = AttackType::EquallySpecific;
    QuorumPolicy policy_;

    std::unique_ptr<RovDeployment> rov_;
    std::unique_ptr<RoutingOutcome> routing_;
    int phase_ = -1;  // -1: not run

    QButtonGroup* modes_ = nullptr;
    QComboBox* attackBox_ = nullptr;
    QComboBox* policyBox_ = nullptr;
    QLabel* meter_ = nullptr;
    QLabel* phaseLabel_ = nullptr;
    QTextBrowser* explanation_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* stepButton_ = nullptr;
    QPushButton* playButton_ = nullptr;
    QTimer* timer_ = nullptr;
};

}  // namespace mpicsim::gui
