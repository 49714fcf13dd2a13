// SPDX-License-Identifier: MIT
// Fuzz target: the whole engine (EvaluateJson), native cases and Phenopackets.
// Invariants: an error is clear and is the parser's error or a contradiction; a report is valid
// JSON with reportVersion 1, and every probability in it is a number in [0, 1].
#include <cmath>

#include "fuzz_util.h"
#include "omsaid/engine.h"
#include "omsaid/phenopacket.h"

namespace {

using omsaid::Json;

// Every "probability" in the report is a number in [0, 1]; every "lr" a positive number.
void CheckNumbers(const Json& j, const std::string& path) {
  if (j.is_object()) {
    for (auto it = j.begin(); it != j.end(); ++it) {
      const std::string p = path + "." + it.key();
      if (it.key() == "probability" || it.key() == "pretest") {
        if (!it->is_number()) omsaid::fuzz::Fail("a probability that is not a number", p);
        const double d = it->get<double>();
        if (!(d >= 0 && d <= 1)) omsaid::fuzz::Fail("a probability outside [0, 1]", p);
      } else if (it.key() == "lr") {
        if (!it->is_number() || !(it->get<double>() > 0)) {
          omsaid::fuzz::Fail("a likelihood ratio that is not a positive number", p);
        }
      }
      CheckNumbers(*it, p);
    }
  } else if (j.is_array()) {
    for (size_t i = 0; i < j.size(); ++i) CheckNumbers(j[i], path + "[" + std::to_string(i) + "]");
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace omsaid;
  const KnowledgeBase& kb = fuzz::Kb();
  const std::string_view text = fuzz::AsText(data, size);
  Result<std::string> report = EvaluateJson(kb, text, fuzz::Limits());
  Result<Case> parsed = ParseAnyCase(text, kb, fuzz::Limits());
  if (!report) {
    const Error& e = report.error();
    fuzz::CheckError(e);
    if (parsed) {
      // The case parsed, so only the evidence step may refuse it: a contradiction.
      if (e.code != ErrorCode::kContradiction) {
        fuzz::Fail("a parsed case fails to evaluate with something other than a contradiction",
                   e.ToString());
      }
    } else if (parsed.error().ToString() != e.ToString() || parsed.error().code != e.code) {
      fuzz::Fail("EvaluateJson and ParseAnyCase disagree on the error",
                 e.ToString() + "\n" + parsed.error().ToString());
    }
    return 0;
  }
  if (!parsed)
    fuzz::Fail("EvaluateJson accepts what ParseAnyCase rejects", parsed.error().ToString());
  const Json j = fuzz::MustBeJson(report.value(), "the report");
  if (!j.is_object()) fuzz::Fail("the report is not an object");
  auto version = j.find("reportVersion");
  if (version == j.end() || !version->is_number_integer() || version->get<int>() != 1) {
    fuzz::Fail("the report has no reportVersion 1");
  }
  for (const char* key :
       {"warnings", "criteria", "differential", "workup", "redFlags", "careTeam"}) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_array()) fuzz::Fail(std::string("the report has no array ") + key);
  }
  if (j["warnings"].size() > kMaxWarnings + 1) fuzz::Fail("the report's warnings are not capped");
  for (const Json& w : j["warnings"]) {
    if (!w.is_string() || w.get_ref<const std::string&>().empty()) fuzz::Fail("an empty warning");
  }
  CheckNumbers(j, "");
  return 0;
}
