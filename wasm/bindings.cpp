// SPDX-License-Identifier: MIT
// The only Embind file: a small, coarse API of strings in and JSON out. Nothing here throws; errors
// travel as {"ok": false, "error": {...}} and web/src/core.js turns them into a CoreError. Names
// start with '_' because only core.js may call them.
//
// Results are returned as a Uint8Array view of JSON text in the module's memory (valid until the
// next call), which core.js decodes with TextDecoder at once: Embind's std::string return walks
// every byte in a JS loop, which costs more than the evaluation itself for a 50 KB report. The
// text is ASCII (non-ASCII characters as \u escapes: AsciiJson), which TextDecoder decodes fast.
#include <emscripten/bind.h>

#include <cstdlib>
#include <string>

#include "omsaid/engine.h"
#include "omsaid/kb.h"
#include "omsaid/phenopacket.h"
#include "omsaid/text.h"

namespace {

// The last result, kept alive until JS has decoded the view of it.
std::string g_result;

emscripten::val View(std::string text) {
  // ASCII only: TextDecoder decodes it on a fast path (about 0.05 ms against 1.3 for a 100 KB
  // report with a few accented letters, measured in Node 20).
  g_result = omsaid::AsciiJson(std::move(text));
  return emscripten::val(emscripten::typed_memory_view(g_result.size(), g_result.data()));
}

std::string ErrorEnvelope(const omsaid::Error& e) {
  return "{\"ok\":false,\"error\":{\"code\":" + omsaid::JsonQuote(std::string(omsaid::ToString(e.code))) +
         ",\"message\":" + omsaid::JsonQuote(e.message) + ",\"path\":" + omsaid::JsonQuote(e.path) + "}}";
}

// evaluate(caseJson, today) -> {"ok": true, "report": {...}} | {"ok": false, "error": {...}}
// `today` (YYYY-MM-DD, or "") lets the core reject visit dates in the future without a clock.
emscripten::val Evaluate(const std::string& case_json, const std::string& today) {
  const omsaid::Result<omsaid::KnowledgeBase>& kb = omsaid::EmbeddedKnowledgeBase();
  if (!kb) return View(ErrorEnvelope(kb.error()));
  omsaid::CaseLimits limits;
  limits.today = today;
  omsaid::Result<std::string> report = omsaid::EvaluateJson(kb.value(), case_json, limits);
  if (!report) return View(ErrorEnvelope(report.error()));
  return View("{\"ok\":true,\"report\":" + report.value() + "}");
}

// importCase(text, today) -> {"ok": true, "case": {...native case...}, "format": "native"|"phenopacket",
// "warnings": [...]}: validates a case in either format and returns it as native case JSON.
emscripten::val ImportCase(const std::string& text, const std::string& today) {
  const omsaid::Result<omsaid::KnowledgeBase>& kb = omsaid::EmbeddedKnowledgeBase();
  if (!kb) return View(ErrorEnvelope(kb.error()));
  omsaid::CaseLimits limits;
  limits.today = today;
  const bool phenopacket = omsaid::LooksLikePhenopacket(text);
  omsaid::Result<omsaid::Case> c = omsaid::ParseAnyCase(text, kb.value(), limits);
  if (!c) return View(ErrorEnvelope(c.error()));
  std::string warnings = "[";
  for (size_t i = 0; i < c.value().warnings.size(); ++i) {
    if (i) warnings += ",";
    warnings += omsaid::JsonQuote(c.value().warnings[i]);
  }
  warnings += "]";
  return View("{\"ok\":true,\"format\":" + omsaid::JsonQuote(phenopacket ? "phenopacket" : "native") +
              ",\"case\":" + omsaid::CaseToJson(c.value()) + ",\"warnings\":" + warnings + "}");
}

// exportPhenopacket(caseJson, id, created) -> {"ok": true, "phenopacket": {...}}
emscripten::val ExportPhenopacket(const std::string& case_json, const std::string& id,
                              const std::string& created) {
  const omsaid::Result<omsaid::KnowledgeBase>& kb = omsaid::EmbeddedKnowledgeBase();
  if (!kb) return View(ErrorEnvelope(kb.error()));
  omsaid::Result<omsaid::Case> c = omsaid::ParseAnyCase(case_json, kb.value());
  if (!c) return View(ErrorEnvelope(c.error()));
  return View("{\"ok\":true,\"phenopacket\":" +
              omsaid::CaseToPhenopacket(c.value(), kb.value(), id, created) + "}");
}

// kbInfo() -> versions, the disclaimer and the HPO acknowledgement, for the page's footer.
emscripten::val KbInfo() {
  const omsaid::Result<omsaid::KnowledgeBase>& kb = omsaid::EmbeddedKnowledgeBase();
  if (!kb) return View(ErrorEnvelope(kb.error()));
  const omsaid::KnowledgeBase& k = kb.value();
  return View("{\"ok\":true,\"kbVersion\":" + omsaid::JsonQuote(k.kb_version) + ",\"title\":" + omsaid::JsonQuote(k.title) +
              ",\"disclaimer\":" + omsaid::JsonQuote(k.disclaimer) + ",\"hpoVersion\":" + omsaid::JsonQuote(k.hpo_version) +
              ",\"hpoAttribution\":" + omsaid::JsonQuote(k.hpo_attribution) + "}");
}

// vocabulary() -> the knowledge base's variables, tests, antibodies, age bands and HPO terms.
emscripten::val Vocabulary() {
  const omsaid::Result<omsaid::KnowledgeBase>& kb = omsaid::EmbeddedKnowledgeBase();
  if (!kb) return View(ErrorEnvelope(kb.error()));
  return View("{\"ok\":true,\"vocabulary\":" + omsaid::VocabularyJson(kb.value()) + "}");
}

// Test hook: aborts the instance, so the adapter's recovery path can be tested for real.
void ForceAbortForTesting() { std::abort(); }

}  // namespace

EMSCRIPTEN_BINDINGS(omsaid) {
  emscripten::function("_evaluate", &Evaluate);
  emscripten::function("_kbInfo", &KbInfo);
  emscripten::function("_vocabulary", &Vocabulary);
  emscripten::function("_importCase", &ImportCase);
  emscripten::function("_exportPhenopacket", &ExportPhenopacket);
  emscripten::function("_forceAbortForTesting", &ForceAbortForTesting);
}
