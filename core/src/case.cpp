// SPDX-License-Identifier: MIT
#include "omsaid/case.h"

#include <algorithm>

#include "case_json.h"
#include "json_util.h"
#include "text_util.h"

namespace omsaid {

std::string_view ToString(FindingState s) {
  switch (s) {
    case FindingState::kPresent: return "present";
    case FindingState::kAbsent: return "absent";
    case FindingState::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string_view ToString(Sex s) {
  switch (s) {
    case Sex::kFemale: return "female";
    case Sex::kMale: return "male";
    case Sex::kOther: return "other";
    case Sex::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string_view ToString(Onset o) {
  switch (o) {
    case Onset::kAcute: return "acute";
    case Onset::kSubacute: return "subacute";
    case Onset::kChronic: return "chronic";
    case Onset::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string_view ToString(Course c) {
  switch (c) {
    case Course::kImproving: return "improving";
    case Course::kPersistent: return "persistent";
    case Course::kWorsening: return "worsening";
    case Course::kRelapsing: return "relapsing";
    case Course::kEpisodic: return "episodic";
    case Course::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string_view ToString(EnteredBy e) {
  switch (e) {
    case EnteredBy::kFamily: return "family";
    case EnteredBy::kPatient: return "patient";
    case EnteredBy::kClinician: return "clinician";
    case EnteredBy::kUnknown: return "unknown";
  }
  return "unknown";
}

std::string_view ToString(TestState s) {
  switch (s) {
    case TestState::kNormal: return "normal";
    case TestState::kAbnormal: return "abnormal";
    case TestState::kPending: return "pending";
    case TestState::kNotDone: return "not_done";
  }
  return "not_done";
}

std::string_view ToString(AntibodyState s) {
  switch (s) {
    case AntibodyState::kPositive: return "positive";
    case AntibodyState::kNegative: return "negative";
    case AntibodyState::kPending: return "pending";
    case AntibodyState::kNotTested: return "not_tested";
  }
  return "not_tested";
}

namespace {

FindingState ParseFindingState(std::string_view s) {
  if (s == "present") return FindingState::kPresent;
  if (s == "absent") return FindingState::kAbsent;
  return FindingState::kUnknown;
}

// Parses the fields of a case object one by one. Stops collecting at the first error (the caller
// reports that one), keeps going through warnings.
class CaseParser {
 public:
  CaseParser(const KnowledgeBase& kb, const CaseLimits& limits)
      : kb_(kb), limits_(limits), reader_(&problems_) {}

  Result<Case> Parse(const Json& root) {
    if (!reader_.ExpectObject(root, "")) return First();
    const Json* version = reader_.Member(root, "caseVersion", "", true);
    if (!version) return First();
    auto v = reader_.Integer(*version, "caseVersion");
    if (!v) return First();
    if (*v != 1) {
      return MakeError(ErrorCode::kUnsupportedVersion, "caseVersion",
                       "caseVersion " + std::to_string(*v) + " is not supported (this version reads 1)");
    }
    for (auto it = root.begin(); it != root.end(); ++it) {
      const std::string& key = it.key();
      const Json& value = it.value();
      if (key == "caseVersion") continue;
      if (key == "age") ParseAge(value);
      else if (key == "sex") ParseSex(value);
      else if (key == "onset") ParseOnset(value);
      else if (key == "course") ParseCourse(value);
      else if (key == "duration") ParseDuration(value);
      else if (key == "enteredBy") ParseEnteredBy(value);
      else if (key == "note") ParseNote(value);
      else if (key == "findings") ParseFindings(value);
      else if (key == "tests") ParseTests(value);
      else if (key == "exposures") ParseExposures(value);
      else if (key == "history") ParseHistory(value);
      else if (key == "antibodies") ParseAntibodies(value);
      else if (key == "followUpMonths") ParseFollowUp(value);
      else if (key == "visits") ParseVisits(value);
      else Warn(key, "unknown key ignored");
      if (reader_.HasProblems()) return First();
    }
    // The illness cannot have lasted longer than the life it is in (within the age's precision:
    // a whole number of years, months or days).
    if (case_.age_years && case_.duration_days &&
        *case_.duration_days / 365.25 > *case_.age_years + age_slack_years_) {
      return MakeError(ErrorCode::kInvalidValue, "duration",
                       "it started " + FormatNumber(*case_.duration_days, 1) + " days ago, before the birth (age " +
                           (*case_.age_years < 2 ? FormatNumber(*case_.age_years * 12, 1) + " months)"
                                                 : FormatNumber(*case_.age_years, 1) + " years)"));
    }
    return std::move(case_);
  }

 private:
  Error First() const { return problems_.front(); }

  double age_slack_years_ = 1;  ///< the precision of the age given (1 for whole years)

  void Warn(std::string_view path, std::string_view message) {
    AddWarning(&case_.warnings, std::string(ClipForMessage(path)) + ": " + std::string(message));
  }

  bool CheckKey(const std::string& key, std::string_view path) {
    if (key.size() > limits_.max_string) {
      reader_.Problem(ErrorCode::kLimitExceeded, std::string(path),
                      "key is " + std::to_string(key.size()) + " bytes; the limit is " +
                          std::to_string(limits_.max_string));
      return false;
    }
    return true;
  }

  bool CheckCount(const Json& container, std::string_view path, size_t limit) {
    if (container.size() > limit) {
      reader_.Problem(ErrorCode::kLimitExceeded, std::string(path),
                      std::to_string(container.size()) + " entries; the limit is " +
                          std::to_string(limit));
      return false;
    }
    return true;
  }

  void ParseAge(const Json& value) {
    if (!reader_.ExpectObject(value, "age")) return;
    double years = 0;
    bool any = false;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string path = JoinPath("age", it.key());
      if (it.key() == "years" || it.key() == "months" || it.key() == "days") {
        auto d = reader_.NumberInRange(it.value(), path, 0, it.key() == "years" ? limits_.max_age_years
                                                   : it.key() == "months" ? limits_.max_age_years * 12
                                                                          : limits_.max_age_years * 366);
        if (!d) return;
        years += it.key() == "years" ? *d : it.key() == "months" ? *d / 12.0 : *d / 365.25;
        // How precise the age is: "2 years" may mean 2 years 11 months.
        age_slack_years_ = std::min(age_slack_years_, it.key() == "years" ? 1.0 : it.key() == "months" ? 1.0 / 12 : 1.0 / 365.25);
        any = true;
      } else if (it.key() == "iso8601duration") {
        auto s = reader_.String(it.value(), path, 64);
        if (!s) return;
        auto parsed = ParseIsoDurationYears(*s);
        if (!parsed) {
          reader_.Problem(ErrorCode::kInvalidValue, path,
                          "'" + std::string(ClipForMessage(*s)) +
                              "' is not an ISO 8601 duration such as P1Y6M");
          return;
        }
        years += *parsed;
        any = true;
      } else {
        Warn(path, "unknown key ignored");
      }
    }
    if (!any) {
      reader_.Problem(ErrorCode::kMissingField, "age.years",
                      "age needs 'years' (or 'months'), for example {\"years\": 1.5}");
      return;
    }
    if (years > limits_.max_age_years) {
      reader_.Problem(ErrorCode::kInvalidValue, "age",
                      "age " + FormatNumber(years, 4) + " years is out of range (0 to " +
                          FormatNumber(limits_.max_age_years, 6) + ")");
      return;
    }
    case_.age_years = years;
  }

  void ParseSex(const Json& value) {
    auto s = reader_.Enum(value, "sex", {"female", "male", "other", "unknown"});
    if (!s) return;
    case_.sex = *s == "female" ? Sex::kFemale : *s == "male" ? Sex::kMale
              : *s == "other"  ? Sex::kOther  : Sex::kUnknown;
  }

  void ParseOnset(const Json& value) {
    auto s = reader_.Enum(value, "onset", {"acute", "subacute", "chronic", "unknown"});
    if (!s) return;
    case_.onset = *s == "acute" ? Onset::kAcute : *s == "subacute" ? Onset::kSubacute
                : *s == "chronic" ? Onset::kChronic : Onset::kUnknown;
  }

  void ParseCourse(const Json& value) {
    auto s = reader_.Enum(value, "course",
                          {"improving", "persistent", "worsening", "relapsing", "episodic", "unknown"});
    if (!s) return;
    for (Course c : {Course::kImproving, Course::kPersistent, Course::kWorsening, Course::kRelapsing,
                     Course::kEpisodic}) {
      if (*s == ToString(c)) case_.course = c;
    }
  }

  // {"days": 10}, {"weeks": 2}, {"months": 1} (they add up; a month is 30 days, as the knowledge
  // base's duration bands count them).
  void ParseDuration(const Json& value) {
    if (!reader_.ExpectObject(value, "duration")) return;
    const double max_days = limits_.max_age_years * 365.25;
    double days = 0;
    bool any = false;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string path = JoinPath("duration", it.key());
      const double per = it.key() == "days" ? 1 : it.key() == "weeks" ? 7 : it.key() == "months" ? kDaysPerMonth : 0;
      if (per == 0) {
        Warn(path, "unknown key ignored");
        continue;
      }
      auto d = reader_.NumberInRange(it.value(), path, 0, max_days / per);
      if (!d) return;
      days += *d * per;
      any = true;
    }
    if (!any) {
      reader_.Problem(ErrorCode::kMissingField, "duration.days",
                      "duration needs 'days', 'weeks' or 'months', for example {\"days\": 10}");
      return;
    }
    if (days > max_days) {
      reader_.Problem(ErrorCode::kInvalidValue, "duration",
                      "duration " + FormatNumber(days, 6) + " days is out of range (0 to " +
                          FormatNumber(max_days, 6) + ")");
      return;
    }
    case_.duration_days = days;
  }

  void ParseEnteredBy(const Json& value) {
    auto s = reader_.Enum(value, "enteredBy", {"family", "patient", "clinician", "unknown"});
    if (!s) return;
    for (EnteredBy e : {EnteredBy::kFamily, EnteredBy::kPatient, EnteredBy::kClinician}) {
      if (*s == ToString(e)) case_.entered_by = e;
    }
  }

  void ParseNote(const Json& value) {
    auto s = reader_.String(value, "note", limits_.max_note);
    if (s) case_.note = std::move(*s);
  }

  void ParseFindings(const Json& value) {
    if (!reader_.ExpectObject(value, "findings")) return;
    if (!CheckCount(value, "findings", limits_.max_findings)) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string path = JoinPath("findings", it.key());
      if (!CheckKey(it.key(), "findings")) return;
      auto state = reader_.Enum(it.value(), path, {"present", "absent", "unknown"});
      if (!state) return;
      if (!IsHpoId(it.key())) {
        Warn(path, "not an HPO id (expected HP: and 7 digits); ignored");
        continue;
      }
      case_.findings.push_back(Finding{it.key(), ParseFindingState(*state)});
    }
  }

  void ParseTests(const Json& value) {
    if (!reader_.ExpectObject(value, "tests")) return;
    if (!CheckCount(value, "tests", limits_.max_items)) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string path = JoinPath("tests", it.key());
      if (!CheckKey(it.key(), "tests")) return;
      auto state = reader_.Enum(it.value(), path, {"normal", "abnormal", "pending", "not_done"});
      if (!state) return;
      if (kb_.FindTest(it.key()) < 0) {
        Warn(path, "unknown test ignored");
        continue;
      }
      TestState s = *state == "normal" ? TestState::kNormal : *state == "abnormal" ? TestState::kAbnormal
                  : *state == "pending" ? TestState::kPending : TestState::kNotDone;
      case_.tests.push_back(TestResult{it.key(), s});
    }
  }

  void AddExposure(const std::string& id, FindingState state, const std::string& path) {
    if (kb_.FindVariable("exposure:" + id) < 0) {
      Warn(path, "unknown exposure '" + std::string(ClipForMessage(id)) + "' ignored");
      return;
    }
    for (const Exposure& e : case_.exposures) {
      if (e.id == id) {
        reader_.Problem(ErrorCode::kDuplicateId, path, "exposure '" + id + "' is listed twice");
        return;
      }
    }
    case_.exposures.push_back(Exposure{id, state});
  }

  // Either ["recent-infection", ...] (listed = present, others unknown) or
  // {"recent-infection": "present", "drug-or-toxin": "absent"}.
  void ParseExposures(const Json& value) {
    if (value.is_array()) {
      if (!CheckCount(value, "exposures", limits_.max_items)) return;
      for (size_t i = 0; i < value.size(); ++i) {
        const std::string path = IndexPath("exposures", i);
        auto id = reader_.String(value[i], path, limits_.max_string);
        if (!id) return;
        AddExposure(*id, FindingState::kPresent, path);
        if (reader_.HasProblems()) return;
      }
      return;
    }
    if (value.is_object()) {
      if (!CheckCount(value, "exposures", limits_.max_items)) return;
      for (auto it = value.begin(); it != value.end(); ++it) {
        const std::string path = JoinPath("exposures", it.key());
        if (!CheckKey(it.key(), "exposures")) return;
        auto state = reader_.Enum(it.value(), path, {"present", "absent", "unknown"});
        if (!state) return;
        AddExposure(it.key(), ParseFindingState(*state), path);
        if (reader_.HasProblems()) return;
      }
      return;
    }
    reader_.Problem(ErrorCode::kWrongType, "exposures",
                    "expected an array of exposure ids or an object, got " +
                        std::string(JsonTypeName(value)));
  }

  // {"family-history-of-ataxia": "absent", "spontaneous-recovery": "present"}
  void ParseHistory(const Json& value) {
    if (!reader_.ExpectObject(value, "history")) return;
    if (!CheckCount(value, "history", limits_.max_items)) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string path = JoinPath("history", it.key());
      if (!CheckKey(it.key(), "history")) return;
      auto state = reader_.Enum(it.value(), path, {"present", "absent", "unknown"});
      if (!state) return;
      if (kb_.FindVariable("history:" + it.key()) < 0) {
        Warn(path, "unknown history item ignored");
        continue;
      }
      case_.history.push_back(Exposure{it.key(), ParseFindingState(*state)});
    }
  }

  void ParseAntibodies(const Json& value) {
    if (!reader_.ExpectObject(value, "antibodies")) return;
    if (!CheckCount(value, "antibodies", limits_.max_items)) return;
    for (auto it = value.begin(); it != value.end(); ++it) {
      const std::string path = JoinPath("antibodies", it.key());
      if (!CheckKey(it.key(), "antibodies")) return;
      auto state = reader_.Enum(it.value(), path, {"positive", "negative", "pending", "not_tested"});
      if (!state) return;
      if (kb_.FindAntibody(it.key()) < 0) {
        Warn(path, "unknown antibody ignored");
        continue;
      }
      AntibodyState s = *state == "positive" ? AntibodyState::kPositive
                      : *state == "negative" ? AntibodyState::kNegative
                      : *state == "pending"  ? AntibodyState::kPending : AntibodyState::kNotTested;
      case_.antibodies.push_back(AntibodyResult{it.key(), s});
    }
  }

  void ParseFollowUp(const Json& value) {
    auto d = reader_.NumberInRange(value, "followUpMonths", 0, 1200);
    if (d) case_.follow_up_months = *d;
  }

  void ParseVisits(const Json& value) {
    if (!reader_.ExpectArray(value, "visits")) return;
    if (!CheckCount(value, "visits", limits_.max_items)) return;
    for (size_t i = 0; i < value.size(); ++i) {
      const std::string path = IndexPath("visits", i);
      const Json& v = value[i];
      if (!reader_.ExpectObject(v, path)) return;
      Visit visit;
      for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string field = JoinPath(path, it.key());
        if (it.key() == "date") {
          auto s = reader_.String(it.value(), field, 10);
          if (!s) return;
          if (!IsIsoDate(*s)) {
            reader_.Problem(ErrorCode::kInvalidValue, field,
                            "'" + std::string(ClipForMessage(*s)) +
                                "' is not a date in the form YYYY-MM-DD");
            return;
          }
          if (!limits_.today.empty() && *s > limits_.today) {
            reader_.Problem(ErrorCode::kInvalidValue, field,
                            *s + " is in the future (today is " + limits_.today + ")");
            return;
          }
          visit.date = *s;
        } else if (it.key() == "severity") {
          if (!reader_.ExpectObject(it.value(), field)) return;
          if (!CheckCount(it.value(), field, limits_.max_severity_items)) return;
          for (auto s = it.value().begin(); s != it.value().end(); ++s) {
            if (!CheckKey(s.key(), field)) return;
            auto score = reader_.NumberInRange(s.value(), JoinPath(field, s.key()), 0, 1000);
            if (!score) return;
            visit.severity.emplace_back(s.key(), *score);
          }
        } else {
          Warn(field, "unknown key ignored");
        }
      }
      if (visit.date.empty()) {
        reader_.Problem(ErrorCode::kMissingField, JoinPath(path, "date"),
                        "a visit needs a date (YYYY-MM-DD)");
        return;
      }
      // One visit per day: severity is tracked by date (and a Phenopacket records it by date).
      for (size_t k = 0; k < case_.visits.size(); ++k) {
        if (case_.visits[k].date == visit.date) {
          reader_.Problem(
              ErrorCode::kDuplicateId, JoinPath(path, "date"),
              "a visit on " + visit.date + " is already listed at " + IndexPath("visits", k));
          return;
        }
      }
      case_.visits.push_back(std::move(visit));
    }
  }

  const KnowledgeBase& kb_;
  const CaseLimits& limits_;
  std::vector<Error> problems_;
  JsonReader reader_;
  Case case_;
};

}  // namespace

Result<Case> ParseCase(std::string_view json_text, const KnowledgeBase& kb,
                       const CaseLimits& limits) {
  JsonLimits jl;
  jl.max_bytes = limits.max_bytes;
  Result<Json> root = ParseJson(json_text, jl);
  if (!root) return root.error();
  return ParseCaseJson(root.value(), kb, limits);
}

Result<Case> ParseCaseJson(const Json& root, const KnowledgeBase& kb, const CaseLimits& limits) {
  return CaseParser(kb, limits).Parse(root);
}

namespace {

const std::string& KeyOf(const Finding& x) { return x.term; }
const std::string& KeyOf(const TestResult& x) { return x.id; }
const std::string& KeyOf(const Exposure& x) { return x.id; }
const std::string& KeyOf(const AntibodyResult& x) { return x.id; }
const std::string& KeyOf(const std::pair<std::string, double>& x) { return x.first; }

// Pointers to `items` in the order of their key: JSON objects are read back in key order, so
// writing them so makes CaseToJson canonical whatever order a case was built in (a Phenopacket's
// measurements come in any order).
template <class T>
std::vector<const T*> ByKey(const std::vector<T>& items) {
  std::vector<const T*> out;
  out.reserve(items.size());
  for (const T& item : items) out.push_back(&item);
  std::stable_sort(out.begin(), out.end(),
                   [](const T* a, const T* b) { return KeyOf(*a) < KeyOf(*b); });
  return out;
}

}  // namespace

std::string CaseToJson(const Case& c) {
  JsonWriter w;
  w.BeginObject();
  w.Field("caseVersion", 1);
  if (c.age_years) {
    w.Key("age");
    w.BeginObject();
    w.Field("years", *c.age_years);
    w.EndObject();
  }
  if (c.sex != Sex::kUnknown) w.Field("sex", ToString(c.sex));
  if (c.onset != Onset::kUnknown) w.Field("onset", ToString(c.onset));
  if (c.course != Course::kUnknown) w.Field("course", ToString(c.course));
  if (c.duration_days) {
    w.Key("duration");
    w.BeginObject();
    w.Field("days", *c.duration_days);
    w.EndObject();
  }
  if (c.entered_by != EnteredBy::kUnknown) w.Field("enteredBy", ToString(c.entered_by));
  if (!c.note.empty()) w.Field("note", c.note);
  w.Key("findings");
  w.BeginObject();
  for (const Finding* f : ByKey(c.findings)) {
    w.Field(f->term, ToString(f->state));
  }
  w.EndObject();
  w.Key("tests");
  w.BeginObject();
  for (const TestResult* t : ByKey(c.tests)) {
    w.Field(t->id, ToString(t->state));
  }
  w.EndObject();
  w.Key("exposures");
  w.BeginObject();
  for (const Exposure* e : ByKey(c.exposures)) {
    w.Field(e->id, ToString(e->state));
  }
  w.EndObject();
  w.Key("history");
  w.BeginObject();
  for (const Exposure* h : ByKey(c.history)) {
    w.Field(h->id, ToString(h->state));
  }
  w.EndObject();
  w.Key("antibodies");
  w.BeginObject();
  for (const AntibodyResult* a : ByKey(c.antibodies)) {
    w.Field(a->id, ToString(a->state));
  }
  w.EndObject();
  if (c.follow_up_months) w.Field("followUpMonths", *c.follow_up_months);
  if (!c.visits.empty()) {
    w.Key("visits");
    w.BeginArray();
    for (const Visit& v : c.visits) {
      w.BeginObject();
      w.Field("date", v.date);
      w.Key("severity");
      w.BeginObject();
      for (const auto* i : ByKey(v.severity)) {
        w.Field(i->first, i->second);
      }
      w.EndObject();
      w.EndObject();
    }
    w.EndArray();
  }
  w.EndObject();
  return w.Take();
}

}  // namespace omsaid
