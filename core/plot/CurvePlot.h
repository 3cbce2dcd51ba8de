#pragma once
// Renders the sorted reward-margin curve with its landmarks and zones to a PNG.
// Uses QtGui (QImage, QPainter), no widgets; needs a QGuiApplication (offscreen is fine).

#include "common/Result.h"
#include "curation/Curve.h"

#include <optional>
#include <string>
#include <vector>

namespace rlthf::plot {

struct CurvePlot {
    std::string title;
    std::vector<double> margins; // sorted descending
    curation::CurveLandmarks landmarks;
    double beta = 0.0; // to shade the backed-off part left of the knee
    // Share of correct AI labels in equal windows of ranks (e.g. 10), drawn as bars.
    std::vector<double> windowAccuracy;
};

// Share of true values in `windows` equal slices of ranks.
std::vector<double> windowShares(const std::vector<bool>& correct, int windows);

Status writeCurvePng(const CurvePlot& plot, const std::string& path, int width = 1200,
                     int height = 700);

} // namespace rlthf::plot
