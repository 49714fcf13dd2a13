// SPDX-License-Identifier: MIT
#include "omsaid/differential.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace omsaid {
namespace {

constexpr size_t kLeadingDiagnoses = 5;     // next questions look at the top of the differential
constexpr size_t kEvidencePerDiagnosis = 12;
constexpr double kMinGain = 1e-4;           // bits; below this a question changes nothing visible

bool InBand(const FeatureFrequency& e, int band) {
  if (e.age_bands.empty()) return true;
  return band >= 0 && std::find(e.age_bands.begin(), e.age_bands.end(), band) != e.age_bands.end();
}

// The entry of diagnosis d's features that applies to variable v for this age band: the first that
// applies; without an age, the first unrestricted one, else the first one.
const FeatureFrequency* EntryFor(const DiagnosisModel& m, int d, int v, int band) {
  const FeatureFrequency* first = nullptr;
  const FeatureFrequency* unrestricted = nullptr;
  for (const auto& [dd, fi] : m.annotations[v]) {
    if (dd != d) continue;
    const FeatureFrequency& e = m.diagnoses[d].features[fi];
    if (band >= 0) {
      if (InBand(e, band)) return &e;
      continue;
    }
    if (!first) first = &e;
    if (!unrestricted && e.age_bands.empty()) unrestricted = &e;
  }
  return unrestricted ? unrestricted : first;
}

struct Frequency {
  double value = 0;  // P(present | d), clamped
  const FeatureFrequency* entry = nullptr;
  bool clamped = false;
};

// P(present | d) for every diagnosis: the model default, then each diagnosis' own entry.
void FrequenciesOf(const DiagnosisModel& m, int v, int band, std::vector<Frequency>* out) {
  const double def = m.defaults[m.default_of_variable[v]].frequency;
  out->assign(m.diagnoses.size(), Frequency{def, nullptr, false});
  for (const auto& [d, fi] : m.annotations[v]) {
    Frequency& f = (*out)[d];
    if (f.entry) continue;  // already chosen for this diagnosis
    const FeatureFrequency* e = EntryFor(m, d, v, band);
    if (e) {
      f.entry = e;
      f.value = e->frequency;
    }
    (void)fi;
  }
  for (Frequency& f : *out) {
    const double c = std::clamp(f.value, m.min_frequency, m.max_frequency);
    f.clamped = c != f.value;
    f.value = c;
  }
}

double Entropy(const std::vector<double>& p) {
  double h = 0;
  for (double x : p) {
    if (x > 0) h -= x * std::log2(x);
  }
  return h;
}

// Sum of a[i] over i != d, without catastrophic cancellation when a[d] dominates the total.
struct ExclusiveSum {
  explicit ExclusiveSum(const std::vector<double>& a) : values(a) {
    total = std::accumulate(a.begin(), a.end(), 0.0);
    top = a.empty() ? -1 : static_cast<int>(std::max_element(a.begin(), a.end()) - a.begin());
    for (size_t i = 0; i < a.size(); ++i) {
      if (static_cast<int>(i) != top) without_top += a[i];
    }
  }
  double Without(int d) const { return d == top ? without_top : total - values[d]; }
  const std::vector<double>& values;
  double total = 0, without_top = 0;
  int top = -1;
};

std::vector<int> OnsetVariables(const KnowledgeBase& kb) {
  std::vector<int> out;
  for (size_t v = 0; v < kb.variables.size(); ++v) {
    if (kb.variables[v].kind == VariableKind::kOnset) out.push_back(static_cast<int>(v));
  }
  return out;
}

}  // namespace

DifferentialResult RankDiagnoses(const KnowledgeBase& kb, const DiagnosisModel& m,
                                 const Evidence& ev) {
  DifferentialResult result;
  const size_t n = m.diagnoses.size();
  if (n == 0) return result;
  const int band = kb.AgeBandOf(ev.age_years);
  result.age_band = band;

  // Pretest: the band's weights normalised; without an age, the average of the bands.
  std::vector<double> prior(n, 0);
  const size_t bands = kb.age_bands.size();
  for (size_t b = 0; b < bands; ++b) {
    if (band >= 0 && static_cast<int>(b) != band) continue;
    double sum = 0;
    for (const Diagnosis& d : m.diagnoses) sum += d.pretest[b];
    for (size_t d = 0; d < n; ++d) prior[d] += sum > 0 ? m.diagnoses[d].pretest[b] / sum : 0;
  }
  const double prior_sum = std::accumulate(prior.begin(), prior.end(), 0.0);
  for (double& p : prior) p = prior_sum > 0 ? p / prior_sum : 1.0 / n;

  // The answered variables that some diagnosis annotates (the others cancel out), each with
  // q_d = P(observed state | d). Onset is one categorical answer: only the answer given counts,
  // divided by the sum of the three onset frequencies.
  const std::vector<int> onsets = OnsetVariables(kb);
  struct Observed {
    int variable;
    bool present;
    std::vector<Frequency> freq;
    std::vector<double> q;
  };
  std::vector<Observed> observed;
  std::vector<Frequency> scratch;
  // A test whose more specific results are answered does not count again (no double counting).
  auto superseded = [&](size_t v) {
    if (kb.variables[v].kind != VariableKind::kTest) return false;
    const int t = kb.FindTest(kb.variables[v].key);
    if (t < 0) return false;
    for (int r : kb.tests[t].results) {
      if (ev.vars[r] != Tri::kUnknown) return true;
    }
    return false;
  };
  for (size_t v = 0; v < ev.vars.size() && v < m.annotations.size(); ++v) {
    if (ev.vars[v] == Tri::kUnknown || m.annotations[v].empty() || superseded(v)) continue;
    const bool present = ev.vars[v] == Tri::kTrue;
    const bool onset = kb.variables[v].kind == VariableKind::kOnset;
    if (onset && !present) continue;
    Observed o{static_cast<int>(v), present, {}, std::vector<double>(n)};
    FrequenciesOf(m, static_cast<int>(v), band, &o.freq);
    if (onset) {
      std::vector<double> total(n, 0);
      for (int ov : onsets) {
        FrequenciesOf(m, ov, band, &scratch);
        for (size_t d = 0; d < n; ++d) total[d] += scratch[d].value;
      }
      for (size_t d = 0; d < n; ++d) o.q[d] = o.freq[d].value / total[d];
    } else {
      for (size_t d = 0; d < n; ++d) o.q[d] = present ? o.freq[d].value : 1 - o.freq[d].value;
    }
    observed.push_back(std::move(o));
  }

  // Posterior, in logs.
  std::vector<double> log_l(n);
  for (size_t d = 0; d < n; ++d) {
    log_l[d] = std::log(prior[d]);
    for (const Observed& o : observed) log_l[d] += std::log(o.q[d]);
  }
  const double max_log = *std::max_element(log_l.begin(), log_l.end());
  std::vector<double> p(n);
  double z = 0;
  for (size_t d = 0; d < n; ++d) z += p[d] = std::exp(log_l[d] - max_log);
  for (double& x : p) x /= z;
  result.probability = p;

  // The ranking: most probable first, ties by id (deterministic whatever the input order).
  std::vector<int> order(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](int a, int b) {
    if (p[a] != p[b]) return p[a] > p[b];
    return m.diagnoses[a].id < m.diagnoses[b].id;
  });

  // Each finding's likelihood ratio for each diagnosis, given the other findings:
  //   LR = q_d * (sum_{i!=d} p_i / q_i) / (sum_{i!=d} p_i)
  const ExclusiveSum p_sum(p);
  std::vector<std::vector<double>> lr(observed.size(), std::vector<double>(n, 1));
  std::vector<double> a(n);
  for (size_t k = 0; k < observed.size(); ++k) {
    for (size_t i = 0; i < n; ++i) a[i] = p[i] / observed[k].q[i];
    const ExclusiveSum a_sum(a);
    for (size_t d = 0; d < n; ++d) {
      const double others = p_sum.Without(static_cast<int>(d));
      const double others_over_q = a_sum.Without(static_cast<int>(d));
      lr[k][d] = others > 0 && others_over_q > 0 ? observed[k].q[d] * others_over_q / others : 1;
    }
  }

  result.ranked.reserve(n);
  for (size_t r = 0; r < n; ++r) {
    const int d = order[r];
    RankedDiagnosis rd;
    rd.index = d;
    rd.rank = static_cast<int>(r) + 1;
    rd.probability = p[d];
    rd.pretest = prior[d];
    for (size_t k = 0; k < observed.size(); ++k) {
      const Frequency& f = observed[k].freq[d];
      FindingContribution c;
      c.variable = observed[k].variable;
      c.present = observed[k].present;
      c.frequency = f.value;
      c.lr = lr[k][d];
      c.provenance = f.entry ? &f.entry->provenance : nullptr;
      c.clamped = f.clamped;
      rd.evidence.push_back(c);
    }
    std::sort(rd.evidence.begin(), rd.evidence.end(), [&](const auto& x, const auto& y) {
      const double ax = std::fabs(std::log(x.lr)), ay = std::fabs(std::log(y.lr));
      if (ax != ay) return ax > ay;
      return kb.variables[x.variable].id < kb.variables[y.variable].id;
    });
    if (rd.evidence.size() > kEvidencePerDiagnosis) rd.evidence.resize(kEvidencePerDiagnosis);
    result.ranked.push_back(std::move(rd));
  }
  return result;
}

std::vector<NextQuestion> NextQuestions(const KnowledgeBase& kb, const DiagnosisModel& m,
                                        const Evidence& ev, const DifferentialResult& result,
                                        size_t max) {
  std::vector<NextQuestion> out;
  const size_t n = m.diagnoses.size();
  if (n < 2 || result.probability.size() != n) return out;
  const std::vector<double>& p = result.probability;
  const double h0 = Entropy(p);
  const int band = result.age_band;

  // Candidates: variables annotated for the leading diagnoses.
  std::vector<char> candidate(kb.variables.size(), 0);
  for (size_t r = 0; r < result.ranked.size() && r < kLeadingDiagnoses; ++r) {
    for (const FeatureFrequency& f : m.diagnoses[result.ranked[r].index].features) {
      candidate[f.variable] = 1;
    }
  }
  auto askable = [&](int v) {
    const Variable& var = kb.variables[v];
    if (ev.vars[v] != Tri::kUnknown) return false;
    if (var.kind == VariableKind::kTest) {
      const int t = kb.FindTest(var.key);
      if (t >= 0 && ev.tests[t] == TestState::kPending) return false;
      return true;
    }
    if (var.kind == VariableKind::kAntibody) {
      const int a = kb.FindAntibody(var.key);
      return !(a >= 0 && ev.antibodies[a] == AntibodyState::kPending);
    }
    if (var.kind == VariableKind::kOnset) return false;  // asked once, below
    return !var.question.empty();
  };

  std::vector<Frequency> f;
  std::vector<double> post(n);
  for (size_t v = 0; v < kb.variables.size(); ++v) {
    if (!candidate[v] || !askable(static_cast<int>(v))) continue;
    FrequenciesOf(m, static_cast<int>(v), band, &f);
    double yes = 0;
    for (size_t d = 0; d < n; ++d) yes += p[d] * f[d].value;
    double expected = 0;
    for (int outcome = 0; outcome < 2; ++outcome) {
      const double po = outcome ? yes : 1 - yes;
      if (po <= 0) continue;
      for (size_t d = 0; d < n; ++d) post[d] = p[d] * (outcome ? f[d].value : 1 - f[d].value) / po;
      expected += po * Entropy(post);
    }
    const double gain = h0 - expected;
    if (gain > kMinGain) out.push_back(NextQuestion{static_cast<int>(v), gain});
  }

  // Onset: one question, three answers (reported under the first onset variable).
  const std::vector<int> onsets = OnsetVariables(kb);
  bool onset_known = false, onset_candidate = false;
  for (int v : onsets) {
    onset_known |= ev.vars[v] != Tri::kUnknown;
    onset_candidate |= candidate[v] != 0;
  }
  if (!onsets.empty() && !onset_known && onset_candidate) {
    std::vector<std::vector<double>> g(onsets.size(), std::vector<double>(n));
    std::vector<double> total(n, 0);
    for (size_t k = 0; k < onsets.size(); ++k) {
      FrequenciesOf(m, onsets[k], band, &f);
      for (size_t d = 0; d < n; ++d) {
        g[k][d] = f[d].value;
        total[d] += f[d].value;
      }
    }
    double expected = 0;
    for (size_t k = 0; k < onsets.size(); ++k) {
      double po = 0;
      for (size_t d = 0; d < n; ++d) po += p[d] * g[k][d] / total[d];
      if (po <= 0) continue;
      for (size_t d = 0; d < n; ++d) post[d] = p[d] * g[k][d] / total[d] / po;
      expected += po * Entropy(post);
    }
    const double gain = h0 - expected;
    if (gain > kMinGain) out.push_back(NextQuestion{onsets.front(), gain});
  }

  std::sort(out.begin(), out.end(), [&](const NextQuestion& a, const NextQuestion& b) {
    if (a.gain != b.gain) return a.gain > b.gain;
    return kb.variables[a.variable].id < kb.variables[b.variable].id;
  });
  if (out.size() > max) out.resize(max);
  return out;
}

}  // namespace omsaid
