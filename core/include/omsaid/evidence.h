// SPDX-License-Identifier: MIT
// Step 2 of the engine: a Case becomes the state of every knowledge-base variable.
//
// HPO findings are mapped to features through the is_a hierarchy: a present term makes every
// feature at or above it present ("Truncal ataxia" counts as "Ataxia"); an absent term makes every
// feature at or below it absent ("no ataxia" means no truncal ataxia), never the ones above it.
// Obsolete ids are read as their replacements. A term with no feature at or above it is kept in the
// case and reported as a warning; if features lie below it, the differential can count it as "at
// least one of them" (DiagnosisModel::broader). Unknown stays unknown: it is never read as absent.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "omsaid/case.h"
#include "omsaid/kb.h"
#include "omsaid/result.h"
#include "omsaid/rules.h"

namespace omsaid {

enum class CriteriaStatus : int8_t { kNotEvaluated = -1, kNotMet = 0, kMet = 1, kIndeterminate = 2 };

/// Everything a rule can ask about one case.
struct Evidence {
  const KnowledgeBase* kb = nullptr;  ///< for named rules (definitions)
  std::vector<Tri> vars;             ///< by KnowledgeBase::variables index
  std::vector<std::string> origin;   ///< the case term that set each variable ("" if none/itself)
  /// Per variable: every case term that made it present (a feature can be made present by several
  /// entered terms: Truncal ataxia and Gait ataxia both make Ataxia present).
  std::vector<std::vector<std::string>> present_terms;
  /// Present terms more general than every feature (none at or above them, some below them), as
  /// indexes into KnowledgeBase::hpo_terms, in case order without repeats: a model with `broader`
  /// counts each as "at least one of the features below it".
  std::vector<int> broader_terms;
  std::vector<TestState> tests;      ///< by KnowledgeBase::tests index
  std::vector<AntibodyState> antibodies;
  std::optional<double> age_years;
  std::optional<double> duration_days;
  Sex sex = Sex::kUnknown;
  std::optional<double> follow_up_months;
  std::vector<std::string> warnings;
  /// Filled by the engine as it goes, so later rules can refer to earlier results.
  std::vector<CriteriaStatus> criteria;
  /// A sign is recorded: a finding present (or a broader term), an exposure or history item
  /// present (tablets swallowed, with nothing seen yet, is reason enough), an abnormal test or a
  /// positive antibody. Without one the differential weighs only absences (all "no" makes the condition
  /// with the rarest signs look likely), so no rule reads it: `probability` and `rank` are false.
  bool any_sign = false;
  std::vector<double> probabilities;  ///< by diagnosis index, once the differential has run
  std::vector<int> ranks;             ///< by diagnosis index (1 = first), once it has run
  /// By variable, for the unanswered key signs (KnowledgeBase::either_way_signs): the urgency rank
  /// (0 emergency … 3 routine) that answering it either way would bring, where that is more urgent
  /// than the case's triage; -1 otherwise, and empty until the engine has worked it out. Read by
  /// `either_way` rules.
  std::vector<int8_t> either_way;
  /// Memo of the named rules (definitions) for this evaluation: -1 not computed, else a Tri.
  /// Call ResetDefinitions() whenever criteria or probabilities change.
  mutable std::vector<int8_t> definition_memo;
  /// The same for the red flags' states (RedFlagState), which `red_flag` rules read many times.
  mutable std::vector<int8_t> red_flag_memo;
  void ResetDefinitions() {
    definition_memo.assign(kb ? kb->definitions.size() : 0, -1);
    red_flag_memo.assign(kb ? kb->red_flags.size() : 0, -1);
  }
};

/// Builds the evidence. Fails only on a contradiction (a term present while the same term, or one of
/// its ancestors, is absent), naming both findings.
Result<Evidence> BuildEvidence(const KnowledgeBase& kb, const Case& c);

/// Three-valued evaluation of a rule against the evidence.
Tri EvaluateRule(const Rule& rule, const Evidence& ev);

}  // namespace omsaid
