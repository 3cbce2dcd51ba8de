#pragma once
// A scripted HTTP/1.1 server on 127.0.0.1 (random port): the tests' judge and embedding
// server, and the benchmark's stand-in for an LLM judge. It runs in its own thread, so its
// user may block (waiting for a process, say) while it answers. The script decides each
// answer: status, body and headers, a delay, hanging up, or never answering at all.

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QPair>
#include <QString>

#include <chrono>
#include <functional>
#include <mutex>
#include <vector>

class QObject;
class QTcpSocket;
class QThread;

namespace rlthf::judge {

struct HttpRequest {
    int index = 0; // arrival order, from 0
    QByteArray method;
    QByteArray path;
    QMap<QByteArray, QByteArray> headers; // names in lower case
    QByteArray body;
    std::chrono::steady_clock::time_point receivedAt;
};

struct HttpResponse {
    int status = 200;
    QByteArray body;
    QList<QPair<QByteArray, QByteArray>> headers;
    std::chrono::milliseconds delay{0}; // answer after this long
    bool hang = false;                  // keep the connection open and never answer
    bool drop = false;                  // close the connection without answering
};

class ScriptedServer {
public:
    // `script` runs in the server's thread, once per request.
    using Script = std::function<HttpResponse(const HttpRequest&)>;

    explicit ScriptedServer(Script script);
    ~ScriptedServer();
    ScriptedServer(const ScriptedServer&) = delete;
    ScriptedServer& operator=(const ScriptedServer&) = delete;

    quint16 port() const { return m_port; }
    // An OpenAI-style base URL on this server: http://127.0.0.1:PORT/v1
    QString baseUrl() const;
    std::vector<HttpRequest> requests() const;

private:
    void listen();
    void serve(QTcpSocket* socket);
    void record(HttpRequest& request);

    Script m_script;
    QThread* m_thread = nullptr;
    QObject* m_context = nullptr; // lives in m_thread: the target of calls into it
    QObject* m_root = nullptr;    // created in m_thread: owns the listener and connections
    quint16 m_port = 0;
    mutable std::mutex m_mutex;
    std::vector<HttpRequest> m_requests;
};

// An OpenAI-style chat completion whose answer is `content`.
QByteArray chatCompletion(const QString& content, int promptTokens = 100, int completionTokens = 2);

// A judge that answers every chat completion after `delay`, with A or B chosen from the
// request's bytes (so the same question gets the same answer): load for benchmarks.
ScriptedServer::Script steadyJudge(std::chrono::milliseconds delay);

} // namespace rlthf::judge
