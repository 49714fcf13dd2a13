// SPDX-License-Identifier: MIT
// Limits and hostile input (README "Hardening"): every bad input gets a clear error naming its JSON
// path, never a crash, a hang or an unreadable message. Regression tests for what the fuzzers
// (tests/fuzz/) found are here too.
#include <gtest/gtest.h>

#include <chrono>

#include "json_util.h"
#include "omsaid/phenopacket.h"
#include "test_util.h"
#include "text_util.h"

namespace omsaid {
namespace {

using testing::Kb;

Error ParseError(std::string_view json, const CaseLimits& limits = {}) {
  Result<Case> c = ParseAnyCase(json, Kb(), limits);
  EXPECT_FALSE(c.ok()) << "expected an error for " << json.substr(0, 300);
  return c.ok() ? Error{} : c.error();
}

// ---- invalid UTF-8, NUL bytes ----------------------------------------------------------------

TEST(Limits, InvalidUtf8GivesAMessageThatIsValidUtf8) {
  // Found by fuzz_case: the parser's message quoted the stray byte back.
  const Error e = ParseError("{\"caseVersion\": 1, \"sex\": \"\xff\"}");
  EXPECT_EQ(e.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(e.message,
            "invalid JSON at line 1, column 28: syntax error while parsing value - invalid string: "
            "ill-formed UTF-8 byte; last read: '\"\xEF\xBF\xBD'");
  EXPECT_TRUE(IsValidUtf8(e.message));
}

TEST(Limits, TruncatedUtf8InAKeyGivesAValidUtf8Message) {
  // A 3-byte character cut after its first byte, at the end of a long key.
  const std::string text = "{\"caseVersion\": 1, \"" + std::string(300, 'k') + "\xE2\x82\"";
  const Error e = ParseError(text);
  EXPECT_EQ(e.code, ErrorCode::kInvalidJson);
  EXPECT_TRUE(IsValidUtf8(e.message)) << e.message;
  EXPECT_LE(e.message.size(), 300u);
}

TEST(Limits, SanitizeUtf8ReplacesStrayBytesAndCutsOnABoundary) {
  EXPECT_EQ(SanitizeUtf8("a\xff" "b", 100), "a\xEF\xBF\xBD" "b");
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF", 100), "\xEF\xBF\xBD\xEF\xBF\xBD") << "overlong '/'";
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80", 100), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD") << "a surrogate";
  EXPECT_EQ(SanitizeUtf8("ab\xC3\xA9", 3), "ab\xE2\x80\xA6");
  EXPECT_TRUE(IsValidUtf8("\xF0\x9F\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xF0\x9F\x98"));
  EXPECT_FALSE(IsValidUtf8("\xF4\x90\x80\x80")) << "above U+10FFFF";
}

}  // namespace
}  // namespace omsaid
