// SPDX-License-Identifier: MIT
// Shared by the libFuzzer targets: the knowledge base, and the invariants every target checks.
// A broken invariant prints what broke and aborts, so libFuzzer keeps the input as a crash.
#pragma once

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

#include "json_util.h"
#include "omsaid/case.h"
#include "omsaid/kb.h"
#include "omsaid/result.h"

namespace omsaid::fuzz {

/// "today" for the fuzzers: fixed, so that a crash reproduces on any day.
inline constexpr const char* kToday = "2026-11-25";

[[noreturn]] inline void Fail(std::string_view what, std::string_view detail = {}) {
  std::fprintf(stderr, "\n*** invariant broken: %.*s\n", static_cast<int>(what.size()),
               what.data());
  if (!detail.empty()) {
    // Long documents are cut: the reproducer is the input file, this is only a hint.
    const size_t n = detail.size() < 4000 ? detail.size() : 4000;
    std::fprintf(stderr, "%.*s\n", static_cast<int>(n), detail.data());
  }
  std::abort();
}

inline std::string_view AsText(const uint8_t* data, size_t size) {
  return std::string_view(reinterpret_cast<const char*>(data), size);
}

inline const KnowledgeBase& Kb() {
  const Result<KnowledgeBase>& kb = EmbeddedKnowledgeBase();
  if (!kb) Fail("the embedded knowledge base does not load", kb.error().ToString());
  return kb.value();
}

inline CaseLimits Limits() {
  CaseLimits limits;
  limits.today = kToday;
  return limits;
}

/// Well-formed UTF-8 (no overlongs, no surrogates, nothing above U+10FFFF).
inline bool IsValidUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c < 0x80) {
      ++i;
      continue;
    }
    size_t n;
    uint32_t cp;
    if ((c & 0xE0) == 0xC0) {
      n = 1;
      cp = c & 0x1F;
    } else if ((c & 0xF0) == 0xE0) {
      n = 2;
      cp = c & 0x0F;
    } else if ((c & 0xF8) == 0xF0) {
      n = 3;
      cp = c & 0x07;
    } else
      return false;
    if (i + n >= s.size()) return false;  // truncated sequence
    for (size_t k = 1; k <= n; ++k) {
      const unsigned char cc = static_cast<unsigned char>(s[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    if ((n == 1 && cp < 0x80) || (n == 2 && cp < 0x800) || (n == 3 && cp < 0x10000)) return false;
    if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
    i += n + 1;
  }
  return true;
}

/// A control character (a line break, a terminal escape): never in a message or a warning.
inline bool HasControl(std::string_view s) {
  for (char ch : s) {
    const unsigned char c = static_cast<unsigned char>(ch);
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

/// An error a user sees: a known code, a non-empty message of valid UTF-8. For a case (the
/// `for_case` default) also: one line with no control characters, message and path clipped.
/// Knowledge-base problems are for the people editing data/ and are printed by `omsaid
/// validate-kb`, which escapes control characters itself; their messages quote ids whole.
inline void CheckError(const Error& e, bool for_case = true) {
  if (e.code == ErrorCode::kInternal) Fail("an input produced an internal error", e.ToString());
  if (e.message.empty()) Fail("an error without a message", e.path);
  if (!IsValidUtf8(e.message) || !IsValidUtf8(e.path)) {
    Fail("an error message or path is not valid UTF-8", e.ToString());
  }
  if (!for_case) return;
  if (HasControl(e.message)) Fail("a control character in an error message", e.message);
  if (e.message.size() > 2000 || e.path.size() > 2000) {
    Fail("an error message or path over 2000 bytes (it should be clipped)", e.ToString());
  }
}

/// The warnings of a parsed case: non-empty, valid UTF-8, no control characters, capped.
inline void CheckWarnings(const Case& c) {
  if (c.warnings.size() > kMaxWarnings + 1) {
    Fail("more than kMaxWarnings warnings and the 'and N more' one",
         std::to_string(c.warnings.size()));
  }
  for (const std::string& w : c.warnings) {
    if (w.empty() || !IsValidUtf8(w) || HasControl(w)) {
      Fail("an empty warning, or one with invalid UTF-8 or a control character", w);
    }
  }
}

/// Parses JSON the core produced (report, case, Phenopacket): it must be valid.
inline Json MustBeJson(std::string_view text, std::string_view what) {
  Result<Json> j = ParseJson(text, JsonLimits{64u << 20, 64});
  if (!j) Fail(std::string(what) + " is not valid JSON: " + j.error().ToString(), text);
  return std::move(j).value();
}

/// CaseToJson of a parsed case parses back (with the same limits) to the same CaseToJson.
inline void CheckNativeRoundTrip(const Case& c, const KnowledgeBase& kb) {
  const std::string json = CaseToJson(c);
  MustBeJson(json, "CaseToJson");
  Result<Case> again = ParseCase(json, kb, Limits());
  if (!again) Fail("CaseToJson does not parse back: " + again.error().ToString(), json);
  const std::string json2 = CaseToJson(again.value());
  if (json2 != json) Fail("CaseToJson is not stable", json + "\n---\n" + json2);
  if (!again.value().warnings.empty()) {
    Fail("CaseToJson parses back with warnings: " + again.value().warnings.front(), json);
  }
}

}  // namespace omsaid::fuzz
