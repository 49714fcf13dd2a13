// SPDX-License-Identifier: MIT
// Fuzz target: the native case parser (ParseCase).
// Invariants: a rejected input gets a clear error (known code, one-line UTF-8 message); an accepted
// one has clean warnings, stops being accepted with a byte appended (nothing after the document
// is ignored), is read the same by ParseAnyCase, and CaseToJson of it parses back to the same
// CaseToJson, with no warnings.
#include "fuzz_util.h"
#include "omsaid/phenopacket.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace omsaid;
  const KnowledgeBase& kb = fuzz::Kb();
  const std::string_view text = fuzz::AsText(data, size);
  Result<Case> c = ParseCase(text, kb, fuzz::Limits());
  if (!c) {
    fuzz::CheckError(c.error());
    return 0;
  }
  fuzz::CheckWarnings(c.value());
  // The whole input was read: anything after the document makes it invalid.
  if (ParseCase(std::string(text) + "x", kb, fuzz::Limits()).ok()) {
    fuzz::Fail("trailing bytes after an accepted case are ignored");
  }
  fuzz::CheckNativeRoundTrip(c.value(), kb);
  Result<Case> any = ParseAnyCase(text, kb, fuzz::Limits());
  if (!any) fuzz::Fail("ParseCase accepts what ParseAnyCase rejects: " + any.error().ToString());
  if (CaseToJson(any.value()) != CaseToJson(c.value())) {
    fuzz::Fail("ParseAnyCase reads a native case differently from ParseCase");
  }
  return 0;
}
