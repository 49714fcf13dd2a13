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
  kb.onset_question.question = "How did it start?";

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

double Odds(double p) { return p / (1 - p); }

TEST(Differential, PretestOddsTimesTheRatiosIsThePosteriorOdds) {
  const KnowledgeBase kb = TinyKb();
  std::mt19937 rng(5);
  int checked = 0;
  for (int i = 0; i < 500; ++i) {
    std::vector<Tri> vars(kb.variables.size());
    for (size_t v = 0; v < 3; ++v) vars[v] = static_cast<Tri>(rng() % 3);
    if (rng() % 2) {
      const size_t on = 3 + rng() % 3;
      for (size_t v = 3; v < 6; ++v) vars[v] = v == on ? Tri::kTrue : Tri::kFalse;
    }
    const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, vars, static_cast<double>(rng() % 80)));
    for (const RankedDiagnosis& rd : r.ranked) {
      double odds = Odds(rd.pretest);
      for (const FindingContribution& c : rd.evidence) {
        odds *= c.lr;
        EXPECT_NEAR(c.after, odds / (1 + odds), 1e-12) << "after is the running probability";
      }
      EXPECT_NEAR(odds / (1 + odds), rd.probability, 1e-12);
      ++checked;
    }
  }
  EXPECT_EQ(checked, 1500);
}

TEST(Differential, TheFindingsAreCountedInOneOrderStrongestFirstForTheLeader) {
  const KnowledgeBase kb = TinyKb();
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue, Tri::kFalse}));
  ASSERT_EQ(r.ranked[0].evidence.size(), 2u);
  for (const RankedDiagnosis& rd : r.ranked) {
    ASSERT_EQ(rd.evidence.size(), 2u);
    EXPECT_EQ(rd.evidence[0].variable, r.ranked[0].evidence[0].variable) << "the same order for every diagnosis";
  }
  // a leads; x present moves a more than y absent does (|ln 0.9/P(x)| > |ln 0.5/P(not y)|).
  EXPECT_EQ(r.ranked[0].evidence[0].variable, 0);
  // The first ratio is the finding's ratio alone at the pretest: P(x|a) / P(x|not a).
  const double pa = 0.25, pb = 0.5, pc = 0.25;
  const double x_not_a = (pb * 0.05 + pc * 0.2) / (pb + pc);
  EXPECT_NEAR(r.ranked[0].evidence[0].lr, 0.9 / x_not_a, 1e-12);
  (void)pa;
}

TEST(Differential, TheLastRatioIsTheOddsChangeGivenEveryOtherFinding) {
  const KnowledgeBase kb = TinyKb();
  std::mt19937 rng(3);
  for (int i = 0; i < 200; ++i) {
    std::vector<Tri> vars(kb.variables.size());
    for (size_t v = 0; v < 2; ++v) vars[v] = static_cast<Tri>(1 + rng() % 2);
    const DifferentialResult with = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, vars));
    for (const RankedDiagnosis& rd : with.ranked) {
      const FindingContribution& last = rd.evidence.back();
      std::vector<Tri> fewer = vars;
      fewer[last.variable] = Tri::kUnknown;
      const DifferentialResult without = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, fewer));
      EXPECT_NEAR(last.lr, Odds(with.probability[rd.index]) / Odds(without.probability[rd.index]), 1e-9);
    }
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

// Shannon entropy (bits) of a distribution: what the next-question tests compute by brute force.
double Entropy(const std::vector<double>& p) {
  double h = 0;
  for (double x : p) h -= x > 0 ? x * std::log2(x) : 0;
  return h;
}

TEST(NextQuestions, ExpectedGainMatchesABruteForceComputation) {
  const KnowledgeBase kb = TinyKb();
  const Evidence ev = EvidenceOf(kb, {});
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, ev);
  const std::vector<NextQuestion> q = NextQuestions(kb, kb.differential, ev, r, 10);
  const double h0 = Entropy(r.probability);
  // Answer x either way and average the entropies, weighted by how likely each answer is.
  double pyes = 0;
  for (int d = 0; d < 3; ++d) pyes += r.probability[d] * (d == 0 ? 0.9 : d == 1 ? 0.05 : 0.2);
  const double hyes = Entropy(RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue})).probability);
  const double hno = Entropy(RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kFalse})).probability);
  const double expected_gain = h0 - (pyes * hyes + (1 - pyes) * hno);
  auto it = std::find_if(q.begin(), q.end(), [](const NextQuestion& n) { return n.variable == 0; });
  ASSERT_NE(it, q.end());
  EXPECT_NEAR(it->gain, expected_gain, 1e-9);
}


// Two features that are one observation (a group) and two diagnoses: a (the members are common and
// often together) and b (both rare).
KnowledgeBase GroupKb() {
  KnowledgeBase kb;
  kb.age_bands = {{"all", "all", 0, 200}};
  auto var = [&](std::string id, VariableKind kind) {
    Variable v;
    v.id = id;
    v.kind = kind;
    v.key = id;
    v.label = id;
    v.category = "eye";
    v.question = "Is there " + id + "?";
    kb.variable_index[id] = static_cast<int>(kb.variables.size());
    kb.variables.push_back(v);
  };
  var("HP:0000001", VariableKind::kPhenotype);  // x
  var("HP:0000002", VariableKind::kPhenotype);  // w
  var("group:xw", VariableKind::kGroup);
  DiagnosisModel& m = kb.differential;
  m.defaults = {{"*", 0.1, {}}};
  m.groups = {FeatureGroup{"xw", 2, {0, 1}, {}}};
  auto dx = [&](std::string id, std::vector<std::pair<int, double>> features) {
    Diagnosis d;
    d.id = id;
    d.label = id;
    d.pretest = {1};
    d.pretest_provenance = {{}};
    for (auto [v, f] : features) d.features.push_back(FeatureFrequency{v, f, {}, {}});
    m.index[id] = static_cast<int>(m.diagnoses.size());
    m.diagnoses.push_back(d);
  };
  dx("a", {{0, 0.9}, {1, 0.5}, {2, 0.95}});
  dx("b", {{0, 0.02}, {1, 0.02}, {2, 0.03}});
  DeriveModel(kb.variables, &m);
  return kb;
}

// P(a) from the two likelihoods (equal pretests).
double Share(double la, double lb) { return la / (la + lb); }

TEST(Differential, AGroupCountsItsMembersSeenTogetherOnce) {
  const KnowledgeBase kb = GroupKb();
  auto p_a = [&](Tri x, Tri w) {
    const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {x, w}, 5));
    return r.probability[0];
  };
  const double ra_x = 0.9 / 0.95, ra_w = 0.5 / 0.95, rb = 0.02 / 0.03;
  // Both present: g * r_x * r_w, not f_x * f_w (which would count one phenomenon twice).
  EXPECT_NEAR(p_a(Tri::kTrue, Tri::kTrue), Share(0.95 * ra_x * ra_w, 0.03 * rb * rb), 1e-12);
  EXPECT_LT(0.95 * ra_x * ra_w / (0.03 * rb * rb), 0.9 * 0.5 / (0.02 * 0.02) / 10);
  // One member alone says what it says: its own frequency.
  EXPECT_NEAR(p_a(Tri::kTrue, Tri::kUnknown), Share(0.9, 0.02), 1e-12);
  EXPECT_NEAR(p_a(Tri::kUnknown, Tri::kTrue), Share(0.5, 0.02), 1e-12);
  // One present, the other absent: the absent one is informative only within the group.
  EXPECT_NEAR(p_a(Tri::kTrue, Tri::kFalse), Share(0.95 * ra_x * (1 - ra_w), 0.03 * rb * (1 - rb)), 1e-12);
  EXPECT_GT(p_a(Tri::kTrue, Tri::kFalse), 0.5) << "flutter recorded absent does not undo opsoclonus";
  // Both absent, and one absent alone.
  EXPECT_NEAR(p_a(Tri::kFalse, Tri::kFalse),
              Share(0.05 + 0.95 * (1 - ra_x) * (1 - ra_w), 0.97 + 0.03 * (1 - rb) * (1 - rb)), 1e-12);
  EXPECT_NEAR(p_a(Tri::kFalse, Tri::kUnknown), Share(0.05 + 0.95 * (1 - ra_x), 0.97 + 0.03 * (1 - rb)), 1e-12);
}

TEST(Differential, AGroupIsOneLineOfTheExplanationNamingItsMembers) {
  const KnowledgeBase kb = GroupKb();
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue, Tri::kFalse}, 5));
  for (const RankedDiagnosis& rd : r.ranked) {
    ASSERT_EQ(rd.evidence.size(), 1u);
    EXPECT_EQ(rd.evidence[0].variable, 2);
    EXPECT_TRUE(rd.evidence[0].present);
    EXPECT_EQ(rd.evidence[0].parts, (std::vector<int>{0, 1})) << "present members first, then absent";
  }
}

TEST(Differential, APartlyAnsweredCategoricalKindCountsTheValuesStillPossible) {
  const KnowledgeBase kb = TinyKb();
  // Onset "not acute": subacute or chronic. a: (0.15 + 0.05) / (0.8 + 0.15 + 0.05); b: (0.4 + 0.1) / 1.0;
  // c: (0.1 (default) + 0.9) / (0.1 + 0.1 + 0.9).
  std::vector<Tri> vars(kb.variables.size(), Tri::kUnknown);
  vars[3] = Tri::kFalse;
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, EvidenceOf(kb, vars));
  const double a = 0.25 * 0.2, b = 0.5 * 0.5, c = 0.25 * (1.0 / 1.1), z = a + b + c;
  EXPECT_NEAR(P(r, kb, "a"), a / z, 1e-12);
  EXPECT_NEAR(P(r, kb, "c"), c / z, 1e-12);
  ASSERT_EQ(r.ranked[0].evidence.size(), 1u);
  EXPECT_EQ(r.ranked[0].evidence[0].parts, (std::vector<int>{4, 5}));
}

// A broader term: one HPO term above x, y and z of TinyKb (z is annotated by no diagnosis).
KnowledgeBase BroaderKb(const KnowledgeBase& base) {
  KnowledgeBase kb = base;
  HpoTerm t;
  t.id = "HP:0000009";
  t.label = "broader";
  t.implies_absent = {0, 1, 2};
  kb.hpo_terms.push_back(t);
  kb.differential.broader.enabled = true;
  kb.differential.broader.provenance.note = "at least one of the features below";
  return kb;
}

TEST(Differential, ABroaderTermCountsAsAtLeastOneOfTheFeaturesBelowIt) {
  const KnowledgeBase kb = BroaderKb(TinyKb());
  Evidence ev = EvidenceOf(kb, {});
  ev.broader_terms = {0};
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, ev);
  // young: a ∝ 1 * (1 - 0.1*0.5), b ∝ 2 * (1 - 0.95*0.1), c ∝ 1 * (1 - 0.8*0.7); z is annotated by
  // nobody and left out.
  const double a = 0.95, b = 2 * 0.905, c = 0.44, z = a + b + c;
  EXPECT_NEAR(P(r, kb, "a"), a / z, 1e-12);
  EXPECT_NEAR(P(r, kb, "b"), b / z, 1e-12);
  EXPECT_NEAR(P(r, kb, "c"), c / z, 1e-12);
  for (const RankedDiagnosis& rd : r.ranked) {
    ASSERT_EQ(rd.evidence.size(), 1u);
    const FindingContribution& e = rd.evidence[0];
    EXPECT_EQ(e.term, 0);
    EXPECT_TRUE(e.present);
    EXPECT_EQ(e.parts, (std::vector<int>{0, 1}));
    EXPECT_EQ(e.provenance, &kb.differential.broader.provenance);
  }
  EXPECT_NEAR(Contribution(r, kb.differential.Find("c"), 0)->frequency, 0.44, 1e-12);

  // An answered feature below it: absent ones are left out; a present one makes it say nothing more.
  Evidence no_x = EvidenceOf(kb, {Tri::kFalse});
  no_x.broader_terms = {0};
  const DifferentialResult rx = RankDiagnoses(kb, kb.differential, no_x);
  ASSERT_EQ(rx.ranked[0].evidence.size(), 2u);
  for (const RankedDiagnosis& rd : rx.ranked) {
    for (const FindingContribution& e : rd.evidence) {
      if (e.term < 0) continue;
      EXPECT_EQ(e.parts, (std::vector<int>{1}));
      EXPECT_NEAR(e.frequency, kb.differential.diagnoses[rd.index].features[1].frequency, 1e-12);
    }
  }
  Evidence with_y = EvidenceOf(kb, {Tri::kUnknown, Tri::kTrue});
  const DifferentialResult plain = RankDiagnoses(kb, kb.differential, with_y);
  with_y.broader_terms = {0};
  const DifferentialResult same = RankDiagnoses(kb, kb.differential, with_y);
  EXPECT_EQ(same.probability, plain.probability);
  EXPECT_EQ(same.ranked[0].evidence.size(), 1u);

  // Without `broader` in the model, the term is not counted.
  KnowledgeBase off = kb;
  off.differential.broader.enabled = false;
  EXPECT_EQ(RankDiagnoses(off, off.differential, ev).probability,
            RankDiagnoses(off, off.differential, EvidenceOf(off, {})).probability);
}

TEST(Differential, ABroaderTermCountsAGroupOnceGivenWhatIsAnsweredOfIt) {
  KnowledgeBase kb = GroupKb();
  HpoTerm t;
  t.id = "HP:0000009";
  t.label = "broader";
  t.implies_absent = {0, 1};
  kb.hpo_terms.push_back(t);
  kb.differential.broader.enabled = true;
  auto p_a = [&](Tri x, Tri w) {
    Evidence ev = EvidenceOf(kb, {x, w}, 5);
    ev.broader_terms = {0};
    return RankDiagnoses(kb, kb.differential, ev).probability[0];
  };
  const double ra_x = 0.9 / 0.95, ra_w = 0.5 / 0.95, rb = 0.02 / 0.03;
  // Nothing answered: P(some member shows) = g * (1 - (1 - r_x)(1 - r_w)).
  EXPECT_NEAR(p_a(Tri::kUnknown, Tri::kUnknown),
              Share(0.95 * (1 - (1 - ra_x) * (1 - ra_w)), 0.03 * (1 - (1 - rb) * (1 - rb))), 1e-12);
  // x absent: the group's line counts x absent; the broader term is then "w shows, given x absent",
  // so the two together are L(x absent) - L(both absent) = g (1 - r_x) r_w. For b that conditional
  // chance (0.0068) is below the model's floor, so b's is clamped to 0.01.
  const double lb_x = 0.97 + 0.03 * (1 - rb), lb_both = 0.97 + 0.03 * (1 - rb) * (1 - rb);
  ASSERT_LT(1 - lb_both / lb_x, 0.01);
  EXPECT_NEAR(p_a(Tri::kFalse, Tri::kUnknown), Share(0.95 * (1 - ra_x) * ra_w, lb_x * 0.01), 1e-12);
}

TEST(NextQuestions, AFeatureABroaderTermStandsForIsAskedGivenThatTerm) {
  const KnowledgeBase kb = BroaderKb(TinyKb());
  Evidence ev = EvidenceOf(kb, {});
  ev.broader_terms = {0};
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, ev);
  const std::vector<NextQuestion> q = NextQuestions(kb, kb.differential, ev, r, 10);
  // young: pretests 0.25, 0.5, 0.25; x: 0.9, 0.05, 0.2; y: 0.5, 0.9, 0.3; the broader term "x or y".
  const double prior[3] = {0.25, 0.5, 0.25}, fx[3] = {0.9, 0.05, 0.2}, fy[3] = {0.5, 0.9, 0.3};
  for (int asked : {0, 1}) {
    const double* fa = asked == 0 ? fx : fy;
    const double* fo = asked == 0 ? fy : fx;
    // Brute force: the chance of each answer given the broader term, and the differential after it
    // (yes: the term is explained; no: it now means the other feature).
    double z0 = 0, zyes = 0;
    for (int d = 0; d < 3; ++d) {
      z0 += prior[d] * (1 - (1 - fa[d]) * (1 - fo[d]));
      zyes += prior[d] * fa[d];
    }
    const double pyes = zyes / z0;
    Evidence yes = ev, no = ev;
    yes.vars[asked] = Tri::kTrue;
    no.vars[asked] = Tri::kFalse;
    const double expected = pyes * Entropy(RankDiagnoses(kb, kb.differential, yes).probability) +
                            (1 - pyes) * Entropy(RankDiagnoses(kb, kb.differential, no).probability);
    auto it = std::find_if(q.begin(), q.end(), [&](const NextQuestion& n) { return n.variable == asked; });
    ASSERT_NE(it, q.end());
    EXPECT_NEAR(it->gain, Entropy(r.probability) - expected, 1e-9) << "variable " << asked;
  }
}

TEST(NextQuestions, AGroupMemberIsAskedWithTheChanceItShowsGivenTheOtherMembers) {
  const KnowledgeBase kb = GroupKb();
  // x present: asking w still tells something (a: r_w = 0.53, b: r_w = 0.67), and is scored with
  // exactly those chances.
  const Evidence ev = EvidenceOf(kb, {Tri::kTrue, Tri::kUnknown}, 5);
  const DifferentialResult r = RankDiagnoses(kb, kb.differential, ev);
  const std::vector<NextQuestion> q = NextQuestions(kb, kb.differential, ev, r, 5);
  ASSERT_EQ(q.size(), 1u);
  EXPECT_EQ(q[0].variable, 1);
  const double ya = 0.5 / 0.95, yb = 0.02 / 0.03;
  const double py = r.probability[0] * ya + r.probability[1] * yb;
  const double h_yes = Entropy(RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue, Tri::kTrue}, 5)).probability);
  const double h_no = Entropy(RankDiagnoses(kb, kb.differential, EvidenceOf(kb, {Tri::kTrue, Tri::kFalse}, 5)).probability);
  EXPECT_NEAR(q[0].gain, Entropy(r.probability) - (py * h_yes + (1 - py) * h_no), 1e-9);
}

}  // namespace
}  // namespace omsaid
