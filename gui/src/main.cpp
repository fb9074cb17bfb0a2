#include <QApplication>
#include <QMessageBox>

#include "MainWindow.hpp"
#include "mpicsim/io/InputError.hpp"

int main(int argc, char** argv) {
    QApplication application(argc, argv);
    QApplication::setApplicationName("mpicsim-gui");
    try {
        mpicsim::gui::MainWindow window(mpicsim::gui::MainWindow::findClassroomFolder());
        window.resize(1280, 800);
        window.show();
        return QApplication::exec();
    } catch (const mpicsim::InputError& error) {
        QMessageBox::critical(nullptr, "mpicsim-gui", error.what());
        return 2;
    }
}
