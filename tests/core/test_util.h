// SPDX-License-Identifier: MIT
// Helpers shared by the tests: the shipped knowledge base, and cases built from JSON text.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "omsaid/case.h"
#include "omsaid/engine.h"
#include "omsaid/evidence.h"
#include "omsaid/kb.h"

namespace omsaid::testing {

/// A small deterministic pseudo-random sequence (xorshift64) for the randomised tests.
struct XorShift {
  uint64_t state;
  uint64_t operator()() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  /// A number in [0, n).
  size_t Below(size_t n) { return n ? static_cast<size_t>((*this)() % n) : 0; }
  /// A number in [lo, hi).
  double Uniform(double lo, double hi) { return lo + (hi - lo) * static_cast<double>((*this)() % 1000000) / 1e6; }
};

/// The embedded knowledge base; the test fails loudly if it does not load.
inline const KnowledgeBase& Kb() {
  const Result<KnowledgeBase>& kb = EmbeddedKnowledgeBase();
  if (!kb) {
    ADD_FAILURE() << "embedded knowledge base invalid: " << kb.error().ToString();
    std::abort();
  }
  return kb.value();
}

/// Parses a case that must be valid.
inline Case MustParse(std::string_view json) {
  Result<Case> c = ParseCase(json, Kb());
  if (!c) {
    ADD_FAILURE() << "case did not parse: " << c.error().ToString();
    return Case{};
  }
  return c.value();
}

/// A case JSON with the given findings object body, e.g. R"("HP:0010543": "present")".
inline std::string CaseWith(std::string_view findings, std::string_view extra = "") {
  std::string s = R"({"caseVersion": 1, "findings": {)" + std::string(findings) + "}";
  if (!extra.empty()) s += ", " + std::string(extra);
  return s + "}";
}

/// The shipped files with one file's text replaced (or added).
inline std::vector<KbFile> KbFilesWith(const std::string& name, const std::string& text) {
  std::vector<KbFile> files = EmbeddedKbFiles();
  bool replaced = false;
  for (KbFile& f : files) {
    if (f.name == name) {
      f.text = text;
      replaced = true;
    }
  }
  if (!replaced) files.push_back(KbFile{name, text});
  return files;
}

/// The text of one shipped file.
inline std::string KbFileText(const std::string& name) {
  for (const KbFile& f : EmbeddedKbFiles()) {
    if (f.name == name) return f.text;
  }
  ADD_FAILURE() << "no shipped file " << name;
  return {};
}

}  // namespace omsaid::testing
