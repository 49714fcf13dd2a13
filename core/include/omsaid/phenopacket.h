// SPDX-License-Identifier: MIT
// GA4GH Phenopacket v2 in and out (the mapping is documented in data/README.md, "Phenopackets").
//
//   Result<Case> c = ParseAnyCase(text, kb);          // native case JSON or a Phenopacket
//   std::string pp = CaseToPhenopacket(c.value(), kb, "case-1", "2026-11-25T10:00:00Z");
//
// Export then import gives back the same case, so the same report.
#pragma once

#include <string>
#include <string_view>

#include "omsaid/case.h"
#include "omsaid/kb.h"
#include "omsaid/result.h"

namespace omsaid {

/// True when the JSON object is a Phenopacket: no `caseVersion` (a native case) and at least one
/// Phenopacket top-level field (`phenotypicFeatures`, `subject`, `metaData`, `measurements`, ...).
bool LooksLikePhenopacket(std::string_view json_text);

/// Parses a GA4GH Phenopacket v2 (JSON) into a case.
Result<Case> ParsePhenopacket(std::string_view json_text, const KnowledgeBase& kb,
                              const CaseLimits& limits = {});

/// Parses either format.
Result<Case> ParseAnyCase(std::string_view json_text, const KnowledgeBase& kb,
                          const CaseLimits& limits = {});

/// The case as a Phenopacket v2. `created` is the metaData timestamp (the core reads no clock).
std::string CaseToPhenopacket(const Case& c, const KnowledgeBase& kb, std::string_view id,
                              std::string_view created);

}  // namespace omsaid
