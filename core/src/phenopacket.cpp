// SPDX-License-Identifier: MIT
#include "omsaid/phenopacket.h"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <map>

#include "case_json.h"
#include "json_util.h"
#include "text_util.h"

namespace omsaid {
namespace {

// The namespace of the tool's own vocabulary in Phenopackets (declared in metaData.resources).
constexpr std::string_view kPrefix = "OMSAID:";
// Room for the "OMSAID:<group>/" of an assay id (at most 16 bytes: "OMSAID:severity/").
constexpr size_t kMaxAssayPrefix = 32;

// HPO temporal pattern modifiers (children of HP:0011008 Temporal pattern).
struct OnsetTerm {
  Onset onset;
  const char* id;
  const char* label;
};
constexpr OnsetTerm kOnsetTerms[] = {{Onset::kAcute, "HP:0011009", "Acute"},
                                     {Onset::kSubacute, "HP:0011011", "Subacute"},
                                     {Onset::kChronic, "HP:0011010", "Chronic"}};

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string IsoDuration(double years) {
  double y = std::floor(years);
  double rest_months = (years - y) * 12.0;
  double m = std::floor(rest_months + 1e-9);
  double d = std::floor((rest_months - m) * 30.4375 + 1e-9);
  if (m >= 12) {
    y += 1;
    m = 0;
  }
  std::string out = "P" + FormatInt(static_cast<long long>(y)) + "Y";
  if (m != 0 || d != 0) out += FormatInt(static_cast<long long>(m)) + "M";
  if (d != 0) out += FormatInt(static_cast<long long>(d)) + "D";
  return out;
}

class PhenopacketParser {
 public:
  PhenopacketParser(const KnowledgeBase& kb, const CaseLimits& limits)
      : kb_(kb), limits_(limits), reader_(&problems_) {}

  Result<Case> Parse(const Json& root) {
    if (!reader_.ExpectObject(root, "")) return First();
    for (auto it = root.begin(); it != root.end(); ++it) {
      const std::string& key = it.key();
      const Json& v = it.value();
      if (key == "subject") Subject(v);
      else if (key == "phenotypicFeatures") Features(v);
      else if (key == "measurements") Measurements(v);
      else if (key == "diseases") Diseases(v);
      else if (key == "medicalActions") {
        if (v.is_array() && !v.empty()) Warn("medicalActions", "medical actions are not used by the engine; ignored");
      } else if (key == "id" || key == "metaData" || key == "biosamples" || key == "interpretations" ||
                 key == "files") {
        // Known Phenopacket fields the engine does not use.
      } else {
        Warn(key, "unknown key ignored");
      }
      if (reader_.HasProblems()) return First();
    }
    // Onset from the modifiers, when no OMSAID:onset measurement gave it.
    if (case_.onset == Onset::kUnknown && modifier_onset_ != Onset::kUnknown) case_.onset = modifier_onset_;
    for (const auto& [term, state] : findings_) case_.findings.push_back(Finding{term, state});
    return std::move(case_);
  }

 private:
  Error First() const { return problems_.front(); }
  void Warn(std::string_view path, std::string_view message) {
    AddWarning(&case_.warnings, ClipForMessage(path) + ": " + std::string(message));
  }

  // An OntologyClass {id, label}: returns the id.
  std::optional<std::string> TermId(const Json& v, const std::string& path, size_t extra = 0) {
    if (!reader_.ExpectObject(v, path)) return std::nullopt;
    const Json* id = reader_.Member(v, "id", path, true);
    if (!id) return std::nullopt;
    return reader_.String(*id, JoinPath(path, "id"), limits_.max_string + extra);
  }

  std::string TermLabel(const Json& v) {
    auto it = v.find("label");
    return it != v.end() && it->is_string() ? it->get<std::string>() : std::string();
  }

  void Subject(const Json& s) {
    if (!reader_.ExpectObject(s, "subject")) return;
    if (const Json* sex = reader_.Member(s, "sex", "subject", false)) {
      auto v = reader_.Enum(*sex, "subject.sex", {"FEMALE", "MALE", "OTHER_SEX", "UNKNOWN_SEX"});
      if (!v) return;
      case_.sex = *v == "FEMALE" ? Sex::kFemale : *v == "MALE" ? Sex::kMale : *v == "OTHER_SEX" ? Sex::kOther : Sex::kUnknown;
    }
    if (const Json* t = reader_.Member(s, "timeAtLastEncounter", "subject", false)) {
      const std::string path = "subject.timeAtLastEncounter";
      if (!reader_.ExpectObject(*t, path)) return;
      const Json* age = reader_.Member(*t, "age", path, false);
      if (!age) {
        Warn(path, "only an age (iso8601duration) is read; ignored");
        return;
      }
      if (!reader_.ExpectObject(*age, JoinPath(path, "age"))) return;
      const Json* d = reader_.Member(*age, "iso8601duration", JoinPath(path, "age"), true);
      if (!d) return;
      auto text = reader_.String(*d, JoinPath(path, "age.iso8601duration"), 64);
      if (!text) return;
      auto years = ParseIsoDurationYears(*text);
      if (!years || *years > limits_.max_age_years) {
        reader_.Problem(ErrorCode::kInvalidValue, JoinPath(path, "age.iso8601duration"),
                        "'" + ClipForMessage(*text) + "' is not an ISO 8601 duration of an age (such as P1Y6M)");
        return;
      }
      case_.age_years = *years;
    }
  }

  void AddFinding(const std::string& term, FindingState state, const std::string& path) {
    auto [it, inserted] = findings_.emplace(term, state);
    if (!inserted && it->second != state) {
      reader_.Problem(ErrorCode::kContradiction, path,
                      "'" + term + "' is listed both as observed and as excluded");
    } else if (inserted && findings_.size() > limits_.max_findings) {
      // Features and diseases together: the case must stay within the native case's limits.
      reader_.Problem(ErrorCode::kLimitExceeded, path,
                      "more than " + std::to_string(limits_.max_findings) +
                          " findings (phenotypic features and diseases together)");
    }
  }

  // A measurement of `what` with `value` at `path`: false when it repeats an earlier one (ignored),
  // or contradicts it (a problem). A case holds one value per test, antibody, exposure, history
  // item, onset, follow-up and severity item of a day, as the native case JSON does.
  bool FirstMeasurement(const std::string& what, const std::string& value, const std::string& path) {
    auto [it, inserted] = measured_.emplace(what, std::make_pair(value, path));
    if (inserted) return true;
    if (it->second.first != value) {
      reader_.Problem(ErrorCode::kContradiction, path,
                      ClipForMessage(what) + " is " + ClipForMessage(value) + " here but " +
                          ClipForMessage(it->second.first) + " at " + it->second.second);
    }
    return false;
  }

  void Features(const Json& list) {
    if (!reader_.ExpectArray(list, "phenotypicFeatures")) return;
    if (list.size() > limits_.max_findings) {
      reader_.Problem(ErrorCode::kLimitExceeded, "phenotypicFeatures",
                      std::to_string(list.size()) + " entries; the limit is " + std::to_string(limits_.max_findings));
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string path = IndexPath("phenotypicFeatures", i);
      const Json& f = list[i];
      if (!reader_.ExpectObject(f, path)) return;
      const Json* type = reader_.Member(f, "type", path, true);
      if (!type) return;
      auto id = TermId(*type, JoinPath(path, "type"));
      if (!id) return;
      bool excluded = false;
      if (const Json* ex = reader_.Member(f, "excluded", path, false)) {
        auto b = reader_.Bool(*ex, JoinPath(path, "excluded"));
        if (!b) return;
        excluded = *b;
      }
      if (const Json* mods = reader_.Member(f, "modifiers", path, false)) {
        if (!reader_.ExpectArray(*mods, JoinPath(path, "modifiers"))) return;
        for (size_t k = 0; k < mods->size(); ++k) {
          auto mid = TermId((*mods)[k], IndexPath(JoinPath(path, "modifiers"), k));
          if (!mid) return;
          for (const OnsetTerm& o : kOnsetTerms) {
            if (*mid == o.id && modifier_onset_ == Onset::kUnknown) modifier_onset_ = o.onset;
          }
        }
      }
      if (!IsHpoId(*id)) {
        Warn(JoinPath(path, "type.id"), "'" + ClipForMessage(*id) + "' is not an HPO id; ignored");
        continue;
      }
      AddFinding(*id, excluded ? FindingState::kAbsent : FindingState::kPresent, JoinPath(path, "type.id"));
      if (reader_.HasProblems()) return;
    }
  }

  // Diseases: tumours mapped to the knowledge base's HPO tumour features by an exact
  // (case-insensitive) match of the label with the feature's label or an HPO synonym.
  void Diseases(const Json& list) {
    if (!reader_.ExpectArray(list, "diseases")) return;
    if (list.size() > limits_.max_items) {
      reader_.Problem(ErrorCode::kLimitExceeded, "diseases",
                      std::to_string(list.size()) + " entries; the limit is " + std::to_string(limits_.max_items));
      return;
    }
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string path = IndexPath("diseases", i);
      const Json& d = list[i];
      if (!reader_.ExpectObject(d, path)) return;
      const Json* term = reader_.Member(d, "term", path, true);
      if (!term) return;
      auto id = TermId(*term, JoinPath(path, "term"));
      if (!id) return;
      bool excluded = false;
      if (const Json* ex = reader_.Member(d, "excluded", path, false)) {
        auto b = reader_.Bool(*ex, JoinPath(path, "excluded"));
        if (!b) return;
        excluded = *b;
      }
      std::string hpo = IsHpoId(*id) ? *id : MatchTumour(TermLabel(*term));
      if (hpo.empty()) {
        Warn(JoinPath(path, "term"), "disease '" + ClipForMessage(*id) + "' has no counterpart in the knowledge base; ignored");
        continue;
      }
      AddFinding(hpo, excluded ? FindingState::kAbsent : FindingState::kPresent, JoinPath(path, "term"));
      if (reader_.HasProblems()) return;
    }
  }

  std::string MatchTumour(const std::string& label) {
    if (label.empty()) return {};
    const std::string want = Lower(label);
    for (const Variable& v : kb_.variables) {
      if (v.kind != VariableKind::kPhenotype || v.category != "tumour") continue;
      const int t = kb_.FindHpo(v.id);
      if (Lower(v.label) == want) return v.id;
      if (t >= 0) {
        if (Lower(kb_.hpo_terms[t].label) == want) return v.id;
        for (const std::string& s : kb_.hpo_terms[t].synonyms) {
          if (Lower(s) == want) return v.id;
        }
      }
    }
    return {};
  }

  // OMSAID measurements: test/<id>, antibody/<id>, exposure/<id>, history/<id>, onset, course,
  // duration, entered-by, note, follow-up, severity/<item>.
  void Measurements(const Json& list) {
    if (!reader_.ExpectArray(list, "measurements")) return;
    if (list.size() > limits_.max_items * 4) {
      reader_.Problem(ErrorCode::kLimitExceeded, "measurements",
                      std::to_string(list.size()) + " entries; the limit is " + std::to_string(limits_.max_items * 4));
      return;
    }
    std::map<std::string, size_t> visit_of_date;
    for (size_t i = 0; i < list.size(); ++i) {
      const std::string path = IndexPath("measurements", i);
      const Json& m = list[i];
      if (!reader_.ExpectObject(m, path)) return;
      const Json* assay = reader_.Member(m, "assay", path, true);
      if (!assay) return;
      // Room for "OMSAID:<group>/" before an item id of up to max_string bytes (as the native case
      // allows for a severity item), so that every exported case imports again.
      auto id = TermId(*assay, JoinPath(path, "assay"), kMaxAssayPrefix);
      if (!id) return;
      if (id->rfind(kPrefix, 0) != 0) {
        Warn(JoinPath(path, "assay"), "measurement '" + ClipForMessage(*id) + "' is not used by the engine; ignored");
        continue;
      }
      const std::string local = id->substr(kPrefix.size());
      const Json* value = reader_.Member(m, "value", path, true);
      if (!value || !reader_.ExpectObject(*value, JoinPath(path, "value"))) return;
      const std::string vpath = JoinPath(path, "value");
      const size_t slash = local.find('/');
      const std::string group = local.substr(0, slash);
      const std::string item = slash == std::string::npos ? std::string() : local.substr(slash + 1);
      if (item.size() > limits_.max_string) {
        reader_.Problem(ErrorCode::kLimitExceeded, JoinPath(path, "assay.id"),
                        "the item id is " + std::to_string(item.size()) + " bytes; the limit is " +
                            std::to_string(limits_.max_string));
        return;
      }

      if (group == "note") {
        // The free-text note travels as a measurement's description.
        const Json* dsc = reader_.Member(m, "description", path, true);
        if (!dsc) return;
        auto text = reader_.String(*dsc, JoinPath(path, "description"), limits_.max_note);
        if (!text) return;
        if (FirstMeasurement("note", *text, path)) case_.note = *text;
        if (reader_.HasProblems()) return;
        continue;
      }
      if (group == "duration") {
        const Json* q = reader_.Member(*value, "quantity", vpath, true);
        if (!q || !reader_.ExpectObject(*q, JoinPath(vpath, "quantity"))) return;
        const Json* n = reader_.Member(*q, "value", JoinPath(vpath, "quantity"), true);
        if (!n) return;
        auto number = reader_.NumberInRange(*n, JoinPath(vpath, "quantity.value"), 0, limits_.max_age_years * 365.25);
        if (!number) return;
        std::string shown;
        AppendJsonNumber(shown, *number);
        if (FirstMeasurement("duration", shown, path)) case_.duration_days = *number;
        if (reader_.HasProblems()) return;
        continue;
      }
      if (group == "follow-up" || group == "severity") {
        const Json* q = reader_.Member(*value, "quantity", vpath, true);
        if (!q || !reader_.ExpectObject(*q, JoinPath(vpath, "quantity"))) return;
        const Json* n = reader_.Member(*q, "value", JoinPath(vpath, "quantity"), true);
        if (!n) return;
        auto number = reader_.NumberInRange(*n, JoinPath(vpath, "quantity.value"), 0, group == "follow-up" ? 1200 : 1000);
        if (!number) return;
        std::string shown;
        AppendJsonNumber(shown, *number);
        if (group == "follow-up") {
          if (!FirstMeasurement("follow-up", shown, path)) {
            if (reader_.HasProblems()) return;
            continue;
          }
          case_.follow_up_months = *number;
        } else {
          std::string date;
          if (const Json* t = reader_.Member(m, "timeObserved", path, true)) {
            if (reader_.ExpectObject(*t, JoinPath(path, "timeObserved"))) {
              if (const Json* ts = reader_.Member(*t, "timestamp", JoinPath(path, "timeObserved"), true)) {
                auto s = reader_.String(*ts, JoinPath(path, "timeObserved.timestamp"), 40);
                if (s) date = s->substr(0, 10);
              }
            }
          }
          if (reader_.HasProblems()) return;
          if (!IsIsoDate(date)) {
            reader_.Problem(ErrorCode::kInvalidValue, JoinPath(path, "timeObserved.timestamp"), "expected a timestamp such as 2026-11-01T00:00:00Z");
            return;
          }
          if (!limits_.today.empty() && date > limits_.today) {
            reader_.Problem(ErrorCode::kInvalidValue, JoinPath(path, "timeObserved.timestamp"), date + " is in the future (today is " + limits_.today + ")");
            return;
          }
          if (!FirstMeasurement("severity item '" + item + "' on " + date, shown, path)) {
            if (reader_.HasProblems()) return;
            continue;
          }
          auto [it, inserted] = visit_of_date.emplace(date, case_.visits.size());
          if (inserted) {
            if (case_.visits.size() >= limits_.max_items) {
              reader_.Problem(ErrorCode::kLimitExceeded, JoinPath(path, "timeObserved.timestamp"),
                              "severity on more than " + std::to_string(limits_.max_items) + " dates");
              return;
            }
            case_.visits.push_back(Visit{date, {}});
          }
          std::vector<std::pair<std::string, double>>& items = case_.visits[it->second].severity;
          if (items.size() >= limits_.max_severity_items) {
            reader_.Problem(ErrorCode::kLimitExceeded, path,
                            "more than " + std::to_string(limits_.max_severity_items) +
                                " severity items on " + date);
            return;
          }
          items.emplace_back(item, *number);
        }
        continue;
      }

      const Json* oc = reader_.Member(*value, "ontologyClass", vpath, true);
      if (!oc) return;
      auto vid = TermId(*oc, JoinPath(vpath, "ontologyClass"));
      if (!vid) return;
      const std::string state = vid->rfind(kPrefix, 0) == 0 ? vid->substr(kPrefix.size()) : *vid;
      const std::string spath = JoinPath(vpath, "ontologyClass.id");
      auto bad = [&](std::string_view allowed) {
        std::string message = "'";
        message += ClipForMessage(*vid);
        message += "' is not one of ";
        message += allowed;
        reader_.Problem(ErrorCode::kInvalidValue, spath, message);
      };
      // The first of repeated measurements counts; a different repeat is a contradiction.
      auto first = [&](const std::string& what) {
        return FirstMeasurement(what, *vid, path);
      };
      if (group == "onset") {
        bool found = false;
        for (const OnsetTerm& o : kOnsetTerms) {
          if (*vid == o.id) {
            if (first("onset")) case_.onset = o.onset;
            found = true;
          }
        }
        if (!found) bad("HP:0011009, HP:0011011, HP:0011010");
      } else if (group == "course" || group == "entered-by") {
        const bool course = group == "course";
        bool found = false;
        if (course) {
          for (Course c : {Course::kImproving, Course::kPersistent, Course::kWorsening, Course::kRelapsing, Course::kEpisodic}) {
            if (state == ToString(c)) {
              found = true;
              if (first("course")) case_.course = c;
            }
          }
          if (!found) bad("OMSAID:improving, OMSAID:persistent, OMSAID:worsening, OMSAID:relapsing, OMSAID:episodic");
        } else {
          for (EnteredBy e : {EnteredBy::kFamily, EnteredBy::kPatient, EnteredBy::kClinician}) {
            if (state == ToString(e)) {
              found = true;
              if (first("entered-by")) case_.entered_by = e;
            }
          }
          if (!found) bad("OMSAID:family, OMSAID:patient, OMSAID:clinician");
        }
      } else if (group == "test") {
        TestState s;
        if (state == "normal") s = TestState::kNormal;
        else if (state == "abnormal") s = TestState::kAbnormal;
        else if (state == "pending") s = TestState::kPending;
        else { bad("OMSAID:normal, OMSAID:abnormal, OMSAID:pending"); return; }
        if (kb_.FindTest(item) < 0) Warn(JoinPath(path, "assay"), "unknown test '" + ClipForMessage(item) + "' ignored");
        else if (first("test '" + item + "'")) case_.tests.push_back(TestResult{item, s});
      } else if (group == "antibody") {
        AntibodyState s;
        if (state == "positive") s = AntibodyState::kPositive;
        else if (state == "negative") s = AntibodyState::kNegative;
        else if (state == "pending") s = AntibodyState::kPending;
        else { bad("OMSAID:positive, OMSAID:negative, OMSAID:pending"); return; }
        if (kb_.FindAntibody(item) < 0) Warn(JoinPath(path, "assay"), "unknown antibody '" + ClipForMessage(item) + "' ignored");
        else if (first("antibody '" + item + "'")) case_.antibodies.push_back(AntibodyResult{item, s});
      } else if (group == "exposure" || group == "history") {
        FindingState s;
        if (state == "present") s = FindingState::kPresent;
        else if (state == "absent") s = FindingState::kAbsent;
        else { bad("OMSAID:present, OMSAID:absent"); return; }
        if (kb_.FindVariable(group + ":" + item) < 0) {
          Warn(JoinPath(path, "assay"), "unknown " + group + " '" + ClipForMessage(item) + "' ignored");
        } else if (first(group + " '" + item + "'")) {
          (group == "exposure" ? case_.exposures : case_.history).push_back(Exposure{item, s});
        }
      } else {
        Warn(JoinPath(path, "assay"), "measurement '" + ClipForMessage(*id) + "' is not used by the engine; ignored");
      }
      if (reader_.HasProblems()) return;
    }
  }

  const KnowledgeBase& kb_;
  const CaseLimits& limits_;
  std::vector<Error> problems_;
  JsonReader reader_;
  Case case_;
  std::map<std::string, FindingState> findings_;
  std::map<std::string, std::pair<std::string, std::string>> measured_;  // what -> (value, path)
  Onset modifier_onset_ = Onset::kUnknown;
};

void OntologyClass(JsonWriter& w, std::string_view id, std::string_view label) {
  w.BeginObject();
  w.Field("id", id);
  w.Field("label", label);
  w.EndObject();
}

void OmsaidMeasurement(JsonWriter& w, const std::string& assay, const std::string& label,
                       const std::string& value, const std::string& value_label) {
  w.BeginObject();
  w.Key("assay");
  OntologyClass(w, std::string(kPrefix) + assay, label);
  w.Key("value");
  w.BeginObject();
  w.Key("ontologyClass");
  OntologyClass(w, value, value_label);
  w.EndObject();
  w.EndObject();
}

// A Phenopacket has no caseVersion and at least one of its top-level fields.
bool IsPhenopacket(const Json& r) {
  if (!r.is_object() || r.contains("caseVersion")) return false;
  for (const char* key : {"phenotypicFeatures", "subject", "metaData", "measurements", "diseases",
                          "medicalActions", "biosamples", "interpretations"}) {
    if (r.contains(key)) return true;
  }
  return false;
}

}  // namespace

bool LooksLikePhenopacket(std::string_view json_text) {
  Result<Json> j = ParseJson(json_text);
  return j && IsPhenopacket(j.value());
}

Result<Case> ParsePhenopacket(std::string_view json_text, const KnowledgeBase& kb,
                              const CaseLimits& limits) {
  JsonLimits jl;
  jl.max_bytes = limits.max_bytes;
  Result<Json> root = ParseJson(json_text, jl);
  if (!root) return root.error();
  return PhenopacketParser(kb, limits).Parse(root.value());
}

Result<Case> ParseAnyCase(std::string_view json_text, const KnowledgeBase& kb,
                          const CaseLimits& limits) {
  JsonLimits jl;
  jl.max_bytes = limits.max_bytes;
  Result<Json> root = ParseJson(json_text, jl);
  if (!root) return root.error();
  const Json& r = root.value();
  if (IsPhenopacket(r)) return PhenopacketParser(kb, limits).Parse(r);
  return ParseCaseJson(r, kb, limits);
}

std::string CaseToPhenopacket(const Case& c, const KnowledgeBase& kb, std::string_view id,
                              std::string_view created) {
  JsonWriter w;
  w.BeginObject();
  w.Field("id", id);
  w.Key("subject");
  w.BeginObject();
  w.Field("id", std::string(id) + "-subject");
  if (c.age_years) {
    w.Key("timeAtLastEncounter");
    w.BeginObject();
    w.Key("age");
    w.BeginObject();
    w.Field("iso8601duration", IsoDuration(*c.age_years));
    w.EndObject();
    w.EndObject();
  }
  w.Field("sex", c.sex == Sex::kFemale ? "FEMALE" : c.sex == Sex::kMale ? "MALE" : c.sex == Sex::kOther ? "OTHER_SEX" : "UNKNOWN_SEX");
  w.EndObject();

  const OnsetTerm* onset = nullptr;
  for (const OnsetTerm& o : kOnsetTerms) {
    if (o.onset == c.onset) onset = &o;
  }
  w.Key("phenotypicFeatures");
  w.BeginArray();
  for (const Finding& f : c.findings) {
    if (f.state == FindingState::kUnknown) continue;  // unknown is "not recorded" in a Phenopacket
    const int t = kb.FindHpo(f.term);
    w.BeginObject();
    w.Key("type");
    OntologyClass(w, f.term, t >= 0 ? kb.hpo_terms[t].label : "");
    if (f.state == FindingState::kAbsent) w.Field("excluded", true);
    if (f.state == FindingState::kPresent && onset) {
      w.Key("modifiers");
      w.BeginArray();
      OntologyClass(w, onset->id, onset->label);
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();

  w.Key("measurements");
  w.BeginArray();
  if (onset) {
    w.BeginObject();
    w.Key("assay");
    OntologyClass(w, std::string(kPrefix) + "onset", "Onset of the illness");
    w.Key("value");
    w.BeginObject();
    w.Key("ontologyClass");
    OntologyClass(w, onset->id, onset->label);
    w.EndObject();
    w.EndObject();
  }
  if (c.course != Course::kUnknown) {
    OmsaidMeasurement(w, "course", "Course of the illness", std::string(kPrefix) + std::string(ToString(c.course)),
                      std::string(ToString(c.course)));
  }
  if (c.entered_by != EnteredBy::kUnknown) {
    OmsaidMeasurement(w, "entered-by", "Who entered the case", std::string(kPrefix) + std::string(ToString(c.entered_by)),
                      std::string(ToString(c.entered_by)));
  }
  if (!c.note.empty()) {
    w.BeginObject();
    w.Key("assay");
    OntologyClass(w, std::string(kPrefix) + "note", "Note from whoever entered the case");
    w.Field("description", c.note);
    w.Key("value");
    w.BeginObject();
    w.Key("ontologyClass");
    OntologyClass(w, std::string(kPrefix) + "note", "note");
    w.EndObject();
    w.EndObject();
  }
  for (const TestResult& t : c.tests) {
    if (t.state == TestState::kNotDone) continue;
    const int i = kb.FindTest(t.id);
    OmsaidMeasurement(w, "test/" + t.id, i >= 0 ? kb.tests[i].label : t.id,
                      std::string(kPrefix) + std::string(ToString(t.state)), std::string(ToString(t.state)));
  }
  for (const AntibodyResult& a : c.antibodies) {
    if (a.state == AntibodyState::kNotTested) continue;
    const int i = kb.FindAntibody(a.id);
    OmsaidMeasurement(w, "antibody/" + a.id, i >= 0 ? kb.antibodies[i].label : a.id,
                      std::string(kPrefix) + std::string(ToString(a.state)), std::string(ToString(a.state)));
  }
  auto yes_no = [&](const std::vector<Exposure>& list, const std::string& group) {
    for (const Exposure& e : list) {
      if (e.state == FindingState::kUnknown) continue;
      const int v = kb.FindVariable(group + ":" + e.id);
      OmsaidMeasurement(w, group + "/" + e.id, v >= 0 ? kb.variables[v].label : e.id,
                        std::string(kPrefix) + std::string(ToString(e.state)), std::string(ToString(e.state)));
    }
  };
  yes_no(c.exposures, "exposure");
  yes_no(c.history, "history");
  auto quantity = [&](const std::string& assay, const std::string& label, double value,
                      std::string_view unit_id, std::string_view unit_label, const std::string& date) {
    w.BeginObject();
    w.Key("assay");
    OntologyClass(w, std::string(kPrefix) + assay, label);
    w.Key("value");
    w.BeginObject();
    w.Key("quantity");
    w.BeginObject();
    w.Key("unit");
    OntologyClass(w, unit_id, unit_label);
    w.Field("value", value);
    w.EndObject();
    w.EndObject();
    if (!date.empty()) {
      w.Key("timeObserved");
      w.BeginObject();
      w.Field("timestamp", date + "T00:00:00Z");
      w.EndObject();
    }
    w.EndObject();
  };
  if (c.duration_days) quantity("duration", "Time since onset", *c.duration_days, "UCUM:d", "day", "");
  if (c.follow_up_months) quantity("follow-up", "Follow-up since onset", *c.follow_up_months, "UCUM:mo", "month", "");
  for (const Visit& v : c.visits) {
    for (const auto& [item, score] : v.severity) quantity("severity/" + item, "Severity item " + item, score, "UCUM:1", "score", v.date);
  }
  w.EndArray();

  w.Key("metaData");
  w.BeginObject();
  w.Field("created", created);
  w.Field("createdBy", "OMS Diagnostic Aid (oms-aid)");
  w.Key("resources");
  w.BeginArray();
  w.BeginObject();
  w.Field("id", "hp");
  w.Field("name", "human phenotype ontology");
  w.Field("url", "http://purl.obolibrary.org/obo/hp.owl");
  w.Field("version", kb.hpo_version);
  w.Field("namespacePrefix", "HP");
  w.Field("iriPrefix", "http://purl.obolibrary.org/obo/HP_");
  w.EndObject();
  w.BeginObject();
  w.Field("id", "omsaid");
  w.Field("name", "OMS Diagnostic Aid case vocabulary (tests, antibodies, exposures, history, onset, course, duration, follow-up)");
  w.Field("url", "urn:oms-aid:kb");
  w.Field("version", kb.kb_version);
  w.Field("namespacePrefix", "OMSAID");
  w.Field("iriPrefix", "urn:oms-aid:kb:");
  w.EndObject();
  w.EndArray();
  w.Field("phenopacketSchemaVersion", "2.0");
  w.EndObject();
  w.EndObject();
  return w.Take();
}

}  // namespace omsaid
