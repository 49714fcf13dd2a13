// SPDX-License-Identifier: MIT
#include "omsaid/engine.h"

#include <algorithm>

#include "omsaid/criteria.h"
#include "omsaid/differential.h"
#include "omsaid/evidence.h"
#include "omsaid/phenopacket.h"
#include "omsaid/pns_care.h"
#include "omsaid/workup.h"

namespace omsaid {

namespace {

// Unknown is not absent for the triage either: what the case answers "not sure" (explicitly
// unknown, not merely unasked) and would make the triage more urgent if it were so, with that
// triage ("not sure whether she is hard to wake" beside "within a few days": an emergency if so).
void UnsureForTriage(const KnowledgeBase& kb, const Case& c, const Evidence& e, Report* report) {
  std::vector<uint8_t> said_unsure;
  auto mark = [&](const std::string& id) {
    if (const int v = kb.FindVariable(id); v >= 0) {
      said_unsure.resize(kb.variables.size(), 0);
      said_unsure[static_cast<size_t>(v)] = 1;
    }
  };
  for (const Finding& f : c.findings) {
    if (f.state == FindingState::kUnknown) mark(f.term);
  }
  for (const Exposure& x : c.exposures) {
    if (x.state == FindingState::kUnknown) mark("exposure:" + x.id);
  }
  for (const Exposure& x : c.history) {
    if (x.state == FindingState::kUnknown) mark("history:" + x.id);
  }
  // What the triage would be if each were so (the differential as it is): a knock to the head
  // and unsteadiness are an emergency only together, so each is judged on its own.
  if (said_unsure.empty()) return;  // nothing answered "not sure": no copy of the evidence
  const int triage = UrgencyRank(report->triage);
  Evidence what_if = e;
  for (size_t v = 0; v < said_unsure.size(); ++v) {
    if (!said_unsure[v] || e.vars[v] != Tri::kUnknown) continue;
    what_if.vars = e.vars;
    what_if.vars[v] = Tri::kTrue;
    what_if.ResetDefinitions();
    const std::string_view action = TriageOf(RaisedRedFlags(kb, what_if));
    if (UrgencyRank(action) < triage) {
      report->triage_unsure.push_back(static_cast<int>(v));
      report->triage_unsure_action.emplace_back(action);
    }
  }
}

}  // namespace

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
  report.self = c.entered_by == EnteredBy::kPatient && !(c.age_years && *c.age_years < kSelfReportYears);
  if (report.self) {
    // A question nobody can answer about themselves (how a baby is fed) is not put to the person.
    const auto unaskable = [&kb](const NextQuestion& q) {
      const std::optional<Wording>& w = kb.variables[q.variable].self_wording;
      return w && w->question.empty();
    };
    for (auto* list : {&report.next_questions, &report.patient_questions}) {
      list->erase(std::remove_if(list->begin(), list->end(), unaskable), list->end());
    }
  }
  report.pns_care = ScorePnsCare(kb, e);
  // The red flags decide the overall triage; no test or referral is more urgent than it.
  report.red_flags = RaisedRedFlags(kb, e);
  report.triage = std::string(TriageOf(report.red_flags));
  report.workup = PlanWorkup(kb, e, report.triage);
  UnsureForTriage(kb, c, e, &report);
  NoteUnsoughtItems(kb, report.workup, &report.criteria);
  report.safety_net = SafetyNetFor(kb, e);
  report.care_team = NeededCareTeam(kb, e, report.triage);
  report.any_sign = e.any_sign;
  report.adult = c.age_years && *c.age_years >= kAdultYears;
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
