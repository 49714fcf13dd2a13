// SPDX-License-Identifier: MIT
// Limits and hostile input (README "Hardening"): every bad input gets a clear error naming its JSON
// path, never a crash, a hang or an unreadable message. Regression tests for what the fuzzers
// (tests/fuzz/) found are here too.
#include <gtest/gtest.h>

#include <chrono>
#include <cmath>

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
  EXPECT_EQ(SanitizeUtf8("a\xff"
                         "b",
                         100),
            "a\xEF\xBF\xBD"
            "b");
  EXPECT_EQ(SanitizeUtf8("\xC0\xAF", 100), "\xEF\xBF\xBD\xEF\xBF\xBD") << "overlong '/'";
  EXPECT_EQ(SanitizeUtf8("\xED\xA0\x80", 100), "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD")
      << "a surrogate";
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
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
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
  EXPECT_EQ(e.message,
            "duplicate key '" + std::string(60, 'k') + "\xE2\x80\xA6' in the same object");
  e = ParseError(R"({"caseVersion": 1, ")" + key + R"(": )" + std::string(40, '[') +
                 std::string(40, ']') + "}");
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
  EXPECT_EQ(e.message,
            "'\\u001b[2J\\u0000\\u007f\\u009b\\t\\r' is not one of: female, male, other, unknown");
  Result<Case> c = ParseCase(R"({"caseVersion": 1, "\u001b]0;pwned\u0007": 1})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().warnings.at(0), "\\u001b]0;pwned\\u0007: unknown key ignored");
  // The parser's own quote of the input is made safe as well (DEL is not escaped by nlohmann).
  e = ParseError("{\"caseVersion\": 1, \"sex\": \"a\x7f\x01\"}");
  EXPECT_EQ(e.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(
      e.message,
      "invalid JSON at line 1, column 30: syntax error while parsing value - invalid string: "
      "control character U+0001 (SOH) must be escaped to \\u0001; last read: '\"a\\u007f<U+0001>'");
}

// ---- Phenopacket: repeated measurements, limits of the resulting case ---------------------------

// {"assay": {"id": "OMSAID:<assay>"}, "value": {"ontologyClass": {"id": "<value>"}}}
std::string Measurement(std::string_view assay, std::string_view value) {
  return R"({"assay": {"id": "OMSAID:)" + std::string(assay) +
         R"("}, "value": {"ontologyClass": {"id": ")" + std::string(value) + R"("}}})";
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
      {Measurement("exposure/drug-or-toxin", "OMSAID:absent"),
       Measurement("exposure/drug-or-toxin", "OMSAID:absent"),
       Measurement("test/eeg", "OMSAID:normal"), Measurement("test/eeg", "OMSAID:normal"),
       Measurement("antibody/anti-Ri", "OMSAID:positive"),
       Measurement("antibody/anti-Ri", "OMSAID:positive"),
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
  Error e = ParseError(Measurements(
      {Measurement("test/eeg", "OMSAID:normal"), Measurement("test/eeg", "OMSAID:abnormal")}));
  EXPECT_EQ(e.code, ErrorCode::kContradiction);
  EXPECT_EQ(e.path, "measurements[1]");
  EXPECT_EQ(e.message, "test 'eeg' is OMSAID:abnormal here but OMSAID:normal at measurements[0]");
  e = ParseError(Measurements({Measurement("exposure/drug-or-toxin", "OMSAID:absent"),
                               Measurement("exposure/drug-or-toxin", "OMSAID:present")}));
  EXPECT_EQ(e.message,
            "exposure 'drug-or-toxin' is OMSAID:present here but OMSAID:absent at measurements[0]");
  e = ParseError(
      Measurements({Measurement("onset", "HP:0011009"), Measurement("onset", "HP:0011010")}));
  EXPECT_EQ(e.message, "onset is HP:0011010 here but HP:0011009 at measurements[0]");
  e = ParseError(
      Measurements({Severity("gait", 2, "2026-01-01"), Severity("stance", 1, "2026-01-01"),
                    Severity("gait", 3, "2026-01-01")}));
  EXPECT_EQ(e.code, ErrorCode::kContradiction);
  EXPECT_EQ(e.path, "measurements[2]");
  EXPECT_EQ(e.message, "severity item 'gait' on 2026-01-01 is 3 here but 2 at measurements[0]");
  // The same item on another day is another visit.
  EXPECT_TRUE(ParseAnyCase(Measurements({Severity("gait", 2, "2026-01-01"),
                                         Severity("gait", 3, "2026-01-02")}),
                           Kb())
                  .ok());
}

TEST(Limits, PhenopacketCaseStaysWithinTheNativeLimits) {
  // 400 features and 101 diseases given as HPO terms: 501 findings.
  std::string text = R"({"phenotypicFeatures": [)";
  for (int i = 0; i < 400; ++i)
    text += (i ? ", " : "") + std::string(R"({"type": {"id": "HP:)") + std::to_string(1000000 + i) +
            R"("}})";
  text += R"(], "diseases": [)";
  for (int i = 0; i < 101; ++i)
    text += (i ? ", " : "") + std::string(R"({"term": {"id": "HP:)") + std::to_string(2000000 + i) +
            R"("}})";
  text += "]}";
  Error e = ParseError(text);
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.path, "phenotypicFeatures[399].type.id") << "keys are read in order: diseases first";
  EXPECT_EQ(e.message, "more than 500 findings (phenotypic features and diseases together)");

  std::vector<std::string> list;
  for (int i = 0; i < 51; ++i)
    list.push_back(Severity("item" + std::to_string(i), 1, "2026-01-01"));
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
  const Error e =
      ParseError(R"({"caseVersion": 1, "visits": [{"date": "2026-01-01", "severity": {"gait": 1}},
      {"date": "2026-01-02"}, {"date": "2026-01-01", "severity": {"gait": 2}}]})");
  EXPECT_EQ(e.code, ErrorCode::kDuplicateId);
  EXPECT_EQ(e.path, "visits[2].date");
  EXPECT_EQ(e.message, "a visit on 2026-01-01 is already listed at visits[0]");
}

// ---- many unknown keys: fast, and the warnings are capped ---------------------------------------

TEST(Limits, TenThousandUnknownKeysAreFastAndGiveCappedWarnings) {
  std::string text = R"({"caseVersion": 1, "findings": {"HP:0001251": "present"})";
  for (int i = 0; i < 10000; ++i)
    text += ", \"unknown" + std::to_string(i) + "\": " + std::to_string(i);
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
  EXPECT_EQ(w[kMaxWarnings - 1], "unknown1087: unknown key ignored")
      << "keys are read in sorted order";
  EXPECT_EQ(w[kMaxWarnings], "and 9900 more warnings not listed");
  const Json j = ParseJson(report.value(), JsonLimits{16u << 20, 64}).value();
  ASSERT_EQ(j["warnings"].size(), kMaxWarnings + 1);
  EXPECT_EQ(j["warnings"][kMaxWarnings], "and 9900 more warnings not listed");
}

TEST(Limits, WarningCapCountsTheEngineWarningsToo) {
  // 100 warnings from the parser (the cap), then 1 more from the parser and 3 from the evidence.
  std::string findings = R"("HP:0001251": "present")";  // a sign: no "no finding present" warning
  for (int i = 0; i < 3; ++i)
    findings += ", " + std::string("\"HP:999999") + std::to_string(i) + "\": \"present\"";
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

// ---- wrong JSON types everywhere (table-driven) -------------------------------------------------

// A field of a case, the types it accepts, and how its wrong_type message names them.
struct Field {
  const char* pointer;                 // JSON pointer into the base case
  const char* path;                    // the path the error must name
  const char* accepts;                 // o(bject) a(rray) s(tring) n(umber) i(nteger) b(oolean)
  const char* expected;                // "expected <this>, got ..."
  const char* element_path = nullptr;  // for arrays: the path of their first element
  const char* element = nullptr;       // ... and what that element must be
};

constexpr const char* kFullCase = R"({
  "caseVersion": 1, "age": {"years": 1.5}, "sex": "female", "onset": "acute",
  "course": "worsening", "duration": {"days": 10}, "enteredBy": "family", "note": "darting eyes",
  "findings": {"HP:0010543": "present", "HP:0001336": "absent"},
  "tests": {"eeg": "normal"}, "exposures": ["recent-infection"],
  "history": {"family-history-of-ataxia": "absent"}, "antibodies": {"anti-Ri": "negative"},
  "followUpMonths": 2, "visits": [{"date": "2026-01-01", "severity": {"gait": 2}}]})";

constexpr const char* kFullCaseOtherForms = R"({
  "caseVersion": 1, "age": {"months": 18, "days": 2, "iso8601duration": "P1D"},
  "duration": {"weeks": 2, "months": 1},
  "exposures": {"recent-infection": "present"}})";

constexpr Field kCaseFields[] = {
    {"/caseVersion", "caseVersion", "i", "an integer"},
    {"/age", "age", "o", "an object"},
    {"/age/years", "age.years", "n", "a number"},
    {"/sex", "sex", "s", "a string"},
    {"/onset", "onset", "s", "a string"},
    {"/course", "course", "s", "a string"},
    {"/duration", "duration", "o", "an object"},
    {"/duration/days", "duration.days", "n", "a number"},
    {"/enteredBy", "enteredBy", "s", "a string"},
    {"/note", "note", "s", "a string"},
    {"/findings", "findings", "o", "an object"},
    {"/findings/HP:0010543", "findings.HP:0010543", "s", "a string"},
    {"/tests", "tests", "o", "an object"},
    {"/tests/eeg", "tests.eeg", "s", "a string"},
    {"/exposures", "exposures", "ao", "an array of exposure ids or an object", "exposures[0]",
     "a string"},
    {"/exposures/0", "exposures[0]", "s", "a string"},
    {"/history", "history", "o", "an object"},
    {"/history/family-history-of-ataxia", "history.family-history-of-ataxia", "s", "a string"},
    {"/antibodies", "antibodies", "o", "an object"},
    {"/antibodies/anti-Ri", "antibodies.anti-Ri", "s", "a string"},
    {"/followUpMonths", "followUpMonths", "n", "a number"},
    {"/visits", "visits", "a", "an array", "visits[0]", "an object"},
    {"/visits/0", "visits[0]", "o", "an object"},
    {"/visits/0/date", "visits[0].date", "s", "a string"},
    {"/visits/0/severity", "visits[0].severity", "o", "an object"},
    {"/visits/0/severity/gait", "visits[0].severity.gait", "n", "a number"},
};

constexpr Field kCaseOtherFields[] = {
    {"/age/months", "age.months", "n", "a number"},
    {"/age/days", "age.days", "n", "a number"},
    {"/age/iso8601duration", "age.iso8601duration", "s", "a string"},
    {"/duration/weeks", "duration.weeks", "n", "a number"},
    {"/duration/months", "duration.months", "n", "a number"},
    {"/exposures/recent-infection", "exposures.recent-infection", "s", "a string"},
};

constexpr const char* kFullPhenopacket = R"({
  "subject": {"sex": "FEMALE", "timeAtLastEncounter": {"age": {"iso8601duration": "P1Y"}}},
  "phenotypicFeatures": [{"type": {"id": "HP:0010543"}, "excluded": false, "modifiers": [{"id": "HP:0011009"}]}],
  "diseases": [{"term": {"id": "MONDO:0005072", "label": "neuroblastoma"}, "excluded": false}],
  "measurements": [
    {"assay": {"id": "OMSAID:test/eeg"}, "value": {"ontologyClass": {"id": "OMSAID:normal"}}},
    {"assay": {"id": "OMSAID:severity/gait"}, "value": {"quantity": {"value": 2}}, "timeObserved": {"timestamp": "2026-01-01T00:00:00Z"}}]})";

constexpr Field kPhenopacketFields[] = {
    {"/subject", "subject", "o", "an object"},
    {"/subject/sex", "subject.sex", "s", "a string"},
    {"/subject/timeAtLastEncounter", "subject.timeAtLastEncounter", "o", "an object"},
    {"/subject/timeAtLastEncounter/age", "subject.timeAtLastEncounter.age", "o", "an object"},
    {"/subject/timeAtLastEncounter/age/iso8601duration",
     "subject.timeAtLastEncounter.age.iso8601duration", "s", "a string"},
    {"/phenotypicFeatures", "phenotypicFeatures", "a", "an array", "phenotypicFeatures[0]",
     "an object"},
    {"/phenotypicFeatures/0", "phenotypicFeatures[0]", "o", "an object"},
    {"/phenotypicFeatures/0/type", "phenotypicFeatures[0].type", "o", "an object"},
    {"/phenotypicFeatures/0/type/id", "phenotypicFeatures[0].type.id", "s", "a string"},
    {"/phenotypicFeatures/0/excluded", "phenotypicFeatures[0].excluded", "b", "true or false"},
    {"/phenotypicFeatures/0/modifiers", "phenotypicFeatures[0].modifiers", "a", "an array",
     "phenotypicFeatures[0].modifiers[0]", "an object"},
    {"/phenotypicFeatures/0/modifiers/0", "phenotypicFeatures[0].modifiers[0]", "o", "an object"},
    {"/phenotypicFeatures/0/modifiers/0/id", "phenotypicFeatures[0].modifiers[0].id", "s",
     "a string"},
    {"/diseases", "diseases", "a", "an array", "diseases[0]", "an object"},
    {"/diseases/0", "diseases[0]", "o", "an object"},
    {"/diseases/0/term", "diseases[0].term", "o", "an object"},
    {"/diseases/0/term/id", "diseases[0].term.id", "s", "a string"},
    {"/diseases/0/excluded", "diseases[0].excluded", "b", "true or false"},
    {"/measurements", "measurements", "a", "an array", "measurements[0]", "an object"},
    {"/measurements/0", "measurements[0]", "o", "an object"},
    {"/measurements/0/assay", "measurements[0].assay", "o", "an object"},
    {"/measurements/0/assay/id", "measurements[0].assay.id", "s", "a string"},
    {"/measurements/0/value", "measurements[0].value", "o", "an object"},
    {"/measurements/0/value/ontologyClass", "measurements[0].value.ontologyClass", "o",
     "an object"},
    {"/measurements/0/value/ontologyClass/id", "measurements[0].value.ontologyClass.id", "s",
     "a string"},
    {"/measurements/1/value/quantity", "measurements[1].value.quantity", "o", "an object"},
    {"/measurements/1/value/quantity/value", "measurements[1].value.quantity.value", "n",
     "a number"},
    {"/measurements/1/timeObserved", "measurements[1].timeObserved", "o", "an object"},
    {"/measurements/1/timeObserved/timestamp", "measurements[1].timeObserved.timestamp", "s",
     "a string"},
};

// `depth` nested arrays: [[[...]]].
std::string Nested(int depth) { return std::string(depth, '[') + std::string(depth, ']'); }

// Every wrong type, as JSON text, with the type letter it has ('f' = a fractional number, 'z' = a
// whole number written as a fraction, which an integer field accepts).
struct WrongValue {
  const char* json;
  char type;
};
constexpr WrongValue kWrongValues[] = {{"null", '-'},     {"true", 'b'},       {"false", 'b'},
                                       {"0", 'i'},        {"1.5", 'f'},        {"-0.0", 'z'},
                                       {"\"text\"", 's'}, {"\"\"", 's'},       {"[1]", 'a'},
                                       {"[]", 'a'},       {"{\"k\": 1}", 'o'}, {"{}", 'o'}};

bool Accepts(const Field& f, char type) {
  const std::string_view a = f.accepts;
  switch (type) {
    case 'i':
    case 'z':
      return a.find('n') != a.npos || a.find('i') != a.npos;
    case 'f':
      return a.find('n') != a.npos;
    default:
      return a.find(type) != a.npos;
  }
}

// Replaces the value at `pointer` in `base` by the JSON text `value`.
std::string Replace(const char* base, const char* pointer, const std::string& value) {
  Json doc = ParseJson(base).value();
  Json v = ParseJson(value, JsonLimits{1 << 20, 1000}).value();
  doc[Json::json_pointer(pointer)] = std::move(v);
  return doc.dump();
}

void ExpectWrongTypesRejected(const char* base, const Field* fields, size_t n) {
  ASSERT_TRUE(ParseAnyCase(base, Kb()).ok()) << "the base case must be valid";
  for (size_t i = 0; i < n; ++i) {
    const Field& f = fields[i];
    for (const WrongValue& w : kWrongValues) {
      if (Accepts(f, w.type)) continue;
      SCOPED_TRACE(std::string(f.path) + " = " + w.json);
      const std::string text = Replace(base, f.pointer, w.json);
      Result<Case> c = ParseAnyCase(text, Kb());
      ASSERT_FALSE(c.ok()) << text;
      EXPECT_EQ(c.error().code, ErrorCode::kWrongType) << c.error().ToString();
      EXPECT_EQ(c.error().path, f.path);
      const std::string got = w.type == 'f' && std::string_view(f.expected) == "an integer"
                                  ? "a fractional number"
                                  : std::string(JsonTypeName(ParseJson(w.json).value()));
      EXPECT_EQ(c.error().message, "expected " + std::string(f.expected) + ", got " + got);
    }
    // Deeply nested arrays: a wrong type at the field (or at its first element), and beyond the
    // depth limit a too_deep error inside the field.
    {
      SCOPED_TRACE(std::string(f.path) + " = 20 nested arrays");
      Result<Case> c = ParseAnyCase(Replace(base, f.pointer, Nested(20)), Kb());
      ASSERT_FALSE(c.ok());
      EXPECT_EQ(c.error().code, ErrorCode::kWrongType) << c.error().ToString();
      const bool array = Accepts(f, 'a');
      EXPECT_EQ(c.error().path, array ? f.element_path : f.path);
      EXPECT_EQ(c.error().message,
                "expected " + std::string(array ? f.element : f.expected) + ", got an array");
    }
    {
      SCOPED_TRACE(std::string(f.path) + " = 40 nested arrays");
      Result<Case> c = ParseAnyCase(Replace(base, f.pointer, Nested(40)), Kb());
      ASSERT_FALSE(c.ok());
      EXPECT_EQ(c.error().code, ErrorCode::kTooDeep);
      EXPECT_EQ(c.error().path.rfind(std::string(f.path) + "[0]", 0), 0u) << c.error().path;
      EXPECT_EQ(c.error().message, "nested deeper than 32 levels");
    }
  }
}

TEST(Limits, WrongTypeInEveryFieldOfACaseNamesTheField) {
  ExpectWrongTypesRejected(kFullCase, kCaseFields, std::size(kCaseFields));
  ExpectWrongTypesRejected(kFullCaseOtherForms, kCaseOtherFields, std::size(kCaseOtherFields));
}

TEST(Limits, WrongTypeInEveryFieldOfAPhenopacketNamesTheField) {
  ExpectWrongTypesRejected(kFullPhenopacket, kPhenopacketFields, std::size(kPhenopacketFields));
}

// ---- the limits table of the README, one test each
// ------------------------------------------------

TEST(Limits, InputOverOneMegabyte) {
  const std::string pad(CaseLimits{}.max_bytes - 18, ' ');
  ASSERT_TRUE(ParseCase(R"({"caseVersion": 1})" + pad, Kb()).ok()) << "exactly 1 MiB is accepted";
  const Error e = ParseError(R"({"caseVersion": 1})" + pad + " ");
  EXPECT_EQ(e.code, ErrorCode::kTooLarge);
  EXPECT_EQ(e.path, "");
  EXPECT_EQ(e.message, "input is 1048577 bytes; the limit is 1048576");
}

TEST(Limits, CountsOfFindingsAndItems) {
  std::string findings, tests;
  for (int i = 0; i < 501; ++i)
    findings +=
        (i ? ", " : "") + std::string("\"HP:") + std::to_string(1000000 + i) + "\": \"present\"";
  Error e = ParseError(testing::CaseWith(findings));
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.path, "findings");
  EXPECT_EQ(e.message, "501 entries; the limit is 500");
  for (int i = 0; i < 201; ++i)
    tests += (i ? ", " : "") + std::string("\"t") + std::to_string(i) + "\": \"normal\"";
  for (const char* key : {"tests", "history", "antibodies", "exposures"}) {
    e = ParseError(R"({"caseVersion": 1, ")" + std::string(key) + "\": {" + tests + "}}");
    EXPECT_EQ(e.code, ErrorCode::kLimitExceeded) << key;
    EXPECT_EQ(e.path, key);
    EXPECT_EQ(e.message, "201 entries; the limit is 200");
  }
  std::string visits;
  for (int i = 0; i < 201; ++i) visits += (i ? ", " : "") + std::string("{}");
  e = ParseError(R"({"caseVersion": 1, "visits": [)" + visits + "]}");
  EXPECT_EQ(e.path, "visits");
  EXPECT_EQ(e.message, "201 entries; the limit is 200");
  std::string items;
  for (int i = 0; i < 51; ++i)
    items += (i ? ", " : "") + std::string("\"i") + std::to_string(i) + "\": 1";
  e = ParseError(R"({"caseVersion": 1, "visits": [{"date": "2026-01-01", "severity": {)" + items +
                 "}}]}");
  EXPECT_EQ(e.path, "visits[0].severity");
  EXPECT_EQ(e.message, "51 entries; the limit is 50");
}

TEST(Limits, StringLengths) {
  const std::string s201(201, 'x');
  Error e = ParseError(R"({"caseVersion": 1, "tests": {")" + s201 + R"(": "normal"}})");
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.path, "tests");
  EXPECT_EQ(e.message, "key is 201 bytes; the limit is 200");
  e = ParseError(R"({"caseVersion": 1, "exposures": [")" + s201 + R"("]})");
  EXPECT_EQ(e.path, "exposures[0]");
  EXPECT_EQ(e.message, "string is 201 bytes; the limit is 200");
  e = ParseError(R"({"caseVersion": 1, "sex": ")" + s201 + R"("})");
  EXPECT_EQ(e.path, "sex");
  EXPECT_EQ(e.message, "string is 201 bytes; the limit is 200");
  e = ParseError(R"({"caseVersion": 1, "visits": [{"date": "2026-01-01T"}]})");
  EXPECT_EQ(e.path, "visits[0].date");
  EXPECT_EQ(e.message, "string is 11 bytes; the limit is 10");
  e = ParseError(R"({"caseVersion": 1, "age": {"iso8601duration": "P)" + std::string(64, '1') +
                 R"(Y"}})");
  EXPECT_EQ(e.path, "age.iso8601duration");
  EXPECT_EQ(e.message, "string is 66 bytes; the limit is 64");
  e = ParseError(R"({"phenotypicFeatures": [{"type": {"id": ")" + s201 + R"("}}]})");
  EXPECT_EQ(e.path, "phenotypicFeatures[0].type.id");
  EXPECT_EQ(e.message, "string is 201 bytes; the limit is 200");
}

TEST(Limits, VeryLongKeysAreClippedInWarnings) {
  const std::string key(100000, 'k');
  for (const std::string& text :
       {R"({"caseVersion": 1, ")" + key + R"(": 1})",
        R"({"caseVersion": 1, "age": {"years": 1, ")" + key + R"(": 1}})",
        R"({"caseVersion": 1, "visits": [{"date": "2026-01-01", ")" + key + R"(": 1}]})"}) {
    Result<Case> c = ParseCase(text, Kb());
    ASSERT_TRUE(c.ok());
    ASSERT_EQ(c.value().warnings.size(), 1u);
    EXPECT_LT(c.value().warnings[0].size(), 120u) << c.value().warnings[0].substr(0, 200);
    EXPECT_NE(c.value().warnings[0].find("k\xE2\x80\xA6: unknown key ignored"), std::string::npos);
  }
  const Error e = ParseError(R"({"caseVersion": 1, "findings": {")" + key + R"(": "present"}})");
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.message, "key is 100000 bytes; the limit is 200");
}

TEST(Limits, AgesOutOfRange) {
  Error e = ParseError(R"({"caseVersion": 1, "age": {"months": 1561}})");
  EXPECT_EQ(e.path, "age.months");
  EXPECT_EQ(e.message, "1561 is out of range (expected 0 to 1560)");
  e = ParseError(R"({"caseVersion": 1, "age": {"days": -1}})");
  EXPECT_EQ(e.path, "age.days");
  EXPECT_EQ(e.message, "-1 is out of range (expected 0 to 47580)");
  e = ParseError(R"({"caseVersion": 1, "age": {"years": 100, "months": 600}})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.path, "age");
  EXPECT_EQ(e.message, "age 150 years is out of range (0 to 130)");
  e = ParseError(R"({"caseVersion": 1, "age": {"iso8601duration": "P131Y"}})");
  EXPECT_EQ(e.path, "age");
  EXPECT_EQ(e.message, "age 131 years is out of range (0 to 130)");
  e = ParseError(R"({"subject": {"timeAtLastEncounter": {"age": {"iso8601duration": "P131Y"}}}})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.path, "subject.timeAtLastEncounter.age.iso8601duration");
  EXPECT_EQ(e.message, "'P131Y' is not an ISO 8601 duration of an age (such as P1Y6M)");
  EXPECT_TRUE(ParseCase(R"({"caseVersion": 1, "age": {"years": 130}})", Kb()).ok());
  EXPECT_TRUE(ParseCase(R"({"caseVersion": 1, "age": {"years": 0}})", Kb()).ok());
}

TEST(Limits, DatesInTheFuture) {
  CaseLimits limits;
  limits.today = "2026-11-25";
  EXPECT_TRUE(
      ParseCase(R"({"caseVersion": 1, "visits": [{"date": "2026-11-25"}]})", Kb(), limits).ok())
      << "today is not the future";
  Error e = ParseError(R"({"caseVersion": 1, "visits": [{"date": "2026-11-26"}]})", limits);
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.message, "2026-11-26 is in the future (today is 2026-11-25)");
  e = ParseError(
      R"({"measurements": [{"assay": {"id": "OMSAID:severity/gait"}, "value": {"quantity": {"value": 1}},
                     "timeObserved": {"timestamp": "2026-11-26T00:00:00Z"}}]})",
      limits);
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.path, "measurements[0].timeObserved.timestamp");
  EXPECT_EQ(e.message, "2026-11-26 is in the future (today is 2026-11-25)");
  e = ParseError(R"({"caseVersion": 1, "visits": [{"date": "1899-12-31"}]})", limits);
  EXPECT_EQ(e.message, "'1899-12-31' is not a date in the form YYYY-MM-DD");
}

TEST(Limits, UnknownEnumValues) {
  struct Row {
    const char* json;
    const char* path;
    const char* message;
  };
  const Row rows[] = {
      {R"({"caseVersion": 1, "sex": "F"})", "sex",
       "'F' is not one of: female, male, other, unknown"},
      {R"({"caseVersion": 1, "tests": {"eeg": "done"}})", "tests.eeg",
       "'done' is not one of: normal, abnormal, pending, not_done"},
      {R"({"caseVersion": 1, "antibodies": {"anti-Ri": "weak"}})", "antibodies.anti-Ri",
       "'weak' is not one of: positive, negative, pending, not_tested"},
      {R"({"caseVersion": 1, "exposures": {"drug-or-toxin": "yes"}})", "exposures.drug-or-toxin",
       "'yes' is not one of: present, absent, unknown"},
      {R"({"caseVersion": 1, "history": {"family-history-of-ataxia": ""}})",
       "history.family-history-of-ataxia", "'' is not one of: present, absent, unknown"},
      {R"({"subject": {"sex": "female"}})", "subject.sex",
       "'female' is not one of: FEMALE, MALE, OTHER_SEX, UNKNOWN_SEX"},
      {R"({"measurements": [{"assay": {"id": "OMSAID:onset"}, "value": {"ontologyClass": {"id": "HP:0000001"}}}]})",
       "measurements[0].value.ontologyClass.id",
       "'HP:0000001' is not one of HP:0011009, HP:0011011, HP:0011010"},
  };
  for (const Row& r : rows) {
    const Error e = ParseError(r.json);
    EXPECT_EQ(e.code, ErrorCode::kInvalidValue) << r.json;
    EXPECT_EQ(e.path, r.path);
    EXPECT_EQ(e.message, r.message);
  }
}

TEST(Limits, DuplicateKeysAtAnyDepth) {
  const Error e = ParseError(
      R"({"caseVersion": 1, "visits": [{"date": "2026-01-01", "severity": {"gait": 1, "gait": 1}}]})");
  EXPECT_EQ(e.code, ErrorCode::kDuplicateId);
  EXPECT_EQ(e.path, "visits[0].severity.gait");
  EXPECT_EQ(e.message, "duplicate key 'gait' in the same object");
  EXPECT_EQ(ParseError(R"({"subject": {"sex": "MALE", "sex": "MALE"}})").path, "subject.sex");
}

TEST(Limits, ContradictionsInAPhenopacket) {
  // A tumour given as a disease (by its label) and excluded as a phenotypic feature.
  const Error e =
      ParseError(R"({"diseases": [{"term": {"id": "MONDO:0005072", "label": "Neuroblastoma"}}],
      "phenotypicFeatures": [{"type": {"id": "HP:0003006"}, "excluded": true}]})");
  EXPECT_EQ(e.code, ErrorCode::kContradiction);
  EXPECT_EQ(e.path, "phenotypicFeatures[0].type.id");
  EXPECT_EQ(e.message, "'HP:0003006' is listed both as observed and as excluded");
  // An obsolete id and its replacement: the engine reads both as the same term.
  Result<std::string> r = EvaluateJson(
      Kb(), R"({"caseVersion": 1, "findings": {"HP:0000266": "present", "HP:0002315": "absent"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kContradiction);
  EXPECT_EQ(r.error().path, "findings.HP:0002315");
}

TEST(Limits, NulBytes) {
  // Found while writing these tests: nlohmann's lexer reads a NUL byte as the end of the input, so
  // whatever followed a NUL after a complete document was silently ignored.
  Error e = ParseError(std::string("{\"caseVersion\": 1}\0{\"caseVersion\": 7, garbage", 44));
  EXPECT_EQ(e.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(e.message,
            "invalid JSON at line 1, column 19: a NUL byte (JSON text cannot contain one)");
  e = ParseError(std::string("{\"caseVersion\": 1,\n\0 \"sex\": \"male\"}", 35));
  EXPECT_EQ(e.message,
            "invalid JSON at line 2, column 1: a NUL byte (JSON text cannot contain one)");
  e = ParseError(R"({"caseVersion": 1, "sex": "ma\u0000le"})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.message, "'ma\\u0000le' is not one of: female, male, other, unknown");
  Result<Case> c =
      ParseCase(R"({"caseVersion": 1, "findings": {"HP:0010543\u0000": "present"}})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().warnings.at(0),
            "findings.HP:0010543\\u0000: not an HPO id (expected HP: and 7 digits); ignored");
  Result<std::string> report = EvaluateJson(Kb(), R"({"caseVersion": 1, "\u0000": "\u0000"})");
  ASSERT_TRUE(report.ok());
  EXPECT_TRUE(ParseJson(report.value(), JsonLimits{16u << 20, 64}).ok());
}

TEST(Limits, HugeNumbers) {
  Error e = ParseError(R"({"caseVersion": 1, "followUpMonths": 1e308})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.message, "1e+308 is out of range (expected 0 to 1200)");
  e = ParseError(R"({"caseVersion": 1e300})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.message, "integer out of range");
  e = ParseError(R"({"caseVersion": 18446744073709551615})");
  EXPECT_EQ(e.message, "integer out of range");
  e = ParseError(R"({"caseVersion": -9223372036854775808})");
  EXPECT_EQ(e.code, ErrorCode::kUnsupportedVersion);
  // Underflow is zero; a subnormal age is a (tiny) age.
  Result<Case> c = ParseCase(R"({"caseVersion": 1, "age": {"years": 1e-400}})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(*c.value().age_years, 0.0);
  c = ParseCase(R"({"caseVersion": 1, "age": {"years": 4.9e-324}})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(EvaluateCase(Kb(), c.value()).ok());
}

TEST(Limits, NegativeZeroIsZero) {
  Result<Case> c = ParseCase(R"({"caseVersion": 1, "age": {"years": -0.0}, "followUpMonths": -0.0,
      "visits": [{"date": "2026-01-01", "severity": {"gait": -0.0}}]})",
                             Kb());
  ASSERT_TRUE(c.ok());
  const std::string json = CaseToJson(c.value());
  EXPECT_EQ(json.find(":-0"), std::string::npos) << json;
  EXPECT_NE(json.find(R"("age":{"years":0})"), std::string::npos) << json;
  const std::string pp = CaseToPhenopacket(c.value(), Kb(), "z", "2026-11-25T00:00:00Z");
  EXPECT_NE(pp.find(R"("iso8601duration":"P0Y")"), std::string::npos) << pp;
  EXPECT_TRUE(ParseAnyCase(pp, Kb()).ok());
  EXPECT_EQ(ParseError(R"({"caseVersion": -0})").message,
            "caseVersion 0 is not supported (this version reads 1)");
}

TEST(Limits, FormatNumberHandlesEveryFiniteDouble) {
  // Found by fuzz_case: a subnormal age (1e-320) scaled by 10^329, an infinity, and llround of it
  // overflowed (undefined behaviour) when the case was written back (CaseToJson).
  EXPECT_EQ(FormatNumber(1e-320, 10), "9.999888672e-321");
  EXPECT_EQ(FormatNumber(4.9406564584124654e-324, 10), "4.940656458e-324");
  EXPECT_EQ(FormatNumber(-2.2250738585072014e-308, 4), "-2.225e-308");
  EXPECT_EQ(FormatNumber(1.7976931348623157e308, 10), "1.797693135e+308");
  EXPECT_EQ(FormatNumber(1e-300, 4), "1e-300");
  Result<Case> c = ParseCase(R"({"caseVersion": 1, "age": {"years": 1e-320}})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(CaseToJson(c.value()).rfind(R"({"caseVersion":1,"age":{"years":9.999888672e-321})", 0),
            0u);
  // Every double of a sweep over the exponents formats to text that reads back within its digits.
  for (int exp = -324; exp <= 308; ++exp) {
    for (double mantissa : {1.0, 2.5, 9.999999999}) {
      const double v = mantissa * std::pow(10.0, exp);
      if (!std::isfinite(v) || v == 0) continue;
      const std::string text = FormatNumber(v, 10);
      Result<Json> j = ParseJson(text);
      ASSERT_TRUE(j.ok()) << v << " -> " << text;
      const double back = j.value().get<double>();
      EXPECT_NEAR(back / v, 1.0, v < 1e-307 ? 1e-3 : 1e-9) << v << " -> " << text;
    }
  }
}

TEST(Limits, CaseToJsonIsCanonicalWhateverTheOrderOfAPhenopacket) {
  // Found by fuzz_phenopacket (10-minute run): severity items, tests, ... kept the measurements'
  // order, so CaseToJson of an imported Phenopacket changed when read back (objects are read in
  // key order).
  const std::string text = Measurements(
      {Severity("stance", 1, "2026-01-01"), Severity("gait", 2, "2026-01-01"),
       Measurement("test/eeg", "OMSAID:normal"), Measurement("test/brain-mri", "OMSAID:abnormal"),
       Measurement("antibody/anti-Ri", "OMSAID:positive"),
       Measurement("antibody/anti-Hu", "OMSAID:negative"),
       Measurement("exposure/recent-infection", "OMSAID:present"),
       Measurement("exposure/drug-or-toxin", "OMSAID:absent")});
  Result<Case> c = ParseAnyCase(text, Kb());
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  const std::string json = CaseToJson(c.value());
  EXPECT_NE(json.find(R"("tests":{"brain-mri":"abnormal","eeg":"normal"})"), std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("antibodies":{"anti-Hu":"negative","anti-Ri":"positive"})"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("exposures":{"drug-or-toxin":"absent","recent-infection":"present"})"),
            std::string::npos)
      << json;
  EXPECT_NE(json.find(R"("severity":{"gait":2,"stance":1})"), std::string::npos) << json;
  Result<Case> again = ParseCase(json, Kb());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(CaseToJson(again.value()), json);
}

TEST(Limits, LongestSeverityItemSurvivesThePhenopacketRoundTrip) {
  // Found by fuzz_phenopacket: a native severity item of up to 200 bytes was exported as an assay
  // id "OMSAID:severity/<item>" over the 200-byte limit, and the Phenopacket did not import again.
  const std::string item(200, 'i');
  Result<Case> c =
      ParseCase(R"({"caseVersion": 1, "visits": [{"date": "2026-01-01", "severity": {")" + item +
                    R"(": 1}}]})",
                Kb());
  ASSERT_TRUE(c.ok());
  Result<Case> back =
      ParseAnyCase(CaseToPhenopacket(c.value(), Kb(), "x", "2026-11-25T00:00:00Z"), Kb());
  ASSERT_TRUE(back.ok()) << back.error().ToString();
  EXPECT_EQ(CaseToJson(back.value()), CaseToJson(c.value()));
  // One byte more is the same limit as in the native case, on the item.
  Error e = ParseError(Measurements({Severity(item + "i", 1, "2026-01-01")}));
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.path, "measurements[0].assay.id");
  EXPECT_EQ(e.message, "the item id is 201 bytes; the limit is 200");
  e = ParseError(Measurements({Measurement(std::string(300, 'x'), "OMSAID:present")}));
  EXPECT_EQ(e.path, "measurements[0].assay.id");
  EXPECT_EQ(e.message, "string is 307 bytes; the limit is 232");
}

TEST(Limits, PhenopacketListSizes) {
  std::string items;
  for (int i = 0; i < 801; ++i) items += std::string(i ? ", " : "") + "{}";
  Error e = ParseError(R"({"measurements": [)" + items + "]}");
  EXPECT_EQ(e.code, ErrorCode::kLimitExceeded);
  EXPECT_EQ(e.path, "measurements");
  EXPECT_EQ(e.message, "801 entries; the limit is 800");
  items.clear();
  for (int i = 0; i < 201; ++i) items += std::string(i ? ", " : "") + "{}";
  e = ParseError(R"({"diseases": [)" + items + "]}");
  EXPECT_EQ(e.path, "diseases");
  EXPECT_EQ(e.message, "201 entries; the limit is 200");
  items.clear();
  for (int i = 0; i < 501; ++i) items += std::string(i ? ", " : "") + "{}";
  e = ParseError(R"({"phenotypicFeatures": [)" + items + "]}");
  EXPECT_EQ(e.path, "phenotypicFeatures");
  EXPECT_EQ(e.message, "501 entries; the limit is 500");
}

}  // namespace
}  // namespace omsaid

namespace omsaid {
namespace {

TEST(Limits, TheNoteCourseAndDurationHaveTheirLimits) {
  // The page's text box takes 2,000 characters: 2,000 accented letters are 4,000 bytes.
  std::string accented;
  for (int i = 0; i < 2000; ++i) accented += "\xc3\xa9";
  EXPECT_TRUE(ParseCase(R"({"caseVersion": 1, "note": ")" + accented + R"("})", testing::Kb()).ok());
  const std::string note8000(8000, 'x'), note8001(8001, 'x');
  Result<Case> ok = ParseCase(R"({"caseVersion": 1, "note": ")" + note8000 + R"("})", testing::Kb());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(ok.value().note.size(), 8000u);
  Error e = ParseError(R"({"caseVersion": 1, "note": ")" + note8001 + R"("})");
  EXPECT_EQ(e.path, "note");
  EXPECT_EQ(e.message, "string is 8001 bytes; the limit is 8000");
  e = ParseError(R"({"caseVersion": 1, "course": "better"})");
  EXPECT_EQ(e.path, "course");
  EXPECT_EQ(ToString(e.code), "invalid_value");
  e = ParseError(R"({"caseVersion": 1, "duration": {"days": -1}})");
  EXPECT_EQ(e.path, "duration.days");
  EXPECT_EQ(ToString(e.code), "invalid_value");
  e = ParseError(R"({"caseVersion": 1, "duration": {"months": 1e9}})");
  EXPECT_EQ(e.path, "duration.months");
  e = ParseError(R"({"caseVersion": 1, "duration": {}})");
  EXPECT_EQ(e.path, "duration.days");
  EXPECT_EQ(ToString(e.code), "missing_field");
  Result<Case> weeks = ParseCase(R"({"caseVersion": 1, "duration": {"weeks": 2, "days": 3}})", testing::Kb());
  ASSERT_TRUE(weeks.ok());
  EXPECT_DOUBLE_EQ(*weeks.value().duration_days, 17);
  e = ParseError(R"({"caseVersion": 1, "enteredBy": "robot"})");
  EXPECT_EQ(e.path, "enteredBy");
}

}  // namespace
}  // namespace omsaid
