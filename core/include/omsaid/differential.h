// SPDX-License-Identifier: MIT
// The explainable differential (DESIGN §3): pretest probability by age band × per-finding
// likelihoods, normalised over the diagnoses of a model; and the next best questions.
//
// The likelihood ratio reported for a finding f and a diagnosis d is the factor by which f changed
// the odds of d given all the other findings: LR = P(f|d) / P(f|not d, other findings). So an LR above
// 1 means f raised d, and adding a present finding whose LR for d is above 1 never lowers d.
// Complexity is linear in the size of the knowledge base (annotations of the answered variables).
#pragma once

#include <cstdint>
#include <vector>

#include "omsaid/evidence.h"
#include "omsaid/kb.h"

namespace omsaid {

struct FindingContribution {
  int variable = -1;
  bool present = false;
  double frequency = 0;  ///< P(present | d) used (after defaults and clamping)
  double lr = 1;
  const Provenance* provenance = nullptr;  ///< of the frequency; nullptr = the model's default
  bool clamped = false;
  double strength = 0;  ///< |ln lr|, the sort key
};

struct RankedDiagnosis {
  int index = -1;  ///< into DiagnosisModel::diagnoses
  int rank = 0;    ///< 1-based
  double probability = 0;
  double pretest = 0;
  std::vector<FindingContribution> evidence;  ///< strongest first (|ln LR|), ties by variable id
};

struct DifferentialResult {
  int age_band = -1;
  std::vector<RankedDiagnosis> ranked;     ///< every diagnosis, most probable first, ties by id
  std::vector<double> probability;         ///< by diagnosis index
};

/// Ranks the diagnoses of `model` for the evidence. Every diagnosis gets its probability and rank;
/// the evidence lists (the "why") are built for the first `max_explained` only, which keeps the cost
/// linear in the size of the knowledge base.
DifferentialResult RankDiagnoses(const KnowledgeBase& kb, const DiagnosisModel& model,
                                 const Evidence& ev, size_t max_explained = SIZE_MAX);

struct NextQuestion {
  int variable = -1;
  double gain = 0;  ///< expected fall in entropy (bits) of the differential
};

/// The unanswered variables (with a question) whose answer would most change the top of the
/// differential: candidates are the variables annotated for the leading diagnoses; each is scored by
/// the expected fall in entropy. Most informative first, ties by variable id; at most `max`.
std::vector<NextQuestion> NextQuestions(const KnowledgeBase& kb, const DiagnosisModel& model,
                                        const Evidence& ev, const DifferentialResult& result,
                                        size_t max);

}  // namespace omsaid
