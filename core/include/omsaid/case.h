// SPDX-License-Identifier: MIT
// A patient case: the native case JSON (DESIGN §4.1) parsed into typed values. Unknown keys and
// unknown vocabulary values are warnings, not errors; malformed values are errors naming the JSON
// path ("age.years: expected a number, got a string").
//
// Example:
//   Result<Case> c = ParseCase(R"({"caseVersion": 1, "findings": {"HP:0010543": "present"}})", kb);
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "omsaid/kb.h"
#include "omsaid/result.h"

namespace omsaid {

enum class FindingState : uint8_t { kUnknown, kAbsent, kPresent };
enum class Sex : uint8_t { kUnknown, kFemale, kMale, kOther };
enum class Onset : uint8_t { kUnknown, kAcute, kSubacute, kChronic };
/// How the illness has evolved so far.
enum class Course : uint8_t { kUnknown, kImproving, kPersistent, kWorsening, kRelapsing, kEpisodic };
/// Who answered the questions (shown on the printed summary).
enum class EnteredBy : uint8_t { kUnknown, kFamily, kPatient, kClinician };
enum class TestState : uint8_t { kNotDone, kNormal, kAbnormal, kPending };
enum class AntibodyState : uint8_t { kNotTested, kPositive, kNegative, kPending };

struct Finding {
  std::string term;  ///< as given (an HPO id)
  FindingState state = FindingState::kUnknown;
};

struct TestResult {
  std::string id;  ///< a work-up test id of the knowledge base
  TestState state = TestState::kNotDone;
};

struct AntibodyResult {
  std::string id;
  AntibodyState state = AntibodyState::kNotTested;
};

struct Exposure {
  std::string id;
  FindingState state = FindingState::kPresent;
};

struct Visit {
  std::string date;  ///< YYYY-MM-DD
  std::vector<std::pair<std::string, double>> severity;
};

/// A case (and its report) lists at most this many warnings; the rest are counted in one last
/// warning, "and N more warnings not listed" (10,000 unknown keys give 101 warnings, not 10,000).
constexpr size_t kMaxWarnings = 100;
/// A month of a duration ({"months": 1}) or of follow-up, in days: the knowledge base's duration
/// bands count 30.
constexpr double kDaysPerMonth = 30;

/// Limits on a case (hostile or accidental huge input gets a clear error, not a slow page).
struct CaseLimits {
  size_t max_bytes = 1 << 20;
  size_t max_findings = 500;
  size_t max_items = 200;  ///< tests, antibodies, exposures, visits
  size_t max_string = 200;
  size_t max_severity_items = 50;  ///< per visit
  double max_age_years = 130;
  /// Bytes of the free-text note: the page takes 2,000 characters, up to 6,000 bytes of UTF-8
  /// (2,000 bytes refused a note of 1,500 accented letters the text box had accepted).
  size_t max_note = 8000;
  /// Dates after this (YYYY-MM-DD) are rejected; "" disables the check. The core reads no clock:
  /// callers pass today's date.
  std::string today;
};

struct Case {
  int version = 1;
  std::optional<double> age_years;
  Sex sex = Sex::kUnknown;
  Onset onset = Onset::kUnknown;
  Course course = Course::kUnknown;
  std::optional<double> duration_days;  ///< time from onset to now (the visit), in days
  EnteredBy entered_by = EnteredBy::kUnknown;
  std::string note;  ///< free text from whoever entered the case (never interpreted)
  std::vector<Finding> findings;  ///< in input order; no duplicates
  std::vector<TestResult> tests;
  std::vector<AntibodyResult> antibodies;
  std::vector<Exposure> exposures;
  std::vector<Exposure> history;  ///< course and family history ("history": {"id": "present"})
  std::optional<double> follow_up_months;
  std::vector<Visit> visits;
  std::vector<std::string> warnings;  ///< unknown keys, unknown vocabulary, ...
};

/// Parses the native case JSON. `kb` supplies the vocabularies (tests, antibodies, exposures).
Result<Case> ParseCase(std::string_view json_text, const KnowledgeBase& kb,
                       const CaseLimits& limits = {});

std::string_view ToString(FindingState s);
std::string_view ToString(Sex s);
std::string_view ToString(Onset o);
std::string_view ToString(Course c);
std::string_view ToString(EnteredBy e);
std::string_view ToString(TestState s);
std::string_view ToString(AntibodyState s);

/// The case back as native case JSON (canonical: the members of every object in key order, as
/// ParseCase reads them, so that CaseToJson(ParseCase(CaseToJson(c))) == CaseToJson(c)).
std::string CaseToJson(const Case& c);

}  // namespace omsaid
