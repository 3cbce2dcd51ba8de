#pragma once
// Sends chat-completion requests over HTTP: JSON body, optional bearer key, a per-request
// transfer timeout. Qt opens at most six connections per host and manager, so requests
// are spread over enough managers for the concurrency asked for.

#include "judge/RetryPolicy.h"

#include <QByteArray>
#include <QObject>
#include <QUrl>

#include <chrono>
#include <functional>
#include <memory>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace rlthf::judge {

class ChatClient {
public:
    // `lanes`: the most requests that will be in flight at once.
    ChatClient(QUrl url, QByteArray apiKey, std::chrono::milliseconds timeout, int lanes,
               QObject* parent);
    ~ChatClient();
    ChatClient(const ChatClient&) = delete;
    ChatClient& operator=(const ChatClient&) = delete;

    // Posts `body` on lane `lane`; `done` gets the outcome once, also when the returned reply
    // is aborted (disconnect it first to be told nothing). The reply deletes itself.
    QNetworkReply* post(int lane, const QByteArray& body,
                        std::function<void(const HttpOutcome&)> done);

private:
    QUrl m_url;
    QByteArray m_apiKey;
    std::chrono::milliseconds m_timeout;
    std::vector<QNetworkAccessManager*> m_managers; // owned by the parent QObject
};

} // namespace rlthf::judge
