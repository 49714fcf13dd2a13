// SPDX-License-Identifier: MIT
// Internal: the native case parser on an already parsed document (used by ParseAnyCase).
#pragma once

#include "json_util.h"
#include "omsaid/case.h"

namespace omsaid {

Result<Case> ParseCaseJson(const Json& root, const KnowledgeBase& kb, const CaseLimits& limits);

}  // namespace omsaid
