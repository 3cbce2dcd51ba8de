#pragma once
// The scripted HTTP server lives in the judge library (the benchmark uses it too); the
// tests know it by these names.

#include "judge/ScriptedServer.h"

namespace rlthf::test {
using judge::HttpRequest;
using judge::HttpResponse;
using judge::ScriptedServer;
} // namespace rlthf::test
