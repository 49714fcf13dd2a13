// SPDX-License-Identifier: MIT
// Rules are data: typed nodes read from the knowledge base and evaluated with three-valued (Kleene)
// logic, so that an unanswered question makes a rule "unknown" rather than false.
//
// Example (Genoa 2005, 3 of 4):
//   {"type": "at_least", "minimum": 3, "of": [
//      {"type": "any_of", "id": "eye", "of": [{"type": "feature", "id": "HP:0010543"},
//                                            {"type": "feature", "id": "HP:0031931"}]}, ...]}
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace omsaid {

/// Three-valued truth.
enum class Tri : uint8_t { kUnknown = 0, kFalse = 1, kTrue = 2 };

enum class RuleType : uint8_t {
  kAlways,   ///< true
  kFeature,  ///< a knowledge-base variable is present (HPO feature, exposure:, test:, antibody:,
             ///< onset:)
  kAllOf,    ///< every child
  kAnyOf,    ///< at least one child
  kAtLeast,  ///< at least `minimum` children
  kNot,      ///< negation of the single child
  kNotEstablished,  ///< the single child is not true (false or unknown): "no tumour found so far"
  kAge,             ///< age in years within [min, max)
  kSex,             ///< sex is one of `values`
  kTest,      ///< a work-up test is in one of `values` (normal, abnormal, pending, not_done, done)
  kAntibody,  ///< an antibody result is one of `values` (positive, negative, pending)
  kCriteria,  ///< a criteria set's status is one of `values` (met, not_met, indeterminate)
  kProbability,  ///< a diagnosis' posterior probability is >= min
  kRank,         ///< a diagnosis is ranked within the first `max` of the differential
  kFollowUp,     ///< follow-up months within [min, max)
  kDuration,     ///< days since onset within [min, max)
  kRef,          ///< a named rule of data/definitions.json (ref = its index)
  kRedFlag,  ///< one of the red flags in `flags` (their indices) holds: by id, by action, or all
             ///< but some
  kEitherWay,  ///< a key sign among `children` (feature rules) is unanswered, and either answer
               ///< would bring the triage `minimum` (an urgency rank) that the case does not have
};

/// One node of a rule tree. Leaves refer to variables by index (resolved when the knowledge base
/// is loaded, so a dangling id is a load error, never an evaluation-time surprise).
struct Rule {
  RuleType type = RuleType::kAlways;
  std::string id;                   ///< label of an item (criteria) or the referenced id
  std::string label;                ///< human label for items
  int ref = -1;                     ///< resolved index of `id` (variable, test, criteria, diagnosis)
  int minimum = 0;                  ///< at_least; either_way: the urgency rank (0 emergency)
  double min = -1e300, max = 1e300; ///< age, follow-up, probability
  std::vector<std::string> values;  ///< sex / test / antibody / criteria states
  std::vector<int> flags;           ///< red_flag: the red flags it stands for (resolved at load)
  std::vector<Rule> children;
};

}  // namespace omsaid
