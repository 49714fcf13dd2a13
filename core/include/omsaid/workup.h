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
  std::vector<const Conditional*> notes;  ///< notes on a normal / abnormal result that apply
  const RepeatRule* repeat = nullptr;     ///< repeat schedule after a normal result
};

/// Every test of the catalogue with its status: recommended ones first by urgency, then pending,
/// done (abnormal, normal), not indicated; catalogue order within a group.
std::vector<WorkupItem> PlanWorkup(const KnowledgeBase& kb, const Evidence& ev);

/// The red flags that hold, most urgent first.
std::vector<const RedFlag*> RaisedRedFlags(const KnowledgeBase& kb, const Evidence& ev);

/// The care-team roles that are needed, most urgent first.
std::vector<const CareRole*> NeededCareTeam(const KnowledgeBase& kb, const Evidence& ev);

/// The unknown variables a rule depends on (for "indeterminate — needs X").
void UnknownLeaves(const Rule& rule, const Evidence& ev, std::vector<int>* out);

std::string_view ToString(WorkupStatus s);
int UrgencyRank(std::string_view urgency);  ///< emergency 0, urgent 1, soon 2, routine 3

}  // namespace omsaid
