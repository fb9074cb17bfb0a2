#include "mpicsim/analysis/ChartFiles.hpp"

#include <sys/stat.h>
#include <unistd.h>

#include <QApplication>
#include <QGraphicsScene>
#include <QImage>
#include <QPainter>
#include <QSvgGenerator>
#include <cstdlib>
#include <memory>

#include "mpicsim/analysis/StudyCharts.hpp"
#include "mpicsim/io/InputError.hpp"

namespace mpicsim {
namespace {

// Lays the chart out at the file size in a scene of its own and paints it.
void paint(QChart& chart, QPaintDevice& device) {
    QGraphicsScene scene;
    scene.addItem(&chart);
    chart.setGeometry(0, 0, ChartFiles::kWidth, ChartFiles::kHeight);
    scene.setSceneRect(0, 0, ChartFiles::kWidth, ChartFiles::kHeight);
    QPainter painter(&device);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    scene.render(&painter, QRectF(0, 0, ChartFiles::kWidth, ChartFiles::kHeight),
                 QRectF(0, 0, ChartFiles::kWidth, ChartFiles::kHeight));
    painter.end();
    scene.removeItem(&chart);
}

}  // namespace

void ChartFiles::ensureApplication() {
    if (QCoreApplication::instance() != nullptr) {
        return;
    }
    const bool display =
        std::getenv("DISPLAY") != nullptr || std::getenv("WAYLAND_DISPLAY") != nullptr;
    if (std::getenv("QT_QPA_PLATFORM") == nullptr && !display) {
        qputenv("QT_QPA_PLATFORM", "offscreen");
    }
    // Qt warns on the console when there is no runtime directory (a CLI run over ssh or in a
    // container): give it a private one, as a login session would.
    if (std::getenv("XDG_RUNTIME_DIR") == nullptr) {
        const std::filesystem::path runtime = std::filesystem::temp_directory_path() /
                                              ("mpicsim-runtime-" + std::to_string(::getuid()));
        ::mkdir(runtime.c_str(), 0700);
        struct stat status {};
        if (::stat(runtime.c_str(), &status) == 0 && status.st_uid == ::getuid() &&
            (status.st_mode & 0777) == 0700) {
            qputenv("XDG_RUNTIME_DIR", QByteArray::fromStdString(runtime.string()));
        }
    }
    static int argc = 1;
    static char name[] = "mpicsim";
    static char* argv[] = {name, nullptr};
    static QApplication* application = new QApplication(argc, argv);
    (void)application;
}

void ChartFiles::writePng(QChart& chart, const std::filesystem::path& path) {
    QImage image(kWidth, kHeight, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    paint(chart, image);
    if (!image.save(QString::fromStdString(path.string()), "PNG")) {
        throw InputError(path.string(), 0, "cannot write the PNG file");
    }
}

void ChartFiles::writeSvg(QChart& chart, const std::filesystem::path& path) {
    QSvgGenerator generator;
    generator.setFileName(QString::fromStdString(path.string()));
    generator.setSize(QSize(kWidth, kHeight));
    generator.setViewBox(QRect(0, 0, kWidth, kHeight));
    generator.setTitle(chart.title());
    generator.setDescription("mpicsim chart");
    paint(chart, generator);
    if (!std::filesystem::exists(path)) {
        throw InputError(path.string(), 0, "cannot write the SVG file");
    }
}

std::vector<std::filesystem::path> ChartFiles::writeAll(const Summary& summary,
                                                        const std::filesystem::path& folder) {
    ensureApplication();
    std::filesystem::create_directories(folder);
    std::vector<std::filesystem::path> written;
    for (const StudyCharts::Chart& entry : StudyCharts::available(summary)) {
        const std::unique_ptr<QChart> chart(entry.build());
        const auto png = folder / (entry.stem + ".png");
        const auto svg = folder / (entry.stem + ".svg");
        writePng(*chart, png);
        writeSvg(*chart, svg);
        written.push_back(png);
        written.push_back(svg);
    }
    return written;
}

}  // namespace mpicsim
