#pragma once

#include <QMainWindow>

#include "Lesson.hpp"

class QMenu;
class QTabWidget;

namespace mpicsim::gui {

class ClassroomView;
class StudyView;

// The application window: the classroom view and the study view as tabs, with window state
// and recent files remembered (QSettings), lessons opened, saved and stepped through, and
// errors shown in dialogs.
class MainWindow : public QMainWindow {
    Q_OBJECT

  public:
    explicit MainWindow(const QString& classroomFolder, QWidget* parent = nullptr);

    ClassroomView* classroom() { return classroom_; }
    StudyView* study() { return study_; }
    QTabWidget* tabs() { return tabs_; }

    // The folder holding classroom-links.txt: $MPICSIM_CLASSROOM, the installed copy, or the
    // source tree's topology_data/classroom.
    static QString findClassroomFolder();

    // Reads a lesson (its topology too, when it names one) and shows its first step; false
    // after showing the error (file and JSON Pointer).
    bool openLesson(const QString& path);
    // Writes the lesson built so far, or the setup shown as a one-step lesson.
    bool saveLesson(const QString& path);
    // Appends the setup shown to the lesson being built.
    void addLessonStep();
    bool showLessonStep(int index);
    int lessonStep() const { return lessonStep_; }
    const Lesson& lesson() const { return lesson_; }

  signals:
    void errorShown(const QString& message);

  protected:
    void closeEvent(QCloseEvent* event) override;

  private:
    void showError(const QString& message);
    void rebuildRecentMenu();
    void showTabHint();

    QTabWidget* tabs_ = nullptr;
    ClassroomView* classroom_ = nullptr;
    StudyView* study_ = nullptr;
    QMenu* recentMenu_ = nullptr;
    Lesson lesson_;
    int lessonStep_ = -1;
};

}  // namespace mpicsim::gui
