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
  /// By variable: the same put about an adult; "" where the variable has no adult wording.
  std::vector<std::string> variable_question_adult;
  /// By variable: the same put about a baby under 1 year; "" where it has no infant wording.
  std::vector<std::string> variable_question_infant;
  /// By variable: the same put to the person themselves; "" where it has no such wording.
  std::vector<std::string> variable_question_self;
  /// By variable: the general wording put to a parent or carer ("your child" for "the person").
  std::vector<std::string> variable_question_child;
  /// By variable: the infant wording (else the general one) put to a parent or carer ("your baby").
  std::vector<std::string> variable_question_baby;
  std::vector<Pair> test_head;                 ///< by test: id, label, lay, looksFor (full only), category, loinc
  /// By diagnosis, per model: full: id, label, lay, summary, xrefs; compact: id, label, lay.
  std::vector<Pair> differential_head, etiology_head;

  // Every look-up is bounds-checked and gives "" for what was never rendered, so a knowledge base
  // assembled by hand (which has no fragments: the writer uses an empty set) reports empty labels
  // and sources rather than reading out of bounds.

  /// The provenance members of a statement.
  const std::string& Provenance(const omsaid::Provenance& p, bool full) const { return At(provenance, p.index, full); }
  /// A statement rendered whole (see `statement`).
  const std::string& Statement(const omsaid::Provenance& p, bool full) const { return At(statement, p.index, full); }
  const std::string& Reference(int i) const { return At(reference, i); }
  const std::string& VariableIdLabel(int v) const { return At(variable_id_label, v); }
  /// A variable's next-question members: put to the person themselves when `self` (they answer),
  /// else about an adult when `adult`, or about a baby when `infant`, where the variable has such
  /// wording; else the general one. With `family` (a parent or carer answering about someone under
  /// 18), the child's or the baby's wording speaks of "your child" or "your baby".
  const std::string& VariableQuestion(int v, bool adult, bool infant, bool self, bool family = false) const {
    const std::string& s = self ? At(variable_question_self, v) : None();
    if (!s.empty()) return s;
    if (family && !adult) {
      const std::string& f = infant ? At(variable_question_baby, v) : At(variable_question_child, v);
      if (!f.empty()) return f;
    }
    const std::string& a = adult ? At(variable_question_adult, v) : infant ? At(variable_question_infant, v) : None();
    return a.empty() ? At(variable_question, v) : a;
  }
  const std::string& TestHead(int t, bool full) const { return At(test_head, t, full); }
  /// The head of diagnosis `d` of model `m` (the knowledge base's differential or etiology).
  const std::string& DiagnosisHead(const KnowledgeBase& kb, const DiagnosisModel& m, int d, bool full) const {
    return At(&m == &kb.etiology ? etiology_head : differential_head, d, full);
  }

 private:
  static const std::string& None() {
    static const std::string kNone;
    return kNone;
  }
  static const std::string& At(const std::vector<std::string>& list, int i) {
    return i < 0 || static_cast<size_t>(i) >= list.size() ? None() : list[static_cast<size_t>(i)];
  }
  static const std::string& At(const std::vector<Pair>& list, int i, bool full) {
    if (i < 0 || static_cast<size_t>(i) >= list.size()) return None();
    return full ? list[static_cast<size_t>(i)].full : list[static_cast<size_t>(i)].compact;
  }
};

/// Numbers every statement of a loaded knowledge base (`Provenance::index`), resolves its sources
/// against the references, and sets `kb->report_fragments`.
void RenderReportFragments(KnowledgeBase* kb);

}  // namespace omsaid
