// SPDX-License-Identifier: MIT
// Step 2: HPO findings to knowledge-base variables (up for present, down for absent), obsolete ids,
// terms outside the knowledge base, contradictions, and the three-valued rule evaluator.
#include "omsaid/evidence.h"

#include <algorithm>

#include "test_util.h"

namespace omsaid {
namespace {

using testing::CaseWith;
using testing::Kb;
using testing::MustParse;

Tri StateOf(const Evidence& ev, std::string_view variable) {
  const int v = Kb().FindVariable(variable);
  EXPECT_GE(v, 0) << variable;
  return v < 0 ? Tri::kUnknown : ev.vars[v];
}

Evidence Build(std::string_view findings, std::string_view extra = "") {
  Result<Evidence> ev = BuildEvidence(Kb(), MustParse(CaseWith(findings, extra)));
  EXPECT_TRUE(ev.ok()) << (ev.ok() ? "" : ev.error().ToString());
  return ev.ok() ? ev.value() : Evidence{};
}

bool HasWarningContaining(const Evidence& ev, std::string_view text) {
  for (const std::string& w : ev.warnings) {
    if (w.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Evidence, PresentDescendantMakesAncestorFeaturePresent) {
  const Evidence ev = Build(R"("HP:0002066": "present")");  // Gait ataxia
  EXPECT_EQ(StateOf(ev, "HP:0001251"), Tri::kTrue);
}

TEST(Evidence, AbsentDescendantSaysNothingAboutAncestor) {
  const Evidence ev = Build(R"("HP:0002078": "absent")");  // no truncal ataxia
  EXPECT_EQ(StateOf(ev, "HP:0001251"), Tri::kUnknown);
}

TEST(Evidence, AbsentAncestorMakesDescendantFeaturesAbsent) {
  // Abnormality of eye movement (HP:0000496) absent: no opsoclonus, flutter or nystagmus.
  const Evidence ev = Build(R"("HP:0000496": "absent")");
  EXPECT_EQ(StateOf(ev, "HP:0010543"), Tri::kFalse);
  EXPECT_EQ(StateOf(ev, "HP:0031931"), Tri::kFalse);
  EXPECT_EQ(StateOf(ev, "HP:0000639"), Tri::kFalse);
  EXPECT_EQ(StateOf(ev, "HP:0001251"), Tri::kUnknown);
}

// The course and "improving on its own" answer each other; when both are given and disagree, the
// course decides for both (the differential reads the course, the cause model the history item)
// and a warning names the contradiction. Agreement, or a course that says nothing about recovery
// (relapsing, episodic), leaves the history answer alone and warns of nothing.
TEST(Evidence, CourseAndSpontaneousRecoveryNeverDisagree) {
  struct Row {
    const char* course;
    const char* recovery;  // nullptr: not given
    Tri expected;
    bool warns;
  };
  for (const Row& r : {Row{"improving", nullptr, Tri::kTrue, false}, Row{"worsening", nullptr, Tri::kFalse, false},
                       Row{"persistent", "absent", Tri::kFalse, false}, Row{"worsening", "present", Tri::kFalse, true},
                       Row{"persistent", "present", Tri::kFalse, true}, Row{"improving", "absent", Tri::kTrue, true},
                       Row{"relapsing", "present", Tri::kTrue, false}, Row{"episodic", "absent", Tri::kFalse, false}}) {
    std::string extra = std::string(R"("age": {"years": 3}, "course": ")") + r.course + "\"";
    if (r.recovery) extra += std::string(R"(, "history": {"spontaneous-recovery": ")") + r.recovery + "\"}";
    const Evidence ev = Build(R"("HP:0001251": "present")", extra);
    EXPECT_EQ(StateOf(ev, "history:spontaneous-recovery"), r.expected) << extra;
    EXPECT_EQ(StateOf(ev, std::string("course:") + r.course), Tri::kTrue) << extra;
    EXPECT_EQ(HasWarningContaining(ev, "contradicts course"), r.warns) << extra;
  }
}

TEST(Evidence, UnknownStaysUnknown) {
  const Evidence ev = Build(R"("HP:0010543": "unknown", "HP:0001251": "present")");
  EXPECT_EQ(StateOf(ev, "HP:0010543"), Tri::kUnknown);
  EXPECT_TRUE(ev.warnings.empty());
}

TEST(Evidence, ObsoleteIdIsReadAsItsReplacementWithAWarning) {
  const Evidence ev = Build(R"("HP:0001253": "present")");  // alt id of Ataxia
  EXPECT_EQ(StateOf(ev, "HP:0001251"), Tri::kTrue);
  EXPECT_TRUE(HasWarningContaining(ev, "findings.HP:0001253: obsolete or merged HPO id, read as HP:0001251"));
}

TEST(Evidence, TermOutsideTheKnowledgeBaseIsKeptAsAWarning) {
  const Evidence ev = Build(R"("HP:0001631": "present")");  // Atrial septal defect
  EXPECT_TRUE(HasWarningContaining(ev, "findings.HP:0001631: outside the knowledge base"));
}

TEST(Evidence, ATermMoreGeneralThanEveryFeatureIsKeptForTheDifferentialWithAWarning) {
  const Evidence ev = Build(R"("HP:0000496": "present", "HP:0012547": "present")");
  EXPECT_TRUE(HasWarningContaining(ev, "findings.HP:0000496: HP:0000496 'Abnormality of eye movement' is more "
                                       "general than the knowledge base's features; counted as at least one"));
  EXPECT_EQ(StateOf(ev, "HP:0010543"), Tri::kUnknown) << "opsoclonus is not made present";
  const KnowledgeBase& kb = Kb();
  ASSERT_EQ(ev.broader_terms.size(), 2u);
  EXPECT_EQ(kb.hpo_terms[ev.broader_terms[0]].id, "HP:0000496");
  EXPECT_EQ(kb.hpo_terms[ev.broader_terms[1]].id, "HP:0012547");
}

TEST(Evidence, PresentTermWithAbsentAncestorIsAContradiction) {
  Result<Evidence> ev = BuildEvidence(
      Kb(), MustParse(CaseWith(R"("HP:0001251": "absent", "HP:0002066": "present")")));
  ASSERT_FALSE(ev.ok());
  EXPECT_EQ(ev.error().code, ErrorCode::kContradiction);
  EXPECT_EQ(ev.error().path, "findings.HP:0001251");
  EXPECT_EQ(ev.error().message,
            "HP:0001251 'Ataxia' is absent but HP:0002066 'Gait ataxia' (findings.HP:0002066) is "
            "present, and a present term implies every term above it");
}

// Crosswalks (features.json countsFrom): a near-equivalent term HPO files elsewhere counts for the
// feature when present, says so in a warning, and yields to the feature entered absent.
TEST(Evidence, CrosswalkTermCountsForItsFeatureWithAWarning) {
  const Evidence ev = Build(R"("HP:0002317": "present")");  // Unsteady gait
  EXPECT_EQ(StateOf(ev, "HP:0001251"), Tri::kTrue);
  EXPECT_TRUE(HasWarningContaining(
      ev, "findings.HP:0002317: HP:0002317 'Unsteady gait' is read as HP:0001251 'Ataxia'"));
  const Evidence speech = Build(R"("HP:0001350": "present")");  // Slurred speech
  EXPECT_EQ(StateOf(speech, "HP:0001260"), Tri::kTrue);
  // Falls and Frequent falls (filed under movement and motor deficit) read as unsteadiness; a
  // child's loss of speech as the speech problem.
  EXPECT_EQ(StateOf(Build(R"("HP:0002527": "present")"), "HP:0001251"), Tri::kTrue);
  EXPECT_EQ(StateOf(Build(R"("HP:0002359": "present")"), "HP:0001251"), Tri::kTrue);
  EXPECT_EQ(StateOf(Build(R"("HP:0002371": "present")"), "HP:0001260"), Tri::kTrue);
  EXPECT_EQ(StateOf(Build(R"("HP:0002371": "present")"), "HP:0002300"), Tri::kUnknown) << "not mutism";
  // Gait imbalance and new clumsiness (each filed beside Ataxia in HPO) read as unsteadiness.
  EXPECT_EQ(StateOf(Build(R"("HP:0002141": "present")"), "HP:0001251"), Tri::kTrue);
  EXPECT_EQ(StateOf(Build(R"("HP:0002312": "present")"), "HP:0001251"), Tri::kTrue);
  // Abducens and fourth nerve palsies weaken eye movements, as the oculomotor palsy HPO files under
  // Ophthalmoparesis does.
  EXPECT_EQ(StateOf(Build(R"("HP:0006897": "present")"), "HP:0000597"), Tri::kTrue);
  EXPECT_EQ(StateOf(Build(R"("HP:0007011": "present")"), "HP:0000597"), Tri::kTrue);
  EXPECT_EQ(StateOf(Build(R"("HP:0006897": "absent")"), "HP:0000597"), Tri::kUnknown);
  // Impaired ocular abduction is such a limitation; impaired tandem gait the bedside test of gait
  // ataxia; scanning speech the dysarthria of a cerebellar illness.
  EXPECT_EQ(StateOf(Build(R"("HP:0000634": "present")"), "HP:0000597"), Tri::kTrue);
  EXPECT_EQ(StateOf(Build(R"("HP:0031629": "present")"), "HP:0001251"), Tri::kTrue);
  EXPECT_EQ(StateOf(Build(R"("HP:0002168": "present")"), "HP:0001260"), Tri::kTrue);
}

// readAs (features.json): Oscillopsia, present, is read as Abnormal involuntary eye movements, which
// the differential counts as at least one of the eye movements below it; absent, it says nothing.
TEST(Evidence, OscillopsiaIsReadAsAnInvoluntaryEyeMovement) {
  const Evidence ev = Build(R"("HP:0034773": "present")");
  EXPECT_TRUE(HasWarningContaining(ev, "findings.HP:0034773: HP:0034773 'Oscillopsia' is read as "
                                       "HP:0012547 'Abnormal involuntary eye movements'"));
  ASSERT_EQ(ev.broader_terms.size(), 1u);
  EXPECT_EQ(Kb().hpo_terms[static_cast<size_t>(ev.broader_terms[0])].id, "HP:0012547");
  for (const char* id : {"HP:0010543", "HP:0031931", "HP:0000639"}) EXPECT_EQ(StateOf(ev, id), Tri::kUnknown) << id;
  const Evidence absent = Build(R"("HP:0034773": "absent")");
  EXPECT_TRUE(absent.broader_terms.empty());
  for (const char* id : {"HP:0010543", "HP:0031931", "HP:0000639"}) EXPECT_EQ(StateOf(absent, id), Tri::kUnknown) << id;
  EXPECT_TRUE(Kb().CountsAsBroader(Kb().hpo_terms[static_cast<size_t>(Kb().FindHpo("HP:0034773"))]));
  // With every eye movement below it entered absent it counts for nothing, and the warning says so.
  const Evidence none =
      Build(R"("HP:0034773": "present", "HP:0010543": "absent", "HP:0031931": "absent", "HP:0000639": "absent")");
  EXPECT_TRUE(HasWarningContaining(none, "every one of them below it is entered absent; not counted"));
  EXPECT_FALSE(HasWarningContaining(none, "counted as at least one"));
}

TEST(Evidence, CrosswalkAbsentSaysNothing) {
  const Evidence ev = Build(R"("HP:0002317": "absent")");
  EXPECT_EQ(StateOf(ev, "HP:0001251"), Tri::kUnknown);
}

TEST(Evidence, FeatureEnteredAbsentOverridesACrosswalkButNotTheHierarchy) {
  const Evidence ev = Build(R"("HP:0002317": "present", "HP:0001251": "absent")");
  EXPECT_EQ(StateOf(ev, "HP:0001251"), Tri::kFalse);
  // Unsteady gait and Gait ataxia: the HPO descendant keeps ataxia present against an absent.
  Result<Evidence> both = BuildEvidence(
      Kb(), MustParse(CaseWith(
                R"("HP:0002317": "present", "HP:0002066": "present", "HP:0001251": "absent")")));
  ASSERT_FALSE(both.ok());
  EXPECT_EQ(both.error().code, ErrorCode::kContradiction);
  // In either order of the present terms, the hierarchy's reading is the one kept.
  const Evidence order = Build(R"("HP:0002066": "present", "HP:0002317": "present")");
  EXPECT_EQ(StateOf(order, "HP:0001251"), Tri::kTrue);
}

// Excludes (features.json): a branch under Behavioral abnormality that is not an OMS behavioural
// change (Sensory behavioral abnormality, with Photophobia under it) counts for nothing.
TEST(Evidence, ExcludedBranchDoesNotCountForTheFeature) {
  const Evidence photophobia = Build(R"("HP:0000613": "present")");
  EXPECT_EQ(StateOf(photophobia, "HP:0000708"), Tri::kUnknown);
  EXPECT_TRUE(HasWarningContaining(photophobia, "findings.HP:0000613: outside the knowledge base"));
  const Evidence aggression = Build(R"("HP:0000718": "present")");  // Aggressive behavior
  EXPECT_EQ(StateOf(aggression, "HP:0000708"), Tri::kTrue);
}

// A feature that leaves another feature's branch out is not answered by it either way: "no twisted
// postures" (dystonia absent) beside "a head tilt" (torticollis, which dystonia excludes) is not a
// contradiction, nor "no swings of heart rate or blood pressure" beside a Horner syndrome; a term
// above both still answers for both.
TEST(Evidence, AFeatureThatExcludesABranchIsNotAnsweredByIt) {
  const Evidence tilt = Build(R"("HP:0000473": "present", "HP:0001332": "absent")");
  EXPECT_EQ(StateOf(tilt, "HP:0000473"), Tri::kTrue);
  EXPECT_EQ(StateOf(tilt, "HP:0001332"), Tri::kFalse);
  const Evidence horner = Build(R"("HP:0002277": "present", "HP:0012332": "absent")");
  EXPECT_EQ(StateOf(horner, "HP:0002277"), Tri::kTrue);
  EXPECT_EQ(StateOf(horner, "HP:0012332"), Tri::kFalse);
  const Evidence none = Build(R"("HP:0001332": "absent")");
  EXPECT_EQ(StateOf(none, "HP:0000473"), Tri::kUnknown) << "no dystonia says nothing of a head tilt";
}

TEST(Evidence, ExposuresTestsAntibodiesAndOnsetBecomeVariables) {
  const Evidence ev = Build("", R"("exposures": ["recent-infection"], "tests": {"eeg": "normal",
      "brain-mri": "abnormal", "csf-analysis": "pending"}, "antibodies": {"anti-Ri": "positive"},
      "onset": "acute")");
  EXPECT_EQ(StateOf(ev, "exposure:recent-infection"), Tri::kTrue);
  EXPECT_EQ(StateOf(ev, "exposure:drug-or-toxin"), Tri::kUnknown) << "not listed is not absent";
  EXPECT_EQ(StateOf(ev, "test:eeg"), Tri::kFalse);
  EXPECT_EQ(StateOf(ev, "test:brain-mri"), Tri::kTrue);
  EXPECT_EQ(StateOf(ev, "test:csf-analysis"), Tri::kUnknown);
  EXPECT_EQ(StateOf(ev, "antibody:anti-Ri"), Tri::kTrue);
  EXPECT_EQ(StateOf(ev, "onset:acute"), Tri::kTrue);
  EXPECT_EQ(StateOf(ev, "onset:chronic"), Tri::kFalse);
}

// The anti-GQ1b test in the work-up is the anti-GQ1b antibody: a result entered either way counts
// once in the differential and shows the test done (the work-up's result was ignored before, and
// an antibody entered left the test "recommended").
TEST(Evidence, ATestThatIsAnAntibodyAndTheAntibodyAnswerEachOther) {
  const int test = Kb().FindTest("anti-gq1b");
  const int antibody = Kb().FindAntibody("anti-GQ1b");
  ASSERT_GE(test, 0);
  ASSERT_GE(antibody, 0);
  ASSERT_EQ(Kb().tests[test].measures, std::vector<int>{antibody});
  Evidence ev = Build("", R"("tests": {"anti-gq1b": "abnormal"})");
  EXPECT_EQ(ev.antibodies[antibody], AntibodyState::kPositive);
  EXPECT_EQ(StateOf(ev, "antibody:anti-GQ1b"), Tri::kTrue);
  ev = Build("", R"("antibodies": {"anti-GQ1b": "negative"})");
  EXPECT_EQ(ev.tests[test], TestState::kNormal);
  EXPECT_EQ(StateOf(ev, "test:anti-gq1b"), Tri::kFalse);
  // Pending stays pending; disagreeing answers: the antibody decides both, with a warning.
  ev = Build("", R"("tests": {"anti-gq1b": "pending"}, "antibodies": {"anti-GQ1b": "pending"})");
  EXPECT_EQ(ev.tests[test], TestState::kPending);
  EXPECT_EQ(StateOf(ev, "antibody:anti-GQ1b"), Tri::kUnknown);
  ev = Build("", R"("tests": {"anti-gq1b": "normal"}, "antibodies": {"anti-GQ1b": "positive"})");
  EXPECT_EQ(ev.tests[test], TestState::kAbnormal);
  EXPECT_EQ(StateOf(ev, "test:anti-gq1b"), Tri::kTrue);
  EXPECT_TRUE(HasWarningContaining(ev, "the antibody result was used for both"));
  // The panel is shown done and abnormal by any of its antibodies entered positive; its own
  // "abnormal" names none of them.
  const int panel = Kb().FindTest("paraneoplastic-antibody-panel");
  ASSERT_GE(panel, 0);
  ev = Build("", R"("antibodies": {"anti-Ri": "positive"})");
  EXPECT_EQ(ev.tests[panel], TestState::kAbnormal);
  ev = Build("", R"("antibodies": {"anti-Ri": "negative"})");
  EXPECT_EQ(ev.tests[panel], TestState::kNotDone);
  ev = Build("", R"("tests": {"paraneoplastic-antibody-panel": "abnormal"})");
  EXPECT_EQ(ev.antibodies[Kb().FindAntibody("anti-Ri")], AntibodyState::kNotTested);
}

// A test result the case contradicts, or that nothing counts, is said: CSF entered normal beside
// CSF pleocytosis recorded present (the finding is used), and an HIV test that neither the
// differential nor the causes of OMS have a frequency for (the clinician reads it). Coeliac serology
// counts (gluten ataxia lists it, and the others take its population rate).
TEST(Evidence, ATestResultTheCaseContradictsOrNothingCountsIsAWarning) {
  Evidence ev = Build(R"("HP:0012229": "present")", R"("tests": {"csf-analysis": "normal"})");
  EXPECT_TRUE(HasWarningContaining(ev, "tests.csf-analysis: 'normal', but CSF pleocytosis")) << ::testing::PrintToString(ev.warnings);
  ev = Build(R"("HP:0012229": "absent")", R"("tests": {"csf-analysis": "normal"})");
  EXPECT_FALSE(HasWarningContaining(ev, "tests.csf-analysis"));
  ev = Build("", R"("tests": {"hiv-test": "abnormal"})");
  EXPECT_TRUE(HasWarningContaining(ev, "tests.hiv-test: the result is shown in the work-up but not counted"));
  ev = Build("", R"("tests": {"coeliac-serology": "abnormal"})");
  EXPECT_FALSE(HasWarningContaining(ev, "tests.coeliac-serology")) << ::testing::PrintToString(ev.warnings);
  ev = Build("", R"("tests": {"hiv-test": "pending", "csf-analysis": "abnormal", "anti-gq1b": "normal"})");
  EXPECT_TRUE(ev.warnings.empty()) << ::testing::PrintToString(ev.warnings);
}

TEST(Evidence, ExposureObjectFormCarriesAbsence) {
  const Evidence ev = Build("", R"("exposures": {"drug-or-toxin": "absent", "recent-infection": "present"})");
  EXPECT_EQ(StateOf(ev, "exposure:drug-or-toxin"), Tri::kFalse);
  EXPECT_EQ(StateOf(ev, "exposure:recent-infection"), Tri::kTrue);
}

TEST(Evidence, FindingOrderDoesNotMatter) {
  const Evidence a = Build(R"("HP:0002066": "present", "HP:0010543": "absent", "HP:0000737": "present")");
  const Evidence b = Build(R"("HP:0000737": "present", "HP:0010543": "absent", "HP:0002066": "present")");
  EXPECT_EQ(a.vars, b.vars);
}

// ---- rule evaluator (Kleene logic) ----

Rule Leaf(int ref) {
  Rule r;
  r.type = RuleType::kFeature;
  r.ref = ref;
  return r;
}

Rule Node(RuleType type, std::vector<Rule> children, int minimum = 0) {
  Rule r;
  r.type = type;
  r.children = std::move(children);
  r.minimum = minimum;
  return r;
}

TEST(Rules, ThreeValuedCombinators) {
  Evidence ev;
  ev.vars = {Tri::kTrue, Tri::kFalse, Tri::kUnknown};
  EXPECT_EQ(EvaluateRule(Node(RuleType::kAllOf, {Leaf(0), Leaf(2)}), ev), Tri::kUnknown);
  EXPECT_EQ(EvaluateRule(Node(RuleType::kAllOf, {Leaf(1), Leaf(2)}), ev), Tri::kFalse);
  EXPECT_EQ(EvaluateRule(Node(RuleType::kAnyOf, {Leaf(1), Leaf(2)}), ev), Tri::kUnknown);
  EXPECT_EQ(EvaluateRule(Node(RuleType::kAnyOf, {Leaf(0), Leaf(2)}), ev), Tri::kTrue);
  EXPECT_EQ(EvaluateRule(Node(RuleType::kNot, {Leaf(2)}), ev), Tri::kUnknown);
  EXPECT_EQ(EvaluateRule(Node(RuleType::kNot, {Leaf(1)}), ev), Tri::kTrue);
  EXPECT_EQ(EvaluateRule(Node(RuleType::kAtLeast, {Leaf(0), Leaf(1), Leaf(2)}, 2), ev), Tri::kUnknown);
  EXPECT_EQ(EvaluateRule(Node(RuleType::kAtLeast, {Leaf(0), Leaf(1), Leaf(2)}, 1), ev), Tri::kTrue);
  EXPECT_EQ(EvaluateRule(Node(RuleType::kAtLeast, {Leaf(1), Leaf(1), Leaf(2)}, 2), ev), Tri::kFalse);
}

TEST(Rules, AgeIsUnknownWithoutAnAgeAndHalfOpenWithOne) {
  Rule age;
  age.type = RuleType::kAge;
  age.min = 1;
  age.max = 6;
  Evidence ev;
  EXPECT_EQ(EvaluateRule(age, ev), Tri::kUnknown);
  ev.age_years = 1.0;
  EXPECT_EQ(EvaluateRule(age, ev), Tri::kTrue);
  ev.age_years = 6.0;
  EXPECT_EQ(EvaluateRule(age, ev), Tri::kFalse);
}

// A red_flag rule holds as the flags it stands for are raised: "any emergency flag" is the any_of
// of those flags' own rules, in all three values, except that a flag unknown only for want of the
// age or sex counts as raised (as it is shown), whatever the case.
TEST(Rules, ARedFlagRuleIsTheAnyOfOfItsFlags) {
  const KnowledgeBase& kb = Kb();
  for (const std::string_view action : {"emergency", "urgent", "soon"}) {
    Rule selector;
    selector.type = RuleType::kRedFlag;
    Rule any;
    any.type = RuleType::kAnyOf;
    for (size_t i = 0; i < kb.red_flags.size(); ++i) {
      if (kb.red_flags[i].action != action) continue;
      selector.flags.push_back(static_cast<int>(i));
      any.children.push_back(kb.red_flags[i].when);
    }
    ASSERT_FALSE(selector.flags.empty()) << action;
    for (const char* findings : {"", R"("HP:0001250": "present")", R"("HP:0001250": "absent")",
                                 R"("HP:0001251": "present", "HP:0010543": "present")",
                                 R"("HP:0001945": "present", "HP:0031179": "present")"}) {
      for (const char* extra : {R"("age": {"years": 2})", R"("age": {"years": 40}, "onset": "acute")"}) {
        const Evidence ev = Build(findings, extra);
        EXPECT_EQ(EvaluateRule(selector, ev), EvaluateRule(any, ev)) << action << " " << findings << extra;
      }
    }
  }
  // A lump in the tummy with no age: the neuroblastoma flag's own rule is unknown (is it a
  // child?), but the flag is raised, and a rule that refers to it agrees.
  const auto nb = std::find_if(kb.red_flags.begin(), kb.red_flags.end(),
                               [](const RedFlag& f) { return f.id == "neuroblastoma-sign"; });
  ASSERT_NE(nb, kb.red_flags.end());
  Rule sign;
  sign.type = RuleType::kRedFlag;
  sign.flags = {static_cast<int>(nb - kb.red_flags.begin())};
  const Evidence no_age = Build(R"("HP:0031500": "present")");
  EXPECT_EQ(EvaluateRule(nb->when, no_age), Tri::kUnknown);
  EXPECT_EQ(EvaluateRule(sign, no_age), Tri::kTrue);
  EXPECT_EQ(EvaluateRule(sign, Build(R"("HP:0031500": "present")", R"("age": {"years": 40})")), Tri::kFalse);

  // A seizure raises an emergency flag; without any knowledge base there is nothing to say.
  Rule seizure;
  seizure.type = RuleType::kRedFlag;
  seizure.flags = {
      static_cast<int>(std::find_if(kb.red_flags.begin(), kb.red_flags.end(),
                                    [](const RedFlag& f) { return f.id == "seizure"; }) -
                       kb.red_flags.begin())};
  EXPECT_EQ(EvaluateRule(seizure, Build(R"("HP:0001250": "present")")), Tri::kTrue);
  EXPECT_EQ(EvaluateRule(seizure, Build(R"("HP:0001250": "absent")")), Tri::kFalse);
  EXPECT_EQ(EvaluateRule(seizure, Build("")), Tri::kUnknown);
  EXPECT_EQ(EvaluateRule(seizure, Evidence{}), Tri::kUnknown);
}

}  // namespace
}  // namespace omsaid
