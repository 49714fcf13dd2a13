// SPDX-License-Identifier: MIT
// Fuzz target: GA4GH Phenopacket import (ParsePhenopacket, ParseAnyCase) and export
// (CaseToPhenopacket).
// Invariants: errors are clear; any case that parses exports to a Phenopacket that imports again
// with no warnings and the same clinical content (findings, tests, antibodies, exposures, history,
// sex, onset, course, duration, who entered it, the note, follow-up, severity, age to the day), and whose export is then stable; its native
// CaseToJson parses back too.
#include <algorithm>
#include <cmath>
#include <map>
#include <tuple>

#include "fuzz_util.h"
#include "omsaid/phenopacket.h"

namespace {

using namespace omsaid;

std::string Num(double v) {
  std::string s;
  AppendJsonNumber(s, v);
  return s;
}

// What a Phenopacket carries of a case, in a canonical order. Unknown / not-done states are "not
// recorded" in a Phenopacket, and visits are keyed by date.
std::string Content(const Case& c) {
  std::map<std::string, std::string> findings, tests, antibodies, exposures, history;
  for (const Finding& f : c.findings) {
    if (f.state != FindingState::kUnknown) findings[f.term] = ToString(f.state);
  }
  for (const TestResult& t : c.tests) {
    if (t.state != TestState::kNotDone) tests[t.id] = ToString(t.state);
  }
  for (const AntibodyResult& a : c.antibodies) {
    if (a.state != AntibodyState::kNotTested) antibodies[a.id] = ToString(a.state);
  }
  for (const Exposure& e : c.exposures) {
    if (e.state != FindingState::kUnknown) exposures[e.id] = ToString(e.state);
  }
  for (const Exposure& h : c.history) {
    if (h.state != FindingState::kUnknown) history[h.id] = ToString(h.state);
  }
  std::map<std::string, std::map<std::string, std::string>> visits;
  for (const Visit& v : c.visits) {
    for (const auto& [item, score] : v.severity) visits[v.date][item] = Num(score);
  }
  std::string out;
  auto dump = [&](const char* name, const std::map<std::string, std::string>& m) {
    out += name;
    out += ":";
    for (const auto& [k, v] : m) out += " " + k + "=" + v;
    out += "\n";
  };
  dump("findings", findings);
  dump("tests", tests);
  dump("antibodies", antibodies);
  dump("exposures", exposures);
  dump("history", history);
  for (const auto& [date, items] : visits) dump(date.c_str(), items);
  out +=
      "sex: " + std::string(ToString(c.sex)) + "\nonset: " + std::string(ToString(c.onset)) + "\n";
  out += "followUp: " + (c.follow_up_months ? Num(*c.follow_up_months) : std::string("-")) + "\n";
  out += "course: " + std::string(ToString(c.course)) + "\nenteredBy: " + std::string(ToString(c.entered_by)) + "\n";
  out += "duration: " + (c.duration_days ? Num(*c.duration_days) : std::string("-")) + "\n";
  out += "note: " + c.note + "\n";
  out += "age: " + std::string(c.age_years ? "yes" : "no") + "\n";
  return out;
}

void CheckExport(const Case& c, const KnowledgeBase& kb) {
  const std::string pp = CaseToPhenopacket(c, kb, "fuzz", "2026-11-25T00:00:00Z");
  fuzz::MustBeJson(pp, "CaseToPhenopacket");
  if (!LooksLikePhenopacket(pp)) fuzz::Fail("an exported Phenopacket is not detected as one", pp);
  Result<Case> back = ParseAnyCase(pp, kb, fuzz::Limits());
  if (!back) fuzz::Fail("an exported Phenopacket does not import: " + back.error().ToString(), pp);
  if (!back.value().warnings.empty()) {
    fuzz::Fail("an exported Phenopacket imports with a warning: " + back.value().warnings.front(),
               pp);
  }
  const std::string before = Content(c), after = Content(back.value());
  if (before != after)
    fuzz::Fail("the Phenopacket round trip changes the case", before + "---\n" + after);
  if (c.age_years) {
    // The export writes whole days: at most a day is lost.
    const double lost = *c.age_years - *back.value().age_years;
    if (!(lost >= -1e-9 && lost < 1.0 / 365.25 + 1e-9)) {
      fuzz::Fail("the Phenopacket round trip changes the age by more than a day",
                 Num(*c.age_years) + " -> " + Num(*back.value().age_years));
    }
  }
  fuzz::CheckNativeRoundTrip(back.value(), kb);
  // Once normalised by one import, the export is stable.
  Result<Case> again = ParseAnyCase(
      CaseToPhenopacket(back.value(), kb, "fuzz", "2026-11-25T00:00:00Z"), kb, fuzz::Limits());
  if (!again) fuzz::Fail("a re-exported Phenopacket does not import: " + again.error().ToString());
  const std::string pp2 = CaseToPhenopacket(back.value(), kb, "fuzz", "2026-11-25T00:00:00Z");
  const std::string pp3 = CaseToPhenopacket(again.value(), kb, "fuzz", "2026-11-25T00:00:00Z");
  if (pp2 != pp3)
    fuzz::Fail("CaseToPhenopacket is not stable after one import", pp2 + "\n---\n" + pp3);
}

void CheckParsed(const Result<Case>& c, const KnowledgeBase& kb) {
  if (!c) {
    fuzz::CheckError(c.error());
    return;
  }
  fuzz::CheckWarnings(c.value());
  fuzz::CheckNativeRoundTrip(c.value(), kb);
  CheckExport(c.value(), kb);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const KnowledgeBase& kb = fuzz::Kb();
  const std::string_view text = fuzz::AsText(data, size);
  // Either format, as the page and the CLI read it...
  CheckParsed(ParseAnyCase(text, kb, fuzz::Limits()), kb);
  // ...and the Phenopacket reader on anything, detected as a Phenopacket or not.
  if (!LooksLikePhenopacket(text)) CheckParsed(ParsePhenopacket(text, kb, fuzz::Limits()), kb);
  return 0;
}
