#pragma once
// Errors travel as values: a Result<T> holds either a value or an Error.

#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace rlthf {

// The failures a user meets in ordinary work, named so that the window can say them in the
// user's language; `message` stays the detail, in English, as the command line prints it.
enum class ErrorKind {
    Unspecified,
    NotAProject,     // a file of another program, or not SQLite at all
    DamagedProject,  // the project file cannot be read
    NewerProject,    // saved by a newer release, whose schema this one does not know
    NoLabelsToTrain, // a retrain with no labelled pair
};

struct Error {
    std::string message;
    ErrorKind kind = ErrorKind::Unspecified;
};

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : m_state(std::move(value)) {}
    Result(Error error) : m_state(std::move(error)) {}

    bool ok() const { return std::holds_alternative<T>(m_state); }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<T>(m_state); }
    const T& value() const& { return std::get<T>(m_state); }
    T&& value() && { return std::get<T>(std::move(m_state)); }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }

    const Error& error() const { return std::get<Error>(m_state); }
    const std::string& message() const { return error().message; }

private:
    std::variant<T, Error> m_state;
};

// Result of an operation that yields no value.
class [[nodiscard]] Status {
public:
    Status() = default;
    Status(Error error) : m_error(std::move(error)) {}
    static Status success() { return {}; }

    bool ok() const { return !m_error.has_value(); }
    explicit operator bool() const { return ok(); }
    const Error& error() const { return *m_error; }
    const std::string& message() const { return m_error->message; }

private:
    std::optional<Error> m_error;
};

} // namespace rlthf

// Propagates a failed Status/Result out of the calling function.
#define RLTHF_TRY(expr)                                                                            \
    do {                                                                                           \
        auto&& rlthf_try_result_ = (expr);                                                         \
        if (!rlthf_try_result_.ok())                                                               \
            return rlthf_try_result_.error();                                                      \
    } while (false)
