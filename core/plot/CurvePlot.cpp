#include "plot/CurvePlot.h"

#include "curation/Zones.h"
#include "vocab/VocabularyColour.h"

#include <fmt/format.h>

#include <QFont>
#include <QImage>
#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace rlthf::plot {

namespace {

struct Frame {
    QRectF area;
    double n;
    double lo;
    double hi;
    double x(double rank) const { return area.left() + area.width() * rank / std::max(1.0, n - 1); }
    double y(double v) const { return area.bottom() - area.height() * (v - lo) / (hi - lo); }
};

// Zone bands are the zone's colour, light enough for the curve to stay readable over them.
QColor zoneColor(Zone zone) {
    QColor c = qColorOf(zone);
    c.setAlpha(50);
    return c;
}

QString qs(const std::string& s) { return QString::fromStdString(s); }

void drawMarker(QPainter& p, const Frame& f, double rank, const QString& label, const QColor& color,
                int row) {
    p.setPen(QPen(color, 1.5, Qt::DashLine));
    p.drawLine(QPointF(f.x(rank), f.area.top()), QPointF(f.x(rank), f.area.bottom()));
    p.setPen(color);
    // Labels near the right edge go on the left of their line, so they stay inside the frame.
    const double width = p.fontMetrics().horizontalAdvance(label);
    const double x = f.x(rank) + 4 + width > f.area.right() ? f.x(rank) - 4 - width : f.x(rank) + 4;
    p.drawText(QPointF(x, f.area.top() + 16 + 16 * row), label);
}

} // namespace

std::vector<double> windowShares(const std::vector<bool>& correct, int windows) {
    std::vector<double> shares;
    const std::size_t n = correct.size();
    if (n == 0 || windows < 1)
        return shares;
    for (int w = 0; w < windows; ++w) {
        const std::size_t begin = n * std::size_t(w) / std::size_t(windows);
        const std::size_t end = n * std::size_t(w + 1) / std::size_t(windows);
        if (end <= begin) {
            shares.push_back(0.0);
            continue;
        }
        const auto hits = std::count(correct.begin() + long(begin), correct.begin() + long(end), true);
        shares.push_back(double(hits) / double(end - begin));
    }
    return shares;
}

Status writeCurvePng(const CurvePlot& plot, const std::string& path, int width, int height) {
    if (plot.margins.empty())
        return Error{"no margins to plot: run an iteration first"};
    QImage image(width, height, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    QFont font = p.font();
    font.setPixelSize(13);
    p.setFont(font);

    const auto [minIt, maxIt] = std::minmax_element(plot.margins.begin(), plot.margins.end());
    double lo = *minIt, hi = *maxIt;
    if (hi - lo < 1e-9) {
        lo -= 1.0;
        hi += 1.0;
    }
    const double pad = 0.05 * (hi - lo);
    const Frame f{QRectF(80, 50, width - 160, height - 120),
                  double(plot.margins.size()), lo - pad, hi + pad};

    // Zones as shaded bands.
    const auto zones = curation::zonesByRank(plot.landmarks, plot.beta);
    std::size_t start = 0;
    for (std::size_t k = 1; k <= zones.size(); ++k) {
        if (k == zones.size() || zones[k] != zones[start]) {
            p.fillRect(QRectF(QPointF(f.x(double(start)), f.area.top()),
                              QPointF(f.x(double(k - 1)) + 1, f.area.bottom())),
                       zoneColor(zones[start]));
            start = k;
        }
    }

    // AI-label accuracy per window, on a 0..1 axis at the right.
    if (!plot.windowAccuracy.empty()) {
        const double w = f.area.width() / double(plot.windowAccuracy.size());
        p.setPen(Qt::NoPen);
        for (std::size_t i = 0; i < plot.windowAccuracy.size(); ++i) {
            const double acc = plot.windowAccuracy[i];
            const QRectF bar(f.area.left() + w * double(i) + w * 0.3,
                             f.area.bottom() - f.area.height() * acc, w * 0.4,
                             f.area.height() * acc);
            p.setBrush(QColor(31, 111, 235, 55));
            p.drawRect(bar);
            p.setPen(QColor(31, 111, 235));
            p.drawText(QRectF(bar.left() - 20, bar.top() - 18, bar.width() + 40, 16),
                       Qt::AlignCenter, QString::number(acc, 'f', 2));
            p.setPen(Qt::NoPen);
        }
        p.setPen(QColor(31, 111, 235));
        p.drawText(QPointF(f.area.right() + 8, f.area.top() + 4), QStringLiteral("1.0"));
        p.drawText(QPointF(f.area.right() + 8, f.area.bottom()), QStringLiteral("0.0"));
        p.save();
        p.translate(width - 20, f.area.center().y() + 80);
        p.rotate(-90);
        p.drawText(QPointF(0, 0), QStringLiteral("AI-label accuracy per window"));
        p.restore();
    }

    // Axes and zero line.
    p.setPen(QPen(Qt::black, 1));
    p.setBrush(Qt::NoBrush);
    p.drawRect(f.area);
    if (f.lo < 0 && f.hi > 0) {
        p.setPen(QPen(Qt::gray, 1, Qt::DotLine));
        p.drawLine(QPointF(f.area.left(), f.y(0)), QPointF(f.area.right(), f.y(0)));
    }
    p.setPen(Qt::black);
    for (int t = 0; t <= 4; ++t) {
        const double v = f.lo + (f.hi - f.lo) * t / 4.0;
        p.drawText(QRectF(0, f.y(v) - 8, 74, 16), Qt::AlignRight | Qt::AlignVCenter,
                   QString::number(v, 'f', 2));
    }
    p.drawText(QRectF(f.area.left(), f.area.bottom() + 6, f.area.width(), 18), Qt::AlignCenter,
               QStringLiteral("rank (sorted by reward margin Δ, descending) — %1 pairs")
                   .arg(plot.margins.size()));
    p.save();
    p.translate(18, f.area.center().y() + 60);
    p.rotate(-90);
    p.drawText(QPointF(0, 0), QStringLiteral("reward margin Δ"));
    p.restore();

    // The curve.
    QPainterPath curve;
    const std::size_t n = plot.margins.size();
    const std::size_t step = std::max<std::size_t>(1, n / std::size_t(f.area.width() * 2));
    curve.moveTo(f.x(0), f.y(plot.margins[0]));
    for (std::size_t k = step; k < n; k += step)
        curve.lineTo(f.x(double(k)), f.y(plot.margins[k]));
    curve.lineTo(f.x(double(n - 1)), f.y(plot.margins[n - 1]));
    p.setPen(QPen(QColor(20, 20, 20), 2));
    p.setBrush(Qt::NoBrush);
    p.drawPath(curve);

    const auto& lm = plot.landmarks;
    const auto mark = [&](Landmark landmark, std::size_t rank) {
        drawMarker(p, f, double(rank), QStringLiteral("%1 %2").arg(labelOf(landmark)).arg(rank),
                   qColorOf(landmark), static_cast<int>(landmark));
    };
    mark(Landmark::Elbow, lm.elbow);
    mark(Landmark::Knee, lm.knee);
    if (lm.reflection)
        mark(Landmark::Reflection, *lm.reflection);

    // Title and legend.
    font.setPixelSize(16);
    font.setBold(true);
    p.setFont(font);
    p.setPen(Qt::black);
    p.drawText(QPointF(80, 30), qs(plot.title));
    font.setPixelSize(12);
    font.setBold(false);
    p.setFont(font);
    double lx = f.area.left();
    const double ly = height - 22;
    for (Zone zone : allOf<Zone>()) {
        QColor c = zoneColor(zone);
        c.setAlpha(140);
        p.fillRect(QRectF(lx, ly - 11, 14, 14), c);
        p.setPen(Qt::black);
        p.drawText(QPointF(lx + 18, ly), labelOf(zone));
        lx += 140;
    }
    if (!plot.windowAccuracy.empty()) {
        p.fillRect(QRectF(lx, ly - 11, 14, 14), QColor(31, 111, 235, 110));
        p.drawText(QPointF(lx + 18, ly), QStringLiteral("share of correct AI labels per tenth of the ranks"));
    }
    p.end();
    if (!image.save(QString::fromStdString(path), "PNG"))
        return Error{fmt::format("{}: cannot write the PNG", path)};
    return {};
}

} // namespace rlthf::plot
