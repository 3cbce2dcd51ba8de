#include "judge/ChatClient.h"

#include <QHostAddress>
#include <QNetworkAccessManager>
#include <QNetworkProxy>
#include <QNetworkReply>
#include <QNetworkRequest>

namespace rlthf::judge {

namespace {

constexpr int kConnectionsPerManager = 6; // Qt's fixed HTTP/1.1 limit per host

HttpOutcome outcomeOf(QNetworkReply* reply) {
    HttpOutcome outcome;
    const QVariant status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute);
    outcome.status = status.isValid() ? status.toInt() : 0;
    if (reply->isOpen())
        outcome.body = reply->readAll();
    outcome.retryAfter = reply->rawHeader("Retry-After");
    if (outcome.status == 0) {
        const auto error = reply->error();
        outcome.transportError = error == QNetworkReply::OperationCanceledError ||
                                         error == QNetworkReply::TimeoutError
                                     ? "the request timed out"
                                     : reply->errorString().toStdString();
    }
    return outcome;
}

// A server on this machine is reached directly, whatever proxy the environment names.
bool isLoopback(const QUrl& url) {
    const QString host = url.host();
    return host == QLatin1String("localhost") || QHostAddress(host).isLoopback();
}

} // namespace

ChatClient::ChatClient(QUrl url, QByteArray apiKey, std::chrono::milliseconds timeout, int lanes,
                       QObject* parent)
    : m_url(std::move(url)), m_apiKey(std::move(apiKey)), m_timeout(timeout) {
    const int managers = std::max(1, (lanes + kConnectionsPerManager - 1) / kConnectionsPerManager);
    for (int i = 0; i < managers; ++i) {
        auto* manager = new QNetworkAccessManager(parent);
        if (isLoopback(m_url))
            manager->setProxy(QNetworkProxy::NoProxy);
        m_managers.push_back(manager);
    }
}

ChatClient::~ChatClient() = default;

QNetworkReply* ChatClient::post(int lane, const QByteArray& body,
                                std::function<void(const HttpOutcome&)> done) {
    QNetworkRequest request(m_url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setRawHeader("Accept", "application/json");
    if (!m_apiKey.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_apiKey);
    request.setTransferTimeout(static_cast<int>(m_timeout.count()));
    auto* manager = m_managers[static_cast<std::size_t>(lane / kConnectionsPerManager) %
                               m_managers.size()];
    QNetworkReply* reply = manager->post(request, body);
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, done = std::move(done)] {
        reply->deleteLater();
        done(outcomeOf(reply));
    });
    return reply;
}

} // namespace rlthf::judge
