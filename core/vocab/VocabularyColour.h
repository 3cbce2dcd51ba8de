#pragma once
// A vocabulary value's colour as a QColor (for code that links Qt GUI: charts and plots).

#include "vocab/Vocabulary.h"

#include <QColor>

namespace rlthf {

template <class E> QColor qColorOf(E value) {
    const Rgb c = colourOf(value);
    return QColor(c.red, c.green, c.blue);
}

} // namespace rlthf
