// SPDX-License-Identifier: MIT
// Fuzz target: the knowledge-base loader. The first byte picks one shipped file (data/*.json, in
// name order) and the rest of the input replaces its text.
// Invariants: every problem is a clear error; a knowledge base that loads evaluates a few fixed
// cases to valid JSON reports (or clear errors), and its vocabulary is valid JSON.
#include "fuzz_util.h"
#include "kb_loader.h"
#include "omsaid/engine.h"

namespace {

constexpr const char* kCases[] = {
    R"({"caseVersion": 1, "age": {"years": 1.5}, "sex": "female", "onset": "subacute",
        "findings": {"HP:0010543": "present", "HP:0001336": "present", "HP:0000737": "present",
                     "HP:0002360": "present", "HP:0003006": "unknown"},
        "tests": {"urine-catecholamines": "normal", "imaging-chest-abdomen-pelvis": "pending"},
        "exposures": ["recent-infection"], "antibodies": {"anti-Ri": "negative"}, "followUpMonths": 2})",
    R"({"caseVersion": 1, "age": {"years": 45}, "sex": "male", "onset": "acute",
        "findings": {"HP:0010543": "absent", "HP:0001251": "present", "HP:0001945": "present"},
        "exposures": {"drug-or-toxin": "present"}, "history": {"family-history-of-ataxia": "absent"}})",
    R"({"caseVersion": 1})",
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace omsaid;
  if (size == 0) return 0;
  static const std::vector<KbFile> shipped = EmbeddedKbFiles();
  std::vector<KbFile> files = shipped;
  KbFile& target = files[data[0] % files.size()];
  target.text.assign(reinterpret_cast<const char*>(data) + 1, size - 1);

  // What LoadKnowledgeBase and ValidateKnowledgeBase both do, once: every problem, or the loaded
  // knowledge base.
  KnowledgeBase kb;
  KbLoader loader(&kb);
  loader.Load(files);
  for (const Error& e : loader.problems()) fuzz::CheckError(e, /*for_case=*/false);
  if (!loader.problems().empty()) return 0;

  fuzz::MustBeJson(VocabularyJson(kb), "the vocabulary");
  for (const char* c : kCases) {
    Result<std::string> report = EvaluateJson(kb, c, fuzz::Limits());
    if (report) {
      fuzz::MustBeJson(report.value(), "a report");
    } else {
      fuzz::CheckError(report.error());
    }
  }
  return 0;
}
