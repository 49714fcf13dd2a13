// SPDX-License-Identifier: MIT
// GA4GH Phenopacket v2 in and out: the documented mapping, errors with paths, and the round trip
// native -> Phenopacket -> native giving the same case and the same report.
#include "omsaid/phenopacket.h"

#include "json_util.h"
#include "test_util.h"

namespace omsaid {
namespace {

using testing::Kb;

constexpr const char* kPhenopacket = R"({
  "id": "pp-1",
  "subject": {"id": "p1", "timeAtLastEncounter": {"age": {"iso8601duration": "P1Y6M"}}, "sex": "FEMALE"},
  "phenotypicFeatures": [
    {"type": {"id": "HP:0010543", "label": "Opsoclonus"}, "modifiers": [{"id": "HP:0011011", "label": "Subacute"}]},
    {"type": {"id": "HP:0002078", "label": "Truncal ataxia"}},
    {"type": {"id": "HP:0000737", "label": "Irritability"}},
    {"type": {"id": "HP:0001945", "label": "Fever"}, "excluded": true}
  ],
  "diseases": [{"term": {"id": "MONDO:0005072", "label": "neuroblastoma"}}],
  "medicalActions": [{"treatment": {"agent": {"id": "DrugCentral:1", "label": "dexamethasone"}}}],
  "metaData": {"created": "2026-11-01T00:00:00Z", "createdBy": "x", "phenopacketSchemaVersion": "2.0", "resources": []}
})";

TEST(Phenopacket, IsDetectedAndMapped) {
  EXPECT_TRUE(LooksLikePhenopacket(kPhenopacket));
  EXPECT_FALSE(LooksLikePhenopacket(R"({"caseVersion": 1})"));
  Result<Case> c = ParseAnyCase(kPhenopacket, Kb());
  ASSERT_TRUE(c.ok()) << c.error().ToString();
  EXPECT_DOUBLE_EQ(*c.value().age_years, 1.5);
  EXPECT_EQ(c.value().sex, Sex::kFemale);
  EXPECT_EQ(c.value().onset, Onset::kSubacute) << "from the HPO temporal-pattern modifier";
  std::map<std::string, FindingState> f;
  for (const Finding& x : c.value().findings) f[x.term] = x.state;
  EXPECT_EQ(f["HP:0010543"], FindingState::kPresent);
  EXPECT_EQ(f["HP:0001945"], FindingState::kAbsent);
  EXPECT_EQ(f["HP:0003006"], FindingState::kPresent) << "disease 'neuroblastoma' by its label";
  ASSERT_EQ(c.value().warnings.size(), 1u);
  EXPECT_EQ(c.value().warnings[0], "medicalActions: medical actions are not used by the engine; ignored");
}

TEST(Phenopacket, EvaluatesLikeTheNativeCase) {
  Result<std::string> a = EvaluateJson(Kb(), kPhenopacket);
  ASSERT_TRUE(a.ok()) << a.error().ToString();
  Result<std::string> b = EvaluateJson(Kb(), R"({"caseVersion": 1, "age": {"years": 1.5}, "sex": "female",
      "onset": "subacute", "findings": {"HP:0010543": "present", "HP:0002078": "present",
      "HP:0000737": "present", "HP:0001945": "absent", "HP:0003006": "present"}})");
  ASSERT_TRUE(b.ok());
  // The reports differ only in the warning about the medical action.
  Json ja = ParseJson(a.value(), JsonLimits{16u << 20, 64}).value();
  Json jb = ParseJson(b.value(), JsonLimits{16u << 20, 64}).value();
  ja.erase("warnings");
  jb.erase("warnings");
  EXPECT_EQ(ja, jb);
}

TEST(Phenopacket, ErrorsNameTheirPath) {
  auto error = [](std::string_view text) {
    Result<Case> c = ParseAnyCase(text, Kb());
    EXPECT_FALSE(c.ok()) << text;
    return c.ok() ? Error{} : c.error();
  };
  Error e = error(R"({"phenotypicFeatures": [{"type": {"label": "x"}}]})");
  EXPECT_EQ(e.code, ErrorCode::kMissingField);
  EXPECT_EQ(e.path, "phenotypicFeatures[0].type.id");
  e = error(R"({"phenotypicFeatures": [{"type": {"id": "HP:0010543"}, "excluded": "yes"}]})");
  EXPECT_EQ(e.code, ErrorCode::kWrongType);
  EXPECT_EQ(e.path, "phenotypicFeatures[0].excluded");
  e = error(R"({"subject": {"sex": "F"}})");
  EXPECT_EQ(e.path, "subject.sex");
  e = error(R"({"subject": {"timeAtLastEncounter": {"age": {"iso8601duration": "ten"}}}})");
  EXPECT_EQ(e.path, "subject.timeAtLastEncounter.age.iso8601duration");
  e = error(R"({"phenotypicFeatures": [{"type": {"id": "HP:0010543"}}, {"type": {"id": "HP:0010543"}, "excluded": true}]})");
  EXPECT_EQ(e.code, ErrorCode::kContradiction);
  EXPECT_EQ(e.path, "phenotypicFeatures[1].type.id");
  e = error(R"({"phenotypicFeatures": {}})");
  EXPECT_EQ(e.path, "phenotypicFeatures");
  e = error(R"({"measurements": [{"assay": {"id": "OMSAID:test/eeg"}, "value": {"ontologyClass": {"id": "OMSAID:weird"}}}]})");
  EXPECT_EQ(e.code, ErrorCode::kInvalidValue);
  EXPECT_EQ(e.path, "measurements[0].value.ontologyClass.id");
}

TEST(Phenopacket, NonHpoFeaturesAndUnknownMeasurementsAreWarnings) {
  Result<Case> c = ParseAnyCase(R"({"phenotypicFeatures": [{"type": {"id": "NCIT:C0000"}}],
      "measurements": [{"assay": {"id": "LOINC:26515-7"}, "value": {"quantity": {"value": 1}}}]})", Kb());
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c.value().warnings.size(), 2u);
}

TEST(Phenopacket, RoundTripKeepsTheCaseAndTheReport) {
  const char* native = R"({"caseVersion": 1, "age": {"years": 17.99}, "sex": "male", "onset": "acute",
      "findings": {"HP:0010543": "present", "HP:0001336": "present", "HP:0012226": "absent", "HP:0000737": "unknown"},
      "tests": {"eeg": "normal", "brain-mri": "abnormal", "csf-analysis": "pending"},
      "exposures": {"recent-infection": "present", "drug-or-toxin": "absent"},
      "history": {"family-history-of-ataxia": "absent"},
      "antibodies": {"anti-Ri": "negative", "anti-NMDAR": "pending"},
      "followUpMonths": 7, "visits": [{"date": "2026-01-02", "severity": {"gait": 2}}]})";
  Result<Case> a = ParseAnyCase(native, Kb());
  ASSERT_TRUE(a.ok());
  const std::string pp = CaseToPhenopacket(a.value(), Kb(), "rt", "2026-11-25T10:00:00Z");
  ASSERT_TRUE(LooksLikePhenopacket(pp)) << pp;
  Result<Case> b = ParseAnyCase(pp, Kb());
  ASSERT_TRUE(b.ok()) << b.error().ToString() << "\n" << pp;
  EXPECT_TRUE(b.value().warnings.empty());
  // Unknown findings are "not recorded" in a Phenopacket; everything else comes back.
  Case expected = a.value();
  expected.findings.erase(std::remove_if(expected.findings.begin(), expected.findings.end(),
                                         [](const Finding& f) { return f.state == FindingState::kUnknown; }),
                          expected.findings.end());
  Result<Report> ra = EvaluateCase(Kb(), expected), rb = EvaluateCase(Kb(), b.value());
  EXPECT_EQ(ReportToJson(ra.value(), Kb()), ReportToJson(rb.value(), Kb()));
  EXPECT_LT(*b.value().age_years, 18.0) << "an age just under 18 stays a child";
  EXPECT_NEAR(*b.value().age_years, 17.99, 1.0 / 365);
  // And once more: the Phenopacket of the imported case is the same document.
  EXPECT_EQ(CaseToPhenopacket(b.value(), Kb(), "rt", "2026-11-25T10:00:00Z"), pp);
}

TEST(Phenopacket, ExportCarriesTheMetadataAndHpoVersion) {
  Result<Case> c = ParseAnyCase(R"({"caseVersion": 1, "findings": {"HP:0010543": "present"}})", Kb());
  const std::string pp = CaseToPhenopacket(c.value(), Kb(), "x", "2026-11-25T10:00:00Z");
  Json j = ParseJson(pp).value();
  EXPECT_EQ(j["metaData"]["phenopacketSchemaVersion"], "2.0");
  EXPECT_EQ(j["metaData"]["resources"][0]["version"], "2026-01-08");
  EXPECT_EQ(j["phenotypicFeatures"][0]["type"]["label"], "Opsoclonus");
}

}  // namespace
}  // namespace omsaid
