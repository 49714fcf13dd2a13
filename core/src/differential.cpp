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

// Calls fn(d, entry) once per diagnosis annotating variable v, with the entry that applies for this
// age band: the first that applies; without an age, the first unrestricted one, else the first one.
// Annotations are stored in diagnosis order, so one pass over them suffices (linear in their number).
template <class Fn>
void ForEachEntry(const DiagnosisModel& m, int v, int band, Fn fn) {
  const auto& list = m.annotations[v];
  for (size_t i = 0; i < list.size();) {
    const int d = list[i].first;
    const FeatureFrequency* chosen = nullptr;
    const FeatureFrequency* first = nullptr;
    const FeatureFrequency* unrestricted = nullptr;
    for (; i < list.size() && list[i].first == d; ++i) {
      const FeatureFrequency& e = m.diagnoses[d].features[list[i].second];
      if (band >= 0) {
        if (!chosen && InBand(e, band)) chosen = &e;
        continue;
      }
      if (!first) first = &e;
      if (!unrestricted && e.age_bands.empty()) unrestricted = &e;
    }
    if (band < 0) chosen = unrestricted ? unrestricted : first;
    if (chosen) fn(d, chosen);
  }
}

struct Frequency {
  double value = 0;  // P(present | d), clamped
  double log_yes = 0, log_no = 0;
  const FeatureFrequency* entry = nullptr;
  bool clamped = false;
};

// P(present | d) for every diagnosis: the model default, then each diagnosis' own entry.
void FrequenciesOf(const DiagnosisModel& m, int v, int band, std::vector<Frequency>* out) {
  const DiagnosisModel::Default& def = m.defaults[m.default_of_variable[v]];
  out->assign(m.diagnoses.size(),
              Frequency{def.clamped, def.log_yes, def.log_no, nullptr, def.clamped != def.frequency});
  ForEachEntry(m, v, band, [&](int d, const FeatureFrequency* e) {
    (*out)[d] = Frequency{e->clamped, e->log_yes, e->log_no, e, e->clamped != e->frequency};
  });
}

constexpr double kLn2 = 0.69314718055994530942;

// Entropy (bits) of p_i * g_i / P, from ln p_i and ln g_i, without a log per term:
// H = ln P - (1/P) * sum p_i g_i (ln p_i + ln g_i).
double PosteriorEntropy(const std::vector<double>& p, const std::vector<double>& log_p,
                        const std::vector<double>& g, const std::vector<double>& log_g, double norm) {
  double s = 0;
  for (size_t i = 0; i < p.size(); ++i) {
    const double w = p[i] * g[i];
    if (w > 0) s += w * (log_p[i] + log_g[i]);
  }
  return (std::log(norm) - s / norm) / kLn2;
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
                                 const Evidence& ev, size_t max_explained) {
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
  // Observed variable k's values for diagnosis d live at [k * n + d] (one allocation each).
  struct Observed {
    int variable;
    bool present;
  };
  std::vector<Observed> observed;
  std::vector<Frequency> freq;  // [k * n + d]
  std::vector<double> q;        // [k * n + d]
  std::vector<double> log_l(n);
  for (size_t d = 0; d < n; ++d) log_l[d] = std::log(prior[d]);
  std::vector<Frequency> scratch;
  // A test whose more specific results are answered does not count again (no double counting).
  auto superseded = [&](size_t v) {
    const Variable& var = kb.variables[v];
    if (var.kind != VariableKind::kTest || var.index < 0) return false;
    for (int r : kb.tests[var.index].results) {
      if (ev.vars[r] != Tri::kUnknown) return true;
    }
    return false;
  };
  for (size_t v = 0; v < ev.vars.size() && v < m.annotations.size(); ++v) {
    if (ev.vars[v] == Tri::kUnknown || m.annotations[v].empty() || superseded(v)) continue;
    const bool present = ev.vars[v] == Tri::kTrue;
    const bool onset = kb.variables[v].kind == VariableKind::kOnset;
    if (onset && !present) continue;
    observed.push_back(Observed{static_cast<int>(v), present});
    FrequenciesOf(m, static_cast<int>(v), band, &scratch);
    freq.insert(freq.end(), scratch.begin(), scratch.end());
    const size_t at = q.size();
    q.resize(at + n);
    if (onset) {
      std::vector<double> total(n, 0);
      for (int ov : OnsetVariables(kb)) {
        FrequenciesOf(m, ov, band, &scratch);
        for (size_t d = 0; d < n; ++d) total[d] += scratch[d].value;
      }
      for (size_t d = 0; d < n; ++d) {
        q[at + d] = freq[at + d].value / total[d];
        log_l[d] += std::log(q[at + d]);
      }
    } else {
      // ln q is ln f or ln(1 - f), both derived when the knowledge base was loaded.
      for (size_t d = 0; d < n; ++d) {
        const Frequency& f = freq[at + d];
        q[at + d] = present ? f.value : 1 - f.value;
        log_l[d] += present ? f.log_yes : f.log_no;
      }
    }
  }

  // Posterior, from the log likelihoods.
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

  // Each finding's likelihood ratio for each explained diagnosis, given the other findings:
  //   LR = q_d * (sum_{i!=d} p_i / q_i) / (sum_{i!=d} p_i)
  const ExclusiveSum p_sum(p);
  const size_t explained = std::min(max_explained, n);
  std::vector<double> lr(observed.size() * explained, 1);  // [k * explained + r]
  std::vector<double> a(n);
  for (size_t k = 0; k < observed.size(); ++k) {
    const double* qk = &q[k * n];
    for (size_t i = 0; i < n; ++i) a[i] = p[i] / qk[i];
    const ExclusiveSum a_sum(a);
    for (size_t r = 0; r < explained; ++r) {
      const int d = order[r];
      const double others = p_sum.Without(d);
      const double others_over_q = a_sum.Without(d);
      lr[k * explained + r] = others > 0 && others_over_q > 0 ? qk[d] * others_over_q / others : 1;
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
    if (r < explained) {
      rd.evidence.reserve(observed.size());
      for (size_t k = 0; k < observed.size(); ++k) {
        const Frequency& f = freq[k * n + d];
        FindingContribution c;
        c.variable = observed[k].variable;
        c.present = observed[k].present;
        c.frequency = f.value;
        c.lr = lr[k * explained + r];
        c.provenance = f.entry ? &f.entry->provenance : nullptr;
        c.clamped = f.clamped;
        // |ln lr| without the logarithm: lr and 1/lr are equally strong.
        c.strength = c.lr >= 1 ? c.lr : c.lr > 0 ? 1 / c.lr : HUGE_VAL;
        rd.evidence.push_back(c);
      }
      std::sort(rd.evidence.begin(), rd.evidence.end(), [&](const auto& x, const auto& y) {
        if (x.strength != y.strength) return x.strength > y.strength;
        return kb.variables[x.variable].id < kb.variables[y.variable].id;
      });
      if (rd.evidence.size() > kEvidencePerDiagnosis) rd.evidence.resize(kEvidencePerDiagnosis);
    }
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
  std::vector<double> log_p(n);
  double h0 = 0;
  for (size_t i = 0; i < n; ++i) {
    log_p[i] = p[i] > 0 ? std::log(p[i]) : 0;
    if (p[i] > 0) h0 -= p[i] * log_p[i];
  }
  h0 /= kLn2;
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
    if (var.ask_after >= 0 && ev.vars[var.ask_after] != Tri::kTrue) return false;
    if (var.kind == VariableKind::kTest) {
      return !(var.index >= 0 && ev.tests[var.index] == TestState::kPending);
    }
    if (var.kind == VariableKind::kAntibody) {
      return !(var.index >= 0 && ev.antibodies[var.index] == AntibodyState::kPending);
    }
    if (var.kind == VariableKind::kOnset) return false;  // asked once, below
    return !var.question.empty();
  };

  // Expected entropy per candidate in O(its annotations), not O(diagnoses): every diagnosis that
  // does not annotate v shares v's default frequency, so those terms are summed in aggregate from
  // sum(p) and sum(p ln p) over all diagnoses minus the annotated ones.
  double plp_all = 0;
  for (size_t i = 0; i < n; ++i) plp_all += p[i] > 0 ? p[i] * log_p[i] : 0;
  struct Annotated {
    int d;
    const FeatureFrequency* e;
  };
  std::vector<Annotated> annotated;
  for (size_t v = 0; v < kb.variables.size(); ++v) {
    if (!candidate[v] || !askable(static_cast<int>(v))) continue;
    const DiagnosisModel::Default& def = m.defaults[m.default_of_variable[v]];
    annotated.clear();
    ForEachEntry(m, static_cast<int>(v), band,
                 [&](int d, const FeatureFrequency* e) { annotated.push_back({d, e}); });
    double p_a = 0, plp_a = 0, yes_a = 0, s_yes_a = 0, s_no_a = 0;
    for (const Annotated& a : annotated) {
      const double pd = p[a.d];
      p_a += pd;
      const double plp = pd > 0 ? pd * log_p[a.d] : 0;
      plp_a += plp;
      yes_a += pd * a.e->clamped;
      s_yes_a += a.e->clamped * plp + pd * a.e->clamped * a.e->log_yes;
      s_no_a += (1 - a.e->clamped) * plp + pd * (1 - a.e->clamped) * a.e->log_no;
    }
    const double p_rest = std::max(0.0, 1 - p_a), plp_rest = plp_all - plp_a;
    const double yes = def.clamped * p_rest + yes_a;
    const double s_yes = def.clamped * (plp_rest + def.log_yes * p_rest) + s_yes_a;
    const double s_no = (1 - def.clamped) * (plp_rest + def.log_no * p_rest) + s_no_a;
    double expected = 0;
    if (yes > 0) expected += yes * (std::log(yes) - s_yes / yes) / kLn2;
    if (yes < 1) expected += (1 - yes) * (std::log(1 - yes) - s_no / (1 - yes)) / kLn2;
    const double gain = h0 - expected;
    if (gain > kMinGain) out.push_back(NextQuestion{static_cast<int>(v), gain});
  }
  std::vector<Frequency> f;
  std::vector<double> yes_log(n);
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
      for (size_t d = 0; d < n; ++d) {
        g[k][d] /= total[d];
        yes_log[d] = std::log(g[k][d]);
        po += p[d] * g[k][d];
      }
      if (po > 0) expected += po * PosteriorEntropy(p, log_p, g[k], yes_log, po);
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
