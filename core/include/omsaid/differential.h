// SPDX-License-Identifier: MIT
// The explainable differential (DESIGN §3): pretest probability by age band × per-finding
// likelihoods, normalised over the diagnoses of a model; and the next best questions.
//
// What counts as one finding ("an observation"):
//   - a feature, exposure, history item, test or antibody answered present or absent;
//   - a categorical answer (onset, course, duration): P(the answer | d) is the frequency of the value
//     given divided by the sum over the kind's values (one answer, never three);
//   - a group of features that is clinically one observation (opsoclonus or ocular flutter), as a
//     latent class: the group's phenomenon is present with its frequency g; given it, each member
//     shows with f_m / g independently; without it, none shows. Members seen together count once.
//
// The explanation is exact. The findings are taken in one order, the same for every diagnosis
// (strongest first for the leading diagnosis: |ln P(f|top) / P(f)| at the pretest), and each finding's likelihood
// ratio for d is the factor by which it changed the odds of d given the findings before it:
//   LR_k(d) = P(f_k | d) / P(f_k | not d, f_1..f_k-1).
// So pretest odds × LR_1 × … × LR_K = post-test odds, exactly (it telescopes), and `after` is d's
// probability once findings 1..k are counted. Every finding that reached the model is listed.
// Complexity: O(findings × diagnoses) for the ranking and all the explanations.
#pragma once

#include <cstdint>
#include <vector>

#include "omsaid/evidence.h"
#include "omsaid/kb.h"

namespace omsaid {

struct FindingContribution {
  int variable = -1;  ///< the variable (for a categorical answer: the value given; for a group: the group)
  bool present = false;
  /// For a group: the members answered (present ones first); for a partly answered categorical
  /// kind: the values still possible; for a broader term: the features it stands for. Else empty.
  std::vector<int> parts;
  /// A present HPO term more general than every feature (index into hpo_terms), counted as "at least
  /// one of `parts`", the features below it not yet answered; -1 otherwise.
  int term = -1;
  double frequency = 0;  ///< P(present | d) used (after defaults and clamping); categorical: P(answer | d)
  double lr = 1;         ///< the odds change, given the findings before it
  double after = 0;      ///< P(d) once this finding and the ones before it are counted
  const Provenance* provenance = nullptr;  ///< of the frequency; nullptr = the model's default
  bool clamped = false;
  /// Below 1 when the finding counts at part weight (its likelihood raised to it): the onset tempo
  /// and the time since onset, both answered (DiagnosisModel::time_course).
  double weight = 1;
};

struct RankedDiagnosis {
  int index = -1;  ///< into DiagnosisModel::diagnoses
  int rank = 0;    ///< 1-based
  double probability = 0;
  double pretest = 0;
  /// With an age: where the pretest weight comes from (its band's entry, or a range of it).
  const Provenance* pretest_basis = nullptr;
  std::vector<FindingContribution> evidence;  ///< every finding, in the order counted (strongest first)
  /// The findings that make this diagnosis (Diagnosis::diagnosed_by) still unanswered: until they
  /// are, its probability rests on the rest of the case only.
  std::vector<int> needs;
  /// Those answered absent: the diagnosis leads, if it does, only because the rest fits worse.
  std::vector<int> against;
  /// Its probability from what is present alone: the case without its answers of "no" (features,
  /// exposures and history answered absent; tests, antibodies and the time course kept). Set by
  /// EvaluateCase; equal to `probability` when nothing was answered no.
  double from_present = 0;
};

struct DifferentialResult {
  int age_band = -1;
  std::vector<RankedDiagnosis> ranked;     ///< every diagnosis, most probable first, ties by id
  std::vector<double> probability;         ///< by diagnosis index
};

/// Ranks the diagnoses of `model` for the evidence. Every diagnosis gets its probability and rank;
/// the evidence lists (the "why") are built for the first `max_explained` only.
DifferentialResult RankDiagnoses(const KnowledgeBase& kb, const DiagnosisModel& model,
                                 const Evidence& ev, size_t max_explained = SIZE_MAX);

struct NextQuestion {
  int variable = -1;  ///< for a categorical kind: its first value (the question is the kind's)
  double gain = 0;    ///< expected fall in entropy (bits) of the differential
};

/// Whether a variable may be asked about for this case: not answered yet, appropriate to its age
/// and sex (the variable's appliesWhen is not false), asked only after its prerequisite, and not a
/// test or antibody already pending. For a categorical kind: none of its values is answered.
bool Askable(const KnowledgeBase& kb, const Evidence& ev, int variable);

/// The unanswered variables (with a question) whose answer would most change the top of the
/// differential: candidates are the variables annotated for the leading diagnoses; each is scored by
/// the expected fall in entropy. Most informative first, ties by variable id; at most `max`.
/// `only_observable`: only what a parent or patient can answer by looking.
std::vector<NextQuestion> NextQuestions(const KnowledgeBase& kb, const DiagnosisModel& model,
                                        const Evidence& ev, const DifferentialResult& result,
                                        size_t max, bool only_observable = false);

/// However many safety questions are open, at least this many ranked ones follow them.
constexpr size_t kMinRankedPatientQuestions = 2;

/// The questions for a parent or patient, in the order to ask them: first the safety questions
/// (the knowledge base's `safety` order: the warning signs, then the signs of OMS itself) still
/// unanswered and appropriate to the case, then what a parent can observe that best separates the
/// leading explanations. At most `max`, or every open safety question and
/// kMinRankedPatientQuestions more; the safety questions are never crowded out.
std::vector<NextQuestion> PatientQuestions(const KnowledgeBase& kb, const DiagnosisModel& model,
                                           const Evidence& ev, const DifferentialResult& result,
                                           size_t max);

}  // namespace omsaid
