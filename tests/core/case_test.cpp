// SPDX-License-Identifier: MIT
// The native case JSON parser: every error names its code and JSON path; unknowns are warnings.
#include "omsaid/case.h"

#include "test_util.h"

namespace omsaid {
namespace {

using testing::Kb;

Error ParseError(std::string_view json, const CaseLimits& limits = {}) {
  Result<Case> c = ParseCase(json, Kb(), limits);
  EXPECT_FALSE(c.ok()) << "expected an error for " << json;
  return c.ok() ? Error{} : c.error();
}

TEST(Case, MinimalCaseParses) {
  Result<Case> c = ParseCase(R"({"caseVersion": 1})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_FALSE(c.value().age_years.has_value());
  EXPECT_EQ(c.value().sex, Sex::kUnknown);
  EXPECT_TRUE(c.value().warnings.empty());
}

TEST(Case, FullExampleFromTheDesignParses) {
  Result<Case> c = ParseCase(R"({
    "caseVersion": 1, "age": {"years": 1.5}, "sex": "female",
    "findings": {"HP:0010543": "present", "HP:0001336": "present", "HP:0000737": "present", "HP:0003006": "absent"},
    "onset": "acute",
    "tests": {"urine-catecholamines": "normal", "imaging-chest-abdomen-pelvis": "pending"},
    "exposures": ["recent-infection"], "antibodies": {"anti-Ri": "positive"}, "followUpMonths": 2,
    "visits": [{"date": "2026-11-01", "severity": {"stance": 2, "gait": 3}}]})", Kb());
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_DOUBLE_EQ(*c.value().age_years, 1.5);
  EXPECT_EQ(c.value().sex, Sex::kFemale);
  EXPECT_EQ(c.value().onset, Onset::kAcute);
  EXPECT_EQ(c.value().findings.size(), 4u);
  EXPECT_EQ(c.value().tests.size(), 2u);
  EXPECT_EQ(c.value().exposures.size(), 1u);
  EXPECT_EQ(c.value().antibodies.size(), 1u);
  EXPECT_DOUBLE_EQ(*c.value().follow_up_months, 2);
  ASSERT_EQ(c.value().visits.size(), 1u);
  EXPECT_EQ(c.value().visits[0].severity.size(), 2u);
}

TEST(Case, InvalidJsonGivesLineAndColumn) {
  const Error e = ParseError("{\n  \"caseVersion\": 1,\n  \"sex\": femal\n}");
  EXPECT_EQ(e.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(e.path, "");
  EXPECT_EQ(e.message.rfind("invalid JSON at line 3, column ", 0), 0u) << e.message;
}

TEST(Case, ANumberTooLargeForADoubleSaysSoWithoutTheLibrarysId) {
  const Error e = ParseError(R"({"caseVersion": 1, "age": {"years": 1e400}})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(e.message.find("json.exception"), std::string::npos) << e.message;
  EXPECT_NE(e.message.find("number overflow parsing '1e400'"), std::string::npos) << e.message;
  EXPECT_EQ(e.message.rfind("invalid JSON at line 1, column ", 0), 0u) << e.message;
}

// An illness cannot have begun before birth; "2 years" may mean 2 years 11 months, so an age in
// whole years allows a year more, an age in months a month more.
TEST(Case, ADurationLongerThanTheAgeIsAnError) {
  const Error e = ParseError(R"({"caseVersion": 1, "age": {"months": 2}, "duration": {"months": 40}})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.path, "duration");
  EXPECT_EQ(e.message, "it started 1200 days ago, before the birth (age 2 months)") << e.message;
  EXPECT_TRUE(ParseCase(R"({"caseVersion": 1, "age": {"years": 2}, "duration": {"months": 30}})", Kb()).ok());
  EXPECT_TRUE(ParseCase(R"({"caseVersion": 1, "age": {"months": 3}, "duration": {"months": 3}})", Kb()).ok());
  EXPECT_FALSE(ParseCase(R"({"caseVersion": 1, "age": {"months": 3}, "duration": {"months": 5}})", Kb()).ok());
  EXPECT_TRUE(ParseCase(R"({"caseVersion": 1, "duration": {"months": 40}})", Kb()).ok()) << "no age: nothing to compare";
}

TEST(Case, EmptyInputIsInvalidJson) {
  const Error e = ParseError("");
  EXPECT_EQ(e.code, ErrorCode::kInvalidJson);
  EXPECT_EQ(e.message, "empty input, expected a JSON object");
}

TEST(Case, RootMustBeAnObject) {
  const Error e = ParseError("[1, 2]");
  EXPECT_EQ(e.code, ErrorCode::kWrongType);
  EXPECT_EQ(e.message, "expected an object, got an array");
}

TEST(Case, CaseVersionIsRequiredAndMustBeOne) {
  Error e = ParseError(R"({"sex": "male"})");
  EXPECT_EQ(e.code, ErrorCode::kMissingField);
  EXPECT_EQ(e.path, "caseVersion");
  e = ParseError(R"({"caseVersion": 2})");
  EXPECT_EQ(e.code, ErrorCode::kUnsupportedVersion);
  EXPECT_EQ(e.message, "caseVersion 2 is not supported (this version reads 1)");
  e = ParseError(R"({"caseVersion": "1"})");
  EXPECT_EQ(e.code, ErrorCode::kWrongType);
}

TEST(Case, BadFindingStateNamesThePath) {
  const Error e = ParseError(R"({"caseVersion": 1, "findings": {"HP:0010543": "maybe"}})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.path, "findings.HP:0010543");
  EXPECT_EQ(e.message, "'maybe' is not one of: present, absent, unknown");
}

TEST(Case, WrongTypesEverywhereAreErrors) {
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "age": {"years": "two"}})").path, "age.years");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "age": 2})").path, "age");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "findings": []})").path, "findings");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "findings": {"HP:0010543": true}})").path, "findings.HP:0010543");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "tests": {"eeg": 1}})").path, "tests.eeg");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "exposures": "recent-infection"})").path, "exposures");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "exposures": [1]})").path, "exposures[0]");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "followUpMonths": null})").path, "followUpMonths");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "visits": {}})").path, "visits");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "visits": [{"date": 20261101}]})").path, "visits[0].date");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "sex": "F"})").code, ErrorCode::kInvalidValue);
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "onset": "sudden"})").path, "onset");
}

TEST(Case, AgeOutOfRangeIsAnError) {
  Error e = ParseError(R"({"caseVersion": 1, "age": {"years": -1}})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.path, "age.years");
  e = ParseError(R"({"caseVersion": 1, "age": {"years": 131}})");
  EXPECT_EQ(e.message, "131 is out of range (expected 0 to 130)");
  e = ParseError(R"({"caseVersion": 1, "age": {}})");
  EXPECT_EQ(e.code, ErrorCode::kMissingField);
}

TEST(Case, AgeInMonthsAndIsoDuration) {
  Result<Case> c = ParseCase(R"({"caseVersion": 1, "age": {"months": 18}})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_DOUBLE_EQ(*c.value().age_years, 1.5);
  c = ParseCase(R"({"caseVersion": 1, "age": {"iso8601duration": "P2Y6M"}})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_DOUBLE_EQ(*c.value().age_years, 2.5);
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "age": {"iso8601duration": "two years"}})").code,
            ErrorCode::kInvalidValue);
}

TEST(Case, FutureVisitDateIsAnErrorWhenTodayIsKnown) {
  CaseLimits limits;
  limits.today = "2026-11-25";
  const Error e = ParseError(R"({"caseVersion": 1, "visits": [{"date": "2027-01-01"}]})", limits);
  EXPECT_EQ(e.path, "visits[0].date");
  EXPECT_EQ(e.message, "2027-01-01 is in the future (today is 2026-11-25)");
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "visits": [{"date": "2026-02-30"}]})").code,
            ErrorCode::kInvalidValue);
}

TEST(Case, DuplicateKeysAreRejected) {
  const Error e = ParseError(R"({"caseVersion": 1, "findings": {"HP:0010543": "present", "HP:0010543": "absent"}})");
  EXPECT_EQ(e.code, ErrorCode::kDuplicateId);
  EXPECT_EQ(e.path, "findings.HP:0010543");
}

TEST(Case, LimitsGiveClearErrors) {
  CaseLimits limits;
  limits.max_bytes = 100;
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "findings": {}})" + std::string(200, ' '), limits).code,
            ErrorCode::kTooLarge);
  std::string deep = R"({"caseVersion": 1, "x": )" + std::string(100, '[') + std::string(100, ']') + "}";
  const Error e = ParseError(deep);
  EXPECT_EQ(e.code, ErrorCode::kTooDeep);
  limits = CaseLimits{};
  limits.max_findings = 2;
  EXPECT_EQ(ParseError(testing::CaseWith(R"("HP:0010543": "present", "HP:0001336": "present", "HP:0001251": "present")"),
                       limits).code,
            ErrorCode::kLimitExceeded);
  EXPECT_EQ(ParseError(R"({"caseVersion": 1, "findings": {")" + std::string(300, 'x') + R"(": "present"}})").code,
            ErrorCode::kLimitExceeded);
}

TEST(Case, UnknownKeysAndVocabularyAreWarnings) {
  Result<Case> c = ParseCase(R"({"caseVersion": 1, "colour": "blue", "tests": {"x-ray": "normal"},
      "exposures": ["moon-dust"], "antibodies": {"anti-Zz": "positive"},
      "findings": {"<script>": "present"}})", Kb());
  ASSERT_TRUE(c.ok());
  const std::vector<std::string>& w = c.value().warnings;
  ASSERT_EQ(w.size(), 5u);
  EXPECT_EQ(w[0], "antibodies.anti-Zz: unknown antibody ignored");
  EXPECT_EQ(w[1], "colour: unknown key ignored");
  EXPECT_EQ(w[2], "exposures[0]: unknown exposure 'moon-dust' ignored");
  EXPECT_EQ(w[3], "findings.<script>: not an HPO id (expected HP: and 7 digits); ignored");
  EXPECT_EQ(w[4], "tests.x-ray: unknown test ignored");
}

TEST(Case, NonFiniteAndHugeNumbersAreRejected) {
  const Error overflow = ParseError(R"({"caseVersion": 1, "followUpMonths": 1e999})");
  EXPECT_EQ(overflow.code, ErrorCode::kInvalidJson);
  EXPECT_NE(overflow.message.find("number overflow"), std::string::npos) << overflow.message;
  EXPECT_EQ(ParseError(R"({"caseVersion": 18446744073709551616})").code, ErrorCode::kInvalidValue);
}

TEST(Case, RoundTripsThroughCaseToJson) {
  const char* text = R"({"caseVersion": 1, "age": {"years": 3}, "sex": "male", "onset": "subacute",
      "findings": {"HP:0010543": "present", "HP:0001251": "absent"}, "tests": {"eeg": "normal"},
      "exposures": {"recent-infection": "present"}, "antibodies": {"anti-Hu": "negative"},
      "followUpMonths": 4, "visits": [{"date": "2026-01-02", "severity": {"gait": 1}}]})";
  Result<Case> a = ParseCase(text, Kb());
  ASSERT_TRUE(a.ok());
  const std::string json = CaseToJson(a.value());
  Result<Case> b = ParseCase(json, Kb());
  ASSERT_TRUE(b.ok()) << json;
  EXPECT_EQ(CaseToJson(b.value()), json);
  EXPECT_EQ(b.value().sex, Sex::kMale);
  EXPECT_EQ(b.value().findings.size(), 2u);
}

}  // namespace
}  // namespace omsaid
