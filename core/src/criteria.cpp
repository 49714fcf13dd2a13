// SPDX-License-Identifier: MIT
#include "omsaid/criteria.h"

#include <algorithm>

namespace omsaid {

std::string_view ToString(CriteriaStatus s) {
  switch (s) {
    case CriteriaStatus::kMet: return "met";
    case CriteriaStatus::kNotMet: return "not_met";
    case CriteriaStatus::kIndeterminate: return "indeterminate";
    case CriteriaStatus::kNotEvaluated: return "not_evaluated";
  }
  return "not_evaluated";
}

namespace {

void CollectFeatures(const Rule& rule, const KnowledgeBase& kb, std::vector<std::string>* out) {
  if (rule.type == RuleType::kFeature && rule.ref >= 0) out->push_back(kb.variables[rule.ref].id);
  for (const Rule& c : rule.children) CollectFeatures(c, kb, out);
}

// The case terms behind the present features of an item (the term itself when it was entered as
// the feature's own id).
void CollectTerms(const Rule& rule, const Evidence& ev, std::vector<std::string>* out) {
  if (rule.type == RuleType::kFeature && rule.ref >= 0 && ev.vars[rule.ref] == Tri::kTrue) {
    for (const std::string& t : ev.present_terms[rule.ref]) {
      if (std::find(out->begin(), out->end(), t) == out->end()) out->push_back(t);
    }
  }
  for (const Rule& c : rule.children) CollectTerms(c, ev, out);
}

}  // namespace

std::vector<CriteriaResult> EvaluateCriteria(const KnowledgeBase& kb, Evidence* ev) {
  std::vector<CriteriaResult> out;
  out.reserve(kb.criteria.size());
  for (size_t i = 0; i < kb.criteria.size(); ++i) {
    const CriteriaSet& set = kb.criteria[i];
    CriteriaResult r;
    r.id = set.id;
    r.label = set.label;
    r.population = set.population;
    r.applies = EvaluateRule(set.applies, *ev);
    for (const Rule& item : set.rule.children) {
      const Tri t = EvaluateRule(item, *ev);
      if (t == Tri::kTrue) ++r.count;
      CriteriaItemResult result{item.id, item.label, t, {}, {}};
      CollectFeatures(item, kb, &result.features);
      if (t == Tri::kTrue) CollectTerms(item, *ev, &result.terms);
      r.items.push_back(std::move(result));
    }
    const int n = static_cast<int>(set.rule.children.size());
    r.required = set.rule.type == RuleType::kAtLeast ? set.rule.minimum
               : set.rule.type == RuleType::kAllOf   ? n
                                                     : 1;
    const Tri verdict = EvaluateRule(set.rule, *ev);
    r.status = verdict == Tri::kTrue    ? CriteriaStatus::kMet
             : verdict == Tri::kFalse   ? CriteriaStatus::kNotMet
                                        : CriteriaStatus::kIndeterminate;
    if (r.status == CriteriaStatus::kIndeterminate) {
      for (const CriteriaItemResult& item : r.items) {
        if (item.status != Tri::kUnknown) continue;
        r.needs.push_back(item.label);
        r.needs_items.push_back(item.id);
      }
    }
    ev->criteria[i] = r.status;
    out.push_back(std::move(r));
  }
  return out;
}

void NoteUnsoughtItems(const KnowledgeBase& kb, const std::vector<WorkupItem>& workup,
                       std::vector<CriteriaResult>* criteria) {
  for (size_t i = 0; i < criteria->size() && i < kb.criteria.size(); ++i) {
    CriteriaResult& r = (*criteria)[i];
    r.not_sought.clear();
    if (r.status != CriteriaStatus::kIndeterminate || r.applies == Tri::kFalse) continue;
    for (const CriteriaSearch& search : kb.criteria[i].searches) {
      if (search.item < 0 || static_cast<size_t>(search.item) >= r.items.size() ||
          r.items[search.item].status != Tri::kUnknown) {
        continue;
      }
      const bool sought = std::any_of(search.tests.begin(), search.tests.end(), [&](int t) {
        return std::any_of(workup.begin(), workup.end(), [&](const WorkupItem& w) {
          return w.test == t && w.status != WorkupStatus::kNotIndicated;
        });
      });
      if (!sought) r.not_sought.push_back(&search);
    }
  }
}

}  // namespace omsaid
