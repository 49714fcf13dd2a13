// SPDX-License-Identifier: MIT
#include "omsaid/engine.h"

#include "omsaid/criteria.h"
#include "omsaid/differential.h"
#include "omsaid/evidence.h"
#include "omsaid/phenopacket.h"
#include "omsaid/pns_care.h"
#include "omsaid/workup.h"

namespace omsaid {

Result<Report> EvaluateCase(const KnowledgeBase& kb, const Case& c) {
  Result<Evidence> ev = BuildEvidence(kb, c);
  if (!ev) return ev.error();
  Evidence& e = ev.value();
  Report report;
  // Order matters: later rules may refer to the criteria status and the diagnosis probabilities.
  report.criteria = EvaluateCriteria(kb, &e);
  e.ResetDefinitions();
  report.differential = RankDiagnoses(kb, kb.differential, e, kMaxDifferentialInReport);
  e.probabilities = report.differential.probability;
  e.ranks.assign(kb.differential.diagnoses.size(), 0);
  for (const RankedDiagnosis& rd : report.differential.ranked) e.ranks[rd.index] = rd.rank;
  e.ResetDefinitions();
  report.etiology = RankDiagnoses(kb, kb.etiology, e, kMaxDifferentialInReport);
  report.next_questions = NextQuestions(kb, kb.differential, e, report.differential, kMaxNextQuestions);
  report.patient_questions =
      PatientQuestions(kb, kb.differential, e, report.differential, kMaxPatientQuestions);
  report.pns_care = ScorePnsCare(kb, e);
  // The red flags decide the overall triage; no test or referral is more urgent than it.
  report.red_flags = RaisedRedFlags(kb, e);
  report.triage = std::string(TriageOf(report.red_flags));
  report.workup = PlanWorkup(kb, e, report.triage);
  NoteUnsoughtItems(kb, report.workup, &report.criteria);
  report.safety_net = SafetyNetFor(kb, e);
  report.care_team = NeededCareTeam(kb, e, report.triage);
  report.any_sign = e.any_sign;
  report.warnings = std::move(e.warnings);
  return report;
}

Result<std::string> EvaluateJson(const KnowledgeBase& kb, std::string_view case_json,
                                 const CaseLimits& limits, ReportDetail detail) {
  Result<Case> c = ParseAnyCase(case_json, kb, limits);
  if (!c) return c.error();
  Result<Report> report = EvaluateCase(kb, c.value());
  if (!report) return report.error();
  return ReportToJson(report.value(), kb, detail);
}

}  // namespace omsaid
