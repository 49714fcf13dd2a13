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

// ---- size, depth, long keys ------------------------------------------------------------------

// Milliseconds taken by f().
template <class F>
double Millis(F f) {
  const auto start = std::chrono::steady_clock::now();
  f();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
}

TEST(Limits, ManyContainersUnderALongKeyParseInLinearTime) {
  // Found by review while writing the fuzzers: each container copied the path of its parent, so a
  // 500 KB key holding 160,000 empty arrays copied 80 GB (8 s natively).
  std::string text = R"({"caseVersion": 1, ")" + std::string(500000, 'k') + "\": [";
  for (int i = 0; i < 160000; ++i) text += i ? ",[]" : "[]";
  text += "]}";
  ASSERT_LT(text.size(), CaseLimits{}.max_bytes);
  Result<Case> c = Result<Case>(Error{});
  const double ms = Millis([&] { c = ParseCase(text, Kb()); });
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_LT(ms, 2000) << "quadratic again?";
  ASSERT_EQ(c.value().warnings.size(), 1u);
  EXPECT_EQ(c.value().warnings[0], std::string(60, 'k') + "\xE2\x80\xA6: unknown key ignored");
}

TEST(Limits, ErrorPathsAndMessagesClipLongKeys) {
  const std::string key(5000, 'k');
  Error e = ParseError(R"({"caseVersion": 1, ")" + key + R"(": 1, ")" + key + R"(": 2})");
  EXPECT_EQ(e.code, ErrorCode::kDuplicateId);
  EXPECT_EQ(e.path, std::string(60, 'k') + "\xE2\x80\xA6");
  EXPECT_EQ(e.message, "duplicate key '" + std::string(60, 'k') + "\xE2\x80\xA6' in the same object");
  e = ParseError(R"({"caseVersion": 1, ")" + key + R"(": )" + std::string(40, '[') + std::string(40, ']') + "}");
  EXPECT_EQ(e.code, ErrorCode::kTooDeep);
  // The root object is level 1; the 32nd container (the 31st array) is the one too deep.
  std::string indexes;
  for (int i = 0; i < 31; ++i) indexes += "[0]";
  EXPECT_EQ(e.path, std::string(60, 'k') + "\xE2\x80\xA6" + indexes);
  EXPECT_EQ(e.message, "nested deeper than 32 levels");
}

// ---- control characters in messages ------------------------------------------------------------

TEST(Limits, ControlCharactersInQuotedValuesAreEscaped) {
  // Found by fuzz_case: "'abs<newline>t' is not one of ..." split the CLI's one-line error, and an
  // escape sequence in a case file would have reached the terminal.
  Error e = ParseError(R"({"caseVersion": 1, "findings": {"HP:0003006": "abs\nt"}})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.path, "findings.HP:0003006");
  EXPECT_EQ(e.message, "'abs\\nt' is not one of: present, absent, unknown");
  e = ParseError(R"({"caseVersion": 1, "sex": "\u001b[2J\u0000\u007f\u009b\t\r"})");
  EXPECT_EQ(e.message, "'\\u001b[2J\\u0000\\u007f\\u009b\\t\\r' is not one of: female, male, other, unknown");
  Result<Case> c = ParseCase(R"({"caseVersion": 1, "\u001b]0;pwned\u0007": 1})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().warnings.at(0), "\\u001b]0;pwned\\u0007: unknown key ignored");
  // The parser's own quote of the input is made safe as well (DEL is not escaped by nlohmann).
  e = ParseError("{\"caseVersion\": 1, \"sex\": \"a\x7f\x01\"}");
  EXPECT_EQ(e.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(e.message,
            "invalid JSON at line 1, column 30: syntax error while parsing value - invalid string: "
            "control character U+0001 (SOH) must be escaped to \\u0001; last read: '\"a\\u007f<U+0001>'");
}

// ---- Phenopacket: repeated measurements, limits of the resulting case ---------------------------

// {"assay": {"id": "OMSAID:<assay>"}, "value": {"ontologyClass": {"id": "<value>"}}}
std::string Measurement(std::string_view assay, std::string_view value) {
  return R"({"assay": {"id": "OMSAID:)" + std::string(assay) + R"("}, "value": {"ontologyClass": {"id": ")" +
         std::string(value) + R"("}}})";
}

std::string Severity(std::string_view item, double value, std::string_view date) {
  return R"({"assay": {"id": "OMSAID:severity/)" + std::string(item) +
         R"("}, "value": {"quantity": {"value": )" + std::to_string(value) +
         R"(}}, "timeObserved": {"timestamp": ")" + std::string(date) + R"(T00:00:00Z"}})";
}

std::string Measurements(const std::vector<std::string>& list) {
  std::string s = R"({"subject": {"sex": "MALE"}, "measurements": [)";
  for (size_t i = 0; i < list.size(); ++i) s += (i ? ", " : "") + list[i];
  return s + "]}";
}

TEST(Limits, PhenopacketRepeatsAreReadOnceAndTheCaseExportsToValidJson) {
  // Found by fuzz_phenopacket: an exposure measured twice became two entries, and the imported case
  // exported (CaseToJson, the web page's import) as JSON with a duplicate key.
  const std::string text = Measurements(
      {Measurement("exposure/drug-or-toxin", "OMSAID:absent"), Measurement("exposure/drug-or-toxin", "OMSAID:absent"),
       Measurement("test/eeg", "OMSAID:normal"), Measurement("test/eeg", "OMSAID:normal"),
       Measurement("antibody/anti-Ri", "OMSAID:positive"), Measurement("antibody/anti-Ri", "OMSAID:positive"),
       Measurement("history/family-history-of-ataxia", "OMSAID:present"),
       Measurement("history/family-history-of-ataxia", "OMSAID:present"),
       Measurement("onset", "HP:0011009"), Measurement("onset", "HP:0011009"),
       Severity("gait", 2, "2026-01-01"), Severity("gait", 2, "2026-01-01")});
  Result<Case> c = ParseAnyCase(text, Kb());
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_EQ(c.value().exposures.size(), 1u);
  EXPECT_EQ(c.value().tests.size(), 1u);
  EXPECT_EQ(c.value().antibodies.size(), 1u);
  EXPECT_EQ(c.value().history.size(), 1u);
  ASSERT_EQ(c.value().visits.size(), 1u);
  EXPECT_EQ(c.value().visits[0].severity.size(), 1u);
  const std::string json = CaseToJson(c.value());
  Result<Case> again = ParseCase(json, Kb());
  ASSERT_TRUE(again.ok()) << again.error().ToString() << "\n" << json;
  EXPECT_EQ(CaseToJson(again.value()), json);
}

TEST(Limits, PhenopacketConflictingRepeatsAreContradictions) {
  Error e = ParseError(Measurements({Measurement("test/eeg", "OMSAID:normal"), Measurement("test/eeg", "OMSAID:abnormal")}));
  EXPECT_EQ(e.code, ErrorCode::kContradiction);
  EXPECT_EQ(e.path, "measurements[1]");
  EXPECT_EQ(e.message, "test 'eeg' is OMSAID:abnormal here but OMSAID:normal at measurements[0]");
  e = ParseError(Measurements({Measurement("exposure/drug-or-toxin", "OMSAID:absent"),
                               Measurement("exposure/drug-or-toxin", "OMSAID:present")}));
  EXPECT_EQ(e.message, "exposure 'drug-or-toxin' is OMSAID:present here but OMSAID:absent at measurements[0]");
  e = ParseError(Measurements({Measurement("onset", "HP:0011009"), Measurement("onset", "HP:0011010")}));
  EXPECT_EQ(e.message, "onset is HP:0011010 here but HP:0011009 at measurements[0]");
  e = ParseError(Measurements({Severity("gait", 2, "2026-01-01"), Severity("stance", 1, "2026-01-01"),
                               Severity("gait", 3, "2026-01-01")}));
  EXPECT_EQ(e.code, ErrorCode::kContradiction);
  EXPECT_EQ(e.path, "measurements[2]");
  EXPECT_EQ(e.message, "severity item 'gait' on 2026-01-01 is 3 here but 2 at measurements[0]");
  // The same item on another day is another visit.
  EXPECT_TRUE(ParseAnyCase(Measurements({Severity("gait", 2, "2026-01-01"), Severity("gait", 3, "2026-01-02")}), Kb()).ok());
}

TEST(Limits, PhenopacketCaseStaysWithinTheNativeLimits) {
  // 400 features and 101 diseases given as HPO terms: 501 findings.
  std::string text = R"({"phenotypicFeatures": [)";
  for (int i = 0; i < 400; ++i) text += (i ? ", " : "") + std::string(R"({"type": {"id": "HP:)") + std::to_string(1000000 + i) + R"("}})";
  text += R"(], "diseases": [)";
  for (int i = 0; i < 101; ++i) text += (i ? ", " : "") + std::string(R"({"term": {"id": "HP:)") + std::to_string(2000000 + i) + R"("}})";
  text += "]}";
  Error e = ParseError(text);
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.path, "phenotypicFeatures[399].type.id") << "keys are read in order: diseases first";
  EXPECT_EQ(e.message, "more than 500 findings (phenotypic features and diseases together)");

  std::vector<std::string> list;
  for (int i = 0; i < 51; ++i) list.push_back(Severity("item" + std::to_string(i), 1, "2026-01-01"));
  e = ParseError(Measurements(list));
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.path, "measurements[50]");
  EXPECT_EQ(e.message, "more than 50 severity items on 2026-01-01");

  list.clear();
  for (int i = 0; i < 201; ++i) {
    char date[16];
    std::snprintf(date, sizeof date, "2025-%02d-%02d", 1 + i / 28, 1 + i % 28);
    list.push_back(Severity("gait", 1, date));
  }
  e = ParseError(Measurements(list));
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.path, "measurements[200].timeObserved.timestamp");
  EXPECT_EQ(e.message, "severity on more than 200 dates");
}

TEST(Limits, TwoVisitsOnOneDayAreADuplicate) {
  // Severity is tracked by date, and a Phenopacket records it by date: two visits on one day would
  // come back from the Phenopacket round trip as one.
  const Error e = ParseError(R"({"caseVersion": 1, "visits": [{"date": "2026-01-01", "severity": {"gait": 1}},
      {"date": "2026-01-02"}, {"date": "2026-01-01", "severity": {"gait": 2}}]})");
  EXPECT_EQ(e.code, ErrorCode::kDuplicateId);
  EXPECT_EQ(e.path, "visits[2].date");
  EXPECT_EQ(e.message, "a visit on 2026-01-01 is already listed at visits[0]");
}

// ---- many unknown keys: fast, and the warnings are capped ---------------------------------------

TEST(Limits, TenThousandUnknownKeysAreFastAndGiveCappedWarnings) {
  std::string text = R"({"caseVersion": 1)";
  for (int i = 0; i < 10000; ++i) text += ", \"unknown" + std::to_string(i) + "\": " + std::to_string(i);
  text += "}";
  Result<std::string> report = Result<std::string>(Error{});
  const double ms = Millis([&] { report = EvaluateJson(Kb(), text); });
  ASSERT_TRUE(report.ok()) << report.error().ToString();
  EXPECT_LT(ms, 2000);
  Result<Case> c = ParseCase(text, Kb());
  ASSERT_TRUE(c.ok());
  const std::vector<std::string>& w = c.value().warnings;
  ASSERT_EQ(w.size(), kMaxWarnings + 1);
  EXPECT_EQ(kMaxWarnings, 100u);
  EXPECT_EQ(w[0], "unknown0: unknown key ignored");
  EXPECT_EQ(w[kMaxWarnings - 1], "unknown1087: unknown key ignored") << "keys are read in sorted order";
  EXPECT_EQ(w[kMaxWarnings], "and 9900 more warnings not listed");
  const Json j = ParseJson(report.value(), JsonLimits{16u << 20, 64}).value();
  ASSERT_EQ(j["warnings"].size(), kMaxWarnings + 1);
  EXPECT_EQ(j["warnings"][kMaxWarnings], "and 9900 more warnings not listed");
}

TEST(Limits, WarningCapCountsTheEngineWarningsToo) {
  // 100 warnings from the parser (the cap), then 1 more from the parser and 3 from the evidence.
  std::string findings;
  for (int i = 0; i < 3; ++i) findings += (i ? ", " : "") + std::string("\"HP:999999") + std::to_string(i) + "\": \"present\"";
  std::string text = R"({"caseVersion": 1, "findings": {)" + findings + "}";
  for (int i = 0; i < 101; ++i) text += ", \"u" + std::to_string(1000 + i) + "\": 0";
  text += "}";
  Result<Case> c = ParseCase(text, Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().warnings.back(), "and 1 more warning not listed");
  Result<Report> r = EvaluateCase(Kb(), c.value());
  ASSERT_TRUE(r.ok());
  ASSERT_EQ(r.value().warnings.size(), kMaxWarnings + 1);
  EXPECT_EQ(r.value().warnings.back(), "and 4 more warnings not listed");
  // Exactly at the cap: no summary.
  std::vector<std::string> w;
  for (size_t i = 0; i < kMaxWarnings; ++i) AddWarning(&w, "w");
  EXPECT_EQ(w.size(), kMaxWarnings);
  AddWarning(&w, "x");
  AddWarning(&w, "y");
  EXPECT_EQ(w.size(), kMaxWarnings + 1);
  EXPECT_EQ(w.back(), "and 2 more warnings not listed");
}

}  // namespace
}  // namespace omsaid
