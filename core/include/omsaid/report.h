// SPDX-License-Identifier: MIT
// The report (DESIGN §4.2): the only thing the UI renders. Written as JSON by hand (ReportToJson) so
// that bulk evaluation stays fast.
#pragma once

#include <string>
#include <vector>

#include "omsaid/criteria.h"
#include "omsaid/kb.h"

namespace omsaid {

constexpr int kReportVersion = 1;

struct Report {
  std::vector<std::string> warnings;
  std::vector<CriteriaResult> criteria;
};

/// The report as JSON text: every field of DESIGN §4.2 present (empty arrays until a section has
/// content), plus `references` for every source the report cites.
std::string ReportToJson(const Report& report, const KnowledgeBase& kb);

}  // namespace omsaid
