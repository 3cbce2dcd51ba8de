#include "judge/ScriptedServer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <QHostAddress>
#include <QMetaObject>
#include <QTcpServer>
#include <QTcpSocket>
#include <QThread>
#include <QTimer>

#include <memory>
#include <optional>
#include <stdexcept>

namespace rlthf::judge {

namespace {

const char* reasonPhrase(int status) {
    switch (status) {
    case 200: return "OK";
    case 400: return "Bad Request";
    case 401: return "Unauthorized";
    case 404: return "Not Found";
    case 429: return "Too Many Requests";
    case 500: return "Internal Server Error";
    case 503: return "Service Unavailable";
    default: return "Status";
    }
}

// Takes one complete request off the front of `buffer`, if it holds one.
std::optional<HttpRequest> takeRequest(QByteArray& buffer) {
    const qsizetype headerEnd = buffer.indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return std::nullopt;
    const QList<QByteArray> lines = buffer.left(headerEnd).split('\n');
    HttpRequest request;
    const QList<QByteArray> start = lines.value(0).trimmed().split(' ');
    request.method = start.value(0);
    request.path = start.value(1);
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const qsizetype colon = lines[i].indexOf(':');
        if (colon > 0)
            request.headers.insert(lines[i].left(colon).trimmed().toLower(),
                                   lines[i].mid(colon + 1).trimmed());
    }
    const qsizetype length = request.headers.value("content-length", "0").toLongLong();
    if (buffer.size() < headerEnd + 4 + length)
        return std::nullopt;
    request.body = buffer.mid(headerEnd + 4, length);
    buffer.remove(0, headerEnd + 4 + length);
    return request;
}

QByteArray encode(const HttpResponse& response) {
    QByteArray out = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' +
                     reasonPhrase(response.status) + "\r\n";
    out += "Content-Type: application/json\r\n";
    out += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    out += "Connection: keep-alive\r\n";
    for (const auto& [name, value] : response.headers)
        out += name + ": " + value + "\r\n";
    return out + "\r\n" + response.body;
}

} // namespace

ScriptedServer::ScriptedServer(Script script) : m_script(std::move(script)) {
    m_thread = new QThread;
    m_context = new QObject;
    m_context->moveToThread(m_thread);
    m_thread->start();
    QMetaObject::invokeMethod(m_context, [this] { listen(); }, Qt::BlockingQueuedConnection);
    if (m_port == 0)
        throw std::runtime_error("the scripted server cannot listen on 127.0.0.1");
}

ScriptedServer::~ScriptedServer() {
    QMetaObject::invokeMethod(m_context, [this] { delete m_root; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
    delete m_context;
    delete m_thread;
}

QString ScriptedServer::baseUrl() const {
    return QStringLiteral("http://127.0.0.1:%1/v1").arg(m_port);
}

std::vector<HttpRequest> ScriptedServer::requests() const {
    std::lock_guard lock(m_mutex);
    return m_requests;
}

void ScriptedServer::listen() {
    m_root = new QObject;
    auto* server = new QTcpServer(m_root);
    if (!server->listen(QHostAddress::LocalHost, 0))
        return;
    m_port = server->serverPort();
    QObject::connect(server, &QTcpServer::newConnection, server, [this, server] {
        while (QTcpSocket* socket = server->nextPendingConnection())
            serve(socket);
    });
}

void ScriptedServer::serve(QTcpSocket* socket) {
    auto buffer = std::make_shared<QByteArray>();
    QObject::connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    QObject::connect(socket, &QTcpSocket::readyRead, socket, [this, socket, buffer] {
        *buffer += socket->readAll();
        while (auto request = takeRequest(*buffer)) {
            record(*request);
            const HttpResponse response = m_script(*request);
            if (response.hang)
                continue;
            if (response.drop) {
                socket->abort();
                return;
            }
            const QByteArray bytes = encode(response);
            if (response.delay.count() > 0)
                QTimer::singleShot(response.delay, socket, [socket, bytes] { socket->write(bytes); });
            else
                socket->write(bytes);
        }
    });
}

void ScriptedServer::record(HttpRequest& request) {
    std::lock_guard lock(m_mutex);
    request.index = static_cast<int>(m_requests.size());
    request.receivedAt = std::chrono::steady_clock::now();
    m_requests.push_back(request);
}

QByteArray chatCompletion(const QString& content, int promptTokens, int completionTokens) {
    QJsonObject message{{"role", "assistant"}, {"content", content}};
    QJsonObject choice{{"index", 0}, {"message", message}, {"finish_reason", "stop"}};
    QJsonObject usage{{"prompt_tokens", promptTokens},
                      {"completion_tokens", completionTokens},
                      {"total_tokens", promptTokens + completionTokens}};
    return QJsonDocument(QJsonObject{{"object", "chat.completion"},
                                     {"choices", QJsonArray{choice}},
                                     {"usage", usage}})
        .toJson(QJsonDocument::Compact);
}

ScriptedServer::Script steadyJudge(std::chrono::milliseconds delay) {
    return [delay](const HttpRequest& request) {
        HttpResponse response;
        response.body = chatCompletion(qHash(request.body) % 2 == 0 ? QStringLiteral("A")
                                                                      : QStringLiteral("B"));
        response.delay = delay;
        return response;
    };
}

} // namespace rlthf::judge
