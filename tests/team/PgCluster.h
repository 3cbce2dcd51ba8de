#pragma once
// A throwaway PostgreSQL cluster for the team tests: initdb in a fresh folder, a server
// listening on a Unix socket in that folder only (no TCP), stopped and removed at the end.
// PostgreSQL refuses to run as root, so under root (CI) it runs as the user `nobody`.

#include <catch2/catch.hpp>
#include <cstdlib>
#include <filesystem>
#include <fmt/format.h>
#include <random>
#include <string>
#include <unistd.h>

namespace rlthf::test {

class PgCluster {
  public:
    PgCluster() {
        m_bin = findBin();
        if (m_bin.empty())
            FAIL("PostgreSQL's server programs (initdb, pg_ctl) are not installed: "
                 "packaging/dev.sh deps installs postgresql-15");
        std::random_device rd;
        m_dir = std::filesystem::temp_directory_path() / fmt::format("rlthf-pg-{}{}", rd(), rd());
        std::filesystem::create_directories(m_dir);
        std::filesystem::permissions(
            m_dir, std::filesystem::perms::owner_all | std::filesystem::perms::group_read |
                       std::filesystem::perms::group_exec | std::filesystem::perms::others_read |
                       std::filesystem::perms::others_exec);
        if (geteuid() == 0)
            REQUIRE(run(fmt::format("chown nobody '{}'", m_dir.string())) == 0);
        REQUIRE(asServer(fmt::format("'{}/initdb' -D '{}/data' -A trust -U rlthf -E UTF8 "
                                     "--locale=C.UTF-8 --no-sync > '{}/initdb.log' 2>&1",
                                     m_bin, m_dir.string(), m_dir.string())) == 0);
        start();
        REQUIRE(run(fmt::format("psql -q '{}' -c 'CREATE DATABASE team' > /dev/null",
                                uri("postgres"))) == 0);
    }
    ~PgCluster() {
        stop();
        std::error_code ec;
        std::filesystem::remove_all(m_dir, ec);
    }
    PgCluster(const PgCluster&) = delete;
    PgCluster& operator=(const PgCluster&) = delete;

    std::string uri(const std::string& database = "team", const std::string& user = "rlthf") const {
        return fmt::format("postgresql:///{}?host={}&user={}", database, m_dir.string(), user);
    }

    void start() {
        REQUIRE(asServer(
                    fmt::format("'{}/pg_ctl' -D '{}/data' -l '{}/server.log' -w -s -o \"-k '{}' -c "
                                "listen_addresses=''\" start",
                                m_bin, m_dir.string(), m_dir.string(), m_dir.string())) == 0);
        m_running = true;
    }
    void stop() {
        if (!m_running)
            return;
        (void)asServer(
            fmt::format("'{}/pg_ctl' -D '{}/data' -w -s -m fast stop", m_bin, m_dir.string()));
        m_running = false;
    }

  private:
    static int run(const std::string& command) { return std::system(command.c_str()); }
    int asServer(const std::string& command) const {
        if (geteuid() == 0)
            return run(fmt::format("runuser -u nobody -- sh -c \"{}\"", escape(command)));
        return run(command);
    }
    static std::string escape(const std::string& text) {
        std::string out;
        for (char c : text) {
            if (c == '"' || c == '\\' || c == '$' || c == '`')
                out += '\\';
            out += c;
        }
        return out;
    }
    static std::string findBin() {
        std::string best;
        std::error_code ec;
        for (const auto& entry : std::filesystem::directory_iterator("/usr/lib/postgresql", ec))
            if (std::filesystem::exists(entry.path() / "bin" / "initdb") &&
                entry.path().string() > best)
                best = entry.path().string();
        return best.empty() ? best : best + "/bin";
    }

    std::string m_bin;
    std::filesystem::path m_dir;
    bool m_running = false;
};

} // namespace rlthf::test
