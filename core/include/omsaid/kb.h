// SPDX-License-Identifier: MIT
// The knowledge base: every clinical statement the engine uses, loaded from JSON text (data/*.json),
// validated as a whole (every problem reported with its JSON path) before anything is evaluated.
//
// Example:
//   Result<KnowledgeBase> kb = LoadKnowledgeBase({{"criteria.json", text}, ...});
//   const KnowledgeBase& shipped = EmbeddedKnowledgeBase();   // data/ compiled into the binary
#pragma once

#include <map>
#include <memory>
#include <optional>
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
  std::vector<int> source_refs;  ///< the sources as indexes into KnowledgeBase::references
  /// Its place among the knowledge base's statements, numbered when loading (-1: not numbered); the
  /// report writer keeps what it renders of each statement under this number.
  int index = -1;
};

struct Reference {
  std::string id;
  std::string citation;  ///< "Authors. Title. Journal Year;Vol:Pages."
  std::string pmid, pmcid, doi, url;
};

/// Kinds of variable the engine reasons about. HPO features come from findings; the others from the
/// case's exposures, tests, antibodies and onset. All share one index space.
enum class VariableKind : uint8_t {
  kPhenotype,
  kExposure,
  kHistory,
  kTest,
  kAntibody,
  kOnset,     ///< categorical: one of the onset values ("onset:acute")
  kCourse,    ///< categorical: how the illness has evolved ("course:improving")
  kDuration,  ///< categorical: how long it has lasted, a band of days ("duration:1-4-weeks")
  kGroup,     ///< a group of features that is clinically one observation (a diagnosis model's)
};

/// Whether a kind is answered once for all its values (onset, course, duration): exactly one value
/// holds, so its variables are present for the answer given and absent for the others.
inline bool IsCategorical(VariableKind k) {
  return k == VariableKind::kOnset || k == VariableKind::kCourse || k == VariableKind::kDuration;
}

/// One thing that can be present, absent or unknown in a case.
/// An HPO term that counts for a feature although HPO files it elsewhere (a near-equivalent, such as
/// Unsteady gait for Ataxia): present there or below makes the feature present; absent says nothing.
struct HpoCrosswalk {
  std::string term;
  Provenance provenance;  ///< why the term is read as the feature (its note is required)
};

/// A term outside every feature's branch read, when present, as a more general term of HPO that
/// stands for several features (features.json readAs): Oscillopsia, the seeing of an involuntary eye
/// movement, as "Abnormal involuntary eye movements", so at least one of them. Its absence says nothing.
struct HpoAlias {
  std::string term;
  std::string as;
  Provenance provenance;  ///< why (its note is required)
};

/// A question with its help and why, as worded for one reader (an adult, the person themselves).
struct Wording {
  std::string question, help, why;
};

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
  /// The question, help and why as put about an adult (18 years or more), where the general wording
  /// speaks of a child ("or has a child stopped talking?"); none: the general one.
  std::optional<Wording> adult_wording;
  /// The same put about a baby under 1 year (Report::infant), where the general wording speaks of
  /// walking or talking ("walking like they are drunk"); none: the general one.
  std::optional<Wording> infant_wording;
  /// The same put to the person answering about themselves ("Do you see double?"), where the
  /// general or adult wording speaks of "the person"; none: the adult wording, or the general one.
  /// An empty question: never put to the person themselves (how a baby is fed).
  std::optional<Wording> self_wording;
  int index = -1;        ///< kTest: index into KnowledgeBase::tests; kAntibody: into antibodies
  /// Asked (as a next question) only once this variable is present, e.g. "getting better on its
  /// own?" only once there is unsteadiness; -1: always askable.
  int ask_after = -1;
  std::string ask_after_id;
  /// Not asked once any of these is present (a cancer found answers "ever diagnosed with a cancer?").
  std::vector<int> ask_unless;
  std::vector<std::string> ask_unless_ids;
  std::string ask_unless_path;  ///< where the ids were read, for a problem found when resolving them
  std::vector<HpoCrosswalk> counts_from;  ///< kPhenotype: near-equivalent terms read as this feature
  std::vector<std::string> excludes;      ///< kPhenotype: HPO branches below it that do not count for it
  /// kPhenotype: when set, only these HPO branches below the feature count for it (with the feature
  /// itself); every other descendant is outside it (behavioural change is not any atypical behaviour).
  std::vector<std::string> counts_only;
  /// Whom the variable concerns (a testicular tumour: males); a question or test about it is offered
  /// only when this rule is not false for the case. Always true when absent from the data.
  Rule applies;
  /// Whether a parent or patient can answer it by looking (signs, history), not a test result.
  bool observable = false;
  /// Position in the safety questions a parent is asked first (1, 2, ...); 0 = not one of them.
  int safety = 0;
  /// Whether its presence is a sign the differential explains. False for context that alone calls
  /// for no neurological explanation (a fever, vomiting, a tummy lump, a tumour found, a recent
  /// infection, a known cancer): with only such answers nothing reads the differential.
  bool sign = true;
  /// False for a sign too common in any unwell person to call for a neurological explanation on
  /// its own (irritability, poor sleep): it counts as a sign only beside another finding present
  /// (a fever, vomiting, or any sign).
  bool sign_alone = true;
  std::vector<std::string> lay_terms;  ///< everyday words for it ("dancing eyes"), for search
};

/// The part of HPO the knowledge base needs: terms related (up or down) to its features.
struct HpoTerm {
  std::string id;
  std::string label;
  std::vector<int> parents;            ///< indexes into KnowledgeBase::hpo_terms
  std::vector<std::string> synonyms;
  std::vector<int> implies_present;    ///< variables that a present term makes present (ancestors-or-self)
  std::vector<int> implies_absent;     ///< variables that an absent term makes absent (descendants-or-self)
  std::vector<int> read_as;  ///< the part of implies_present that comes from a crosswalk, not from HPO
  int alias = -1;            ///< when present, read as this more general term (HpoAlias); else -1
};

/// A criteria item that only tests can answer (a tumour found by a scan), and what the report says
/// when the item is still needed but the work-up orders none of those tests: "needs a tumour"
/// never stands, unexplained, beside a plan that does not look for one.
struct CriteriaSearch {
  int item = -1;           ///< index into the set's rule children
  std::vector<int> tests;  ///< indexes into KnowledgeBase::tests
  std::string if_not_sought;
  Provenance provenance;
};

/// A criteria set such as Genoa 2005: a rule whose direct children are the labelled items.
struct CriteriaSet {
  std::string id;
  std::string label;
  std::string population;  ///< whom the set was written for: "children", "adults" or "all"
  Rule applies;            ///< the patients it applies to (an age rule); always true when absent
  Rule rule;
  std::vector<CriteriaSearch> searches;  ///< "answeredBy": the items only tests answer
  Provenance provenance;
};

/// A statement shown under a condition (an indication, a note on a normal result, ...).
struct Conditional {
  Rule when;
  std::string text;
  Provenance provenance;
};

/// When a test is indicated, and how urgently.
struct Indication {
  Rule when;
  std::string urgency;  ///< emergency | urgent | soon | routine
  std::string reason;
  Provenance provenance;
};

/// A repeat schedule after a normal result.
struct RepeatRule {
  Rule when;
  double after_months = 0, every_months = 0, until_months = 0;
  std::string reason;
  Provenance provenance;
};

/// A work-up test of the catalogue (data/workup.json).
struct TestDef {
  std::string id;
  std::string label;
  std::string lay;       ///< its name in everyday words ("A spinal fluid test"); "" = the label
  std::string looks_for;
  std::string category;  ///< tumour | neurological | mimic
  std::string loinc;     ///< "" when no verified code exists
  std::string question;  ///< for next-question suggestions
  std::string why;
  int variable = -1;     ///< the "test:<id>" variable (present = abnormal)
  /// More specific results of this test (variables such as CSF pleocytosis): once one of them is
  /// answered, the test's own normal/abnormal is not counted again in the differential.
  std::vector<int> results;
  /// Its results can come only from this test (CSF pleocytosis, oligoclonal bands): one of them
  /// answered shows the test done (abnormal when one is present), so it is not recommended again.
  /// False where the same findings come from other tests too (a neuroblastoma found by MIBG).
  bool results_show_it_done = false;
  /// The antibodies this test measures (antibody indices). A positive one shows the test done and
  /// abnormal; a test of one antibody (anti-GQ1b IgG) is that antibody: each answers the other.
  std::vector<int> measures;
  Provenance provenance;
  std::vector<Indication> indications;  ///< the first that holds applies
  std::vector<Conditional> if_normal;   ///< notes shown with a normal result
  std::vector<Conditional> if_abnormal;
  /// Cautions before doing the test (a brain scan before a lumbar puncture when the pressure in the
  /// skull may be raised): shown while it is recommended, unless the case's answers rule them out.
  std::vector<Conditional> cautions;
  std::vector<RepeatRule> repeats;      ///< the first that holds applies after a normal result
};

/// A named rule (data/definitions.json), used as {"type": "ref", "id": ...}.
struct Definition {
  std::string id;
  std::string label;
  Rule rule;
  Provenance provenance;
};

/// P(variable present | diagnosis) for one diagnosis, optionally for some age bands only.
struct FeatureFrequency {
  int variable = -1;
  double frequency = 0;
  std::vector<int> age_bands;  ///< indexes into KnowledgeBase::age_bands; empty = all
  Provenance provenance;
  // Derived when loading: the frequency clamped to the model's bounds, and its logs.
  double clamped = 0, log_yes = 0, log_no = 0;
};

struct Diagnosis {
  std::string id;
  std::string label;
  std::string lay;
  std::string summary;
  std::vector<std::string> xrefs;
  std::vector<double> pretest;              ///< weight per age band
  std::vector<Provenance> pretest_provenance;
  /// A weight for part of an age band ([from_years, to_years)), used in place of the band's when
  /// the age is known and in the range (a diagnosis whose share changes within a band).
  struct PretestRange {
    int band = -1;
    double from_years = 0, to_years = 0;
    double weight = 0;
    Provenance provenance;
  };
  std::vector<PretestRange> pretest_ranges;
  /// The pretest weight at an age band and (when known) an age; *basis, if given, is where it
  /// comes from (the range's provenance, or the band's).
  double PretestWeight(int band, std::optional<double> age_years, const Provenance** basis = nullptr) const {
    if (band < 0 || static_cast<size_t>(band) >= pretest.size()) return 0;
    if (age_years) {
      for (const PretestRange& r : pretest_ranges) {
        if (r.band == band && *age_years >= r.from_years && *age_years < r.to_years) {
          if (basis) *basis = &r.provenance;
          return r.weight;
        }
      }
    }
    if (basis && static_cast<size_t>(band) < pretest_provenance.size()) *basis = &pretest_provenance[static_cast<size_t>(band)];
    return pretest[static_cast<size_t>(band)];
  }
  std::vector<FeatureFrequency> features;
  /// A condition diagnosed from positive findings (a functional disorder: from signs on
  /// examination), not because other findings are absent: the variables (each listed in `features`)
  /// that make the diagnosis, and the source for that. While any is unanswered, the report says the
  /// diagnosis needs it, and a parent is not told the condition is likely from their answers.
  struct DiagnosedBy {
    std::vector<int> variables;
    Provenance provenance;
  };
  std::optional<DiagnosedBy> diagnosed_by;
};

/// A band of illness duration (days since onset): [min_days, max_days).
struct DurationBand {
  std::string id;
  std::string label;
  double min_days = 0, max_days = 1e9;
  int variable = -1;  ///< the "duration:<id>" variable
};

/// Features a diagnosis model treats as one observation (opsoclonus or ocular flutter): present when
/// any member is present, with the group's own frequency; see DESIGN.md and data/README.md.
struct FeatureGroup {
  std::string id;     ///< "eye-oscillation"
  int variable = -1;  ///< the "group:<id>" variable
  std::vector<int> members;
  Provenance provenance;
};

/// A naive-Bayes model over a closed set of diagnoses (the differential, or the causes of OMS).
struct DiagnosisModel {
  std::string kind;  ///< "diagnoses" or "etiology"
  double min_frequency = 0.01, max_frequency = 0.99;
  Provenance clamp;
  struct Default {
    std::string category;  ///< a variable category, "*" for any; empty for one variable's default
    double frequency = 0.05;
    Provenance provenance;
    double clamped = 0, log_yes = 0, log_no = 0;  ///< derived when loading
    int variable = -1;  ///< one variable's own default (index into variables), overriding its category's
    /// With `variable`: a lower clamp for that variable's frequencies (this default and every
    /// diagnosis' entry), for a finding that is truly rare without the diagnoses that list it.
    double min_frequency = -1;
  };
  std::vector<Default> defaults;
  /// Optional: an unannotated clinical finding (of the listed categories) takes `factor` times the
  /// mean frequency among the diagnoses that describe it, instead of its category's default, as
  /// LIRICAL scores a term a disease is not annotated with against the term's background frequency.
  struct Background {
    bool enabled = false;
    double factor = 1;
    std::vector<std::string> categories;
    Provenance provenance;
  } background;
  /// Optional: a present term more general than every feature (no feature at or above it, some
  /// below it: "Abnormal involuntary eye movements") counts as "at least one of the features below
  /// it", P = 1 - prod P(not f | d) over the ones not yet answered. Without it, such a term is only
  /// kept in the case with a warning.
  struct Broader {
    bool enabled = false;
    Provenance provenance;
  } broader;
  /// Optional: the onset tempo and the time since onset, when both are answered, each count at
  /// `weight` (their likelihoods raised to it): the two describe one time course (a child seen on
  /// the third day after an abrupt onset), so counting each in full counts that course twice.
  struct TimeCourse {
    bool enabled = false;
    double weight = 1;
    Provenance provenance;
  } time_course;
  std::vector<FeatureGroup> groups;
  /// Where a diagnosis gives no frequency for a group, the group's is derived from its members'
  /// (listed or default) as if independent given the diagnosis: 1 - prod(1 - f_m). Why, here.
  Provenance group_derived;
  std::vector<Diagnosis> diagnoses;
  std::unordered_map<std::string, int> index;
  // Derived when loading:
  std::vector<int> default_of_variable;  ///< index into `defaults`, per variable
  /// per variable: (diagnosis, index into its `features`) of every entry for it
  std::vector<std::vector<std::pair<int, int>>> annotations;
  std::vector<int> group_of_variable;  ///< per variable: the index of its group in `groups`, or -1
  /// per diagnosis: the age band where its pretest share (its weight over the band's total) is
  /// largest. Without an age, a diagnosis' age-specific frequencies are that band's: it is scored
  /// as it presents at its usual age (post-viral ataxia as a child's, not an adult's cerebellitis).
  /// The differential only; -1 for every cause of the etiology model (unrestricted entries).
  std::vector<int> typical_band;
  int Find(std::string_view id) const;
  /// Whether any diagnosis of the model gives a frequency for variable `v`.
  bool Annotates(int v) const {
    return v >= 0 && static_cast<size_t>(v) < annotations.size() && !annotations[v].empty();
  }
};

struct RedFlag {
  std::string id;
  Rule when;
  std::string action;  ///< emergency | urgent | soon
  std::string message; ///< for clinicians
  std::string lay;     ///< for parents and patients
  /// Diagnoses its words name ("can be OMS"): while it is raised, the parent's list of possible
  /// explanations includes them, however unlikely, so the warning and the list never disagree.
  std::vector<int> names;
  Provenance provenance;
};

/// What should bring a family back, shown while a benign explanation leads (safety-netting).
struct SafetyNet {
  std::string id;
  Rule when;
  std::string message;  ///< for clinicians
  std::string lay;      ///< for parents and patients
  Provenance provenance;
};

/// The overall triage message for one action level (the most urgent red flag's; routine when none).
struct TriageText {
  std::string message;  ///< for clinicians
  std::string lay;      ///< for parents and patients
  Provenance provenance;
};

/// Words for a probability in the parent's view ("likely", "possible", ...): the band whose
/// minimum the probability reaches.
struct LikelihoodBand {
  std::string id;
  double min = 0;
};

struct CareRole {
  std::string id;
  std::string group;  ///< of the roles sharing a group, only the first that holds is listed
  std::string role;
  Rule when;
  std::string urgency;  ///< emergency | urgent | soon | routine
  std::string reason;
  Provenance provenance;
};

/// PNS-Care score (Graus 2021), every cell with its evidence.
struct PnsCareModel {
  bool loaded = false;
  Rule applies;  ///< the phenotype the score is applied to (OMS)
  std::string phenotype_label;
  int phenotype_points = 0;
  Provenance phenotype_provenance;
  struct AntibodyClass {
    std::string id;  ///< high | intermediate | low
    std::string label;
    int points = 0;
    std::vector<int> antibodies;  ///< indexes into KnowledgeBase::antibodies
    Provenance provenance;
  };
  std::vector<AntibodyClass> antibody_classes;  ///< in order of points, highest first
  Provenance no_antibody_provenance;
  std::string no_antibody_label;
  int no_antibody_points = 0;
  Rule consistent_cancer;  ///< a cancer consistent with the phenotype is found
  std::string consistent_cancer_label;
  int cancer_points = 0;
  Provenance cancer_provenance;
  double follow_up_cutoff_months = 24;
  int no_cancer_short_points = 1, no_cancer_long_points = 0;
  std::string no_cancer_short_label, no_cancer_long_label;
  Provenance no_cancer_provenance;
  /// What to say when an input is unknown and would change the score.
  std::string needs_antibodies, needs_cancer, needs_follow_up;
  struct Level {
    std::string level;
    int min = 0;
    Provenance provenance;
  };
  std::vector<Level> levels;  ///< highest threshold first
  Rule definite_without_antibody;  ///< the OMS exception
  std::string definite_without_antibody_label;
  Provenance definite_without_antibody_provenance;
  Provenance provenance;
};

struct SeverityInfo {
  bool has_scale = false;
  std::string note;
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

/// What the report writer renders once from a loaded knowledge base (report_fragments.h): the
/// model stays plain data, and writing a report is mostly appending ready-made text.
struct ReportFragments;

struct KnowledgeBase {
  std::string kb_version;
  std::string title;
  std::string disclaimer;
  std::string hpo_version;
  std::string hpo_attribution;

  std::vector<Reference> references;
  std::unordered_map<std::string, int> reference_index;
  std::vector<int> references_by_id;  ///< indexes into `references`, sorted by id

  std::vector<Variable> variables;
  std::unordered_map<std::string, int> variable_index;

  std::vector<HpoTerm> hpo_terms;
  std::unordered_map<std::string, int> hpo_index;
  std::unordered_map<std::string, std::string> hpo_replaced;  ///< obsolete/alt id -> current id
  std::vector<HpoAlias> hpo_aliases;                          ///< features.json readAs

  std::vector<TestDef> tests;
  std::unordered_map<std::string, int> test_index;
  std::vector<AntibodyDef> antibodies;
  std::unordered_map<std::string, int> antibody_index;

  std::vector<AgeBand> age_bands;
  std::vector<CriteriaSet> criteria;
  std::vector<Definition> definitions;
  DiagnosisModel differential;
  DiagnosisModel etiology;
  std::vector<RedFlag> red_flags;
  /// The key signs that `either_way` rules name (variable indices, no repeats): the engine works out,
  /// for each one unanswered, the triage that answering it either way would bring.
  std::vector<int> either_way_signs;
  /// By variable index: the red flags whose rule reads it, directly or through definitions (not
  /// through the differential or the criteria). Answering one variable can raise only these.
  std::vector<std::vector<int>> red_flags_reading;
  TriageText triage[4];  ///< by action: emergency, urgent, soon, routine
  std::vector<SafetyNet> safety_net;
  std::vector<LikelihoodBand> likelihood_bands;  ///< highest minimum first
  /// Explanations below this probability are left to the clinician's view in the parent's results
  /// (counted there, not named).
  double lay_min_probability = 0.01;
  std::string age_label = "Age", sex_label = "Sex";  ///< what `needs` names for missing age or sex
  std::vector<CareRole> care_team;
  PnsCareModel pns_care;
  SeverityInfo severity;
  std::vector<DurationBand> duration_bands;
  /// The question of each categorical kind (onset, course, duration), asked once with its values
  /// as the answers.
  struct CategoricalQuestion {
    std::string label, question, help, why;
    int safety = 0;  ///< its place among the safety questions a parent is asked first; 0 = not one
  };
  CategoricalQuestion onset_question, course_question, duration_question;
  const CategoricalQuestion& QuestionOf(VariableKind k) const {
    return k == VariableKind::kCourse ? course_question
         : k == VariableKind::kDuration ? duration_question : onset_question;
  }
  /// Question templates for variables without their own question ("{label}" is replaced).
  std::string test_question_template;
  std::string antibody_question_template;
  /// Why an antibody question matters: for one of PNS-Care's classes, the template filled with the
  /// class's label; otherwise the general line.
  std::string antibody_why, antibody_class_why_template;
  /// Set by the loader, indexed by `Provenance::index` and the model's other indexes; copies of the
  /// knowledge base share it (a copy whose texts are edited by hand reports the loaded texts).
  std::shared_ptr<const ReportFragments> report_fragments;

  /// The index of a variable id, or -1.
  int FindVariable(std::string_view id) const;
  /// The index of an HPO term (no obsolete-id replacement), or -1.
  int FindHpo(std::string_view id) const;
  /// A present `term` more general than every feature (none at or above it, some below it) that the
  /// differential counts as "at least one of the features below it" (DiagnosisModel::broader).
  /// A term read as such a term (HpoAlias) counts as it does.
  bool CountsAsBroader(const HpoTerm& term) const {
    const HpoTerm& t = term.alias >= 0 ? hpo_terms[term.alias] : term;
    return differential.broader.enabled && t.implies_present.empty() && !t.implies_absent.empty();
  }
  int FindTest(std::string_view id) const;
  int FindAntibody(std::string_view id) const;
  /// The age band of an age in years, or -1 when the age is unknown.
  int AgeBandOf(const std::optional<double>& age_years) const;
  /// The duration band of a number of days, or -1 when it is unknown.
  int DurationBandOf(const std::optional<double>& days) const;
};

/// Computes a model's derived tables (clamped frequencies and their logs, each variable's default,
/// the annotations per variable). The loader calls it; call it again after editing a model by hand.
void DeriveModel(const std::vector<Variable>& variables, DiagnosisModel* model);

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
