// SPDX-License-Identifier: MIT
// PNS-Care score (Graus 2021): phenotype + antibody + cancer (with follow-up time) points and the
// level, every cell with its evidence level from data/pns_care.json. Unknown inputs are not read
// as negative: the result names what would change the level (`needs`).
#pragma once

#include <string>
#include <vector>

#include "omsaid/evidence.h"
#include "omsaid/kb.h"

namespace omsaid {

struct PnsCarePart {
  std::string part;   ///< phenotype | antibody | cancer
  std::string label;
  int points = 0;
  const Provenance* provenance = nullptr;
};

struct PnsCareResult {
  bool applicable = false;
  int score = 0;
  std::string level = "not_applicable";  ///< definite | probable | possible | non_pns | not_applicable
  std::vector<PnsCarePart> parts;
  std::vector<std::string> needs;  ///< what is still unknown and would change the score
  const Provenance* level_provenance = nullptr;
  bool oms_exception = false;  ///< definite reached without an antibody (the OMS exception)
};

PnsCareResult ScorePnsCare(const KnowledgeBase& kb, const Evidence& ev);

}  // namespace omsaid
