// SPDX-License-Identifier: MIT
// Genoa 2005 (at least 3 of 4) evaluated from data/criteria.json: boundaries and unknowns.
#include "omsaid/criteria.h"

#include "test_util.h"

namespace omsaid {
namespace {

using testing::CaseWith;
using testing::Kb;
using testing::MustParse;

const CriteriaResult Genoa(std::string_view findings) {
  Case c = MustParse(CaseWith(findings));
  Result<Evidence> ev = BuildEvidence(Kb(), c);
  EXPECT_TRUE(ev.ok());
  std::vector<CriteriaResult> all = EvaluateCriteria(Kb(), &ev.value());
  for (const CriteriaResult& r : all) {
    if (r.id == "genoa-2005") return r;
  }
  ADD_FAILURE() << "no genoa-2005 criteria set";
  return {};
}

constexpr const char* kOpsoclonus = R"("HP:0010543": "present")";
constexpr const char* kMyoclonus = R"("HP:0001336": "present")";
constexpr const char* kIrritable = R"("HP:0000737": "present")";
constexpr const char* kNeuroblastoma = R"("HP:0003006": "present")";

std::string Join(std::initializer_list<std::string_view> parts) {
  std::string s;
  for (std::string_view p : parts) {
    if (!s.empty()) s += ", ";
    s += p;
  }
  return s;
}

TEST(Criteria, AllThreeClinicalFeaturesWithoutTumourAreMet) {
  const CriteriaResult r = Genoa(Join({kOpsoclonus, kMyoclonus, kIrritable, R"("HP:0003006": "absent")"}));
  EXPECT_EQ(r.status, CriteriaStatus::kMet);
  EXPECT_EQ(r.count, 3);
  EXPECT_EQ(r.required, 3);
  EXPECT_TRUE(r.needs.empty());
}

TEST(Criteria, TwoPresentTwoAbsentIsNotMet) {
  const CriteriaResult r = Genoa(Join({kOpsoclonus, kMyoclonus, R"("HP:0000737": "absent")",
                                      R"("HP:0000708": "absent")", R"("HP:0002360": "absent")",
                                      R"("HP:0003006": "absent")", R"("HP:0003005": "absent")"}));
  EXPECT_EQ(r.status, CriteriaStatus::kNotMet);
  EXPECT_EQ(r.count, 2);
}

TEST(Criteria, TwoPresentWithUnknownsIsIndeterminateAndNamesWhatDecides) {
  const CriteriaResult r = Genoa(Join({kOpsoclonus, kMyoclonus}));
  EXPECT_EQ(r.status, CriteriaStatus::kIndeterminate);
  EXPECT_EQ(r.count, 2);
  EXPECT_EQ(r.needs_items, (std::vector<std::string>{"behaviour", "tumour"}));
  ASSERT_EQ(r.needs.size(), 2u);
  EXPECT_EQ(r.needs[1], "Neuroblastic tumour (neuroblastoma, ganglioneuroblastoma or ganglioneuroma)");
}

TEST(Criteria, UnknownThatCannotChangeTheVerdictIsNotNeeded) {
  // Three present: met whatever the fourth is.
  EXPECT_EQ(Genoa(Join({kOpsoclonus, kMyoclonus, kIrritable})).status, CriteriaStatus::kMet);
  // One present, one unknown, two absent: even if the unknown were present, 2 < 3.
  const CriteriaResult r = Genoa(Join({kOpsoclonus, R"("HP:0001336": "absent")",
                                      R"("HP:0001251": "absent")", R"("HP:0003006": "absent")",
                                      R"("HP:0003005": "absent")"}));
  EXPECT_EQ(r.status, CriteriaStatus::kNotMet);
  EXPECT_TRUE(r.needs.empty());
}

TEST(Criteria, NeuroblastomaIsTheFourthCriterion) {
  const CriteriaResult r = Genoa(Join({kOpsoclonus, kMyoclonus, kNeuroblastoma,
                                      R"("HP:0000737": "absent")", R"("HP:0000708": "absent")",
                                      R"("HP:0002360": "absent")"}));
  EXPECT_EQ(r.status, CriteriaStatus::kMet);
  EXPECT_EQ(r.count, 3);
}

TEST(Criteria, GanglioneuroblastomaCountsAsNeuroblastomaThroughHpo) {
  const CriteriaResult r = Genoa(Join({kOpsoclonus, kMyoclonus, R"("HP:0006747": "present")"}));
  EXPECT_EQ(r.status, CriteriaStatus::kMet);
}

TEST(Criteria, OcularFlutterIsTheSameCriterionAsOpsoclonus) {
  const CriteriaResult both = Genoa(Join({kOpsoclonus, R"("HP:0031931": "present")", kMyoclonus}));
  EXPECT_EQ(both.count, 2) << "opsoclonus and flutter together are still one criterion";
  EXPECT_EQ(both.status, CriteriaStatus::kIndeterminate);
  const CriteriaResult flutter = Genoa(Join({R"("HP:0031931": "present")", kMyoclonus, kIrritable}));
  EXPECT_EQ(flutter.status, CriteriaStatus::kMet);
}

TEST(Criteria, EyeItemIsUnknownUntilBothEyeSignsAreAnswered) {
  const CriteriaResult r = Genoa(Join({R"("HP:0010543": "absent")", kMyoclonus, kIrritable}));
  EXPECT_EQ(r.status, CriteriaStatus::kIndeterminate);
  EXPECT_EQ(r.items[0].status, Tri::kUnknown) << "flutter is still unknown";
  const CriteriaResult no_eye = Genoa(Join({R"("HP:0010543": "absent")", R"("HP:0031931": "absent")",
                                           kMyoclonus, kIrritable}));
  EXPECT_EQ(no_eye.items[0].status, Tri::kFalse);
  EXPECT_EQ(no_eye.status, CriteriaStatus::kIndeterminate) << "tumour still unknown";
  EXPECT_EQ(no_eye.needs_items, std::vector<std::string>{"tumour"});
}

TEST(Criteria, NothingAnsweredIsIndeterminateNeedingAllFour) {
  const CriteriaResult r = Genoa("");
  EXPECT_EQ(r.status, CriteriaStatus::kIndeterminate);
  EXPECT_EQ(r.count, 0);
  EXPECT_EQ(r.needs.size(), 4u);
}

TEST(Criteria, DescendantTermsCount) {
  // Truncal ataxia (HP:0002078) is an Ataxia; Insomnia (HP:0100785) a Sleep disturbance.
  const CriteriaResult r = Genoa(Join({kOpsoclonus, R"("HP:0002078": "present")",
                                      R"("HP:0100785": "present")"}));
  EXPECT_EQ(r.status, CriteriaStatus::kMet);
}

// A criteria set for another population keeps its status for display, but a rule asking whether it
// is met is false for the case (the adult working definition does not make a child's OMS "met").
TEST(Criteria, ARuleOnASetForAnotherPopulationIsFalse) {
  const KnowledgeBase& kb = Kb();
  const int adult = [&] {
    for (size_t i = 0; i < kb.criteria.size(); ++i) {
      if (kb.criteria[i].id == "adult-oms-working") return static_cast<int>(i);
    }
    return -1;
  }();
  ASSERT_GE(adult, 0);
  Rule met;
  met.type = RuleType::kCriteria;
  met.id = "adult-oms-working";
  met.ref = adult;
  met.values = {"met"};
  auto evaluate = [&](std::string_view extra) {
    Result<Evidence> ev = BuildEvidence(kb, MustParse(CaseWith(Join({kOpsoclonus, kMyoclonus}), extra)));
    EXPECT_TRUE(ev.ok());
    const std::vector<CriteriaResult> all = EvaluateCriteria(kb, &ev.value());
    EXPECT_EQ(all[adult].status, CriteriaStatus::kMet) << extra;
    return EvaluateRule(met, ev.value());
  };
  EXPECT_EQ(evaluate(R"("age": {"years": 12})"), Tri::kFalse) << "a child: the adult set does not apply";
  EXPECT_EQ(evaluate(R"("age": {"years": 40})"), Tri::kTrue);
  EXPECT_EQ(evaluate(""), Tri::kTrue) << "without an age, the set may apply";
}

}  // namespace
// A criterion only a tumour search answers, still needed, beside a plan that orders no such search:
// the report says why (and when the plan will), rather than "needs a tumour" with no scan in sight.
// With a search in the plan it says nothing.
TEST(Criteria, ANeededTumourTheWorkupDoesNotSeekIsExplained) {
  auto genoa = [](std::string_view case_json) {
    Result<Report> r = EvaluateCase(Kb(), MustParse(case_json));
    EXPECT_TRUE(r.ok());
    for (const CriteriaResult& c : r.value().criteria) {
      if (c.id == "genoa-2005") return c;
    }
    return CriteriaResult{};
  };
  // Unsteady and irritable after a virus, eyes not yet examined: two items, and the tumour would
  // decide; OMS is not likely enough for a scan.
  const char* unsteady = R"({"caseVersion": 1, "age": {"years": 2.5}, "onset": "acute",
      "exposures": ["recent-infection"], "findings": {"HP:0001251": "present", "HP:0000737": "present",
      "HP:0010543": "absent", "HP:0031931": "absent", "HP:0002360": "absent"},
      "history": {"spontaneous-recovery": "present"}})";
  CriteriaResult c = genoa(unsteady);
  ASSERT_EQ(c.status, CriteriaStatus::kIndeterminate);
  ASSERT_EQ(c.needs_items, std::vector<std::string>{"tumour"});
  ASSERT_EQ(c.not_sought.size(), 1u);
  EXPECT_NE(c.not_sought[0]->if_not_sought.find("dancing eyes"), std::string::npos);

  // Dancing eyes in a child: the scan is ordered, so nothing needs explaining.
  c = genoa(R"({"caseVersion": 1, "age": {"years": 2.5}, "findings": {"HP:0010543": "present",
      "HP:0001251": "present"}})");
  ASSERT_EQ(c.status, CriteriaStatus::kIndeterminate);
  EXPECT_TRUE(c.not_sought.empty());

  // The search already done (pending): sought.
  std::string pending = unsteady;
  pending.insert(pending.rfind('}'), R"(, "tests": {"urine-catecholamines": "pending"})");
  EXPECT_TRUE(genoa(pending).not_sought.empty());
}

}  // namespace omsaid
