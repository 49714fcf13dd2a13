// SPDX-License-Identifier: MIT
#include "omsaid/workup.h"

#include <algorithm>

namespace omsaid {

std::string_view ToString(WorkupStatus s) {
  switch (s) {
    case WorkupStatus::kRecommended: return "recommended";
    case WorkupStatus::kPending: return "pending";
    case WorkupStatus::kDoneAbnormal: return "done_abnormal";
    case WorkupStatus::kDoneNormal: return "done_normal";
    case WorkupStatus::kNotIndicated: return "not_indicated";
  }
  return "not_indicated";
}

int UrgencyRank(std::string_view urgency) {
  if (urgency == "emergency") return 0;
  if (urgency == "urgent") return 1;
  if (urgency == "soon") return 2;
  return 3;
}

std::string_view UrgencyName(int rank) {
  static constexpr std::string_view kNames[] = {"emergency", "urgent", "soon", "routine"};
  return rank >= 0 && rank < 3 ? kNames[rank] : kNames[3];
}

void UnknownLeaves(const Rule& rule, const Evidence& ev, Unknowns* out) {
  if (EvaluateRule(rule, ev) != Tri::kUnknown) return;
  switch (rule.type) {
    case RuleType::kFeature:
      // A finding meant for another age or sex (a neuroblastoma at 70, an ovarian teratoma in a
      // boy) is never what a plan "needs": it is not asked either.
      if (ev.kb && rule.ref >= 0 && static_cast<size_t>(rule.ref) < ev.kb->variables.size() &&
          EvaluateRule(ev.kb->variables[rule.ref].applies, ev) == Tri::kFalse) {
        return;
      }
      if (std::find(out->variables.begin(), out->variables.end(), rule.ref) == out->variables.end()) {
        out->variables.push_back(rule.ref);
      }
      return;
    case RuleType::kAge:
      out->age = true;
      return;
    case RuleType::kSex:
      out->sex = true;
      return;
    case RuleType::kRef:
      if (ev.kb && rule.ref >= 0) UnknownLeaves(ev.kb->definitions[rule.ref].rule, ev, out);
      return;
    case RuleType::kRedFlag:
      if (!ev.kb) return;
      for (int i : rule.flags) UnknownLeaves(ev.kb->red_flags[i].when, ev, out);
      return;
    default:
      for (const Rule& c : rule.children) UnknownLeaves(c, ev, out);
  }
}

void UnknownLeaves(const Rule& rule, const Evidence& ev, std::vector<int>* out) {
  Unknowns u;
  u.variables = std::move(*out);
  UnknownLeaves(rule, ev, &u);
  *out = std::move(u.variables);
}

namespace {

// The more urgent of two actions is kept; `cap` lowers an urgency to the overall triage.
const std::string& Capped(const std::string& urgency, std::string_view triage, std::string* storage) {
  if (UrgencyRank(urgency) >= UrgencyRank(triage)) return urgency;
  *storage = std::string(triage);
  return *storage;
}

// Whether `rule` holds for the case at one of a few ages that fall on each side of every age
// boundary the knowledge base uses (under 1, under 3, under 6, 12, 18, 50 years).
bool HoldsAtSomeAge(const Rule& rule, const Evidence& ev) {
  Evidence trial = ev;  // one copy, its age and memos reset for each age tried
  for (double age : {0.5, 2.0, 4.0, 10.0, 15.0, 30.0, 70.0}) {
    trial.age_years = age;
    trial.ResetDefinitions();
    if (EvaluateRule(rule, trial) == Tri::kTrue) return true;
  }
  return false;
}

}  // namespace

std::vector<WorkupItem> PlanWorkup(const KnowledgeBase& kb, const Evidence& ev, std::string_view triage) {
  std::vector<WorkupItem> items;
  items.reserve(kb.tests.size());
  for (size_t i = 0; i < kb.tests.size(); ++i) {
    const TestDef& t = kb.tests[i];
    const TestState state = ev.tests[i];
    // A test meant for the other sex or another age group is left out, unless a result is entered.
    if (state == TestState::kNotDone &&
        EvaluateRule(kb.variables[t.variable].applies, ev) == Tri::kFalse) {
      continue;
    }
    WorkupItem item;
    item.test = static_cast<int>(i);
    const Indication* demographic = nullptr;  // unknown only for want of the age or sex
    Unknowns demographic_unknowns;
    // The most urgent indication that holds decides (the first of equals), whatever their order in
    // the data: a later, more urgent reason is never hidden by an earlier, milder one.
    for (const Indication& ind : t.indications) {
      const Tri holds = EvaluateRule(ind.when, ev);
      if (holds == Tri::kTrue) {
        if (!item.indication || UrgencyRank(ind.urgency) < UrgencyRank(item.indication->urgency)) {
          item.indication = &ind;
        }
        continue;
      }
      if (holds != Tri::kUnknown) continue;
      if (!item.possible) item.possible = &ind;
      if (!demographic || UrgencyRank(ind.urgency) < UrgencyRank(demographic->urgency)) {
        Unknowns u;
        UnknownLeaves(ind.when, ev, &u);
        // Only the age or sex is missing; or, without an age, it holds at some age (the red flags
        // read an unknown age the same way: dancing eyes of unknown age get the child's search).
        const bool only_demographic = u.variables.empty() && (u.age || u.sex);
        if (only_demographic || (u.age && !ev.age_years && HoldsAtSomeAge(ind.when, ev))) {
          demographic = &ind;
          demographic_unknowns = u;
          if (!only_demographic) demographic_unknowns.sex = false;  // the age alone decides it
        }
      }
    }
    if (demographic && (!item.indication || UrgencyRank(demographic->urgency) < UrgencyRank(item.indication->urgency))) {
      // Listed as recommended, saying the age or sex decides it (and, when an indication already
      // holds, only if the age or sex could make it more urgent).
      item.indication = demographic;
      item.needs_age = demographic_unknowns.age;
      item.needs_sex = demographic_unknowns.sex;
    }
    if (item.indication) {
      item.indicated_urgency = item.indication->urgency;
      std::string storage;
      item.urgency = Capped(item.indicated_urgency, triage, &storage);
      item.possible = nullptr;
    } else if (item.possible) {
      UnknownLeaves(item.possible->when, ev, &item.needs);
    }
    switch (state) {
      case TestState::kNormal:
        item.status = WorkupStatus::kDoneNormal;
        for (const Conditional& c : t.if_normal) {
          if (EvaluateRule(c.when, ev) == Tri::kTrue) item.notes.push_back(&c);
        }
        for (const RepeatRule& r : t.repeats) {
          if (EvaluateRule(r.when, ev) == Tri::kTrue) {
            item.repeat = &r;
            break;
          }
        }
        break;
      case TestState::kAbnormal:
        item.status = WorkupStatus::kDoneAbnormal;
        for (const Conditional& c : t.if_abnormal) {
          if (EvaluateRule(c.when, ev) == Tri::kTrue) item.notes.push_back(&c);
        }
        break;
      case TestState::kPending:
        item.status = WorkupStatus::kPending;
        break;
      case TestState::kNotDone:
        item.status = item.indication ? WorkupStatus::kRecommended : WorkupStatus::kNotIndicated;
        if (item.indication) {
          for (const Conditional& c : t.cautions) {
            const Tri holds = EvaluateRule(c.when, ev);
            if (holds == Tri::kFalse) continue;
            item.cautions.push_back({&c, holds == Tri::kTrue});
          }
        }
        break;
    }
    if (item.status == WorkupStatus::kNotIndicated) item.urgency = item.indicated_urgency = "routine";
    items.push_back(std::move(item));
  }
  std::stable_sort(items.begin(), items.end(), [](const WorkupItem& a, const WorkupItem& b) {
    if (a.status != b.status) return a.status < b.status;
    if (a.status == WorkupStatus::kRecommended || a.status == WorkupStatus::kPending) {
      return UrgencyRank(a.urgency) < UrgencyRank(b.urgency);
    }
    return false;
  });
  return items;
}

Tri RedFlagState(const KnowledgeBase& kb, const Evidence& ev, int flag) {
  if (flag < 0 || static_cast<size_t>(flag) >= kb.red_flags.size()) return Tri::kUnknown;
  const bool memo = static_cast<size_t>(flag) < ev.red_flag_memo.size();
  if (memo && ev.red_flag_memo[flag] >= 0) return static_cast<Tri>(ev.red_flag_memo[flag]);
  const Rule& when = kb.red_flags[flag].when;
  Tri state = EvaluateRule(when, ev);
  if (state == Tri::kUnknown) {
    Unknowns u;
    UnknownLeaves(when, ev, &u);
    if (u.variables.empty() && (u.age || u.sex)) state = Tri::kTrue;
    // Without an age, a flag that holds at some age is raised: dancing eyes of unknown age are a
    // child's until the age says otherwise, even while other branches of the rule wait on answers
    // (the leaves above would then not be the age alone).
    if (state == Tri::kUnknown && u.age && !ev.age_years) state = HoldsAtSomeAge(when, ev) ? Tri::kTrue : state;
  }
  if (memo) ev.red_flag_memo[flag] = static_cast<int8_t>(state);
  return state;
}

namespace {

// Red flags by index, as the report lists them: most urgent first, in knowledge-base order within
// an urgency.
std::vector<const RedFlag*> MostUrgentFirst(const KnowledgeBase& kb, std::vector<int> flags) {
  std::sort(flags.begin(), flags.end());
  std::vector<const RedFlag*> out;
  for (int i : flags) out.push_back(&kb.red_flags[i]);
  std::stable_sort(out.begin(), out.end(), [](const RedFlag* a, const RedFlag* b) {
    return UrgencyRank(a->action) < UrgencyRank(b->action);
  });
  return out;
}

}  // namespace

std::vector<const RedFlag*> RaisedRedFlags(const KnowledgeBase& kb, const Evidence& ev) {
  std::vector<int> raised;
  for (size_t i = 0; i < kb.red_flags.size(); ++i) {
    if (RedFlagState(kb, ev, static_cast<int>(i)) == Tri::kTrue) raised.push_back(static_cast<int>(i));
  }
  return MostUrgentFirst(kb, std::move(raised));
}

std::string_view TriageOf(const std::vector<const RedFlag*>& raised) {
  return raised.empty() ? std::string_view("routine") : std::string_view(raised.front()->action);
}

std::vector<const SafetyNet*> SafetyNetFor(const KnowledgeBase& kb, const Evidence& ev) {
  std::vector<const SafetyNet*> out;
  for (const SafetyNet& s : kb.safety_net) {
    if (EvaluateRule(s.when, ev) == Tri::kTrue) out.push_back(&s);
  }
  return out;
}

namespace {

// The raised red flags a rule that holds stands on: its red_flag leaves that are raised, through
// named rules, and never under a negation (a role "without the warning sign" is not because of it).
void RaisedFlagsIn(const KnowledgeBase& kb, const Rule& rule, const Evidence& ev, std::vector<int>* out) {
  switch (rule.type) {
    case RuleType::kNot:
    case RuleType::kNotEstablished:
      return;
    case RuleType::kRedFlag:
      for (int i : rule.flags) {
        if (RedFlagState(kb, ev, i) == Tri::kTrue && std::find(out->begin(), out->end(), i) == out->end()) {
          out->push_back(i);
        }
      }
      return;
    case RuleType::kRef:
      if (rule.ref >= 0 && static_cast<size_t>(rule.ref) < kb.definitions.size()) {
        RaisedFlagsIn(kb, kb.definitions[rule.ref].rule, ev, out);
      }
      return;
    default:
      for (const Rule& c : rule.children) RaisedFlagsIn(kb, c, ev, out);
  }
}

}  // namespace

std::vector<CareItem> NeededCareTeam(const KnowledgeBase& kb, const Evidence& ev, std::string_view triage) {
  std::vector<CareItem> out;
  std::vector<std::string> groups_done;
  for (const CareRole& r : kb.care_team) {
    if (!r.group.empty() &&
        std::find(groups_done.begin(), groups_done.end(), r.group) != groups_done.end()) {
      continue;
    }
    if (EvaluateRule(r.when, ev) != Tri::kTrue) continue;
    std::string storage;
    std::vector<int> flags;
    RaisedFlagsIn(kb, r.when, ev, &flags);
    out.push_back(CareItem{&r, Capped(r.urgency, triage, &storage), MostUrgentFirst(kb, std::move(flags))});
    if (!r.group.empty()) groups_done.push_back(r.group);
  }
  std::stable_sort(out.begin(), out.end(), [](const CareItem& a, const CareItem& b) {
    return UrgencyRank(a.urgency) < UrgencyRank(b.urgency);
  });
  return out;
}

}  // namespace omsaid
