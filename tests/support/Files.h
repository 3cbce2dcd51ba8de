#pragma once
// Small file helpers for tests: write fixtures, read bytes back.

#include <fstream>
#include <iconv.h>
#include <iterator>
#include <stdexcept>
#include <string>
#include <zlib.h>

namespace rlthf::test {

inline void writeFile(const std::string& path, const std::string& bytes) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    if (!out)
        throw std::runtime_error("cannot write " + path);
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

inline void writeGzip(const std::string& path, const std::string& bytes) {
    gzFile f = gzopen(path.c_str(), "wb");
    if (!f || gzwrite(f, bytes.data(), static_cast<unsigned>(bytes.size())) !=
                  static_cast<int>(bytes.size()))
        throw std::runtime_error("cannot write " + path);
    gzclose(f);
}

inline std::string readGzip(const std::string& path) {
    gzFile f = gzopen(path.c_str(), "rb");
    std::string out;
    char buf[65536];
    int n = 0;
    while ((n = gzread(f, buf, sizeof buf)) > 0)
        out.append(buf, static_cast<std::size_t>(n));
    gzclose(f);
    return out;
}

// UTF-8 text in CP932 (Shift_JIS as Excel writes it in Japan).
inline std::string toCp932(const std::string& utf8) {
    iconv_t cd = iconv_open("CP932", "UTF-8");
    if (cd == reinterpret_cast<iconv_t>(-1))
        throw std::runtime_error("this system cannot convert to CP932");
    std::string in = utf8, out(utf8.size() * 2 + 4, '\0');
    char* from = in.data();
    char* to = out.data();
    std::size_t inLeft = in.size(), outLeft = out.size();
    const bool converted = iconv(cd, &from, &inLeft, &to, &outLeft) != static_cast<std::size_t>(-1);
    iconv_close(cd);
    if (!converted)
        throw std::runtime_error("text without a CP932 form: " + utf8);
    out.resize(out.size() - outLeft);
    return out;
}

} // namespace rlthf::test
