// SPDX-License-Identifier: MIT
// Internal: the report writer's cache. The static JSON of a knowledge base (labels, reasons, sources,
// notes, whole red flags and care-team roles, references) is rendered once after loading, so that
// writing a report is mostly appending ready-made text; the knowledge base itself stays plain data.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "omsaid/kb.h"

namespace omsaid {

struct ReportFragments {
  /// A fragment in the full report and in the compact one (without notes and descriptions).
  struct Pair {
    std::string full, compact;
  };
  /// By Provenance::index: the statement's `"sources":[…],"evidence":"V"[,"note":"…"]` members.
  std::vector<Pair> provenance;
  /// By Provenance::index, for the statements the report shows whole: a red flag, safety net,
  /// conditional note or repeat schedule as an object; a care-team role as members (the writer adds
  /// the urgency); an indication as its quoted reason (the same in both).
  std::vector<Pair> statement;
  std::vector<std::string> reference;          ///< by reference index: `"<id>":{"citation":…}`
  std::vector<std::string> variable_id_label;  ///< by variable: `"feature":"…","label":"…"`
  std::vector<std::string> variable_question;  ///< by variable: next-question members but the gain
  std::vector<Pair> test_head;                 ///< by test: id, label, looksFor (full only), category, loinc
  /// By diagnosis, per model: full: id, label, lay, summary, xrefs; compact: id, label, lay.
  std::vector<Pair> differential_head, etiology_head;

  /// The provenance members of a statement ("" for one never numbered).
  const std::string& Provenance(const omsaid::Provenance& p, bool full) const { return Get(provenance, p, full); }
  /// A statement rendered whole (see `statement`).
  const std::string& Statement(const omsaid::Provenance& p, bool full) const { return Get(statement, p, full); }
  const std::vector<Pair>& HeadsOf(const KnowledgeBase& kb, const DiagnosisModel& m) const {
    return &m == &kb.etiology ? etiology_head : differential_head;
  }

 private:
  static const std::string& Get(const std::vector<Pair>& list, const omsaid::Provenance& p, bool full) {
    static const std::string kNone;
    if (p.index < 0 || static_cast<size_t>(p.index) >= list.size()) return kNone;
    return full ? list[p.index].full : list[p.index].compact;
  }
};

/// Numbers every statement of a loaded knowledge base (`Provenance::index`), resolves its sources
/// against the references, and sets `kb->report_fragments`.
void RenderReportFragments(KnowledgeBase* kb);

}  // namespace omsaid
