// SPDX-License-Identifier: MIT
// The likelihood-ratio differential on a small hand-built model, where every number can be checked
// by hand: normalisation, determinism, order independence, the monotonicity property of the LR,
// ties by id, unknown versus absent, age bands, onset as one answer, and next questions.
#include "omsaid/differential.h"

#include <gtest/gtest.h>

#include <cmath>
#include <random>

namespace omsaid {
namespace {

// Three diagnoses (a, b, c) over variables x, y, z (phenotype) and the three onsets.
KnowledgeBase TinyKb() {
  KnowledgeBase kb;
  kb.age_bands = {{"young", "young", 0, 10}, {"old", "old", 10, 200}};
  auto var = [&](std::string id, VariableKind kind, std::string category) {
    Variable v;
    v.id = id;
    v.kind = kind;
    v.key = id.substr(id.find(':') + 1);
    v.label = id;
    v.category = category;
    v.question = "Is there " + id + "?";
    kb.variable_index[id] = static_cast<int>(kb.variables.size());
    kb.variables.push_back(v);
  };
  var("HP:0000001", VariableKind::kPhenotype, "eye");    // x
  var("HP:0000002", VariableKind::kPhenotype, "motor");  // y
  var("HP:0000003", VariableKind::kPhenotype, "motor");  // z (never annotated)
  var("onset:acute", VariableKind::kOnset, "onsets");
  var("onset:subacute", VariableKind::kOnset, "onsets");
  var("onset:chronic", VariableKind::kOnset, "onsets");

  DiagnosisModel& m = kb.differential;
  m.min_frequency = 0.01;
  m.max_frequency = 0.99;
  m.defaults = {{"*", 0.1, {}}};
  auto dx = [&](std::string id, double w_young, double w_old,
                std::vector<std::pair<int, double>> features) {
    Diagnosis d;
    d.id = id;
    d.label = id;
    d.pretest = {w_young, w_old};
    d.pretest_provenance = {{}, {}};
    for (auto [v, f] : features) d.features.push_back(FeatureFrequency{v, f, {}, {}});
    m.index[id] = static_cast<int>(m.diagnoses.size());
    m.diagnoses.push_back(d);
  };
  dx("a", 1, 1, {{0, 0.9}, {1, 0.5}, {3, 0.8}, {4, 0.15}, {5, 0.05}});
  dx("b", 2, 1, {{0, 0.05}, {1, 0.9}, {3, 0.5}, {4, 0.4}, {5, 0.1}});
  dx("c", 1, 4, {{0, 0.2}, {1, 0.3}, {5, 0.9}});
  DeriveModel(kb.variables, &m);
  return kb;
}

Evidence EvidenceOf(const KnowledgeBase& kb, std::vector<Tri> vars, std::optional<double> age = 5) {
  Evidence ev;
  ev.kb = &kb;
  vars.resize(kb.variables.size(), Tri::kUnknown);
  ev.vars = vars;
  ev.age_years = age;
  return ev;
}

double P(const DifferentialResult& r, const KnowledgeBase& kb, std::string_view id) {
  return r.probability[kb.differential.Find(id)];
}

const FindingContribution* Contribution(const DifferentialResult& r, int diagnosis, int variable) {
  for (const RankedDiagnosis& rd : r.ranked) {
    if (rd.index != diagnosis) continue;
    for (const FindingContribution& c : rd.evidence) {
      if (c.variable == variable) return &c;
    }
  }
  return nullptr;
}

TEST(Differential, NoFindingsGivesThePretestOfTheAgeBand) {
  const KnowledgeBase kb = TinyKb();
  const DifferentialResult young = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {}, 5));
  EXPECT_NEAR(P(young, kb, "a"), 0.25, 1e-12);
  EXPECT_NEAR(P(young, kb, "b"), 0.5, 1e-12);
  EXPECT_NEAR(P(young, kb, "c"), 0.25, 1e-12);
  const DifferentialResult old = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {}, 50));
  EXPECT_NEAR(P(old, kb, "c"), 4.0 / 6, 1e-12);
  // Without an age: the average of the bands' probabilities.
  const DifferentialResult none = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {}, std::nullopt));
  EXPECT_NEAR(P(none, kb, "c"), (0.25 + 4.0 / 6) / 2, 1e-12);
}

TEST(Differential, PosteriorIsPretestTimesLikelihoodsNormalised) {
  const KnowledgeBase kb = TinyKb();
  // x present, y absent, young: a ∝ 1*0.9*0.5, b ∝ 2*0.05*0.1, c ∝ 1*0.2*0.7.
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue, Tri::kFalse}));
  const double a = 0.45, b = 0.01, c = 0.14, z = a + b + c;
  EXPECT_NEAR(P(r, kb, "a"), a / z, 1e-12);
  EXPECT_NEAR(P(r, kb, "b"), b / z, 1e-12);
  EXPECT_NEAR(P(r, kb, "c"), c / z, 1e-12);
  EXPECT_EQ(kb.differential.diagnoses[r.ranked[0].index].id, "a");
  EXPECT_EQ(r.ranked[0].rank, 1);
}

TEST(Differential, ReportedLrIsTheOddsChangeGivenTheOtherFindings) {
  const KnowledgeBase kb = TinyKb();
  const std::vector<Tri> without_x = {Tri::kUnknown, Tri::kFalse};
  const std::vector<Tri> with_x = {Tri::kTrue, Tri::kFalse};
  const DifferentialResult before = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, without_x));
  const DifferentialResult after = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, with_x));
  for (int d = 0; d < 3; ++d) {
    const double odds_before = before.probability[d] / (1 - before.probability[d]);
    const double odds_after = after.probability[d] / (1 - after.probability[d]);
    const FindingContribution* c = Contribution(after, d, 0);
    ASSERT_NE(c, nullptr);
    EXPECT_NEAR(c->lr, odds_after / odds_before, 1e-9) << "diagnosis " << d;
  }
}

TEST(Differential, ProbabilitiesSumToOneAndTheRankingIsDeterministic) {
  const KnowledgeBase kb = TinyKb();
  std::mt19937 rng(7);
  for (int i = 0; i < 200; ++i) {
    std::vector<Tri> vars(kb.variables.size());
    for (size_t v = 0; v < 3; ++v) vars[v] = static_cast<Tri>(rng() % 3);
    if (rng() % 2) vars[3 + rng() % 3] = Tri::kTrue;
    const Evidence ev = EvidenceOf(kb, vars, static_cast<double>(rng() % 80));
    const DifferentialResult r1 = RankDiagnoses(kb, kb.differential, ev);
    const DifferentialResult r2 = RankDiagnoses(kb, kb.differential, ev);
    double sum = 0;
    for (double p : r1.probability) sum += p;
    EXPECT_NEAR(sum, 1.0, 1e-12);
    for (size_t k = 0; k < r1.ranked.size(); ++k) {
      EXPECT_EQ(r1.ranked[k].index, r2.ranked[k].index);
      EXPECT_EQ(r1.ranked[k].probability, r2.ranked[k].probability);
      if (k > 0) EXPECT_GE(r1.ranked[k - 1].probability, r1.ranked[k].probability);
    }
  }
}

TEST(Differential, AddingAFindingWithLrAboveOneNeverLowersThatDiagnosis) {
  const KnowledgeBase kb = TinyKb();
  std::mt19937 rng(11);
  int checked = 0;
  for (int i = 0; i < 500; ++i) {
    std::vector<Tri> base(kb.variables.size(), Tri::kUnknown);
    for (size_t v = 0; v < 3; ++v) base[v] = static_cast<Tri>(rng() % 3);
    const int added = static_cast<int>(rng() % 3);
    if (base[added] != Tri::kUnknown) continue;
    std::vector<Tri> more = base;
    more[added] = Tri::kTrue;
    const DifferentialResult before = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, base));
    const DifferentialResult after = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, more));
    for (int d = 0; d < 3; ++d) {
      const FindingContribution* c = Contribution(after, d, added);
      if (!c) continue;  // the variable is annotated by no diagnosis
      ++checked;
      if (c->lr > 1) EXPECT_GE(after.probability[d], before.probability[d] - 1e-12);
      if (c->lr < 1) EXPECT_LE(after.probability[d], before.probability[d] + 1e-12);
    }
  }
  EXPECT_GT(checked, 100);
}

TEST(Differential, UnknownCountsNothingAbsentCounts) {
  const KnowledgeBase kb = TinyKb();
  const DifferentialResult unknown = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kUnknown}));
  const DifferentialResult nothing = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {}));
  EXPECT_EQ(unknown.probability, nothing.probability);
  const DifferentialResult absent = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kFalse}));
  EXPECT_LT(P(absent, kb, "a"), P(nothing, kb, "a")) << "a has x in 90%: its absence lowers a";
}

TEST(Differential, UnannotatedVariablesDoNotMoveTheRanking) {
  const KnowledgeBase kb = TinyKb();
  const DifferentialResult base = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue}));
  const DifferentialResult z = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue, Tri::kUnknown, Tri::kTrue}));
  for (size_t d = 0; d < 3; ++d) EXPECT_NEAR(base.probability[d], z.probability[d], 1e-12);
}

TEST(Differential, OnsetIsOneAnswerNormalisedOverItsThreeFrequencies) {
  const KnowledgeBase kb = TinyKb();
  std::vector<Tri> vars(kb.variables.size(), Tri::kUnknown);
  vars[3] = Tri::kTrue;   // acute
  vars[4] = Tri::kFalse;  // as BuildEvidence sets the other two
  vars[5] = Tri::kFalse;
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, vars));
  // a: 0.8/(0.8+0.15+0.05)=0.8; b: 0.5/(0.5+0.4+0.1)=0.5; c: 0.1 default/(0.1+0.1+0.9)=1/11.
  const double a = 0.25 * 0.8, b = 0.5 * 0.5, c = 0.25 / 11, z = a + b + c;
  EXPECT_NEAR(P(r, kb, "a"), a / z, 1e-12);
  EXPECT_NEAR(P(r, kb, "b"), b / z, 1e-12);
  EXPECT_NEAR(P(r, kb, "c"), c / z, 1e-12);
}

TEST(Differential, TiesBreakById) {
  KnowledgeBase kb = TinyKb();
  for (Diagnosis& d : kb.differential.diagnoses) d.pretest = {1, 1};
  for (Diagnosis& d : kb.differential.diagnoses) d.features.clear();
  DeriveModel(kb.variables, &kb.differential);
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {}));
  EXPECT_EQ(kb.differential.diagnoses[r.ranked[0].index].id, "a");
  EXPECT_EQ(kb.differential.diagnoses[r.ranked[1].index].id, "b");
  EXPECT_EQ(kb.differential.diagnoses[r.ranked[2].index].id, "c");
}

TEST(Differential, FrequenciesAreClampedAndFlagged) {
  KnowledgeBase kb = TinyKb();
  kb.differential.diagnoses[0].features[0].frequency = 1.0;  // a: x always
  DeriveModel(kb.variables, &kb.differential);
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kFalse}));
  EXPECT_GT(P(r, kb, "a"), 0) << "a finding never makes a diagnosis impossible";
  const FindingContribution* c = Contribution(r, 0, 0);
  ASSERT_NE(c, nullptr);
  EXPECT_TRUE(c->clamped);
  EXPECT_DOUBLE_EQ(c->frequency, 0.99);
}

TEST(Differential, AgeBandSpecificEntriesApply) {
  KnowledgeBase kb = TinyKb();
  // a: x in 0.9 for the young only; the old get the default (0.1).
  kb.differential.diagnoses[0].features[0].age_bands = {0};
  DeriveModel(kb.variables, &kb.differential);
  const Evidence young = EvidenceOf(kb, {Tri::kTrue}, 5), old = EvidenceOf(kb, {Tri::kTrue}, 50);
  EXPECT_DOUBLE_EQ(Contribution(RankDiagnoses(kb, kb.differential, young), 0, 0)->frequency, 0.9);
  EXPECT_DOUBLE_EQ(Contribution(RankDiagnoses(kb, kb.differential, old), 0, 0)->frequency, 0.1);
}

TEST(NextQuestions, MostInformativeUnansweredFirstNeverAnswered) {
  const KnowledgeBase kb = TinyKb();
  const Evidence ev = EvidenceOf(kb, {Tri::kUnknown, Tri::kTrue});
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, ev);
  const std::vector<NextQuestion> q = NextQuestions(kb, kb.differential, ev, r, 5);
  ASSERT_FALSE(q.empty());
  EXPECT_EQ(q[0].variable, 0) << "x separates a from b best";
  for (const NextQuestion& n : q) {
    EXPECT_NE(n.variable, 1) << "y is answered";
    EXPECT_NE(n.variable, 2) << "z is annotated by no diagnosis: no information";
    EXPECT_GT(n.gain, 0);
  }
  for (size_t i = 1; i < q.size(); ++i) EXPECT_GE(q[i - 1].gain, q[i].gain);
  // Onset is asked as one question, under its first variable.
  EXPECT_TRUE(std::any_of(q.begin(), q.end(), [](const NextQuestion& n) { return n.variable == 3; }));
  EXPECT_FALSE(std::any_of(q.begin(), q.end(), [](const NextQuestion& n) { return n.variable == 4; }));
}

TEST(NextQuestions, AskAfterWaitsForItsVariable) {
  KnowledgeBase kb = TinyKb();
  kb.variables[0].ask_after = 1;  // x is asked only once y is present
  for (const Tri y : {Tri::kUnknown, Tri::kFalse}) {
    const Evidence ev = EvidenceOf(kb, {Tri::kUnknown, y});
    const DifferentialResult r = RankDiagnoses(kb, kb.differential, ev);
    const std::vector<NextQuestion> q = NextQuestions(kb, kb.differential, ev, r, 5);
    EXPECT_FALSE(std::any_of(q.begin(), q.end(), [](const NextQuestion& n) { return n.variable == 0; }));
  }
  const Evidence ev = EvidenceOf(kb, {Tri::kUnknown, Tri::kTrue});
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, ev);
  const std::vector<NextQuestion> q = NextQuestions(kb, kb.differential, ev, r, 5);
  ASSERT_FALSE(q.empty());
  EXPECT_EQ(q[0].variable, 0);
}

TEST(NextQuestions, ExpectedGainMatchesABruteForceComputation) {
  const KnowledgeBase kb = TinyKb();
  const Evidence ev = EvidenceOf(kb, {});
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, ev);
  const std::vector<NextQuestion> q = NextQuestions(kb, kb.differential, ev, r, 10);
  auto entropy = [](const std::vector<double>& p) {
    double h = 0;
    for (double x : p) h -= x > 0 ? x * std::log2(x) : 0;
    return h;
  };
  const double h0 = entropy(r.probability);
  // Answer x either way and average the entropies, weighted by how likely each answer is.
  double pyes = 0;
  for (int d = 0; d < 3; ++d) pyes += r.probability[d] * (d == 0 ? 0.9 : d == 1 ? 0.05 : 0.2);
  const double hyes = entropy(RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue})).probability);
  const double hno = entropy(RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kFalse})).probability);
  const double expected_gain = h0 - (pyes * hyes + (1 - pyes) * hno);
  auto it = std::find_if(q.begin(), q.end(), [](const NextQuestion& n) { return n.variable == 0; });
  ASSERT_NE(it, q.end());
  EXPECT_NEAR(it->gain, expected_gain, 1e-9);
}

}  // namespace
}  // namespace omsaid
