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
  e.ResetDefinitions();
  report.etiology = RankDiagnoses(kb, kb.etiology, e, kMaxDifferentialInReport);
  report.next_questions = NextQuestions(kb, kb.differential, e, report.differential, kMaxNextQuestions);
  report.pns_care = ScorePnsCare(kb, e);
  report.workup = PlanWorkup(kb, e);
  report.red_flags = RaisedRedFlags(kb, e);
  report.care_team = NeededCareTeam(kb, e);
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
