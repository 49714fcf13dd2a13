// SPDX-License-Identifier: MIT
// Internal: shared machinery of the knowledge-base loader, split across kb_*.cpp by kind.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "json_util.h"
#include "omsaid/kb.h"

namespace omsaid {

/// The index of the element of `list` whose `id` is `id`, or -1 (the loader rejects duplicate ids).
template <typename T>
int IndexOfId(const std::vector<T>& list, std::string_view id) {
  for (size_t i = 0; i < list.size(); ++i) {
    if (list[i].id == id) return static_cast<int>(i);
  }
  return -1;
}

/// One knowledge-base file parsed to JSON, with its name for messages.
struct ParsedFile {
  std::string name;
  Json root;
};

/// Collects every problem of a load, each path prefixed with its file name ("criteria.json:...").
class KbLoader {
 public:
  explicit KbLoader(KnowledgeBase* kb) : kb_(kb), reader_(&problems_) {}

  /// Runs every step; problems() is empty when the knowledge base is valid.
  void Load(const std::vector<KbFile>& files);
  std::vector<Error>& problems() { return problems_; }

  // ---- helpers for the per-kind loaders ----
  JsonReader& reader() { return reader_; }
  void Problem(ErrorCode code, std::string path, std::string message) {
    reader_.Problem(code, std::move(path), std::move(message));
  }
  /// Reads `sources`, `evidence` and `note` of a clinical statement at `path`.
  Provenance ReadProvenance(const Json& obj, const std::string& path, bool required = true);
  /// Reads a rule node and resolves its references (variables, tests, criteria ...).
  Rule ReadRule(const Json& node, const std::string& path, int depth = 0);
  /// Reads and resolves a red_flag rule node into `r`.
  void ReadRedFlagRule(const Json& node, const std::string& path, Rule* r);
  void ReadEitherWayRule(const Json& node, const std::string& path, Rule* r);
  void IndexRedFlagReaders();
  /// Reads an optional plain string member ("" when absent).
  std::string OptString(const Json& obj, std::string_view key, const std::string& path,
                        size_t max_length = 4000);
  /// Reads a required string member that must be one of `allowed`.
  std::string ReadEnum(const Json& obj, std::string_view key, const std::string& path,
                       std::initializer_list<std::string_view> allowed);
  /// Reads the required rule member `key`.
  Rule ReadRuleMember(const Json& obj, std::string_view key, const std::string& path);
  /// Reads a required string member.
  std::string ReqString(const Json& obj, std::string_view key, const std::string& path,
                        size_t max_length = 4000);
  /// The array member `key` (required), or nullptr after recording a problem.
  const Json* ReqArray(const Json& obj, std::string_view key, const std::string& path);
  /// Records a duplicate id problem and returns false if `id` is already in `seen`.
  bool CheckUnique(std::map<std::string, std::string>* seen, const std::string& id,
                   const std::string& path);
  /// Resolves the list of ids at `path` (at most `max`) with `find` (an index, or -1), in order;
  /// each unknown id is a problem at its own path, naming it as `what` ("unknown test 'x'").
  template <typename Find>
  std::vector<int> ResolveIds(const Json& list, const std::string& path, size_t max, std::string_view what,
                              Find find) {
    std::vector<int> out;
    auto ids = reader_.StringArray(list, path, max);
    if (!ids) return out;
    for (size_t k = 0; k < ids->size(); ++k) {
      const int i = find((*ids)[k]);
      if (i < 0) {
        Problem(ErrorCode::kUnknownReference, IndexPath(path, k), "unknown " + std::string(what) + " '" + (*ids)[k] + "'");
      } else {
        out.push_back(i);
      }
    }
    return out;
  }
  int AddVariable(Variable v, const std::string& path);
  /// Reads what every askable variable may carry: `appliesWhen` (a rule on age and sex),
  /// `observable`, `safety` (its place among the safety questions) and `layTerms`.
  void ReadAskable(const Json& obj, const std::string& path, Variable* v);
  /// Reads `forAdults` (the question, help and why put about an adult), after the general wording.
  /// `key` ("forAdults", "forSelf"): the question, help and why put to another reader, each taken
  /// from `base` where not given; `may_skip`: the question may be "" (not put to that reader).
  void ReadWording(const Json& obj, const std::string& path, std::string_view key, std::string_view whose,
                   const Wording& base, bool may_skip, std::optional<Wording>* out);
  void ReadWordings(const Json& obj, const std::string& path, Variable* v);

  KnowledgeBase& kb() { return *kb_; }

 private:
  void LoadMeta(const Json& root);
  void LoadReferences(const Json& root);
  void LoadVocabulary(const Json& root);
  void LoadFeatures(const Json& root);
  void LoadTests(const Json& root);
  void LoadHpo(const Json& root);
  void LoadCriteria(const Json& root);
  void LoadDefinitions(const Json& root);
  void LoadDiagnoses(const Json& root) { LoadDiagnosisModel(root, &kb_->differential, "diagnoses"); }
  void LoadEtiology(const Json& root) { LoadDiagnosisModel(root, &kb_->etiology, "causes"); }
  void LoadDiagnosisModel(const Json& root, DiagnosisModel* model, std::string_view list_key);
  void ReadDiagnosedBy(const Json& e, const std::string& path, Diagnosis* d);
  void LoadGroups(const Json& root, DiagnosisModel* model);
  void CheckGroupFrequencies(const DiagnosisModel& model);
  void LoadWorkupRules(const Json& root);
  void LoadRedFlags(const Json& root);
  void LoadTriageAndSafetyNet(const Json& root);
  void LoadCareTeam(const Json& root);
  void LoadPnsCare(const Json& root);
  void LoadSeverity(const Json& root);

  KnowledgeBase* kb_;
  /// While the red flags themselves are read, a red_flag rule is refused (no flag depends on
  /// flags).
  bool reading_red_flags_ = false;
  std::vector<Error> problems_;
  JsonReader reader_;
};

}  // namespace omsaid
