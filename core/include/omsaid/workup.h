// SPDX-License-Identifier: MIT
// The plan: which tests (with urgency, status, reason, repeat schedule and sources), which red flags,
// which members of the care team. All driven by rules in data/ (workup.json, red_flags.json,
// care_team.json); nothing here knows a test or a diagnosis by name.
#pragma once

#include <string>
#include <vector>

#include "omsaid/evidence.h"
#include "omsaid/kb.h"

namespace omsaid {

enum class WorkupStatus : uint8_t { kRecommended, kPending, kDoneAbnormal, kDoneNormal, kNotIndicated };

struct WorkupItem {
  int test = -1;  ///< index into KnowledgeBase::tests
  WorkupStatus status = WorkupStatus::kNotIndicated;
  std::string urgency = "routine";
  const Indication* indication = nullptr;  ///< the indication that holds, if any
  /// When no indication holds but one depends on unanswered questions: that indication, and the
  /// variables whose answers would decide it.
  const Indication* possible = nullptr;
  std::vector<int> needs;
  /// Recommended although an indication is still unknown, because only the case's age or sex is
  /// missing (an OMS tumour search is listed, and the age asked for, rather than dropped).
  bool needs_age = false, needs_sex = false;
  /// The indication's own urgency; `urgency` is this capped at the overall triage.
  std::string indicated_urgency = "routine";
  std::vector<const Conditional*> notes;  ///< notes on a normal / abnormal result that apply
  /// The test's cautions while it is recommended: those whose rule holds (`holds`) or is still
  /// unknown; one the answers rule out is left out.
  struct Caution {
    const Conditional* statement = nullptr;
    bool holds = false;
  };
  std::vector<Caution> cautions;
  const RepeatRule* repeat = nullptr;     ///< repeat schedule after a normal result
};

/// Every test of the catalogue that applies to the case's age and sex (or has a result entered),
/// with its status: recommended ones first by urgency, then pending, done (abnormal, normal), not
/// indicated; catalogue order within a group. No item is more urgent than `triage` (the overall
/// action): an indication's urgency above it is lowered to it (`indicated_urgency` keeps it).
std::vector<WorkupItem> PlanWorkup(const KnowledgeBase& kb, const Evidence& ev,
                                   std::string_view triage = "emergency");

/// Whether a red flag is raised: its rule holds, or would hold but for the case's missing age or sex
/// (the safe reading: a lump in the tummy with no age given is treated as a child's). A `red_flag`
/// rule reads the same state, so a role or net that refers to a flag agrees with the flags shown.
/// Memoised in the evidence (red_flag_memo) for the evaluation; unknown for an index out of range.
Tri RedFlagState(const KnowledgeBase& kb, const Evidence& ev, int flag);

/// The red flags that are raised (RedFlagState true), most urgent first.
std::vector<const RedFlag*> RaisedRedFlags(const KnowledgeBase& kb, const Evidence& ev);

/// The overall action: the most urgent raised red flag's, "routine" when none.
std::string_view TriageOf(const std::vector<const RedFlag*>& raised);

/// What should bring the family back, for the explanations that lead.
std::vector<const SafetyNet*> SafetyNetFor(const KnowledgeBase& kb, const Evidence& ev);

/// A care-team role, with its urgency capped at the triage, and the raised red flags its rule
/// stands on in this case (none when it holds for a likely diagnosis or a finding alone), most
/// urgent first: the referral names the signs that call for it.
struct CareItem {
  const CareRole* role = nullptr;
  std::string urgency;
  std::vector<const RedFlag*> flags;
};

/// The care-team roles that are needed, most urgent first, none more urgent than `triage`.
std::vector<CareItem> NeededCareTeam(const KnowledgeBase& kb, const Evidence& ev,
                                     std::string_view triage = "emergency");

/// The unknown variables a rule depends on (for "indeterminate — needs X"), and whether the case's
/// age or sex is among what it depends on.
struct Unknowns {
  std::vector<int> variables;
  bool age = false, sex = false;
};
void UnknownLeaves(const Rule& rule, const Evidence& ev, std::vector<int>* out);
void UnknownLeaves(const Rule& rule, const Evidence& ev, Unknowns* out);

std::string_view ToString(WorkupStatus s);
int UrgencyRank(std::string_view urgency);  ///< emergency 0, urgent 1, soon 2, routine 3
std::string_view UrgencyName(int rank);     ///< the inverse of UrgencyRank (routine beyond 3)

}  // namespace omsaid
