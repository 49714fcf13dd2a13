// SPDX-License-Identifier: MIT
// The engine: case JSON in, report out. Pure functions of (knowledge base, case); no I/O, no clock.
//
// Example:
//   const KnowledgeBase& kb = EmbeddedKnowledgeBase().value();
//   Result<std::string> report = EvaluateJson(kb, R"({"caseVersion": 1})");
#pragma once

#include <string>
#include <string_view>

#include "omsaid/case.h"
#include "omsaid/kb.h"
#include "omsaid/report.h"
#include "omsaid/result.h"

namespace omsaid {

/// Runs every step on a parsed case.
Result<Report> EvaluateCase(const KnowledgeBase& kb, const Case& c);

/// Parses the case (native case JSON or a GA4GH Phenopacket v2) and returns the report as JSON text,
/// or the first problem of the input.
Result<std::string> EvaluateJson(const KnowledgeBase& kb, std::string_view case_json,
                                 const CaseLimits& limits = {},
                                 ReportDetail detail = ReportDetail::kFull);

/// The knowledge base's vocabulary for a user interface, as JSON: every variable (HPO features,
/// exposures, history items, onsets, tests, antibodies) with its labels and plain-language question,
/// the test catalogue, the age bands, and the HPO terms (id, label, synonyms, and the features each
/// counts for) for term search.
std::string VocabularyJson(const KnowledgeBase& kb);

}  // namespace omsaid
