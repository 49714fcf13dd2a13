// SPDX-License-Identifier: MIT
#include "omsaid/evidence.h"

#include <algorithm>

#include "omsaid/workup.h"
#include "text_util.h"

namespace omsaid {
namespace {

std::string TermLabel(const KnowledgeBase& kb, const std::string& id) {
  const int t = kb.FindHpo(id);
  return t < 0 ? id : id + " '" + kb.hpo_terms[t].label + "'";
}

}  // namespace

Result<Evidence> BuildEvidence(const KnowledgeBase& kb, const Case& c) {
  Evidence ev;
  ev.kb = &kb;
  const size_t n = kb.variables.size();
  ev.vars.assign(n, Tri::kUnknown);
  ev.origin.assign(n, std::string());
  ev.present_terms.assign(n, {});
  ev.tests.assign(kb.tests.size(), TestState::kNotDone);
  ev.antibodies.assign(kb.antibodies.size(), AntibodyState::kNotTested);
  ev.criteria.assign(kb.criteria.size(), CriteriaStatus::kNotEvaluated);
  ev.ResetDefinitions();
  ev.age_years = c.age_years;
  ev.duration_days = c.duration_days;
  ev.sex = c.sex;
  ev.follow_up_months = c.follow_up_months;
  ev.warnings = c.warnings;

  // Resolve every finding to a term of the knowledge base's HPO graph.
  struct Resolved {
    const Finding* finding;
    int term;
  };
  std::vector<Resolved> resolved;
  resolved.reserve(c.findings.size());
  for (const Finding& f : c.findings) {
    int t = kb.FindHpo(f.term);
    if (t < 0) {
      auto rep = kb.hpo_replaced.find(f.term);
      if (rep != kb.hpo_replaced.end()) {
        t = kb.FindHpo(rep->second);
        AddWarning(&ev.warnings, "findings." + f.term + ": obsolete or merged HPO id, read as " +
                                     TermLabel(kb, rep->second));
      }
    }
    if (t < 0) {
      if (f.state != FindingState::kUnknown) {
        AddWarning(&ev.warnings,
                   "findings." + f.term +
                       ": outside the knowledge base (no feature it counts for); kept in "
                       "the case");
      }
      continue;
    }
    // A term read as a more general one (features.json readAs) counts as it when present; its
    // absence says nothing.
    if (kb.hpo_terms[t].alias >= 0) {
      if (f.state != FindingState::kPresent) continue;
      const int as = kb.hpo_terms[t].alias;
      AddWarning(&ev.warnings, "findings." + f.term + ": " + TermLabel(kb, kb.hpo_terms[t].id) +
                                   " is read as " + TermLabel(kb, kb.hpo_terms[as].id));
      t = as;
    }
    resolved.push_back(Resolved{&f, t});
  }

  // Present first, then absent, so a contradiction is always reported the same way. A feature made
  // present only through a crosswalk (a near-equivalent term) yields to an explicit absent.
  std::vector<char> read_as_only(n, 0);
  std::vector<Resolved> broader;  // present terms counted as "at least one of": warned about below
  for (const Resolved& r : resolved) {
    if (r.finding->state != FindingState::kPresent) continue;
    const HpoTerm& term = kb.hpo_terms[r.term];
    if (term.implies_present.empty()) {
      if (kb.CountsAsBroader(term)) {
        broader.push_back(r);
        if (std::find(ev.broader_terms.begin(), ev.broader_terms.end(), r.term) == ev.broader_terms.end()) {
          ev.broader_terms.push_back(r.term);
        }
      } else {
        AddWarning(&ev.warnings, "findings." + r.finding->term + ": " + TermLabel(kb, term.id) +
                                     " is too general to count for a feature of the knowledge base; "
                                     "kept in the case");
      }
    }
    for (int v : term.implies_present) {
      const bool crosswalk =
          std::find(term.read_as.begin(), term.read_as.end(), v) != term.read_as.end();
      if (crosswalk) {
        AddWarning(&ev.warnings, "findings." + r.finding->term + ": " + TermLabel(kb, term.id) +
                                     " is read as " + TermLabel(kb, kb.variables[v].id) +
                                     " (a near-equivalent term; enter " +
                                     TermLabel(kb, kb.variables[v].id) + " absent if it is not)");
      }
      ev.present_terms[v].push_back(r.finding->term);
      if (ev.vars[v] == Tri::kTrue && (crosswalk || !read_as_only[v])) continue;
      ev.vars[v] = Tri::kTrue;
      ev.origin[v] = r.finding->term;
      read_as_only[v] = crosswalk ? 1 : 0;
    }
  }
  for (const Resolved& r : resolved) {
    if (r.finding->state != FindingState::kAbsent) continue;
    const HpoTerm& term = kb.hpo_terms[r.term];
    for (int v : term.implies_absent) {
      if (ev.vars[v] == Tri::kTrue && read_as_only[v]) {
        ev.vars[v] = Tri::kFalse;
        ev.origin[v] = r.finding->term;
        ev.present_terms[v].clear();
        read_as_only[v] = 0;
        continue;
      }
      if (ev.vars[v] == Tri::kTrue) {
        return MakeError(ErrorCode::kContradiction, "findings." + r.finding->term,
                         TermLabel(kb, r.finding->term) + " is absent but " +
                             TermLabel(kb, ev.origin[v]) + " (findings." + ev.origin[v] +
                             ") is present, and a present term implies every term above it");
      }
      if (ev.vars[v] == Tri::kFalse) continue;
      ev.vars[v] = Tri::kFalse;
      ev.origin[v] = r.finding->term;
    }
  }

  // A broader term counts while one of the features below it is not entered absent.
  for (const Resolved& r : broader) {
    const HpoTerm& term = kb.hpo_terms[r.term];
    const bool open = std::any_of(term.implies_absent.begin(), term.implies_absent.end(),
                                  [&](int v) { return ev.vars[v] != Tri::kFalse; });
    AddWarning(&ev.warnings,
               "findings." + r.finding->term + ": " + TermLabel(kb, term.id) +
                   (open ? " is more general than the knowledge base's features; counted as at least "
                           "one of the features below it (enter the one seen, if known)"
                         : " is more general than the knowledge base's features, and every one of them "
                           "below it is entered absent; not counted (check the entries)"));
  }

  for (const Exposure& e : c.exposures) {
    const int v = kb.FindVariable("exposure:" + e.id);
    if (v < 0) continue;
    ev.vars[v] = e.state == FindingState::kPresent  ? Tri::kTrue
               : e.state == FindingState::kAbsent   ? Tri::kFalse
                                                    : Tri::kUnknown;
  }
  for (const Exposure& h : c.history) {
    const int v = kb.FindVariable("history:" + h.id);
    if (v < 0) continue;
    ev.vars[v] = h.state == FindingState::kPresent  ? Tri::kTrue
               : h.state == FindingState::kAbsent   ? Tri::kFalse
                                                    : Tri::kUnknown;
  }
  for (const TestResult& t : c.tests) {
    const int i = kb.FindTest(t.id);
    if (i < 0) continue;
    ev.tests[i] = t.state;
    const int v = kb.tests[i].variable;
    ev.vars[v] = t.state == TestState::kAbnormal ? Tri::kTrue
               : t.state == TestState::kNormal   ? Tri::kFalse
                                                 : Tri::kUnknown;
  }
  for (const AntibodyResult& a : c.antibodies) {
    const int i = kb.FindAntibody(a.id);
    if (i < 0) continue;
    ev.antibodies[i] = a.state;
    const int v = kb.antibodies[i].variable;
    ev.vars[v] = a.state == AntibodyState::kPositive ? Tri::kTrue
               : a.state == AntibodyState::kNegative ? Tri::kFalse
                                                     : Tri::kUnknown;
  }
  // Tests that measure antibodies. A test of one antibody (anti-GQ1b IgG) is that antibody: the
  // result entered in the work-up counts in the differential as the antibody's, and an antibody
  // entered shows the test done; when both are given and disagree, the antibody (the specific
  // result) decides for both, with a warning. A panel (several antibodies) is shown done and
  // abnormal when one of them is entered positive; its own "abnormal" names no antibody.
  for (size_t t = 0; t < kb.tests.size(); ++t) {
    const std::vector<int>& measured = kb.tests[t].measures;
    if (measured.empty()) continue;
    const TestState ts = ev.tests[t];
    const bool done = ts == TestState::kNormal || ts == TestState::kAbnormal;
    if (measured.size() > 1) {
      for (int a : measured) {
        if (ev.antibodies[a] != AntibodyState::kPositive) continue;
        if (ts == TestState::kNormal) {
          AddWarning(&ev.warnings, "tests." + kb.tests[t].id + ": 'normal' contradicts antibodies." +
                                       kb.antibodies[a].id + " 'positive'; the test is shown abnormal");
        }
        ev.tests[t] = TestState::kAbnormal;
        ev.vars[kb.tests[t].variable] = Tri::kTrue;
        break;
      }
      continue;
    }
    const int a = measured.front();
    const AntibodyState as = ev.antibodies[a];
    const bool known = as == AntibodyState::kPositive || as == AntibodyState::kNegative;
    if (done && !known) {
      ev.antibodies[a] = ts == TestState::kAbnormal ? AntibodyState::kPositive : AntibodyState::kNegative;
    } else if (known) {
      const TestState implied = as == AntibodyState::kPositive ? TestState::kAbnormal : TestState::kNormal;
      if (done && ts != implied) {
        AddWarning(&ev.warnings, "tests." + kb.tests[t].id + ": '" + std::string(ToString(ts)) +
                                     "' contradicts antibodies." + kb.antibodies[a].id + " '" +
                                     std::string(ToString(as)) + "'; the antibody result was used for both");
      }
      ev.tests[t] = implied;
    } else {
      continue;
    }
    ev.vars[kb.tests[t].variable] = ev.tests[t] == TestState::kAbnormal ? Tri::kTrue : Tri::kFalse;
    ev.vars[kb.antibodies[a].variable] = ev.antibodies[a] == AntibodyState::kPositive ? Tri::kTrue : Tri::kFalse;
  }
  // A test whose results come only from it is done once one of them is answered (CSF pleocytosis
  // recorded: the lumbar puncture was done), abnormal when one is present.
  for (size_t t = 0; t < kb.tests.size(); ++t) {
    const TestDef& def = kb.tests[t];
    if (!def.results_show_it_done || ev.tests[t] != TestState::kNotDone) continue;
    bool answered = false, present = false;
    for (int r : def.results) {
      answered |= ev.vars[r] != Tri::kUnknown;
      present |= ev.vars[r] == Tri::kTrue;
    }
    if (!answered) continue;
    ev.tests[t] = present ? TestState::kAbnormal : TestState::kNormal;
    ev.vars[def.variable] = present ? Tri::kTrue : Tri::kFalse;
  }
  // What a test result entered says that the case contradicts, or that nothing counts: a test
  // entered normal while one of its own results is recorded present (CSF "normal" with CSF
  // pleocytosis; brain MRI "normal" with a mass on brain imaging), and a result that neither the
  // differential nor the causes of OMS count (no frequency is known for it): the clinician reads it.
  for (size_t t = 0; t < kb.tests.size(); ++t) {
    const TestDef& def = kb.tests[t];
    const TestState ts = ev.tests[t];
    if (ts != TestState::kNormal && ts != TestState::kAbnormal) continue;
    if (ts == TestState::kNormal) {
      for (int r : def.results) {
        if (ev.vars[r] != Tri::kTrue) continue;
        AddWarning(&ev.warnings, "tests." + def.id + ": 'normal', but " + kb.variables[r].label +
                                     " (one of its results) is recorded present; the finding was used");
      }
    }
    if (def.results.empty() && def.measures.empty() && !kb.differential.Annotates(def.variable) &&
        !kb.etiology.Annotates(def.variable)) {
      AddWarning(&ev.warnings, "tests." + def.id + ": the result is shown in the work-up but not counted in "
                                   "the differential or the causes (no published frequency is known for it)");
    }
  }
  // Categorical kinds: the value given is present, the others absent.
  auto categorical = [&](VariableKind kind, std::string_view value) {
    for (size_t v = 0; v < n; ++v) {
      if (kb.variables[v].kind == kind) ev.vars[v] = kb.variables[v].key == value ? Tri::kTrue : Tri::kFalse;
    }
  };
  if (c.onset != Onset::kUnknown) categorical(VariableKind::kOnset, ToString(c.onset));
  if (const int b = kb.DurationBandOf(c.duration_days); b >= 0) {
    categorical(VariableKind::kDuration, kb.duration_bands[b].id);
  }
  // The course and the older history item "spontaneous-recovery" say the same thing: each answers
  // the other where it is not given. "Not recovering" leaves persistent and worsening open. When
  // both are given and disagree, the course (the more specific answer) decides for both, so the
  // differential and the cause model read the same story, and a warning says so.
  const int recovery = kb.FindVariable("history:spontaneous-recovery");
  if (c.course != Course::kUnknown) {
    categorical(VariableKind::kCourse, ToString(c.course));
    const Tri implied = c.course == Course::kImproving ? Tri::kTrue
                      : c.course == Course::kPersistent || c.course == Course::kWorsening ? Tri::kFalse
                                                                                          : Tri::kUnknown;
    if (recovery >= 0 && implied != Tri::kUnknown && ev.vars[recovery] != implied) {
      if (ev.vars[recovery] != Tri::kUnknown) {
        AddWarning(&ev.warnings, std::string("history.spontaneous-recovery: '") +
                                     (ev.vars[recovery] == Tri::kTrue ? "present" : "absent") +
                                     "' contradicts course '" + std::string(ToString(c.course)) +
                                     "'; the course was used for both");
      }
      ev.vars[recovery] = implied;
    }
  } else if (recovery >= 0 && ev.vars[recovery] != Tri::kUnknown) {
    const bool improving = ev.vars[recovery] == Tri::kTrue;
    for (size_t v = 0; v < n; ++v) {
      if (kb.variables[v].kind != VariableKind::kCourse) continue;
      const std::string& key = kb.variables[v].key;
      if (improving) ev.vars[v] = key == "improving" ? Tri::kTrue : Tri::kFalse;
      else if (key != "persistent" && key != "worsening") ev.vars[v] = Tri::kFalse;
    }
  }
  // A group is present when a member is, absent when every member is.
  for (const DiagnosisModel* m : {&kb.differential, &kb.etiology}) {
    for (const FeatureGroup& g : m->groups) {
      bool any = false, all_absent = true;
      for (int x : g.members) {
        any |= ev.vars[x] == Tri::kTrue;
        all_absent &= ev.vars[x] == Tri::kFalse;
      }
      ev.vars[g.variable] = any ? Tri::kTrue : all_absent ? Tri::kFalse : Tri::kUnknown;
    }
  }
  // A sign that is not one on its own (irritability, poor sleep) counts beside another finding
  // present: a sign or context (a fever), not an exposure or a history item.
  bool weak_sign = false, other_finding = false;
  for (size_t v = 0; v < n && !ev.any_sign; ++v) {
    const Variable& var = kb.variables[v];
    if (ev.vars[v] != Tri::kTrue) continue;
    const VariableKind kind = var.kind;
    if (kind == VariableKind::kPhenotype && !var.sign_alone) {
      weak_sign |= var.sign;
      continue;
    }
    other_finding |= kind == VariableKind::kPhenotype;
    ev.any_sign = var.sign && (kind == VariableKind::kPhenotype || kind == VariableKind::kTest || kind == VariableKind::kAntibody ||
                               kind == VariableKind::kExposure || kind == VariableKind::kHistory);
  }
  ev.any_sign = ev.any_sign || (weak_sign && other_finding);
  ev.any_sign = ev.any_sign || !ev.broader_terms.empty();
  if (!ev.any_sign) {
    AddWarning(&ev.warnings, "no sign the differential explains is recorded as present (a fever, vomiting, a tumour or its body "
                             "signs, a recent infection, a known cancer and a family history are context for it, and irritability or "
                             "poor sleep count only beside another finding): the "
                             "differential weighs only what is absent and that context (all 'no' makes the condition with "
                             "the rarest signs look likely), so no warning sign, test or referral follows from it");
  }
  return ev;
}

namespace {

bool Contains(const std::vector<std::string>& values, std::string_view v) {
  return std::find(values.begin(), values.end(), v) != values.end();
}

Tri FromBool(bool b) { return b ? Tri::kTrue : Tri::kFalse; }

Tri InRange(const std::optional<double>& v, const Rule& r) {
  if (!v) return Tri::kUnknown;
  return FromBool(*v >= r.min && *v < r.max);
}

}  // namespace

Tri EvaluateRule(const Rule& rule, const Evidence& ev) {
  switch (rule.type) {
    case RuleType::kAlways:
      return Tri::kTrue;
    case RuleType::kFeature:
      return rule.ref >= 0 && static_cast<size_t>(rule.ref) < ev.vars.size() ? ev.vars[rule.ref]
                                                                              : Tri::kUnknown;
    case RuleType::kAllOf: {
      bool unknown = false;
      for (const Rule& c : rule.children) {
        const Tri t = EvaluateRule(c, ev);
        if (t == Tri::kFalse) return Tri::kFalse;
        if (t == Tri::kUnknown) unknown = true;
      }
      return unknown ? Tri::kUnknown : Tri::kTrue;
    }
    case RuleType::kAnyOf: {
      bool unknown = false;
      for (const Rule& c : rule.children) {
        const Tri t = EvaluateRule(c, ev);
        if (t == Tri::kTrue) return Tri::kTrue;
        if (t == Tri::kUnknown) unknown = true;
      }
      return unknown ? Tri::kUnknown : Tri::kFalse;
    }
    case RuleType::kAtLeast: {
      int yes = 0, maybe = 0;
      for (const Rule& c : rule.children) {
        const Tri t = EvaluateRule(c, ev);
        if (t == Tri::kTrue) ++yes;
        if (t == Tri::kUnknown) ++maybe;
      }
      if (yes >= rule.minimum) return Tri::kTrue;
      if (yes + maybe < rule.minimum) return Tri::kFalse;
      return Tri::kUnknown;
    }
    case RuleType::kNot: {
      if (rule.children.empty()) return Tri::kUnknown;
      const Tri t = EvaluateRule(rule.children.front(), ev);
      return t == Tri::kTrue ? Tri::kFalse : t == Tri::kFalse ? Tri::kTrue : Tri::kUnknown;
    }
    case RuleType::kNotEstablished:
      if (rule.children.empty()) return Tri::kUnknown;
      return EvaluateRule(rule.children.front(), ev) == Tri::kTrue ? Tri::kFalse : Tri::kTrue;
    case RuleType::kAge:
      return InRange(ev.age_years, rule);
    case RuleType::kFollowUp:
      return InRange(ev.follow_up_months, rule);
    case RuleType::kDuration:
      return InRange(ev.duration_days, rule);
    case RuleType::kSex:
      if (ev.sex == Sex::kUnknown) return Tri::kUnknown;
      // "Other" does not say the anatomy: a rule about female or male is undecided, so a
      // sex-specific cancer screen is listed as depending on it rather than left out.
      if (ev.sex == Sex::kOther && !Contains(rule.values, "other")) return Tri::kUnknown;
      return FromBool(Contains(rule.values, ToString(ev.sex)));
    case RuleType::kTest: {
      if (rule.ref < 0 || static_cast<size_t>(rule.ref) >= ev.tests.size()) return Tri::kUnknown;
      const TestState s = ev.tests[rule.ref];
      const bool done = s == TestState::kNormal || s == TestState::kAbnormal;
      return FromBool(Contains(rule.values, ToString(s)) || (done && Contains(rule.values, "done")));
    }
    case RuleType::kAntibody:
      if (rule.ref < 0 || static_cast<size_t>(rule.ref) >= ev.antibodies.size()) return Tri::kUnknown;
      return FromBool(Contains(rule.values, ToString(ev.antibodies[rule.ref])));
    case RuleType::kCriteria: {
      if (rule.ref < 0 || static_cast<size_t>(rule.ref) >= ev.criteria.size()) return Tri::kUnknown;
      const CriteriaStatus s = ev.criteria[rule.ref];
      if (s == CriteriaStatus::kNotEvaluated) return Tri::kUnknown;
      // A set for another population (the adult working definition for a child) is shown with its
      // status, but no rule counts it: it is neither met nor pending for this case.
      if (ev.kb && static_cast<size_t>(rule.ref) < ev.kb->criteria.size() &&
          EvaluateRule(ev.kb->criteria[rule.ref].applies, ev) == Tri::kFalse) {
        return Tri::kFalse;
      }
      const std::string_view name = s == CriteriaStatus::kMet     ? "met"
                                  : s == CriteriaStatus::kNotMet  ? "not_met"
                                                                  : "indeterminate";
      return FromBool(Contains(rule.values, name));
    }
    case RuleType::kRef: {
      if (!ev.kb || rule.ref < 0 || static_cast<size_t>(rule.ref) >= ev.kb->definitions.size()) {
        return Tri::kUnknown;
      }
      const bool memo = static_cast<size_t>(rule.ref) < ev.definition_memo.size();
      if (memo && ev.definition_memo[rule.ref] >= 0) return static_cast<Tri>(ev.definition_memo[rule.ref]);
      const Tri t = EvaluateRule(ev.kb->definitions[rule.ref].rule, ev);
      if (memo) ev.definition_memo[rule.ref] = static_cast<int8_t>(t);
      return t;
    }
    case RuleType::kRedFlag: {
      if (!ev.kb) return Tri::kUnknown;
      bool unknown = false;
      for (int i : rule.flags) {
        const Tri t = RedFlagState(*ev.kb, ev, i);
        if (t == Tri::kTrue) return Tri::kTrue;
        if (t == Tri::kUnknown) unknown = true;
      }
      return unknown ? Tri::kUnknown : Tri::kFalse;
    }
    case RuleType::kEitherWay:
      for (const Rule& c : rule.children) {
        if (c.ref >= 0 && static_cast<size_t>(c.ref) < ev.either_way.size() &&
            ev.either_way[c.ref] == rule.minimum) {
          return Tri::kTrue;
        }
      }
      return Tri::kFalse;
    case RuleType::kRank:
      if (rule.ref < 0 || static_cast<size_t>(rule.ref) >= ev.ranks.size()) return Tri::kUnknown;
      return FromBool(ev.any_sign && ev.ranks[rule.ref] <= rule.max);
    case RuleType::kProbability:
      if (rule.ref < 0 || static_cast<size_t>(rule.ref) >= ev.probabilities.size()) {
        return Tri::kUnknown;
      }
      return FromBool(ev.any_sign && ev.probabilities[rule.ref] >= rule.min);
  }
  return Tri::kUnknown;
}

}  // namespace omsaid
