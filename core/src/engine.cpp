// SPDX-License-Identifier: MIT
#include "omsaid/engine.h"

#include "omsaid/criteria.h"
#include "omsaid/evidence.h"

namespace omsaid {

Result<Report> EvaluateCase(const KnowledgeBase& kb, const Case& c) {
  Result<Evidence> ev = BuildEvidence(kb, c);
  if (!ev) return ev.error();
  Report report;
  report.criteria = EvaluateCriteria(kb, &ev.value());
  report.warnings = std::move(ev.value().warnings);
  return report;
}

Result<std::string> EvaluateJson(const KnowledgeBase& kb, std::string_view case_json,
                                 const CaseLimits& limits) {
  Result<Case> c = ParseCase(case_json, kb, limits);
  if (!c) return c.error();
  Result<Report> report = EvaluateCase(kb, c.value());
  if (!report) return report.error();
  return ReportToJson(report.value(), kb);
}

}  // namespace omsaid
