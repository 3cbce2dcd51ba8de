#pragma once
// Makes a file read only for this test's user while it lives: by its mode, and where that is
// not enough (root may write any file) by the immutable attribute, if the file system has
// one. Only for a file no connection has open: it opens the file itself to set the attribute.

#include <fcntl.h>
#include <linux/fs.h>
#include <string>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace rlthf::test {

class ReadOnlyFile {
  public:
    explicit ReadOnlyFile(std::string path) : m_path(std::move(path)) {
        ::chmod(m_path.c_str(), 0444);
        if (::access(m_path.c_str(), W_OK) == 0)
            m_immutable = setImmutable(true);
    }
    ~ReadOnlyFile() {
        if (m_immutable)
            setImmutable(false);
        ::chmod(m_path.c_str(), 0644);
    }
    ReadOnlyFile(const ReadOnlyFile&) = delete;
    ReadOnlyFile& operator=(const ReadOnlyFile&) = delete;

    // Whether this user may now not write the file.
    explicit operator bool() const { return ::access(m_path.c_str(), W_OK) != 0; }

  private:
    bool setImmutable(bool on) const {
        const int fd = ::open(m_path.c_str(), O_RDONLY | O_CLOEXEC);
        if (fd < 0)
            return false;
        int flags = 0;
        bool done = ::ioctl(fd, FS_IOC_GETFLAGS, &flags) == 0;
        if (done) {
            flags = on ? (flags | FS_IMMUTABLE_FL) : (flags & ~FS_IMMUTABLE_FL);
            done = ::ioctl(fd, FS_IOC_SETFLAGS, &flags) == 0;
        }
        ::close(fd);
        return done;
    }

    std::string m_path;
    bool m_immutable = false;
};

} // namespace rlthf::test
