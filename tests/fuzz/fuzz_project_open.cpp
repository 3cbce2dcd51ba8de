// Opening a project file read-only: the fuzz bytes (mutations of a small real project) are
// written to a file and opened with OpenMode::ReadOnly. It opens or is refused with a
// message; it never crashes or hangs, never migrates and never writes: the file's bytes are
// the same afterwards, even after a write is attempted through the opened project.

#include "FuzzSupport.h"
#include "store/Project.h"

using namespace rlthf;

namespace {

void removeProjectFiles(const std::string& path) {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
        std::error_code ec;
        std::filesystem::remove(path + suffix, ec);
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const fuzz::ScratchDir dir("project-open");
    const std::string path = dir.file("fuzz.rlthf");
    const std::string_view before = fuzz::bytes(data, size);
    removeProjectFiles(path);
    fuzz::writeFile(path, before);
    {
        auto project = store::Project::open(path, store::OpenMode::ReadOnly);
        if (project) {
            // What the workstation reads first; errors are fine, crashes are not.
            (void)project->dataRevision();
            (void)project->setting("judge");
            (void)project->setting("loop");
            (void)project->setSetting("fuzz", "must not reach the file");
        } else {
            fuzz::require(!project.message().empty(), "a refused project has no message");
        }
    }
    fuzz::require(fuzz::readFile(path) == before, "opening a project read-only changed the file");
    removeProjectFiles(path);
    return 0;
}
