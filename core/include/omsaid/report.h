// SPDX-License-Identifier: MIT
// The report (DESIGN §4.2): the only thing the UI renders. Written as JSON by hand (ReportToJson) so
// that bulk evaluation stays fast.
#pragma once

#include <string>
#include <vector>

#include "omsaid/criteria.h"
#include "omsaid/differential.h"
#include "omsaid/kb.h"
#include "omsaid/pns_care.h"
#include "omsaid/workup.h"

namespace omsaid {

constexpr int kReportVersion = 1;
constexpr size_t kMaxDifferentialInReport = 30;
constexpr size_t kMaxNextQuestions = 8;
constexpr size_t kMaxPatientQuestions = 12;
/// From this age (years) a question is put in its adult wording (Variable::adult_wording).
constexpr double kAdultYears = 18;
/// Below this age (years) a question is put in its infant wording (Variable::infant_wording).
constexpr double kInfantYears = 1;
/// Below this age (years) a case "entered by the patient" is still worded for whoever answers for
/// them: a 1-year-old does not answer "Are you newly unsteady?" (our judgement).
constexpr double kSelfReportYears = 8;

/// A diagnosis a family would read as "likely" or "possible" is said to lead because of the answers
/// of "no" (the report's layByElimination) when what is present alone would not make it "possible"
/// and those answers multiplied its probability at least this many times (our judgement).
constexpr double kLayEliminationRise = 3;

/// A variable whose answer would bring a triage more urgent than the case's, and that triage.
struct TriageIf {
  int variable = -1;   ///< KnowledgeBase::variables index
  std::string action;  ///< emergency | urgent | soon
};

struct Report {
  std::vector<std::string> warnings;
  std::vector<CriteriaResult> criteria;
  PnsCareResult pns_care;
  DifferentialResult differential;
  DifferentialResult etiology;
  std::vector<NextQuestion> next_questions;
  std::vector<NextQuestion> patient_questions;  ///< what to ask a parent or patient next, in order
  std::vector<WorkupItem> workup;
  std::vector<const RedFlag*> red_flags;
  std::string triage = "routine";  ///< the most urgent red flag's action, routine when none
  /// Answered "not sure" in the case and deciding a red flag more urgent than the triage (a parent
  /// not sure whether the child is hard to wake), each with the most urgent action it would bring.
  std::vector<TriageIf> triage_unsure;
  /// The same for the safety questions not answered at all (a family that went to the results
  /// early), in the order they are asked.
  std::vector<TriageIf> triage_unasked;
  /// Key signs left unanswered whose every answer brings a more urgent triage than leaving them,
  /// each with that triage: the `either_way` red flags.
  std::vector<TriageIf> triage_either_way;
  std::vector<const SafetyNet*> safety_net;
  std::vector<CareItem> care_team;
  bool any_sign = true;  ///< Evidence::any_sign: without a sign nothing is shown to a parent as likely
  bool adult = false;    ///< the age is known and 18 years or more: questions use their adult wording
  bool infant = false;   ///< the age is known and under 1 year: questions use their infant wording
  bool self = false;     ///< entered by the patient (not a young child): questions put to them ("Do you see double?")
  /// Entered by a parent or carer and the age is known and under 18: questions speak of "your
  /// child" ("your baby" under 1 year) instead of "the person".
  bool family_child = false;
};

/// How much static knowledge-base text the report repeats. Both levels have every field of the
/// contract, and every item keeps its source ids and evidence level.
enum class ReportDetail : uint8_t {
  kFull,     ///< plus the notes behind each number, descriptions, and the `references` table
  kCompact,  ///< without them (bulk use: the text is in the knowledge base)
};

/// The report as JSON text: every field of DESIGN §4.2, plus `severity` and (full) `references`
/// (every source the report cites, with its citation and identifiers).
std::string ReportToJson(const Report& report, const KnowledgeBase& kb,
                         ReportDetail detail = ReportDetail::kFull);

}  // namespace omsaid
