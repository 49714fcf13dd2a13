// SPDX-License-Identifier: MIT
#include "omsaid/pns_care.h"

#include <optional>

namespace omsaid {

PnsCareResult ScorePnsCare(const KnowledgeBase& kb, const Evidence& ev) {
  PnsCareResult r;
  const PnsCareModel& m = kb.pns_care;
  if (!m.loaded || EvaluateRule(m.applies, ev) != Tri::kTrue) return r;
  r.applicable = true;
  r.parts.push_back(PnsCarePart{"phenotype", m.phenotype_label, m.phenotype_points, &m.phenotype_provenance});

  // Antibody: the highest class with a positive antibody; otherwise none, noting what is untested.
  const PnsCareModel::AntibodyClass* found = nullptr;
  int found_antibody = -1;
  for (const auto& c : m.antibody_classes) {
    for (int a : c.antibodies) {
      if (ev.antibodies[a] == AntibodyState::kPositive) {
        found = &c;
        found_antibody = a;
        break;
      }
    }
    if (found) break;
  }
  if (found) {
    r.parts.push_back(PnsCarePart{"antibody", kb.antibodies[found_antibody].label + " positive: " + found->label,
                                  found->points, &found->provenance});
  } else {
    r.parts.push_back(PnsCarePart{"antibody", m.no_antibody_label, m.no_antibody_points, &m.no_antibody_provenance});
    const int panel = kb.FindTest("paraneoplastic-antibody-panel");
    const bool panel_normal = panel >= 0 && ev.tests[panel] == TestState::kNormal;
    bool untested = !panel_normal;
    if (untested) {
      // Every antibody of a scoring class tested negative also settles it.
      untested = false;
      for (const auto& c : m.antibody_classes) {
        if (c.points <= m.no_antibody_points) continue;
        for (int a : c.antibodies) untested |= ev.antibodies[a] != AntibodyState::kNegative;
      }
    }
    if (untested) r.needs.push_back(m.needs_antibodies);
  }

  // Cancer: consistent cancer found, else follow-up time decides.
  const Tri cancer = EvaluateRule(m.consistent_cancer, ev);
  if (cancer == Tri::kTrue) {
    r.parts.push_back(PnsCarePart{"cancer", m.consistent_cancer_label, m.cancer_points, &m.cancer_provenance});
  } else {
    // The follow-up without a cancer found: the case's, else the time since onset (the authors'
    // worked example counts the years of the illness: "in year 3 without tumour" scores 0).
    std::optional<double> follow_up = ev.follow_up_months;
    if (!follow_up && ev.duration_days) follow_up = *ev.duration_days / kDaysPerMonth;
    const bool short_follow_up = !follow_up || *follow_up < m.follow_up_cutoff_months;
    r.parts.push_back(PnsCarePart{"cancer",
                                  short_follow_up ? m.no_cancer_short_label : m.no_cancer_long_label,
                                  short_follow_up ? m.no_cancer_short_points : m.no_cancer_long_points,
                                  &m.no_cancer_provenance});
    if (cancer == Tri::kUnknown) r.needs.push_back(m.needs_cancer);
    if (!follow_up && m.no_cancer_short_points != m.no_cancer_long_points) {
      r.needs.push_back(m.needs_follow_up);
    }
  }

  for (const PnsCarePart& p : r.parts) r.score += p.points;
  for (const auto& level : m.levels) {
    if (r.score >= level.min) {
      r.level = level.level;
      r.level_provenance = &level.provenance;
      break;
    }
  }
  if (r.level != "definite" && EvaluateRule(m.definite_without_antibody, ev) == Tri::kTrue) {
    r.level = "definite";
    r.oms_exception = true;
    r.level_provenance = &m.definite_without_antibody_provenance;
  }
  return r;
}

}  // namespace omsaid
