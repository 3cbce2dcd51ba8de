#pragma once
// The POSIX (fcntl) locks this process holds on a file, as /proc/locks lists them (Linux).

#include <fstream>
#include <sstream>
#include <string>
#include <sys/stat.h>
#include <unistd.h>

namespace rlthf::test {

// -1 if the file cannot be found. Matched by inode number and this process's id.
inline int posixLocksHeldOn(const std::string& path) {
    struct stat file {};
    if (::stat(path.c_str(), &file) != 0)
        return -1;
    const std::string pid = std::to_string(::getpid());
    const std::string inode = ":" + std::to_string(file.st_ino);
    std::ifstream locks("/proc/locks");
    int held = 0;
    // "1: POSIX  ADVISORY  READ 4242 fe:01:1234567 128 128", or "1: -> POSIX ..." if waiting.
    for (std::string line; std::getline(locks, line);) {
        std::istringstream fields(line);
        std::string index, kind, advisory, mode, owner, device;
        fields >> index >> kind;
        if (kind == "->")
            continue;
        fields >> advisory >> mode >> owner >> device;
        const bool sameInode =
            device.size() > inode.size() &&
            device.compare(device.size() - inode.size(), inode.size(), inode) == 0;
        if (kind == "POSIX" && owner == pid && sameInode)
            ++held;
    }
    return held;
}

} // namespace rlthf::test
