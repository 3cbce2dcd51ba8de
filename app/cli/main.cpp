// `rlthf`: the quick commands run here, without LibTorch; model commands become the engine
// program (same process, same arguments, same terminal).

#include "Cli.h"

#include <QCoreApplication>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace {

// Installed and built alike, the engine sits at the same place relative to this program.
std::filesystem::path engineProgram() {
    std::error_code error;
    const auto self = std::filesystem::read_symlink("/proc/self/exe", error);
    return (self.parent_path() / RLTHF_ENGINE_FROM_BINDIR / "rlthf-engine").lexically_normal();
}

int execEngine(const std::vector<std::string>& args) {
    const std::string engine = engineProgram().string();
    std::vector<char*> argv;
    argv.push_back(const_cast<char*>("rlthf"));
    for (const auto& arg : args)
        argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    std::cout.flush();
    ::execv(engine.c_str(), argv.data());
    std::cerr << "rlthf: error: cannot start the model engine " << engine << ": "
              << std::strerror(errno) << "\n";
    return 1;
}

} // namespace

int main(int argc, char** argv) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("rlthf"));
    const std::vector<std::string> args(argv + 1, argv + argc);
    return rlthf::cli::runQuick(args, std::cout, std::cerr, execEngine);
}
