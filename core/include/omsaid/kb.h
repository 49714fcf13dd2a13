// SPDX-License-Identifier: MIT
// The knowledge base: every clinical statement the engine uses, loaded from JSON text (data/*.json),
// validated as a whole (every problem reported with its JSON path) before anything is evaluated.
//
// Example:
//   Result<KnowledgeBase> kb = LoadKnowledgeBase({{"criteria.json", text}, ...});
//   const KnowledgeBase& shipped = EmbeddedKnowledgeBase();   // data/ compiled into the binary
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "omsaid/result.h"
#include "omsaid/rules.h"

namespace omsaid {

/// Where a clinical statement comes from: reference ids (data/references.json) and an evidence level
/// as in the dossier: 'V' verified in the primary text, 'S' secondary source only, 'U' unverified
/// (allowed only with a note saying why the value is a reasonable default).
struct Provenance {
  std::vector<std::string> sources;
  char evidence = 'U';
  std::string note;
};

struct Reference {
  std::string id;
  std::string citation;  ///< "Authors. Title. Journal Year;Vol:Pages."
  std::string pmid, pmcid, doi, url;
};

/// Kinds of variable the engine reasons about. HPO features come from findings; the others from the
/// case's exposures, tests, antibodies and onset. All share one index space.
enum class VariableKind : uint8_t { kPhenotype, kExposure, kHistory, kTest, kAntibody, kOnset };

/// One thing that can be present, absent or unknown in a case.
struct Variable {
  /// "HP:0010543", "exposure:recent-infection", "history:family-history-of-ataxia", "test:eeg",
  /// "antibody:anti-Ri", "onset:acute"
  std::string id;
  VariableKind kind = VariableKind::kPhenotype;
  std::string key;       ///< the id inside its namespace ("recent-infection", "eeg", ...)
  std::string label;     ///< clinician label
  std::string lay;       ///< plain-language label
  std::string category;
  std::string question;  ///< plain-language question, "" when the variable is never asked directly
  std::string help;      ///< plain-language help for the question
  std::string why;       ///< why the answer matters (for next-question suggestions)
};

/// The part of HPO the knowledge base needs: terms related (up or down) to its features.
struct HpoTerm {
  std::string id;
  std::string label;
  std::vector<int> parents;            ///< indexes into KnowledgeBase::hpo_terms
  std::vector<std::string> synonyms;
  std::vector<int> implies_present;    ///< variables that a present term makes present (ancestors-or-self)
  std::vector<int> implies_absent;     ///< variables that an absent term makes absent (descendants-or-self)
};

/// A criteria set such as Genoa 2005: a rule whose direct children are the labelled items.
struct CriteriaSet {
  std::string id;
  std::string label;
  Rule rule;
  Provenance provenance;
};

/// A work-up test of the catalogue (data/workup.json).
struct TestDef {
  std::string id;
  std::string label;
  std::string looks_for;
  std::string loinc;  ///< "" when no verified code exists
  int variable = -1;  ///< the "test:<id>" variable (present = abnormal)
  Provenance provenance;
};

/// An antibody of the vocabulary (data/vocabulary.json).
struct AntibodyDef {
  std::string id;  ///< "anti-Ri"
  std::string label;
  int variable = -1;  ///< the "antibody:<id>" variable (present = positive)
};

struct AgeBand {
  std::string id;
  std::string label;
  double min_years = 0, max_years = 200;  ///< [min, max)
};

struct KnowledgeBase {
  std::string kb_version;
  std::string title;
  std::string disclaimer;
  std::string hpo_version;
  std::string hpo_attribution;

  std::vector<Reference> references;
  std::unordered_map<std::string, int> reference_index;

  std::vector<Variable> variables;
  std::unordered_map<std::string, int> variable_index;

  std::vector<HpoTerm> hpo_terms;
  std::unordered_map<std::string, int> hpo_index;
  std::unordered_map<std::string, std::string> hpo_replaced;  ///< obsolete/alt id -> current id

  std::vector<TestDef> tests;
  std::unordered_map<std::string, int> test_index;
  std::vector<AntibodyDef> antibodies;
  std::unordered_map<std::string, int> antibody_index;

  std::vector<AgeBand> age_bands;
  std::vector<CriteriaSet> criteria;

  /// The index of a variable id, or -1.
  int FindVariable(std::string_view id) const;
  /// The index of an HPO term (no obsolete-id replacement), or -1.
  int FindHpo(std::string_view id) const;
  int FindTest(std::string_view id) const;
  int FindAntibody(std::string_view id) const;
};

/// One data file: its name (for messages) and its JSON text.
struct KbFile {
  std::string name;
  std::string text;
};

/// Loads and validates a knowledge base. On failure the Error is the first problem; use
/// ValidateKnowledgeBase to get all of them.
Result<KnowledgeBase> LoadKnowledgeBase(const std::vector<KbFile>& files);

/// Every problem in a knowledge base, each with `file: path` and its code. Empty when it is valid.
std::vector<Error> ValidateKnowledgeBase(const std::vector<KbFile>& files);

/// The files of data/ compiled into this binary.
const std::vector<KbFile>& EmbeddedKbFiles();

/// The embedded knowledge base, loaded on first use. Its validity is checked by the test suite; if
/// it were ever invalid, this returns the error.
const Result<KnowledgeBase>& EmbeddedKnowledgeBase();

}  // namespace omsaid
