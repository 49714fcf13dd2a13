// SPDX-License-Identifier: MIT
// The whole path: case JSON in, report JSON out, with every field of the contract present.
#include "omsaid/engine.h"

#include "json_util.h"
#include "test_util.h"

namespace omsaid {
namespace {

using testing::Kb;

Json Report(std::string_view case_json) {
  Result<std::string> r = EvaluateJson(Kb(), case_json);
  EXPECT_TRUE(r.ok()) << (r.ok() ? "" : r.error().ToString());
  if (!r.ok()) return Json();
  Result<Json> j = ParseJson(r.value(), JsonLimits{16u << 20, 64});
  EXPECT_TRUE(j.ok()) << "report is not valid JSON";
  return j.ok() ? j.value() : Json();
}

TEST(Engine, ReportHasEveryContractField) {
  const Json r = Report(R"({"caseVersion": 1})");
  ASSERT_TRUE(r.is_object());
  EXPECT_EQ(r["reportVersion"], 1);
  EXPECT_TRUE(r["kbVersion"].is_string());
  for (const char* key : {"warnings", "criteria", "differential", "omsEtiology", "workup",
                          "nextQuestions", "redFlags", "careTeam"}) {
    EXPECT_TRUE(r.contains(key) && r[key].is_array()) << key;
  }
  EXPECT_TRUE(r.contains("pnsCare"));
  EXPECT_TRUE(r["disclaimer"].is_string());
  EXPECT_FALSE(r["disclaimer"].get<std::string>().empty());
}

TEST(Engine, CriteriaInTheReport) {
  const Json r = Report(R"({"caseVersion": 1, "findings": {"HP:0010543": "present",
      "HP:0001336": "present", "HP:0000737": "present"}})");
  const Json& g = r["criteria"][0];
  EXPECT_EQ(g["id"], "genoa-2005");
  EXPECT_EQ(g["status"], "met");
  EXPECT_EQ(g["count"], 3);
  EXPECT_EQ(g["required"], 3);
  EXPECT_EQ(g["items"].size(), 4u);
  EXPECT_EQ(g["items"][0]["id"], "eye");
  EXPECT_EQ(g["items"][0]["status"], "present");
  EXPECT_EQ(g["items"][3]["status"], "unknown");
  EXPECT_EQ(g["evidence"], "S");
  ASSERT_FALSE(g["sources"].empty());
  const std::string first_source = g["sources"][0].get<std::string>();
  EXPECT_TRUE(r["references"].contains(first_source)) << "every cited source is in references";
}

TEST(Engine, WarningsReachTheReport) {
  const Json r = Report(R"({"caseVersion": 1, "mood": "happy"})");
  ASSERT_EQ(r["warnings"].size(), 1u);
  EXPECT_EQ(r["warnings"][0], "mood: unknown key ignored");
}

TEST(Engine, BadInputIsAnErrorNotAPartialReport) {
  Result<std::string> r = EvaluateJson(Kb(), R"({"caseVersion": 1, "age": {"years": "x"}})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "age.years");
  EXPECT_EQ(ToString(r.error().code), "wrong_type");
}

TEST(Engine, SameInputSameReport) {
  const char* c = R"({"caseVersion": 1, "findings": {"HP:0010543": "present"}})";
  EXPECT_EQ(EvaluateJson(Kb(), c).value(), EvaluateJson(Kb(), c).value());
}

}  // namespace
}  // namespace omsaid
