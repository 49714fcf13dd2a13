// SPDX-License-Identifier: MIT
// The plan on the shipped knowledge base: work-up status and urgency from the test states, repeat
// schedules after a negative screen, "unknown" indications, red flags, care team and PNS-Care.
#include "omsaid/workup.h"

#include "omsaid/pns_care.h"
#include "test_util.h"

namespace omsaid {
namespace {

using testing::CaseWith;
using testing::Kb;
using testing::MustParse;

struct Plan {
  std::vector<WorkupItem> workup;
};

Plan PlanFor(std::string_view findings, std::string_view extra) {
  Result<Report> report = EvaluateCase(Kb(), MustParse(CaseWith(findings, extra)));
  EXPECT_TRUE(report.ok());
  return Plan{report.ok() ? report.value().workup : std::vector<WorkupItem>{}};
}

bool Listed(const Plan& p, std::string_view id) {
  for (const WorkupItem& w : p.workup) {
    if (Kb().tests[w.test].id == id) return true;
  }
  return false;
}

const WorkupItem& Item(const Plan& p, std::string_view id) {
  for (const WorkupItem& w : p.workup) {
    if (Kb().tests[w.test].id == id) return w;
  }
  ADD_FAILURE() << "no work-up item " << id;
  static WorkupItem none;
  return none;
}

constexpr const char* kOmsChild =
    R"("HP:0010543": "present", "HP:0001336": "present", "HP:0000737": "present")";

TEST(Workup, ChildWithOmsGetsUrgentImagingFirstAndComplements) {
  const Plan p = PlanFor(kOmsChild, R"("age": {"years": 2})");
  EXPECT_EQ(ToString(Item(p, "imaging-chest-abdomen-pelvis").status), "recommended");
  EXPECT_EQ(Item(p, "imaging-chest-abdomen-pelvis").urgency, "urgent");
  EXPECT_EQ(ToString(Item(p, "urine-catecholamines").status), "recommended");
  EXPECT_EQ(ToString(Item(p, "mibg-scan").status), "recommended");
  EXPECT_FALSE(Listed(p, "ct-chest-abdomen-pelvis")) << "the adult screen is not listed for a child";
  EXPECT_EQ(ToString(p.workup.front().status), "recommended");
  EXPECT_EQ(p.workup.front().urgency, "urgent") << "most urgent first";
}

// With the neuroblastoma already found, the scans are for its stage, not "the first test for a hidden
// tumour": the reason says so, and the plan keeps the scans (the oncology team decides which).
TEST(Workup, ANeuroblastomaFoundIsStagedNotSearchedFor) {
  const Plan found = PlanFor(std::string(kOmsChild) + R"(, "HP:0003006": "present")", R"("age": {"years": 2})");
  for (const char* id : {"imaging-chest-abdomen-pelvis", "mibg-scan"}) {
    const WorkupItem& w = Item(found, id);
    EXPECT_EQ(ToString(w.status), "recommended") << id;
    ASSERT_NE(w.indication, nullptr) << id;
    EXPECT_NE(w.indication->reason.find("has been found"), std::string::npos) << id << ": " << w.indication->reason;
    EXPECT_NE(w.indication->reason.find("stag"), std::string::npos) << id << ": " << w.indication->reason;
  }
  EXPECT_EQ(Item(found, "imaging-chest-abdomen-pelvis").urgency, "urgent");
  // Not yet found: the search, as before.
  const Plan search = PlanFor(kOmsChild, R"("age": {"years": 2})");
  ASSERT_NE(Item(search, "imaging-chest-abdomen-pelvis").indication, nullptr);
  EXPECT_NE(Item(search, "imaging-chest-abdomen-pelvis").indication->reason.find("comes first"), std::string::npos);
}

// Opsoclonus alone in a toddler (the other signs not yet noticed) makes OMS the likely diagnosis,
// which starts the tumour screen on its own; opsoclonus with "Unsteady gait" (read as ataxia) does
// through the criteria items. Nystagmus alone does neither.
TEST(Workup, LikelyOmsStartsTheTumourScreenBeforeTwoCriteria) {
  const Plan eyes = PlanFor(R"("HP:0010543": "present")", R"("age": {"months": 20})");
  EXPECT_EQ(ToString(Item(eyes, "imaging-chest-abdomen-pelvis").status), "recommended");
  EXPECT_EQ(Item(eyes, "imaging-chest-abdomen-pelvis").urgency, "urgent");
  const Plan gait =
      PlanFor(R"("HP:0010543": "present", "HP:0002317": "present")", R"("age": {"months": 18})");
  EXPECT_EQ(ToString(Item(gait, "imaging-chest-abdomen-pelvis").status), "recommended");
  const Plan nystagmus = PlanFor(R"("HP:0000639": "present")", R"("age": {"months": 20})");
  EXPECT_EQ(ToString(Item(nystagmus, "imaging-chest-abdomen-pelvis").status), "not_indicated");
}

// Dancing eyes in a child start the urgent tumour screen on their own, whatever else the case holds
// and however low the differential puts OMS (an older child with fever, where a post-viral ataxia
// ranks first): the tumour is one of the Genoa criteria, so OMS cannot be settled without the
// search. Eye shaking the child can start and stop at will (voluntary flutter) does not start it.
TEST(Workup, DancingEyesInAnyChildStartTheUrgentTumourScreen) {
  for (const char* age : {R"({"days": 42})", R"({"months": 8})", R"({"months": 20})", R"({"years": 5})",
                          R"({"years": 11})", R"({"years": 16})"}) {
    for (const char* eyes : {"HP:0010543", "HP:0031931"}) {
      for (const char* with : {"", R"(, "HP:0001945": "present", "HP:0002013": "present")"}) {
        const std::string findings = "\"" + std::string(eyes) + "\": \"present\"" + with;
        const Plan p = PlanFor(findings, std::string(R"("age": )") + age);
        EXPECT_EQ(ToString(Item(p, "imaging-chest-abdomen-pelvis").status), "recommended") << age << findings;
        EXPECT_EQ(Item(p, "imaging-chest-abdomen-pelvis").urgency, "urgent") << age << findings;
      }
    }
  }
  const Plan voluntary = PlanFor(R"("HP:0031931": "present")",
                                 R"("age": {"years": 11}, "history": {"episodes-on-demand": "present"})");
  EXPECT_NE(Item(voluntary, "imaging-chest-abdomen-pelvis").urgency, "urgent");
}

// A child whose ataxia is not getting better on its own gets tumour imaging (soon) even without
// opsoclonus (Blokker 2006, Wolff 2001); recovering ataxia does not, nor does an adult.
TEST(Workup, NonRecoveringAtaxiaInAChildGetsTumourImaging) {
  const Plan stuck = PlanFor(R"("HP:0001251": "present")",
                             R"("age": {"years": 2}, "history": {"spontaneous-recovery": "absent"})");
  EXPECT_EQ(ToString(Item(stuck, "imaging-chest-abdomen-pelvis").status), "recommended");
  EXPECT_EQ(Item(stuck, "imaging-chest-abdomen-pelvis").urgency, "soon");
  const Plan recovering = PlanFor(R"("HP:0001251": "present")",
                                  R"("age": {"years": 2}, "history": {"spontaneous-recovery": "present"})");
  EXPECT_EQ(ToString(Item(recovering, "imaging-chest-abdomen-pelvis").status), "not_indicated");
  const Plan adult = PlanFor(R"("HP:0001251": "present")",
                             R"("age": {"years": 40}, "history": {"spontaneous-recovery": "absent"})");
  EXPECT_FALSE(Listed(adult, "imaging-chest-abdomen-pelvis")) << "the child screen";
}

// ... but not in the first week of a post-viral ataxia: "not better yet" on day 2 is not prolonged.
TEST(Workup, NotYetBetterInTheFirstWeekIsNotAProlongedAtaxia) {
  const Plan day2 = PlanFor(R"("HP:0001251": "present")",
                            R"("age": {"years": 7}, "course": "persistent", "duration": {"days": 2})");
  EXPECT_EQ(ToString(Item(day2, "imaging-chest-abdomen-pelvis").status), "not_indicated");
  EXPECT_EQ(ToString(Item(day2, "coeliac-serology").status), "not_indicated");
  const Plan week3 = PlanFor(R"("HP:0001251": "present")",
                             R"("age": {"years": 7}, "course": "persistent", "duration": {"days": 20})");
  EXPECT_EQ(ToString(Item(week3, "imaging-chest-abdomen-pelvis").status), "recommended");
  const Plan month2 = PlanFor(R"("HP:0001251": "present")",
                              R"("age": {"years": 7}, "course": "persistent", "duration": {"months": 2})");
  EXPECT_EQ(ToString(Item(month2, "coeliac-serology").status), "recommended");
}

// Spinal fluid results recorded (no cells, oligoclonal bands found) mean the lumbar puncture was
// done: it is shown done (abnormal), not recommended again. A neuroblastoma found does not show
// which scan found it, so the imaging keeps its own status.
TEST(Workup, SpinalFluidResultsShowTheLumbarPunctureDone) {
  const Plan bands = PlanFor(std::string(kOmsChild) + R"(, "HP:0012229": "absent", "HP:6000397": "present")",
                             R"("age": {"years": 2})");
  EXPECT_EQ(ToString(Item(bands, "csf-analysis").status), "done_abnormal");
  const Plan clear = PlanFor(std::string(kOmsChild) + R"(, "HP:0012229": "absent")", R"("age": {"years": 2})");
  EXPECT_EQ(ToString(Item(clear, "csf-analysis").status), "done_normal");
  const Plan tumour = PlanFor(std::string(kOmsChild) + R"(, "HP:0003006": "present")", R"("age": {"years": 2})");
  EXPECT_NE(ToString(Item(tumour, "imaging-chest-abdomen-pelvis").status), "done_abnormal");
}

TEST(Workup, AdultWomanGetsCtBreastAndPelvisAndAntibodies) {
  const Plan p = PlanFor(kOmsChild, R"("age": {"years": 52}, "sex": "female")");
  for (const char* id : {"ct-chest-abdomen-pelvis", "breast-imaging", "pelvic-ultrasound", "paraneoplastic-antibody-panel"}) {
    EXPECT_EQ(ToString(Item(p, id).status), "recommended") << id;
  }
  EXPECT_FALSE(Listed(p, "testicular-ultrasound"));
  EXPECT_FALSE(Listed(p, "imaging-chest-abdomen-pelvis")) << "the child screen";
  EXPECT_EQ(ToString(Item(p, "fdg-pet-ct").status), "not_indicated") << "only after a negative CT";
}

// Sex recorded as "other" does not say the anatomy: the sex-specific cancer screens are listed as
// depending on it, never left out as if they were for the other sex.
TEST(Workup, SexOtherListsEverySexSpecificScreenAsDependingOnTheAnatomy) {
  const Plan p = PlanFor(kOmsChild, R"("age": {"years": 35}, "sex": "other")");
  for (const char* id : {"testicular-ultrasound", "breast-imaging", "pelvic-ultrasound"}) {
    EXPECT_EQ(ToString(Item(p, id).status), "recommended") << id;
    EXPECT_TRUE(Item(p, id).needs_sex) << id;
  }
  const Plan man = PlanFor(kOmsChild, R"("age": {"years": 35}, "sex": "male")");
  EXPECT_FALSE(Item(man, "testicular-ultrasound").needs_sex);
}

TEST(Workup, AdultManGetsTesticularUltrasound) {
  const Plan p = PlanFor(kOmsChild, R"("age": {"years": 35}, "sex": "male")");
  EXPECT_EQ(ToString(Item(p, "testicular-ultrasound").status), "recommended");
  EXPECT_FALSE(Listed(p, "breast-imaging"));
}

TEST(Workup, NegativeCtBringsPetAndAScheduleOfRepeats) {
  const Plan p = PlanFor(kOmsChild, R"("age": {"years": 60}, "sex": "male", "tests": {"ct-chest-abdomen-pelvis": "normal"})");
  const WorkupItem& ct = Item(p, "ct-chest-abdomen-pelvis");
  EXPECT_EQ(ToString(ct.status), "done_normal") << "a done test is not recommended again";
  ASSERT_NE(ct.repeat, nullptr) << "negative first screen: repeat schedule";
  EXPECT_DOUBLE_EQ(ct.repeat->after_months, 3);
  EXPECT_DOUBLE_EQ(ct.repeat->every_months, 6);
  EXPECT_DOUBLE_EQ(ct.repeat->until_months, 48);
  EXPECT_FALSE(ct.notes.empty());
  EXPECT_EQ(ToString(Item(p, "fdg-pet-ct").status), "recommended") << "PET after a negative CT";
}

TEST(Workup, NegativeUrineTestIsNoteNotAClosedQuestion) {
  const Plan p = PlanFor(kOmsChild, R"("age": {"years": 2}, "tests": {"urine-catecholamines": "normal"})");
  const WorkupItem& urine = Item(p, "urine-catecholamines");
  EXPECT_EQ(ToString(urine.status), "done_normal");
  ASSERT_FALSE(urine.notes.empty());
  EXPECT_NE(urine.notes[0]->text.find("does not exclude"), std::string::npos);
  EXPECT_EQ(ToString(Item(p, "imaging-chest-abdomen-pelvis").status), "recommended") << "still needed";
}

TEST(Workup, ChildNegativeScanGetsARepeatMarkedUnverified) {
  const Plan p = PlanFor(std::string(kOmsChild) + R"(, "HP:0003006": "absent")",
                         R"("age": {"years": 2}, "tests": {"imaging-chest-abdomen-pelvis": "normal"})");
  const WorkupItem& scan = Item(p, "imaging-chest-abdomen-pelvis");
  ASSERT_NE(scan.repeat, nullptr);
  EXPECT_EQ(scan.repeat->provenance.evidence, 'U') << "no paediatric interval in the sources";
}

TEST(Workup, PendingAndAbnormalStates) {
  const Plan p = PlanFor(kOmsChild, R"("age": {"years": 2}, "tests": {"imaging-chest-abdomen-pelvis": "abnormal", "mibg-scan": "pending"})");
  EXPECT_EQ(ToString(Item(p, "imaging-chest-abdomen-pelvis").status), "done_abnormal");
  EXPECT_FALSE(Item(p, "imaging-chest-abdomen-pelvis").notes.empty());
  EXPECT_EQ(ToString(Item(p, "mibg-scan").status), "pending");
}

TEST(Workup, UnknownIndicationNamesWhatWouldDecide) {
  // Only ataxia: whether tumour imaging is needed depends on the other OMS items.
  const Plan p = PlanFor(R"("HP:0001251": "present")", R"("age": {"years": 2})");
  const WorkupItem& scan = Item(p, "imaging-chest-abdomen-pelvis");
  EXPECT_EQ(ToString(scan.status), "not_indicated");
  ASSERT_NE(scan.possible, nullptr);
  EXPECT_FALSE(scan.needs.empty());
}

TEST(Workup, ExposureAndAlteredConsciousnessMakeToxicologyAnEmergency) {
  const Plan p = PlanFor(R"("HP:0004372": "present", "HP:0001251": "present")",
                         R"("age": {"years": 3}, "exposures": ["drug-or-toxin"])");
  EXPECT_EQ(Item(p, "urine-toxicology").urgency, "emergency");
}

// Drowsiness alone is not an encephalitis work-up when another cause explains it: a toddler who
// swallowed tablets and is drowsy and unsteady (drug ingestion over 9 in 10) gets toxicology at
// once, not a lumbar puncture and neuronal antibodies (Graus 2016: autoimmune encephalitis needs a
// reasonable exclusion of drug toxicity, metabolic causes...). The same child without the tablets,
// or with a fever, still gets the spinal fluid; with a dyskinesia (not explained) the antibodies.
TEST(Workup, AnEncephalopathyExplainedByAnIngestionIsNotAnEncephalitisWorkup) {
  const char* kDrowsyUnsteady = R"("HP:0004372": "present", "HP:0001251": "present")";
  const Plan pills = PlanFor(kDrowsyUnsteady, R"("age": {"years": 3}, "exposures": {"drug-or-toxin": "present"})");
  EXPECT_EQ(Item(pills, "urine-toxicology").urgency, "emergency");
  EXPECT_EQ(ToString(Item(pills, "csf-analysis").status), "not_indicated");
  EXPECT_EQ(ToString(Item(pills, "paraneoplastic-antibody-panel").status), "not_indicated");
  EXPECT_EQ(ToString(Item(pills, "eeg").status), "recommended") << "an EEG for altered consciousness stays";

  const Plan no_pills = PlanFor(kDrowsyUnsteady, R"("age": {"years": 3}, "exposures": {"drug-or-toxin": "absent"})");
  EXPECT_EQ(ToString(Item(no_pills, "csf-analysis").status), "recommended");
  EXPECT_EQ(ToString(Item(no_pills, "paraneoplastic-antibody-panel").status), "recommended");
  const Plan fever = PlanFor(R"("HP:0004372": "present", "HP:0001251": "present", "HP:0001945": "present")",
                             R"("age": {"years": 3}, "exposures": {"drug-or-toxin": "present"})");
  EXPECT_EQ(ToString(Item(fever, "csf-analysis").status), "recommended");
  EXPECT_EQ(Item(fever, "csf-analysis").urgency, "emergency");
  // Drowsy after a knock to the head: the head CT at once, not a lumbar puncture beside it.
  const Plan knock = PlanFor(R"("HP:0004372": "present")", R"("age": {"years": 5}, "exposures": {"head-trauma": "present"})");
  EXPECT_EQ(Item(knock, "ct-head").urgency, "emergency");
  EXPECT_EQ(ToString(Item(knock, "csf-analysis").status), "not_indicated");
  EXPECT_EQ(ToString(Item(knock, "paraneoplastic-antibody-panel").status), "not_indicated");
}

TEST(Workup, WeakEyeMovementsCallForAntiGq1b) {
  const Plan p = PlanFor(R"("HP:0000597": "present", "HP:0001251": "present", "HP:0001284": "present")",
                         R"("age": {"years": 40})");
  EXPECT_EQ(ToString(Item(p, "anti-gq1b").status), "recommended");
  // ... and nerve conduction studies, for Guillain-Barré syndrome and its variants.
  EXPECT_EQ(ToString(Item(p, "nerve-conduction-studies").status), "recommended");
  EXPECT_EQ(Item(p, "nerve-conduction-studies").urgency, "urgent");
  const Plan eyes_only = PlanFor(R"("HP:0010543": "present", "HP:0001336": "present")", R"("age": {"years": 40})");
  EXPECT_EQ(ToString(Item(eyes_only, "nerve-conduction-studies").status), "not_indicated");
}

std::vector<std::string> RedFlagIds(std::string_view findings, std::string_view extra) {
  Report r = EvaluateCase(Kb(), MustParse(CaseWith(findings, extra))).value();
  std::vector<std::string> ids;
  for (const RedFlag* f : r.red_flags) ids.push_back(f->id);
  return ids;
}

// A knock to the head before new unsteadiness is an emergency with a CT of the head within the
// hour (NICE CG176: a focal neurological deficit); the same signs without the knock, or the knock
// recorded absent, are not, and the knock alone with nothing new raises nothing.
TEST(Workup, NewSignsAfterAHeadInjuryCallForAnEmergencyHeadCt) {
  const char* kUnsteadyVomiting = R"("HP:0001251": "present", "HP:0002013": "present")";
  Report r = EvaluateCase(Kb(), MustParse(CaseWith(kUnsteadyVomiting,
                                                   R"("age": {"years": 6}, "exposures": {"head-trauma": "present"})")))
                 .value();
  EXPECT_EQ(r.triage, "emergency");
  bool flagged = false;
  for (const RedFlag* f : r.red_flags) flagged |= f->id == "head-injury-with-warning-signs";
  EXPECT_TRUE(flagged);
  const Plan knock{r.workup};
  EXPECT_EQ(ToString(Item(knock, "ct-head").status), "recommended");
  EXPECT_EQ(Item(knock, "ct-head").urgency, "emergency");
  EXPECT_EQ(knock.workup.front().urgency, "emergency") << "most urgent first";

  const Plan no_knock = PlanFor(kUnsteadyVomiting, R"("age": {"years": 6}, "exposures": {"head-trauma": "absent"})");
  EXPECT_EQ(ToString(Item(no_knock, "ct-head").status), "not_indicated");
  const auto flags = RedFlagIds("", R"("age": {"years": 6}, "exposures": {"head-trauma": "present"})");
  EXPECT_EQ(std::find(flags.begin(), flags.end(), "head-injury-with-warning-signs"), flags.end())
      << "a knock with nothing new is not a warning sign";
  // Adults too, and a seizure alone after the knock.
  const auto adult = RedFlagIds(R"("HP:0001250": "present")", R"("age": {"years": 70}, "exposures": {"head-trauma": "present"})");
  EXPECT_NE(std::find(adult.begin(), adult.end(), "head-injury-with-warning-signs"), adult.end());
}

bool Has(const std::vector<std::string>& ids, std::string_view id) {
  return std::find(ids.begin(), ids.end(), id) != ids.end();
}

std::vector<std::string> TeamIds(std::string_view findings, std::string_view extra) {
  Report r = EvaluateCase(Kb(), MustParse(CaseWith(findings, extra))).value();
  std::vector<std::string> ids;
  for (const CareItem& c : r.care_team) ids.push_back(c.role->id);
  return ids;
}

// Bruising around the eyes: without a reported knock a neuroblastoma sign in a child (urgent, with
// the tumour imaging); after a knock a sign of a skull-base fracture (emergency head CT), and then
// not called a neuroblastoma sign. An unanswered knock does not hold the neuroblastoma flag back.
TEST(RedFlags, BruisingAroundTheEyesIsANeuroblastomaSignUnlessAfterAKnock) {
  const char* kBruising = R"("HP:0025552": "present")";
  for (const char* knock : {R"("age": {"years": 2})", R"("age": {"years": 2}, "exposures": {"head-trauma": "absent"})"}) {
    const auto flags = RedFlagIds(kBruising, knock);
    EXPECT_TRUE(Has(flags, "neuroblastoma-sign")) << knock;
    EXPECT_FALSE(Has(flags, "head-injury-with-warning-signs")) << knock;
    const Plan p = PlanFor(kBruising, knock);
    EXPECT_EQ(ToString(Item(p, "imaging-chest-abdomen-pelvis").status), "recommended") << knock;
    EXPECT_EQ(Item(p, "imaging-chest-abdomen-pelvis").urgency, "urgent") << knock;
  }
  const char* kKnock = R"("age": {"years": 2}, "exposures": {"head-trauma": "present"})";
  const auto after = RedFlagIds(kBruising, kKnock);
  EXPECT_TRUE(Has(after, "head-injury-with-warning-signs"));
  EXPECT_FALSE(Has(after, "neuroblastoma-sign"));
  const Plan p = PlanFor(kBruising, kKnock);
  EXPECT_EQ(Item(p, "ct-head").urgency, "emergency");
  // Raccoon eyes entered by their own HPO term count the same; lumps under the skin are a sign too.
  EXPECT_TRUE(Has(RedFlagIds(R"("HP:0025553": "present")", R"("age": {"years": 2})"), "neuroblastoma-sign"));
  EXPECT_TRUE(Has(RedFlagIds(R"("HP:0001482": "present")", R"("age": {"years": 1})"), "neuroblastoma-sign"));
  EXPECT_FALSE(Has(RedFlagIds(kBruising, R"("age": {"years": 40})"), "neuroblastoma-sign")) << "a child's sign";
}

// A breast lump: from 30 a suspected-cancer referral (NICE NG12: a flag at "soon" and a breast
// clinic); breast imaging for a woman at any adult age; and in the differential it raises the
// paraneoplastic explanations (OMS, a paraneoplastic cerebellar syndrome) and the paraneoplastic cause.
TEST(RedFlags, ABreastLumpIsReferredFromThirtyAndImagedInAnyWoman) {
  const char* kLump = R"("HP:0032408": "present")";
  EXPECT_TRUE(Has(RedFlagIds(kLump, R"("age": {"years": 45}, "sex": "female")"), "breast-lump"));
  EXPECT_FALSE(Has(RedFlagIds(kLump, R"("age": {"years": 25}, "sex": "female")"), "breast-lump")) << "NICE: under 30, not urgent";
  EXPECT_TRUE(Has(TeamIds(kLump, R"("age": {"years": 45}, "sex": "female")"), "breast-clinic"));
  EXPECT_FALSE(Has(TeamIds(kLump, R"("age": {"years": 25}, "sex": "female")"), "breast-clinic"));
  for (const char* extra : {R"("age": {"years": 25}, "sex": "female")", R"("age": {"years": 60}, "sex": "female")"}) {
    const Plan p = PlanFor(kLump, extra);
    EXPECT_EQ(ToString(Item(p, "breast-imaging").status), "recommended") << extra;
  }
  const char* kAtaxia = R"("HP:0001251": "present")";
  const std::string with_lump = std::string(kAtaxia) + ", " + kLump;
  const Report before = EvaluateCase(Kb(), MustParse(CaseWith(kAtaxia, R"("age": {"years": 45}, "sex": "female")"))).value();
  const Report after = EvaluateCase(Kb(), MustParse(CaseWith(with_lump, R"("age": {"years": 45}, "sex": "female")"))).value();
  for (const char* id : {"oms", "paraneoplastic-rhombencephalitis"}) {
    const auto i = static_cast<size_t>(Kb().differential.Find(id));
    EXPECT_GT(after.differential.probability[i], 2 * before.differential.probability[i]) << id;
  }
}

// New trouble swallowing with weak limbs is an emergency (the weakness can reach the breathing
// muscles: Guillain-Barré syndrome); alone, or with a weakness known to be chronic, it is not.
TEST(RedFlags, TroubleSwallowingWithWeaknessIsAnEmergency) {
  const char* kFlag = "swallowing-difficulty-with-weakness";
  const char* kWeak = R"("HP:0002015": "present", "HP:0001324": "present")";
  const char* kChild = R"("age": {"years": 5}, "onset": "acute")";
  EXPECT_EQ(EvaluateCase(Kb(), MustParse(CaseWith(kWeak, kChild))).value().triage, "emergency");
  EXPECT_TRUE(Has(RedFlagIds(kWeak, kChild), kFlag));
  EXPECT_TRUE(Has(RedFlagIds(R"("HP:0002015": "present", "HP:0001315": "present")", R"("age": {"years": 5})"), kFlag))
      << "reduced reflexes, onset unknown";
  EXPECT_FALSE(Has(RedFlagIds(R"("HP:0002015": "present")", R"("age": {"years": 5})"), kFlag)) << "swallowing alone";
  EXPECT_FALSE(Has(RedFlagIds(kWeak, R"("age": {"years": 5}, "onset": "chronic")"), kFlag)) << "a chronic weakness";
}

// Struggling to breathe, pauses in breathing or blue lips: call for emergency help, whatever else
// the case holds (a parent's "he is struggling to breathe" once raised nothing).
TEST(RedFlags, StrugglingToBreatheIsAnEmergency) {
  for (const char* term : {"HP:0002094", "HP:0002098", "HP:0002104", "HP:0000961"}) {
    const std::string findings = std::string("\"") + term + R"(": "present")";
    const char* kChild = R"("age": {"years": 3})";
    EXPECT_EQ(EvaluateCase(Kb(), MustParse(CaseWith(findings, kChild))).value().triage, "emergency") << term;
    EXPECT_TRUE(Has(RedFlagIds(findings, kChild), "breathing-difficulty")) << term;
  }
}

// Papilloedema (raised pressure in the head): a same-day referral and brain imaging; with headache or
// vomiting an emergency (Scottish suspected-cancer referral guideline). It also counts towards a
// posterior fossa tumour (34% at diagnosis, Wilne 2007).
TEST(RedFlags, PapilloedemaIsUrgentAndAnEmergencyWithHeadacheOrVomiting) {
  const char* kChild = R"("age": {"years": 7})";
  const char* kDiscs = R"("HP:0001251": "present", "HP:0001085": "present")";
  EXPECT_TRUE(Has(RedFlagIds(kDiscs, kChild), "papilloedema"));
  EXPECT_FALSE(Has(RedFlagIds(kDiscs, kChild), "papilloedema-with-headache-or-vomiting"));
  EXPECT_EQ(Item(PlanFor(kDiscs, kChild), "brain-mri").urgency, "urgent");
  const std::string sick = std::string(kDiscs) + R"(, "HP:0002013": "present")";
  EXPECT_TRUE(Has(RedFlagIds(sick.c_str(), kChild), "papilloedema-with-headache-or-vomiting"));
  EXPECT_EQ(Item(PlanFor(sick.c_str(), kChild), "brain-mri").urgency, "emergency");
  const Report without = EvaluateCase(Kb(), MustParse(CaseWith(R"("HP:0001251": "present")", kChild))).value();
  const Report with = EvaluateCase(Kb(), MustParse(CaseWith(kDiscs, kChild))).value();
  const auto t = static_cast<size_t>(Kb().differential.Find("posterior-fossa-tumour"));
  EXPECT_GT(with.differential.probability[t], 3 * without.differential.probability[t]);
}

TEST(RedFlags, ActionsByUrgency) {
  const auto flags = RedFlagIds(R"("HP:0002540": "present", "HP:0004372": "present", "HP:0031500": "present")",
                                R"("age": {"years": 2})");
  ASSERT_GE(flags.size(), 3u);
  EXPECT_NE(std::find(flags.begin(), flags.end(), "cannot-walk"), flags.end());
  EXPECT_NE(std::find(flags.begin(), flags.end(), "altered-consciousness"), flags.end());
  EXPECT_NE(std::find(flags.begin(), flags.end(), "neuroblastoma-sign"), flags.end());
  Report r = EvaluateCase(Kb(), MustParse(CaseWith(R"("HP:0002540": "present", "HP:0031500": "present")",
                                                   R"("age": {"years": 2})"))).value();
  for (size_t i = 1; i < r.red_flags.size(); ++i) {
    EXPECT_LE(UrgencyRank(r.red_flags[i - 1]->action), UrgencyRank(r.red_flags[i]->action));
  }
  EXPECT_TRUE(RedFlagIds("", R"("age": {"years": 2})").empty()) << "nothing answered, nothing raised";
  EXPECT_FALSE(RedFlagIds(R"("HP:0002176": "present")", "").empty()) << "spinal cord compression";
}

TEST(CareTeam, ChildWithOmsAndATumourFound) {
  auto team = TeamIds(std::string(kOmsChild) + R"(, "HP:0003006": "present")", R"("age": {"years": 2})");
  EXPECT_NE(std::find(team.begin(), team.end(), "paediatric-neurology"), team.end());
  EXPECT_NE(std::find(team.begin(), team.end(), "oncology-tumour-found"), team.end());
  EXPECT_EQ(std::find(team.begin(), team.end(), "oncology-child"), team.end()) << "one oncology role per group";
  EXPECT_NE(std::find(team.begin(), team.end(), "immunology"), team.end());
  EXPECT_NE(std::find(team.begin(), team.end(), "academic-centre"), team.end());
  team = TeamIds(kOmsChild, R"("age": {"years": 2})");
  EXPECT_NE(std::find(team.begin(), team.end(), "oncology-child"), team.end()) << "tumour search pending";
  team = TeamIds(kOmsChild, R"("age": {"years": 30})");
  EXPECT_NE(std::find(team.begin(), team.end(), "adult-neurology"), team.end());
  EXPECT_EQ(std::find(team.begin(), team.end(), "paediatric-neurology"), team.end());
}

// Shaking eyes with a head tilt in a well 8-month-old: infantile nystagmus (spasmus nutans) leads,
// an eye specialist is named and a brain MRI is in the plan (optic pathway glioma); the same baby
// with ataxia and dancing eyes instead is not sent to the eye specialist.
TEST(CareTeam, AnInfantileNystagmusNamesAnEyeSpecialistAndTheMri) {
  const char* kBaby = R"("age": {"months": 8})";
  auto team = TeamIds(R"("HP:0000639": "present", "HP:0000473": "present", "HP:0001251": "absent", "HP:0010543": "absent")", kBaby);
  EXPECT_NE(std::find(team.begin(), team.end(), "ophthalmology-infant-nystagmus"), team.end());
  const Plan p = PlanFor(R"("HP:0000639": "present", "HP:0000473": "present", "HP:0001251": "absent", "HP:0010543": "absent")", kBaby);
  EXPECT_EQ(ToString(Item(p, "brain-mri").status), "recommended");
  team = TeamIds(R"("HP:0010543": "present", "HP:0001251": "present", "HP:0001336": "present")", kBaby);
  EXPECT_EQ(std::find(team.begin(), team.end(), "ophthalmology-infant-nystagmus"), team.end());
}

PnsCareResult Pns(std::string_view findings, std::string_view extra) {
  return EvaluateCase(Kb(), MustParse(CaseWith(findings, extra))).value().pns_care;
}

constexpr const char* kOmsPhenotype = R"("HP:0010543": "present", "HP:0001336": "present")";

TEST(PnsCare, NotApplicableWithoutTheOmsPhenotype) {
  const PnsCareResult r = Pns(R"("HP:0001251": "present")", "");
  EXPECT_FALSE(r.applicable);
  EXPECT_EQ(r.level, "not_applicable");
}

TEST(PnsCare, OmsWithAConsistentCancerIsDefiniteWithoutAntibody) {
  const PnsCareResult r = Pns(std::string(kOmsPhenotype) + R"(, "HP:0003006": "present")", R"("age": {"years": 2})");
  EXPECT_TRUE(r.applicable);
  EXPECT_EQ(r.score, 7);  // 3 + 0 + 4
  EXPECT_EQ(r.level, "definite");
  EXPECT_TRUE(r.oms_exception);
}

TEST(PnsCare, HighRiskAntibodyAndCancer) {
  const PnsCareResult r = Pns(std::string(kOmsPhenotype) + R"(, "HP:0003002": "present")",
                              R"("age": {"years": 56}, "sex": "female", "antibodies": {"anti-Ri": "positive"})");
  EXPECT_EQ(r.score, 10);
  EXPECT_EQ(r.level, "definite");
  EXPECT_FALSE(r.oms_exception);
}

TEST(PnsCare, FollowUpDecidesWithoutCancer) {
  const char* no_tumour = R"("HP:0010543": "present", "HP:0001336": "present", "HP:0030357": "absent", "HP:0003002": "absent",
      "HP:0012226": "absent", "HP:0010788": "absent", "HP:0030358": "absent", "HP:0003006": "absent", "HP:0003005": "absent")";
  PnsCareResult early = Pns(no_tumour, R"("age": {"years": 40}, "followUpMonths": 6, "tests": {"paraneoplastic-antibody-panel": "normal"})");
  EXPECT_EQ(early.score, 4);
  EXPECT_EQ(early.level, "possible");
  EXPECT_TRUE(early.needs.empty()) << "nothing unknown";
  PnsCareResult late = Pns(no_tumour, R"("age": {"years": 40}, "followUpMonths": 30, "tests": {"paraneoplastic-antibody-panel": "normal"})");
  EXPECT_EQ(late.score, 3);
  EXPECT_EQ(late.level, "non_pns");
  PnsCareResult unknown = Pns(no_tumour, R"("age": {"years": 40})");
  EXPECT_EQ(unknown.needs.size(), 2u) << "antibodies and follow-up still unknown";
  // Without a follow-up time, the time since onset is the follow-up (the authors' worked example
  // counts the years of the illness); a follow-up given wins.
  PnsCareResult years = Pns(no_tumour, R"("age": {"years": 40}, "duration": {"days": 900}, "tests": {"paraneoplastic-antibody-panel": "normal"})");
  EXPECT_EQ(years.score, 3);
  EXPECT_TRUE(years.needs.empty());
  PnsCareResult weeks = Pns(no_tumour, R"("age": {"years": 40}, "duration": {"weeks": 3}, "tests": {"paraneoplastic-antibody-panel": "normal"})");
  EXPECT_EQ(weeks.score, 4);
  EXPECT_TRUE(weeks.needs.empty());
  PnsCareResult given = Pns(no_tumour, R"("age": {"years": 40}, "duration": {"days": 900}, "followUpMonths": 6, "tests": {"paraneoplastic-antibody-panel": "normal"})");
  EXPECT_EQ(given.score, 4);
}

TEST(PnsCare, IntermediateRiskAntibody) {
  const PnsCareResult r = Pns(kOmsPhenotype, R"("age": {"years": 25}, "antibodies": {"anti-NMDAR": "positive"}, "followUpMonths": 1)");
  EXPECT_EQ(r.score, 3 + 2 + 1);
  EXPECT_EQ(r.level, "probable");
}

}  // namespace
}  // namespace omsaid

namespace omsaid {
namespace {

using testing::Kb;
using testing::CaseWith;
using testing::MustParse;

// Without an age the tumour search is still listed (for a child and for an adult), each saying the
// age decides it; and the sex-specific adult screens say the sex does too.
TEST(Workup, WithoutAnAgeTheTumourSearchIsListedAndTheAgeAskedFor) {
  const Report r = EvaluateCase(Kb(), MustParse(CaseWith(
      R"("HP:0010543": "present", "HP:0001336": "present", "HP:0001251": "present")"))).value();
  auto item = [&](std::string_view id) -> const WorkupItem* {
    for (const WorkupItem& w : r.workup) {
      if (Kb().tests[w.test].id == id) return &w;
    }
    return nullptr;
  };
  for (const char* id : {"imaging-chest-abdomen-pelvis", "urine-catecholamines", "ct-chest-abdomen-pelvis"}) {
    const WorkupItem* w = item(id);
    ASSERT_NE(w, nullptr) << id;
    EXPECT_EQ(ToString(w->status), "recommended") << id;
    EXPECT_TRUE(w->needs_age) << id;
    EXPECT_EQ(w->urgency, "urgent") << id;
  }
  const WorkupItem* breast = item("breast-imaging");
  ASSERT_NE(breast, nullptr);
  EXPECT_TRUE(breast->needs_sex);
  const std::string json = ReportToJson(r, Kb());
  EXPECT_NE(json.find(R"("indicated":"unknown","needs":["Age"])"), std::string::npos);
}

TEST(Workup, ARedFlagThatHoldsButForTheAgeIsRaised) {
  const Report r = EvaluateCase(Kb(), MustParse(CaseWith(R"("HP:0031500": "present")"))).value();
  ASSERT_FALSE(r.red_flags.empty());
  EXPECT_EQ(r.red_flags.front()->id, "neuroblastoma-sign") << "a lump in the tummy, no age given";
  EXPECT_EQ(r.triage, "urgent");
}

TEST(Workup, NoItemIsMoreUrgentThanTheTriage) {
  // Toxicology for a child's sudden ataxia after "no" to poisoning: urgent, because the same case
  // raises the urgent flag for sudden ataxia in a child; and the triage is that.
  const Report r = EvaluateCase(Kb(), MustParse(CaseWith(R"("HP:0001251": "present")",
      R"("age": {"years": 4}, "onset": "acute", "exposures": {"drug-or-toxin": "absent"})"))).value();
  EXPECT_EQ(r.triage, "urgent");
  for (const WorkupItem& w : r.workup) EXPECT_GE(UrgencyRank(w.urgency), UrgencyRank(r.triage));
  // Without the acute onset, a child's new unsteadiness is "soon", and so is everything listed.
  const Report later = EvaluateCase(Kb(), MustParse(CaseWith(R"("HP:0001251": "present")",
      R"("age": {"years": 4}, "onset": "subacute")"))).value();
  EXPECT_EQ(later.triage, "soon");
  for (const WorkupItem& w : later.workup) EXPECT_GE(UrgencyRank(w.urgency), UrgencyRank(later.triage));
}

}  // namespace
}  // namespace omsaid
