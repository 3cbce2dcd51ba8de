#pragma once
// Small helpers shared by the fuzz targets: a scratch directory, whole-file reads and
// writes, and a check that fails loudly in both the libFuzzer build and the replay driver.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <string_view>
#include <unistd.h>

namespace rlthf::fuzz {

// Aborts with a message: libFuzzer records the input as a crash, ctest sees a failure.
inline void require(bool condition, const char* what) {
    if (condition)
        return;
    std::fprintf(stderr, "fuzz property violated: %s\n", what);
    std::abort();
}

inline std::string_view bytes(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// One directory per process, under $TMPDIR, removed at exit.
class ScratchDir {
  public:
    explicit ScratchDir(const char* name) {
        namespace fs = std::filesystem;
        m_path = fs::temp_directory_path() /
                 (std::string("rlthf-fuzz-") + name + "-" + std::to_string(::getpid()));
        std::error_code ec;
        fs::remove_all(m_path, ec);
        fs::create_directories(m_path);
    }
    ~ScratchDir() {
        std::error_code ec;
        std::filesystem::remove_all(m_path, ec);
    }
    ScratchDir(const ScratchDir&) = delete;
    ScratchDir& operator=(const ScratchDir&) = delete;

    std::string file(const char* name) const { return (m_path / name).string(); }

  private:
    std::filesystem::path m_path;
};

inline void writeFile(const std::string& path, std::string_view content) {
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.close();
    require(out.good(), "cannot write the scratch file");
}

inline std::string readFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

} // namespace rlthf::fuzz
