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

void UnknownLeaves(const Rule& rule, const Evidence& ev, std::vector<int>* out) {
  if (EvaluateRule(rule, ev) != Tri::kUnknown) return;
  if (rule.type == RuleType::kFeature) {
    if (std::find(out->begin(), out->end(), rule.ref) == out->end()) out->push_back(rule.ref);
    return;
  }
  if (rule.type == RuleType::kRef && ev.kb && rule.ref >= 0) {
    UnknownLeaves(ev.kb->definitions[rule.ref].rule, ev, out);
    return;
  }
  for (const Rule& c : rule.children) UnknownLeaves(c, ev, out);
}

std::vector<WorkupItem> PlanWorkup(const KnowledgeBase& kb, const Evidence& ev) {
  std::vector<WorkupItem> items;
  items.reserve(kb.tests.size());
  for (size_t i = 0; i < kb.tests.size(); ++i) {
    const TestDef& t = kb.tests[i];
    WorkupItem item;
    item.test = static_cast<int>(i);
    for (const Indication& ind : t.indications) {
      const Tri holds = EvaluateRule(ind.when, ev);
      if (holds == Tri::kTrue) {
        item.indication = &ind;
        break;
      }
      if (holds == Tri::kUnknown && !item.possible) item.possible = &ind;
    }
    if (item.indication) {
      item.urgency = item.indication->urgency;
      item.possible = nullptr;
    } else if (item.possible) {
      UnknownLeaves(item.possible->when, ev, &item.needs);
    }
    const TestState state = ev.tests[i];
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
        break;
    }
    if (item.status == WorkupStatus::kNotIndicated) item.urgency = "routine";
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

std::vector<const RedFlag*> RaisedRedFlags(const KnowledgeBase& kb, const Evidence& ev) {
  std::vector<const RedFlag*> out;
  for (const RedFlag& f : kb.red_flags) {
    if (EvaluateRule(f.when, ev) == Tri::kTrue) out.push_back(&f);
  }
  std::stable_sort(out.begin(), out.end(), [](const RedFlag* a, const RedFlag* b) {
    return UrgencyRank(a->action) < UrgencyRank(b->action);
  });
  return out;
}

std::vector<const CareRole*> NeededCareTeam(const KnowledgeBase& kb, const Evidence& ev) {
  std::vector<const CareRole*> out;
  std::vector<std::string> groups_done;
  for (const CareRole& r : kb.care_team) {
    if (!r.group.empty() &&
        std::find(groups_done.begin(), groups_done.end(), r.group) != groups_done.end()) {
      continue;
    }
    if (EvaluateRule(r.when, ev) != Tri::kTrue) continue;
    out.push_back(&r);
    if (!r.group.empty()) groups_done.push_back(r.group);
  }
  std::stable_sort(out.begin(), out.end(), [](const CareRole* a, const CareRole* b) {
    return UrgencyRank(a->urgency) < UrgencyRank(b->urgency);
  });
  return out;
}

}  // namespace omsaid
