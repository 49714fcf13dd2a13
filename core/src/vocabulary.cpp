// SPDX-License-Identifier: MIT
#include <algorithm>
#include <string_view>

#include "json_util.h"
#include "omsaid/engine.h"

namespace omsaid {
namespace {

std::string_view KindName(VariableKind k) {
  switch (k) {
    case VariableKind::kPhenotype: return "finding";
    case VariableKind::kExposure: return "exposure";
    case VariableKind::kHistory: return "history";
    case VariableKind::kTest: return "test";
    case VariableKind::kAntibody: return "antibody";
    case VariableKind::kOnset: return "onset";
    case VariableKind::kCourse: return "course";
    case VariableKind::kDuration: return "duration";
    case VariableKind::kGroup: return "group";
  }
  return "finding";
}

// Whom a variable applies to, when its appliesWhen is an age or sex rule (or all of such rules):
// the page then offers a finding read from someone's own words only to the people it applies to.
// A rule of another shape says nothing here (the core still applies it to every question).
void AppliesTo(JsonWriter& w, const Rule& rule) {
  double min_age = -1e300, max_age = 1e300;
  const std::vector<std::string>* sexes = nullptr;
  const auto read = [&](const Rule& r) {
    if (r.type == RuleType::kAge) {
      min_age = std::max(min_age, r.min);
      max_age = std::min(max_age, r.max);
      return true;
    }
    if (r.type == RuleType::kSex) {
      sexes = &r.values;
      return true;
    }
    return false;
  };
  if (rule.type == RuleType::kAllOf) {
    for (const Rule& c : rule.children) {
      if (!read(c)) return;
    }
  } else if (!read(rule)) {
    return;
  }
  w.Key("appliesTo");
  w.BeginObject();
  if (min_age > -1e300) w.Field("minAge", min_age);
  if (max_age < 1e300) w.Field("maxAge", max_age);
  if (sexes) {
    w.Key("sexes");
    w.BeginArray();
    for (const std::string& s : *sexes) w.String(s);
    w.EndArray();
  }
  w.EndObject();
}

}  // namespace

std::string VocabularyJson(const KnowledgeBase& kb) {
  JsonWriter w;
  w.BeginObject();
  w.Field("kbVersion", kb.kb_version);
  w.Field("hpoVersion", kb.hpo_version);
  // Under this age the questions speak of the child, whoever answers (Report::self).
  w.Field("selfReportMinYears", kSelfReportYears);
  w.Key("variables");
  w.BeginArray();
  for (const Variable& v : kb.variables) {
    w.BeginObject();
    w.Field("id", v.id);
    w.Field("kind", KindName(v.kind));
    w.Field("key", v.key);
    w.Field("label", v.label);
    w.Field("lay", v.lay);
    w.Field("category", v.category);
    if (!v.question.empty()) w.Field("question", v.question);
    if (!v.help.empty()) w.Field("help", v.help);
    if (!v.why.empty()) w.Field("why", v.why);
    if (v.observable) w.Field("observable", true);
    if (v.safety) w.Field("safety", v.safety);
    AppliesTo(w, v.applies);
    if (!v.lay_terms.empty()) {
      w.Key("layTerms");
      w.BeginArray();
      for (const std::string& t : v.lay_terms) w.String(t);
      w.EndArray();
    }
    w.EndObject();
  }
  w.EndArray();
  // The questions of the categorical kinds (asked once, the kind's values as the answers).
  w.Key("questions");
  w.BeginObject();
  for (VariableKind k : {VariableKind::kOnset, VariableKind::kCourse, VariableKind::kDuration}) {
    const KnowledgeBase::CategoricalQuestion& q = kb.QuestionOf(k);
    w.Key(KindName(k));
    w.BeginObject();
    w.Field("label", q.label);
    w.Field("question", q.question);
    if (!q.help.empty()) w.Field("help", q.help);
    w.Field("why", q.why);
    if (q.safety) w.Field("safety", q.safety);
    w.EndObject();
  }
  w.EndObject();
  w.Key("durationBands");
  w.BeginArray();
  for (const DurationBand& b : kb.duration_bands) {
    w.BeginObject();
    w.Field("id", b.id);
    w.Field("label", b.label);
    w.Field("minDays", b.min_days);
    if (b.max_days < 1e6) w.Field("maxDays", b.max_days);
    w.EndObject();
  }
  w.EndArray();
  w.Key("tests");
  w.BeginArray();
  for (const TestDef& t : kb.tests) {
    w.BeginObject();
    w.Field("id", t.id);
    w.Field("label", t.label);
    if (!t.lay.empty()) w.Field("lay", t.lay);
    w.Field("looksFor", t.looks_for);
    if (!t.loinc.empty()) w.Field("loinc", t.loinc);
    w.EndObject();
  }
  w.EndArray();
  w.Key("antibodies");
  w.BeginArray();
  for (const AntibodyDef& a : kb.antibodies) {
    w.BeginObject();
    w.Field("id", a.id);
    w.Field("label", a.label);
    w.EndObject();
  }
  w.EndArray();
  w.Key("ageBands");
  w.BeginArray();
  for (const AgeBand& b : kb.age_bands) {
    w.BeginObject();
    w.Field("id", b.id);
    w.Field("label", b.label);
    w.Field("min", b.min_years);
    w.Field("max", b.max_years);
    w.EndObject();
  }
  w.EndArray();
  // [id, label, [synonyms], [feature ids it counts for]], and a fifth element `true` for a term more
  // general than every feature that the differential counts as "at least one of the features below it";
  // for a term read as such a term (features.json readAs), a sixth: the id of the term it is read as
  w.Key("hpoTerms");
  w.BeginArray();
  for (const HpoTerm& t : kb.hpo_terms) {
    w.BeginArray();
    w.String(t.id);
    w.String(t.label);
    w.BeginArray();
    for (const std::string& s : t.synonyms) w.String(s);
    w.EndArray();
    w.BeginArray();
    for (int v : t.implies_present) w.String(kb.variables[v].id);
    w.EndArray();
    if (kb.CountsAsBroader(t)) {
      w.Bool(true);
      if (t.alias >= 0) w.String(kb.hpo_terms[static_cast<size_t>(t.alias)].id);
    }
    w.EndArray();
  }
  w.EndArray();
  w.Field("hpoAttribution", kb.hpo_attribution);
  w.EndObject();
  return w.Take();
}

}  // namespace omsaid
