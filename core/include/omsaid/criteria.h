// SPDX-License-Identifier: MIT
// Diagnostic criteria sets (Genoa 2005 for OMS) evaluated from their rule trees in data/.
// A criterion item is present, absent or unknown; the set is met, not met, or indeterminate when
// the verdict depends on unanswered items, and then `needs` names the items that would decide it.
#pragma once

#include <string>
#include <vector>

#include "omsaid/evidence.h"
#include "omsaid/kb.h"
#include "omsaid/workup.h"

namespace omsaid {

struct CriteriaItemResult {
  std::string id;
  std::string label;
  Tri status = Tri::kUnknown;
  std::vector<std::string> features;  ///< the variables the item is made of, in rule order
  /// The case's own terms that made the item present (an entered "Temper tantrums" for behaviour
  /// change), so a clinician sees exactly what changed the verdict.
  std::vector<std::string> terms;
};

struct CriteriaResult {
  std::string id;
  std::string label;
  std::string population;          ///< "children", "adults" or "all"
  Tri applies = Tri::kTrue;        ///< whether the set applies to this case (its age)
  CriteriaStatus status = CriteriaStatus::kIndeterminate;
  int count = 0;     ///< items present
  int required = 0;  ///< items needed
  std::vector<CriteriaItemResult> items;
  std::vector<std::string> needs;        ///< labels of the unknown items, when indeterminate
  std::vector<std::string> needs_items;  ///< their ids
  /// Needed items that only tests answer, none of which the work-up orders (filled after the plan).
  std::vector<const CriteriaSearch*> not_sought;
};

/// Evaluates every criteria set of the knowledge base and records each status in `ev->criteria`.
std::vector<CriteriaResult> EvaluateCriteria(const KnowledgeBase& kb, Evidence* ev);

/// Marks, in each indeterminate set that applies, the needed items answered only by tests that the
/// work-up does not order (every one not indicated or not listed), with the set's statement for it.
void NoteUnsoughtItems(const KnowledgeBase& kb, const std::vector<WorkupItem>& workup,
                       std::vector<CriteriaResult>* criteria);

std::string_view ToString(CriteriaStatus s);

}  // namespace omsaid
