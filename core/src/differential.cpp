// SPDX-License-Identifier: MIT
#include "omsaid/differential.h"

#include <algorithm>
#include <cmath>
#include <numeric>

namespace omsaid {
namespace {

constexpr size_t kLeadingDiagnoses = 5;     // next questions look at the top of the differential
constexpr double kMinGain = 1e-4;           // bits; below this a question changes nothing visible
constexpr double kLn2 = 0.69314718055994530942;

bool InBand(const FeatureFrequency& e, int band) {
  if (e.age_bands.empty()) return true;
  return band >= 0 && std::find(e.age_bands.begin(), e.age_bands.end(), band) != e.age_bands.end();
}

// Calls fn(d, entry) once per diagnosis annotating variable v, with the entry that applies for this
// age band: the first that applies; without an age, the first that applies at the diagnosis' usual
// age band (DiagnosisModel::typical_band), else the first unrestricted one, else the first one.
// Annotations are stored in diagnosis order, so one pass over them suffices (linear in their number).
template <class Fn>
void ForEachEntry(const DiagnosisModel& m, int v, int band, Fn fn) {
  if (static_cast<size_t>(v) >= m.annotations.size()) return;
  const auto& list = m.annotations[v];
  for (size_t i = 0; i < list.size();) {
    const int d = list[i].first;
    const int at = band >= 0 ? band : static_cast<size_t>(d) < m.typical_band.size() ? m.typical_band[d] : -1;
    const FeatureFrequency* chosen = nullptr;
    const FeatureFrequency* first = nullptr;
    const FeatureFrequency* unrestricted = nullptr;
    for (; i < list.size() && list[i].first == d; ++i) {
      const FeatureFrequency& e = m.diagnoses[d].features[list[i].second];
      if (at >= 0) {
        if (!chosen && InBand(e, at)) chosen = &e;
        continue;
      }
      if (!first) first = &e;
      if (!unrestricted && e.age_bands.empty()) unrestricted = &e;
    }
    if (at < 0) chosen = unrestricted ? unrestricted : first;
    if (chosen) fn(d, chosen);
  }
}

struct Frequency {
  double value = 0;  // P(present | d), clamped
  double log_yes = 0, log_no = 0;
  /// Where the number comes from: a diagnosis' own entry's provenance, the model's for a derived
  /// group frequency, or none (the variable's default).
  const Provenance* provenance = nullptr;
  bool clamped = false;
};

// P(present | d) for every diagnosis: the model default, then each diagnosis' own entry.
void FrequenciesOf(const DiagnosisModel& m, int v, int band, std::vector<Frequency>* out) {
  const DiagnosisModel::Default& def = m.defaults[m.default_of_variable[v]];
  out->assign(m.diagnoses.size(),
              Frequency{def.clamped, def.log_yes, def.log_no, nullptr, def.clamped != def.frequency});
  ForEachEntry(m, v, band, [&](int d, const FeatureFrequency* e) {
    (*out)[d] = Frequency{e->clamped, e->log_yes, e->log_no, &e->provenance, e->clamped != e->frequency};
  });
}

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
  explicit ExclusiveSum(const double* a, size_t n) : values(a) {
    for (size_t i = 0; i < n; ++i) total += a[i];
    top = n == 0 ? -1 : static_cast<int>(std::max_element(a, a + n) - a);
    for (size_t i = 0; i < n; ++i) {
      if (static_cast<int>(i) != top) without_top += a[i];
    }
  }
  double Without(int d) const { return d == top ? without_top : total - values[d]; }
  const double* values;
  double total = 0, without_top = 0;
  int top = -1;
};

// The variables of a categorical kind, in knowledge-base order.
std::vector<int> VariablesOfKind(const KnowledgeBase& kb, VariableKind kind) {
  std::vector<int> out;
  for (size_t v = 0; v < kb.variables.size(); ++v) {
    if (kb.variables[v].kind == kind) out.push_back(static_cast<int>(v));
  }
  return out;
}

// One finding as the model counts it, with q_d = P(what was observed | d) for every diagnosis.
struct Observation {
  int variable = -1;
  bool present = false;
  std::vector<int> parts;
  int term = -1;  // a broader term (index into hpo_terms), standing for "at least one of parts"
  size_t at = 0;  // offset of its per-diagnosis values in the tables below
  double weight = 1;  // q is P(what was observed | d) raised to this (the time course)
};

struct Observations {
  std::vector<Observation> list;
  std::vector<double> q;          // [at + d]
  std::vector<Frequency> freq;    // [at + d]: the frequency shown for d (and its provenance)
};

// A categorical kind answered (fully, or narrowed to some values): P(answer | d) is the sum of the
// frequencies of the values still possible over the sum of all the kind's values.
void AddCategorical(const DiagnosisModel& m, const Evidence& ev, int band,
                    const std::vector<int>& values, Observations* out) {
  const size_t n = m.diagnoses.size();
  bool answered = false, annotated = false;
  std::vector<int> possible;
  for (int v : values) {
    answered |= ev.vars[v] != Tri::kUnknown;
    annotated |= m.Annotates(v);
    if (ev.vars[v] != Tri::kFalse) possible.push_back(v);
  }
  if (!answered || !annotated || possible.empty()) return;
  Observation o;
  o.present = true;
  o.variable = possible.front();
  if (possible.size() > 1) o.parts = possible;
  o.at = out->q.size();
  out->q.resize(o.at + n, 0);
  out->freq.resize(o.at + n);
  std::vector<double> total(n, 0);
  std::vector<Frequency> f;
  for (int v : values) {
    FrequenciesOf(m, v, band, &f);
    const bool counted = ev.vars[v] != Tri::kFalse;
    for (size_t d = 0; d < n; ++d) {
      total[d] += f[d].value;
      if (counted) out->q[o.at + d] += f[d].value;
      if (v == o.variable) out->freq[o.at + d] = f[d];
    }
  }
  for (size_t d = 0; d < n; ++d) {
    out->q[o.at + d] /= total[d];
    out->freq[o.at + d].value = out->q[o.at + d];
  }
  out->list.push_back(std::move(o));
}

// A group of features that is clinically one observation, as a latent class: the group's
// phenomenon is present with probability g (the group's frequency); given it, each member m shows
// with r_m = f_m / g, independently; without it, no member shows. So for the members answered,
//   some present:  L = g * prod_{present} r_m * prod_{absent} (1 - r_m)
//   none present:  L = (1 - g) + g * prod_{absent} (1 - r_m)
// Co-present members count once (divided by g), and each member still tells what it specifically
// says (opsoclonus is not flutter).
struct GroupLikelihood {
  double g = 0;
  std::vector<double> r;  // per member
};

double MemberShare(double f, double g) { return std::clamp(f / g, 0.01, 0.99); }

void GroupTables(const DiagnosisModel& m, const FeatureGroup& g, int band,
                 std::vector<Frequency>* group_freq, std::vector<std::vector<Frequency>>* member_freq) {
  FrequenciesOf(m, g.variable, band, group_freq);
  member_freq->resize(g.members.size());
  for (size_t k = 0; k < g.members.size(); ++k) FrequenciesOf(m, g.members[k], band, &(*member_freq)[k]);
  // A diagnosis that gives no frequency for the group: its members (listed or default) taken as
  // independent, g = 1 - prod(1 - f_m). The largest member alone would say they always occur
  // together, making one absent beside another present all but impossible.
  for (size_t d = 0; d < group_freq->size(); ++d) {
    if ((*group_freq)[d].provenance) continue;  // the diagnosis gives the group's own frequency
    double none = 1;
    for (const std::vector<Frequency>& f : *member_freq) none *= 1 - f[d].value;
    const double any = std::clamp(1 - none, m.min_frequency, m.max_frequency);
    // (A group's logs are never read: its likelihood is GroupLikelihoodOf's.)
    (*group_freq)[d] = Frequency{any, 0, 0, &m.group_derived, false};
  }
}

// L for diagnosis d given which members are present (1), absent (0) or unknown (-1).
double GroupLikelihoodOf(const std::vector<Frequency>& gf, const std::vector<std::vector<Frequency>>& mf,
                         const std::vector<int>& state, size_t d) {
  const double g = gf[d].value;
  double present = 1, absent = 1;
  bool any = false;
  for (size_t k = 0; k < state.size(); ++k) {
    if (state[k] < 0) continue;
    const double r = MemberShare(mf[k][d].value, g);
    if (state[k] == 1) {
      present *= r;
      any = true;
    } else {
      absent *= 1 - r;
    }
  }
  return any ? g * present * absent : (1 - g) + g * absent;
}

void AddGroup(const KnowledgeBase& kb, const DiagnosisModel& m, const Evidence& ev, int band,
              const FeatureGroup& g, Observations* out) {
  const size_t n = m.diagnoses.size();
  std::vector<int> present, absent, state;
  bool annotated = m.Annotates(g.variable);
  for (int x : g.members) {
    const Tri t = ev.vars[x];
    if (t == Tri::kTrue) present.push_back(x);
    if (t == Tri::kFalse) absent.push_back(x);
    state.push_back(t == Tri::kTrue ? 1 : t == Tri::kFalse ? 0 : -1);
    annotated |= m.Annotates(x);
  }
  if ((present.empty() && absent.empty()) || !annotated) return;
  Observation o;
  o.variable = g.variable;
  o.present = !present.empty();
  o.parts = present;
  o.parts.insert(o.parts.end(), absent.begin(), absent.end());
  o.at = out->q.size();
  out->q.resize(o.at + n);
  out->freq.resize(o.at + n);
  std::vector<Frequency> gf;
  std::vector<std::vector<Frequency>> mf;
  GroupTables(m, g, band, &gf, &mf);
  for (size_t d = 0; d < n; ++d) {
    out->q[o.at + d] = GroupLikelihoodOf(gf, mf, state, d);
    out->freq[o.at + d] = gf[d];  // shown: the group's frequency, with its source
  }
  (void)kb;
  out->list.push_back(std::move(o));
}

// A present term more general than every feature ("Abnormal involuntary eye movements"): at least
// one of the features below it shows. Those already answered absent cannot be what was seen and are
// left out; if one is present, the term adds nothing. Features outside a group are independent, as
// everywhere in the model; a group's members count through its latent class, conditioned on what
// is answered of it:  P(none of them shows | d) = L(answered, and them absent) / L(answered).
//   q_d = 1 - prod_{single f} (1 - f_d) * prod_{group G} P(none of G's open members | d)
// Returns q (clamped to the model's range), and in *parts the features it stands for; empty when
// the term says nothing, given `vars`.
std::vector<double> BroaderLikelihood(const KnowledgeBase& kb, const DiagnosisModel& m, const std::vector<Tri>& vars,
                                      int band, int term, std::vector<int>* parts, std::vector<char>* clamped) {
  const size_t n = m.diagnoses.size();
  std::vector<int> singles, open;
  std::vector<std::vector<int>> open_of_group(m.groups.size());
  for (int v : kb.hpo_terms[term].implies_absent) {
    if (vars[v] == Tri::kTrue) return {};
    if (vars[v] == Tri::kFalse) continue;
    const int g = static_cast<size_t>(v) < m.group_of_variable.size() ? m.group_of_variable[v] : -1;
    if (g >= 0) {
      if (!m.Annotates(v) && !m.Annotates(m.groups[g].variable)) continue;
      open_of_group[g].push_back(v);
    } else {
      if (!m.Annotates(v)) continue;
      singles.push_back(v);
    }
    open.push_back(v);
  }
  if (open.empty()) return {};
  std::vector<double> none(n, 1);
  std::vector<Frequency> f;
  for (int v : singles) {
    FrequenciesOf(m, v, band, &f);
    for (size_t d = 0; d < n; ++d) none[d] *= 1 - f[d].value;
  }
  std::vector<Frequency> gf;
  std::vector<std::vector<Frequency>> mf;
  for (size_t gi = 0; gi < m.groups.size(); ++gi) {
    if (open_of_group[gi].empty()) continue;
    const FeatureGroup& g = m.groups[gi];
    GroupTables(m, g, band, &gf, &mf);
    std::vector<int> state, hypothetical;
    for (int x : g.members) {
      const Tri t = vars[x];
      state.push_back(t == Tri::kTrue ? 1 : t == Tri::kFalse ? 0 : -1);
      const auto& group_open = open_of_group[gi];
      hypothetical.push_back(std::find(group_open.begin(), group_open.end(), x) != group_open.end() ? 0 : state.back());
    }
    for (size_t d = 0; d < n; ++d) {
      const double now = GroupLikelihoodOf(gf, mf, state, d);
      if (now > 0) none[d] *= GroupLikelihoodOf(gf, mf, hypothetical, d) / now;
    }
  }
  std::vector<double> q(n);
  if (clamped) clamped->assign(n, 0);
  for (size_t d = 0; d < n; ++d) {
    const double raw = 1 - none[d];
    q[d] = std::clamp(raw, m.min_frequency, m.max_frequency);
    if (clamped) (*clamped)[d] = q[d] != raw;
  }
  if (parts) *parts = std::move(open);
  return q;
}

void AddBroader(const KnowledgeBase& kb, const DiagnosisModel& m, const Evidence& ev, int band, int term,
                Observations* out) {
  std::vector<int> parts;
  std::vector<char> clamped;
  const std::vector<double> q = BroaderLikelihood(kb, m, ev.vars, band, term, &parts, &clamped);
  if (q.empty()) return;
  const size_t n = m.diagnoses.size();
  Observation o;
  o.variable = parts.front();
  o.present = true;
  o.parts = std::move(parts);
  o.term = term;
  o.at = out->q.size();
  out->q.resize(o.at + n);
  out->freq.resize(o.at + n);
  for (size_t d = 0; d < n; ++d) {
    out->q[o.at + d] = q[d];
    out->freq[o.at + d] = Frequency{q[d], std::log(q[d]), std::log1p(-q[d]), nullptr, clamped[d] != 0};
  }
  out->list.push_back(std::move(o));
}

// Every finding of the case the model counts. A test whose more specific results are answered is
// not counted again (no double counting); a group member counts through its group.
Observations Observe(const KnowledgeBase& kb, const DiagnosisModel& m, const Evidence& ev, int band) {
  Observations out;
  const size_t n = m.diagnoses.size();
  auto superseded = [&](size_t v) {
    const Variable& var = kb.variables[v];
    if (var.kind != VariableKind::kTest || var.index < 0) return false;
    for (int r : kb.tests[var.index].results) {
      if (ev.vars[r] != Tri::kUnknown) return true;
    }
    return false;
  };
  // One block of n per observation: reserve for every answered variable, group and broader term,
  // so the blocks are not copied (and fresh pages not touched) as the vectors grow.
  size_t answered = m.groups.size() + ev.broader_terms.size() + 1;
  for (size_t v = 0; v < ev.vars.size(); ++v) answered += ev.vars[v] != Tri::kUnknown;
  out.q.reserve(answered * n);
  out.freq.reserve(answered * n);
  std::vector<Frequency> f;
  for (size_t v = 0; v < ev.vars.size() && v < kb.variables.size(); ++v) {
    const Variable& var = kb.variables[v];
    if (IsCategorical(var.kind) || var.kind == VariableKind::kGroup) continue;
    if (v < m.group_of_variable.size() && m.group_of_variable[v] >= 0) continue;
    if (ev.vars[v] == Tri::kUnknown || !m.Annotates(static_cast<int>(v)) || superseded(v)) continue;
    Observation o;
    o.variable = static_cast<int>(v);
    o.present = ev.vars[v] == Tri::kTrue;
    o.at = out.q.size();
    FrequenciesOf(m, o.variable, band, &f);
    out.freq.insert(out.freq.end(), f.begin(), f.end());
    out.q.resize(o.at + n);
    for (size_t d = 0; d < n; ++d) out.q[o.at + d] = o.present ? f[d].value : 1 - f[d].value;
    out.list.push_back(std::move(o));
  }
  for (const FeatureGroup& g : m.groups) AddGroup(kb, m, ev, band, g, &out);
  if (m.broader.enabled) {
    for (int t : ev.broader_terms) AddBroader(kb, m, ev, band, t, &out);
  }
  // The categorical kinds. The onset tempo and the time since onset, both answered, describe one
  // time course: each counts at the model's time-course weight (q raised to it).
  int onset = -1, duration = -1;
  for (VariableKind kind : {VariableKind::kOnset, VariableKind::kCourse, VariableKind::kDuration}) {
    const size_t before = out.list.size();
    AddCategorical(m, ev, band, VariablesOfKind(kb, kind), &out);
    if (out.list.size() == before) continue;
    if (kind == VariableKind::kOnset) onset = static_cast<int>(before);
    if (kind == VariableKind::kDuration) duration = static_cast<int>(before);
  }
  if (m.time_course.enabled && m.time_course.weight != 1 && onset >= 0 && duration >= 0) {
    for (int k : {onset, duration}) {
      Observation& o = out.list[k];
      o.weight = m.time_course.weight;
      for (size_t d = 0; d < n; ++d) out.q[o.at + d] = std::pow(out.q[o.at + d], o.weight);
    }
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
  // With an age, a diagnosis' weight for part of the band (Diagnosis::pretest_ranges) replaces the
  // band's.
  std::vector<double> prior(n, 0);
  std::vector<const Provenance*> basis(n, nullptr);
  const size_t bands = kb.age_bands.size();
  std::vector<double> weight(n);
  for (size_t b = 0; b < bands; ++b) {
    if (band >= 0 && static_cast<int>(b) != band) continue;
    double sum = 0;
    for (size_t d = 0; d < n; ++d) {
      weight[d] = band >= 0 ? m.diagnoses[d].PretestWeight(band, ev.age_years, &basis[d])
                            : m.diagnoses[d].pretest[b];
      sum += weight[d];
    }
    for (size_t d = 0; d < n; ++d) prior[d] += sum > 0 ? weight[d] / sum : 0;
  }
  const double prior_sum = std::accumulate(prior.begin(), prior.end(), 0.0);
  for (double& p : prior) p = prior_sum > 0 ? p / prior_sum : 1.0 / n;

  const Observations obs = Observe(kb, m, ev, band);
  const size_t k_count = obs.list.size();

  // Posterior, from the log likelihoods.
  std::vector<double> log_l(n);
  for (size_t d = 0; d < n; ++d) log_l[d] = std::log(prior[d]);
  for (const Observation& o : obs.list) {
    for (size_t d = 0; d < n; ++d) log_l[d] += std::log(obs.q[o.at + d]);
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

  // The order the findings are counted in, the same for every diagnosis: strongest first for the
  // leading diagnosis (|ln q_top / P(f)| at the pretest), then by the pretest-weighted mean of
  // |ln q_d / P(f)|, then by variable id. So the leading diagnosis' explanation reads from its
  // strongest finding down.
  std::vector<size_t> seq(k_count);
  std::iota(seq.begin(), seq.end(), 0);
  std::vector<double> lead(k_count, 0), mean(k_count, 0);
  for (size_t k = 0; k < k_count; ++k) {
    const double* qk = &obs.q[obs.list[k].at];
    double predictive = 0;
    for (size_t d = 0; d < n; ++d) predictive += prior[d] * qk[d];
    lead[k] = std::fabs(std::log(qk[order[0]] / predictive));
    for (size_t d = 0; d < n; ++d) mean[k] += prior[d] * std::fabs(std::log(qk[d] / predictive));
  }
  std::sort(seq.begin(), seq.end(), [&](size_t a, size_t b) {
    if (lead[a] != lead[b]) return lead[a] > lead[b];
    if (mean[a] != mean[b]) return mean[a] > mean[b];
    return kb.variables[obs.list[a].variable].id < kb.variables[obs.list[b].variable].id;
  });

  // Sequential likelihood ratios: w is the distribution after the findings counted so far.
  //   LR_k(d) = q_kd * (sum_{i!=d} w_i) / (sum_{i!=d} w_i q_ki)
  const size_t explained = std::min(max_explained, n);
  std::vector<double> lr(k_count * explained, 1), after(k_count * explained, 0);  // [step * explained + r]
  std::vector<double> w = prior, wq(n);
  for (size_t step = 0; step < k_count; ++step) {
    const double* qk = &obs.q[obs.list[seq[step]].at];
    for (size_t i = 0; i < n; ++i) wq[i] = w[i] * qk[i];
    const ExclusiveSum w_sum(w.data(), n), wq_sum(wq.data(), n);
    for (size_t r = 0; r < explained; ++r) {
      const int d = order[r];
      const double others = w_sum.Without(d), others_q = wq_sum.Without(d);
      lr[step * explained + r] = others > 0 && others_q > 0 ? qk[d] * others / others_q : 1;
    }
    const double total = wq_sum.total;
    for (size_t i = 0; i < n; ++i) w[i] = total > 0 ? wq[i] / total : w[i];
    for (size_t r = 0; r < explained; ++r) after[step * explained + r] = w[order[r]];
  }

  result.ranked.reserve(n);
  for (size_t r = 0; r < n; ++r) {
    const int d = order[r];
    RankedDiagnosis rd;
    rd.index = d;
    rd.rank = static_cast<int>(r) + 1;
    rd.probability = p[d];
    rd.pretest = prior[d];
    rd.pretest_basis = basis[d];
    if (const auto& by = m.diagnoses[d].diagnosed_by) {
      for (int v : by->variables) {
        if (static_cast<size_t>(v) >= ev.vars.size()) continue;
        if (ev.vars[v] == Tri::kUnknown) rd.needs.push_back(v);
        if (ev.vars[v] == Tri::kFalse) rd.against.push_back(v);
      }
    }
    if (r < explained) {
      rd.evidence.reserve(k_count);
      for (size_t step = 0; step < k_count; ++step) {
        const Observation& o = obs.list[seq[step]];
        const Frequency& f = obs.freq[o.at + d];
        FindingContribution c;
        c.variable = o.variable;
        c.present = o.present;
        c.parts = o.parts;
        c.frequency = f.value;
        c.lr = lr[step * explained + r];
        c.after = after[step * explained + r];
        c.provenance = f.provenance;
        if (o.term >= 0) {
          c.term = o.term;
          c.provenance = &m.broader.provenance;
        }
        c.clamped = f.clamped;
        c.weight = o.weight;
        rd.evidence.push_back(std::move(c));
      }
    }
    result.ranked.push_back(std::move(rd));
  }
  return result;
}

bool Askable(const KnowledgeBase& kb, const Evidence& ev, int v) {
  const Variable& var = kb.variables[v];
  if (IsCategorical(var.kind)) {
    for (size_t x = 0; x < kb.variables.size(); ++x) {
      if (kb.variables[x].kind == var.kind && ev.vars[x] != Tri::kUnknown) return false;
    }
    return !kb.QuestionOf(var.kind).question.empty();
  }
  if (ev.vars[v] != Tri::kUnknown || var.kind == VariableKind::kGroup) return false;
  if (EvaluateRule(var.applies, ev) == Tri::kFalse) return false;
  if (var.ask_after >= 0 && ev.vars[var.ask_after] != Tri::kTrue) return false;
  for (int u : var.ask_unless) {
    if (ev.vars[u] == Tri::kTrue) return false;
  }
  if (var.kind == VariableKind::kTest) {
    if (var.index < 0) return true;
    // Once one of its more specific results is answered, the differential no longer counts the
    // test's own result (Observe): asking whether it was done adds nothing ("Has a brain MRI been
    // done?" beside a posterior fossa mass recorded absent on imaging).
    for (int r : kb.tests[var.index].results) {
      if (ev.vars[r] != Tri::kUnknown) return false;
    }
    return ev.tests[var.index] != TestState::kPending;
  }
  if (var.kind == VariableKind::kAntibody) {
    return !(var.index >= 0 && ev.antibodies[var.index] == AntibodyState::kPending);
  }
  return !var.question.empty();
}

std::vector<NextQuestion> NextQuestions(const KnowledgeBase& kb, const DiagnosisModel& m,
                                        const Evidence& ev, const DifferentialResult& result,
                                        size_t max, bool only_observable) {
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

  // Candidates: variables annotated for the leading diagnoses (a group's members for the group).
  std::vector<char> candidate(kb.variables.size(), 0);
  for (size_t r = 0; r < result.ranked.size() && r < kLeadingDiagnoses; ++r) {
    for (const FeatureFrequency& f : m.diagnoses[result.ranked[r].index].features) {
      candidate[f.variable] = 1;
      if (kb.variables[f.variable].kind == VariableKind::kGroup) {
        for (const FeatureGroup& g : m.groups) {
          if (g.variable != f.variable) continue;
          for (int x : g.members) candidate[x] = 1;
        }
      }
    }
  }
  auto wanted = [&](int v) {
    if (!candidate[v] || !Askable(kb, ev, v)) return false;
    return !only_observable || kb.variables[v].observable;
  };

  // Expected entropy after a yes/no question whose answer has probability yes[d] under d.
  std::vector<double> yes(n), no(n), log_yes(n), log_no(n);

  // A feature a present broader term stands for is asked given that term: "yes" explains the term
  // (its factor q leaves), "no" narrows it to the others (q becomes q'), so
  //   yes_d ∝ P(yes | d, the rest) / q_d,   no_d ∝ P(no | d, the rest) * q'_d / q_d,
  // normalised (they sum to 1 unless q was clamped).
  std::vector<std::vector<double>> broader_q;
  std::vector<std::vector<int>> broader_parts;
  std::vector<int> broader_term;
  if (m.broader.enabled) {
    for (int t : ev.broader_terms) {
      std::vector<int> parts;
      std::vector<double> q = BroaderLikelihood(kb, m, ev.vars, band, t, &parts, nullptr);
      if (q.empty()) continue;
      broader_q.push_back(std::move(q));
      broader_parts.push_back(std::move(parts));
      broader_term.push_back(t);
    }
  }
  auto under_broader = [&](int v) {
    for (const auto& parts : broader_parts) {
      if (std::find(parts.begin(), parts.end(), v) != parts.end()) return true;
    }
    return false;
  };
  std::vector<Tri> hypothetical;
  auto condition_on_broader = [&](int v) {
    if (!under_broader(v)) return;
    hypothetical = ev.vars;
    hypothetical[v] = Tri::kFalse;
    for (size_t b = 0; b < broader_parts.size(); ++b) {
      if (std::find(broader_parts[b].begin(), broader_parts[b].end(), v) == broader_parts[b].end()) continue;
      const std::vector<double> q_no = BroaderLikelihood(kb, m, hypothetical, band, broader_term[b], nullptr, nullptr);
      for (size_t d = 0; d < n; ++d) {
        yes[d] /= broader_q[b][d];
        no[d] *= (q_no.empty() ? 1 : q_no[d]) / broader_q[b][d];
      }
    }
    for (size_t d = 0; d < n; ++d) {
      const double sum = yes[d] + no[d];
      yes[d] = sum > 0 ? yes[d] / sum : 0;
      no[d] = sum > 0 ? no[d] / sum : 1;
    }
  };
  auto gain_of = [&]() {
    double py = 0;
    for (size_t d = 0; d < n; ++d) {
      py += p[d] * yes[d];
      log_yes[d] = yes[d] > 0 ? std::log(yes[d]) : 0;
      log_no[d] = no[d] > 0 ? std::log(no[d]) : 0;
    }
    double expected = 0;
    if (py > 0) expected += py * PosteriorEntropy(p, log_p, yes, log_yes, py);
    if (py < 1) expected += (1 - py) * PosteriorEntropy(p, log_p, no, log_no, 1 - py);
    return h0 - expected;
  };

  // Plain variables: expected entropy in O(their annotations), not O(diagnoses): every diagnosis
  // that does not annotate v shares v's default frequency, so those terms are summed in aggregate
  // from sum(p) and sum(p ln p) over all diagnoses minus the annotated ones.
  double plp_all = 0;
  for (size_t i = 0; i < n; ++i) plp_all += p[i] > 0 ? p[i] * log_p[i] : 0;
  struct Entry {
    int d;
    const FeatureFrequency* e;
  };
  std::vector<Entry> annotated;
  std::vector<Frequency> f;
  for (size_t v = 0; v < kb.variables.size(); ++v) {
    const int vi = static_cast<int>(v);
    if (IsCategorical(kb.variables[v].kind) || !wanted(vi)) continue;
    const int group = v < m.group_of_variable.size() ? m.group_of_variable[v] : -1;
    if (group >= 0) {
      // A member of a group: P(yes | d) = P(the group's phenomenon | d, the members answered) * r.
      const FeatureGroup& g = m.groups[group];
      std::vector<Frequency> gf;
      std::vector<std::vector<Frequency>> mf;
      GroupTables(m, g, band, &gf, &mf);
      std::vector<int> state;
      size_t self = 0;
      for (size_t k = 0; k < g.members.size(); ++k) {
        const Tri t = ev.vars[g.members[k]];
        state.push_back(t == Tri::kTrue ? 1 : t == Tri::kFalse ? 0 : -1);
        if (g.members[k] == vi) self = k;
      }
      for (size_t d = 0; d < n; ++d) {
        const double now = GroupLikelihoodOf(gf, mf, state, d);
        state[self] = 1;
        const double with_yes = GroupLikelihoodOf(gf, mf, state, d);
        state[self] = -1;
        yes[d] = now > 0 ? std::clamp(with_yes / now, 0.0, 1.0) : 0;
        no[d] = 1 - yes[d];
      }
      condition_on_broader(vi);
      const double gain = gain_of();
      if (gain > kMinGain) out.push_back(NextQuestion{vi, gain});
      continue;
    }
    if (under_broader(vi)) {
      FrequenciesOf(m, vi, band, &f);
      for (size_t d = 0; d < n; ++d) {
        yes[d] = f[d].value;
        no[d] = 1 - yes[d];
      }
      condition_on_broader(vi);
      const double gain = gain_of();
      if (gain > kMinGain) out.push_back(NextQuestion{vi, gain});
      continue;
    }
    const DiagnosisModel::Default& def = m.defaults[m.default_of_variable[v]];
    annotated.clear();
    ForEachEntry(m, vi, band, [&](int d, const FeatureFrequency* e) { annotated.push_back({d, e}); });
    double p_a = 0, plp_a = 0, yes_a = 0, s_yes_a = 0, s_no_a = 0;
    for (const Entry& a : annotated) {
      const double pd = p[a.d];
      p_a += pd;
      const double plp = pd > 0 ? pd * log_p[a.d] : 0;
      plp_a += plp;
      yes_a += pd * a.e->clamped;
      s_yes_a += a.e->clamped * plp + pd * a.e->clamped * a.e->log_yes;
      s_no_a += (1 - a.e->clamped) * plp + pd * (1 - a.e->clamped) * a.e->log_no;
    }
    const double p_rest = std::max(0.0, 1 - p_a), plp_rest = plp_all - plp_a;
    const double py = def.clamped * p_rest + yes_a;
    const double s_yes = def.clamped * (plp_rest + def.log_yes * p_rest) + s_yes_a;
    const double s_no = (1 - def.clamped) * (plp_rest + def.log_no * p_rest) + s_no_a;
    double expected = 0;
    if (py > 0) expected += py * (std::log(py) - s_yes / py) / kLn2;
    if (py < 1) expected += (1 - py) * (std::log(1 - py) - s_no / (1 - py)) / kLn2;
    const double gain = h0 - expected;
    if (gain > kMinGain) out.push_back(NextQuestion{vi, gain});
  }

  // Categorical kinds: one question, one answer among the kind's values (reported under its first).
  for (VariableKind kind : {VariableKind::kOnset, VariableKind::kCourse, VariableKind::kDuration}) {
    const std::vector<int> values = VariablesOfKind(kb, kind);
    if (values.empty() || !Askable(kb, ev, values.front())) continue;
    bool is_candidate = false;
    for (int v : values) is_candidate |= candidate[v] != 0;
    if (!is_candidate) continue;
    std::vector<std::vector<double>> g(values.size(), std::vector<double>(n));
    std::vector<double> total(n, 0);
    for (size_t k = 0; k < values.size(); ++k) {
      FrequenciesOf(m, values[k], band, &f);
      for (size_t d = 0; d < n; ++d) {
        g[k][d] = f[d].value;
        total[d] += f[d].value;
      }
    }
    // With the time course at part weight: the answer counts at that weight, and the other kind's
    // answer, counted in full so far, drops to it (its factor q_other^(w-1), q_other at full weight).
    // The other kind counts when Observe counts it: when it adds an observation.
    const VariableKind partner = kind == VariableKind::kOnset ? VariableKind::kDuration
                                 : kind == VariableKind::kDuration ? VariableKind::kOnset : kind;
    double w = 1;
    std::vector<double> other(n, 1);
    if (m.time_course.enabled && m.time_course.weight != 1 && partner != kind) {
      Observations answered;
      AddCategorical(m, ev, band, VariablesOfKind(kb, partner), &answered);
      if (!answered.list.empty()) {
        w = m.time_course.weight;
        for (size_t d = 0; d < n; ++d) other[d] = std::pow(answered.q[d], w - 1);
      }
    }
    double expected = 0;
    std::vector<double> l(n);
    for (size_t k = 0; k < values.size(); ++k) {
      double po = 0, norm = 0;
      for (size_t d = 0; d < n; ++d) {
        g[k][d] /= total[d];
        po += p[d] * g[k][d];
        l[d] = w == 1 ? g[k][d] : std::pow(g[k][d], w) * other[d];
        log_yes[d] = std::log(l[d]);
        norm += p[d] * l[d];
      }
      // The answer's chance is the model's (po); the posterior it leads to is the weighted one.
      if (po > 0 && norm > 0) expected += po * PosteriorEntropy(p, log_p, l, log_yes, norm);
    }
    const double gain = h0 - expected;
    if (gain > kMinGain) out.push_back(NextQuestion{values.front(), gain});
  }

  std::sort(out.begin(), out.end(), [&](const NextQuestion& a, const NextQuestion& b) {
    if (a.gain != b.gain) return a.gain > b.gain;
    return kb.variables[a.variable].id < kb.variables[b.variable].id;
  });
  if (out.size() > max) out.resize(max);
  return out;
}

std::vector<NextQuestion> PatientQuestions(const KnowledgeBase& kb, const DiagnosisModel& m,
                                           const Evidence& ev, const DifferentialResult& result,
                                           size_t max) {
  // The safety questions first, in their order; a categorical kind counts once (its first value).
  struct Safety {
    int place;
    int variable;
  };
  std::vector<Safety> safety;
  std::vector<VariableKind> kinds_seen;
  for (size_t v = 0; v < kb.variables.size(); ++v) {
    const Variable& var = kb.variables[v];
    int place = var.safety;
    if (IsCategorical(var.kind)) {
      if (std::find(kinds_seen.begin(), kinds_seen.end(), var.kind) != kinds_seen.end()) continue;
      kinds_seen.push_back(var.kind);
      place = kb.QuestionOf(var.kind).safety;
    }
    if (place > 0 && Askable(kb, ev, static_cast<int>(v))) safety.push_back({place, static_cast<int>(v)});
  }
  std::stable_sort(safety.begin(), safety.end(), [](const Safety& a, const Safety& b) { return a.place < b.place; });
  std::vector<NextQuestion> out;
  for (const Safety& s : safety) out.push_back(NextQuestion{s.variable, 0});
  // However many safety questions are still open, the questions that best separate the leading
  // explanations follow them: at least kMinRankedPatientQuestions of them.
  const size_t cap = std::max(max, safety.size() + kMinRankedPatientQuestions);
  for (const NextQuestion& q : NextQuestions(kb, m, ev, result, cap, true)) {
    if (out.size() >= cap) break;
    const bool listed = std::any_of(out.begin(), out.end(), [&](const NextQuestion& x) { return x.variable == q.variable; });
    if (!listed) out.push_back(q);
  }
  return out;
}

}  // namespace omsaid
