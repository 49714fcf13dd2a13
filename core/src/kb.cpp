// SPDX-License-Identifier: MIT
#include "omsaid/kb.h"

#include <algorithm>

#include "kb_loader.h"
#include "report_fragments.h"
#include "text_util.h"

namespace omsaid {
namespace {

constexpr int kSchemaVersion = 1;

// Kinds in the order they are processed: later kinds refer to ids defined by earlier ones.
constexpr std::string_view kKinds[] = {
    "meta",     "references", "vocabulary", "features",  "workup",   "hpo",      "criteria",
    "diagnoses", "etiology",  "definitions", "red_flags", "care_team", "pns_care", "severity"};
// Kinds that must be present for the engine to work.
constexpr std::string_view kRequiredKinds[] = {
    "meta",     "references", "vocabulary", "features",  "workup",   "hpo",      "criteria",
    "diagnoses", "etiology",  "definitions", "red_flags", "care_team", "pns_care", "severity"};

// Ids that other programs rely on (DESIGN §4.1 / §4.2).
constexpr std::string_view kRequiredExposures[] = {"drug-or-toxin", "recent-infection",
                                                   "recent-vaccination",
                                                   "nutritional-deficiency-risk", "known-cancer"};
constexpr std::string_view kRequiredTests[] = {
    "urine-catecholamines",  "imaging-chest-abdomen-pelvis", "mibg-scan",
    "brain-mri",             "csf-analysis",                 "eeg",
    "paraneoplastic-antibody-panel", "ct-chest-abdomen-pelvis", "breast-imaging",
    "pelvic-ultrasound",     "testicular-ultrasound",        "fdg-pet-ct",
    "urine-toxicology",      "infection-workup",             "metabolic-panel",
    "anti-gq1b"};
constexpr std::string_view kOnsets[] = {"acute", "subacute", "chronic"};
constexpr std::string_view kCourses[] = {"improving", "persistent", "worsening", "relapsing", "episodic"};

bool IsKebabId(std::string_view s) {
  if (s.empty() || s.size() > 64) return false;
  for (char c : s) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                    (c >= 'A' && c <= 'Z');
    if (!ok) return false;
  }
  return true;
}

}  // namespace

int KnowledgeBase::FindVariable(std::string_view id) const {
  auto it = variable_index.find(std::string(id));
  return it == variable_index.end() ? -1 : it->second;
}
int KnowledgeBase::FindHpo(std::string_view id) const {
  auto it = hpo_index.find(std::string(id));
  return it == hpo_index.end() ? -1 : it->second;
}
int KnowledgeBase::FindTest(std::string_view id) const {
  auto it = test_index.find(std::string(id));
  return it == test_index.end() ? -1 : it->second;
}
int KnowledgeBase::FindAntibody(std::string_view id) const {
  auto it = antibody_index.find(std::string(id));
  return it == antibody_index.end() ? -1 : it->second;
}

// ---------------------------------------------------------------------------------------------
// Helpers

std::string KbLoader::OptString(const Json& obj, std::string_view key, const std::string& path,
                                size_t max_length) {
  const Json* v = reader_.Member(obj, key, path, false);
  if (!v) return {};
  auto s = reader_.String(*v, JoinPath(path, key), max_length);
  return s ? *s : std::string();
}

std::string KbLoader::ReqString(const Json& obj, std::string_view key, const std::string& path,
                                size_t max_length) {
  const Json* v = reader_.Member(obj, key, path, true);
  if (!v) return {};
  auto s = reader_.String(*v, JoinPath(path, key), max_length);
  if (s && s->empty()) {
    Problem(ErrorCode::kInvalidValue, JoinPath(path, key), "must not be empty");
  }
  return s ? *s : std::string();
}

const Json* KbLoader::ReqArray(const Json& obj, std::string_view key, const std::string& path) {
  const Json* v = reader_.Member(obj, key, path, true);
  if (!v) return nullptr;
  if (!reader_.ExpectArray(*v, JoinPath(path, key))) return nullptr;
  return v;
}

bool KbLoader::CheckUnique(std::map<std::string, std::string>* seen, const std::string& id,
                           const std::string& path) {
  auto [it, inserted] = seen->emplace(id, path);
  if (!inserted) {
    Problem(ErrorCode::kDuplicateId, path, "id '" + id + "' is already defined at " + it->second);
    return false;
  }
  return true;
}

int KbLoader::AddVariable(Variable v, const std::string& path) {
  auto [it, inserted] = kb_->variable_index.emplace(v.id, static_cast<int>(kb_->variables.size()));
  if (!inserted) {
    Problem(ErrorCode::kDuplicateId, path, "variable '" + v.id + "' is already defined");
    return it->second;
  }
  kb_->variables.push_back(std::move(v));
  return it->second;
}

void KbLoader::ReadWording(const Json& obj, const std::string& path, std::string_view key, std::string_view whose,
                           const Wording& base, bool may_skip, std::optional<Wording>* out) {
  const Json* json = reader_.Member(obj, key, path, false);
  if (!json) return;
  const std::string wpath = JoinPath(path, key);
  if (!reader_.ExpectObject(*json, wpath)) return;
  for (auto it = json->begin(); it != json->end(); ++it) {
    if (it.key() != "question" && it.key() != "help" && it.key() != "why") {
      Problem(ErrorCode::kInvalidValue, JoinPath(wpath, it.key()),
              std::string(whose) + " wording has only 'question', 'help' and 'why'");
    }
  }
  Wording w;
  w.question = json->contains("question") ? OptString(*json, "question", wpath, 400) : base.question;
  w.help = json->contains("help") ? OptString(*json, "help", wpath, 1000) : base.help;
  w.why = json->contains("why") ? OptString(*json, "why", wpath, 400) : base.why;
  // A question nobody could answer about themselves (how a baby is fed) may be "" for the person.
  const bool skipped = may_skip && json->contains("question") && w.question.empty();
  if (base.question.empty() != w.question.empty() && !(skipped && !base.question.empty())) {
    Problem(ErrorCode::kInvalidValue, JoinPath(wpath, "question"),
            std::string(whose) + " question is asked exactly when the general one is");
  }
  *out = std::move(w);
}

void KbLoader::ReadWordings(const Json& obj, const std::string& path, Variable* v) {
  const Wording general{v->question, v->help, v->why};
  ReadWording(obj, path, "forAdults", "an adult's", general, false, &v->adult_wording);
  ReadWording(obj, path, "forInfants", "an infant's", general, false, &v->infant_wording);
  // Put to the person themselves: what it does not give is taken from the adult wording.
  ReadWording(obj, path, "forSelf", "the person's own", v->adult_wording ? *v->adult_wording : general, true,
              &v->self_wording);
}

void KbLoader::ReadAskable(const Json& obj, const std::string& path, Variable* v) {
  if (const Json* r = reader_.Member(obj, "appliesWhen", path, false)) {
    v->applies = ReadRule(*r, JoinPath(path, "appliesWhen"));
  }
  if (const Json* o = reader_.Member(obj, "observable", path, false)) {
    auto b = reader_.Bool(*o, JoinPath(path, "observable"));
    if (b) v->observable = *b;
  }
  if (const Json* o = reader_.Member(obj, "sign", path, false)) {
    auto b = reader_.Bool(*o, JoinPath(path, "sign"));
    if (b) v->sign = *b;
  }
  if (const Json* o = reader_.Member(obj, "signAlone", path, false)) {
    auto b = reader_.Bool(*o, JoinPath(path, "signAlone"));
    if (b) v->sign_alone = *b;
  }
  if (const Json* o = reader_.Member(obj, "safety", path, false)) {
    auto n = reader_.Integer(*o, JoinPath(path, "safety"));
    if (n && (*n < 1 || *n > 100)) {
      Problem(ErrorCode::kInvalidValue, JoinPath(path, "safety"), "a safety question's place is 1 to 100");
    } else if (n) {
      v->safety = static_cast<int>(*n);
    }
    if (!v->observable) {
      Problem(ErrorCode::kInvalidValue, JoinPath(path, "safety"),
              "a safety question must be one a parent can answer (observable: true)");
    }
  }
  if (const Json* l = reader_.Member(obj, "layTerms", path, false)) {
    auto list = reader_.StringArray(*l, JoinPath(path, "layTerms"), 60);
    if (list) v->lay_terms = std::move(*list);
  }
  if (const Json* u = reader_.Member(obj, "askUnless", path, false)) {
    v->ask_unless_path = JoinPath(path, "askUnless");
    auto list = reader_.StringArray(*u, v->ask_unless_path, 64);
    if (list) v->ask_unless_ids = std::move(*list);
  }
}

Provenance KbLoader::ReadProvenance(const Json& obj, const std::string& path, bool required) {
  Provenance p;
  const Json* sources = reader_.Member(obj, "sources", path, required);
  if (sources) {
    auto list = reader_.StringArray(*sources, JoinPath(path, "sources"), 50);
    if (list) {
      for (size_t i = 0; i < list->size(); ++i) {
        if (kb_->reference_index.find((*list)[i]) == kb_->reference_index.end()) {
          Problem(ErrorCode::kUnknownReference, IndexPath(JoinPath(path, "sources"), i),
                  "source '" + (*list)[i] + "' is not in references.json");
        }
      }
      if (required && list->empty()) {
        Problem(ErrorCode::kMissingField, JoinPath(path, "sources"),
                "a clinical statement needs at least one source");
      }
      p.sources = std::move(*list);
    }
  }
  const Json* evidence = reader_.Member(obj, "evidence", path, required);
  if (evidence) {
    auto e = reader_.Enum(*evidence, JoinPath(path, "evidence"), {"V", "S", "U"});
    if (e) p.evidence = (*e)[0];
  }
  p.note = OptString(obj, "note", path);
  if (p.evidence == 'U' && p.note.empty() && (required || evidence)) {
    Problem(ErrorCode::kMissingField, JoinPath(path, "note"),
            "evidence 'U' needs a note saying why the value is a reasonable default");
  }
  return p;
}

// ---------------------------------------------------------------------------------------------
// Kinds

void KbLoader::LoadMeta(const Json& root) {
  kb_->kb_version = ReqString(root, "kbVersion", "", 40);
  kb_->title = ReqString(root, "title", "", 200);
  kb_->disclaimer = ReqString(root, "disclaimer", "", 2000);
  kb_->test_question_template = ReqString(root, "testQuestionTemplate", "", 300);
  kb_->antibody_question_template = ReqString(root, "antibodyQuestionTemplate", "", 300);
  kb_->antibody_why = ReqString(root, "antibodyWhy", "", 300);
  kb_->antibody_class_why_template = ReqString(root, "antibodyClassWhyTemplate", "", 300);
}

void KbLoader::LoadReferences(const Json& root) {
  const Json* refs = ReqArray(root, "references", "");
  if (!refs) return;
  std::map<std::string, std::string> seen;
  reader_.ForEachObject(*refs, "references", [&](const Json& r, const std::string& path, size_t) {
    Reference ref;
    ref.id = ReqString(r, "id", path, 64);
    const std::string authors = ReqString(r, "authors", path, 1000);
    const std::string title = ReqString(r, "title", path, 1000);
    const std::string journal = OptString(r, "journal", path, 300);
    std::string year;
    if (const Json* y = reader_.Member(r, "year", path, false)) {
      auto v = reader_.Integer(*y, JoinPath(path, "year"));
      if (v) {
        if (*v < 1800 || *v > 2100) {
          Problem(ErrorCode::kInvalidValue, JoinPath(path, "year"), "implausible year");
        }
        year = std::to_string(*v);
      }
    }
    const std::string volume = OptString(r, "volume", path, 100);
    ref.pmid = OptString(r, "pmid", path, 20);
    ref.pmcid = OptString(r, "pmcid", path, 20);
    ref.doi = OptString(r, "doi", path, 200);
    ref.url = OptString(r, "url", path, 1000);
    if (ref.pmid.empty() && ref.pmcid.empty() && ref.doi.empty() && ref.url.empty()) {
      Problem(ErrorCode::kMissingField, path, "a reference needs a pmid, pmcid, doi or url");
    }
    if (!ref.pmid.empty() && ref.pmid.find_first_not_of("0123456789") != std::string::npos) {
      Problem(ErrorCode::kInvalidValue, JoinPath(path, "pmid"), "a PMID is digits only");
    }
    if (!ref.url.empty() && ref.url.rfind("https://", 0) != 0 && ref.url.rfind("http://", 0) != 0) {
      Problem(ErrorCode::kInvalidValue, JoinPath(path, "url"), "a URL starts with http:// or https://");
    }
    // Vancouver style: up to three authors, then "et al." (references.json keeps the full list).
    std::string short_authors = authors;
    size_t commas = 0, cut = std::string::npos;
    for (size_t k = 0; k < authors.size(); ++k) {
      if (authors[k] == ',' && ++commas == 3) cut = k;
    }
    if (cut != std::string::npos && authors.find("et al") == std::string::npos) {
      short_authors = authors.substr(0, cut) + ", et al";
    }
    // Each part ends with one full stop: a title ending in '?' keeps it alone ("...what should I
    // do?"), and a web page without a journal, year or volume ends with its title.
    const auto end_sentence = [](std::string& s) {
      if (!s.empty() && s.back() != '.' && s.back() != '?' && s.back() != '!') s += '.';
    };
    ref.citation = short_authors;
    end_sentence(ref.citation);
    ref.citation += (ref.citation.empty() ? "" : " ") + title;
    end_sentence(ref.citation);
    std::string where;
    if (!journal.empty()) where += " " + journal;
    if (!year.empty()) where += " " + year;
    if (!volume.empty()) where += ";" + volume;
    if (!where.empty()) ref.citation += where + ".";
    if (ref.id.empty() || !CheckUnique(&seen, ref.id, path)) return;
    kb_->reference_index.emplace(ref.id, static_cast<int>(kb_->references.size()));
    kb_->references.push_back(std::move(ref));
  });
}

void KbLoader::LoadVocabulary(const Json& root) {
  // Age bands: contiguous, from 0, no gaps or overlaps.
  if (const Json* bands = ReqArray(root, "ageBands", "")) {
    std::map<std::string, std::string> seen;
    reader_.ForEachObject(*bands, "ageBands", [&](const Json& b, const std::string& path, size_t) {
      AgeBand band;
      band.id = ReqString(b, "id", path, 40);
      band.label = ReqString(b, "label", path, 200);
      if (const Json* mn = reader_.Member(b, "min", path, true)) {
        auto d = reader_.NumberInRange(*mn, JoinPath(path, "min"), 0, 200);
        if (d) band.min_years = *d;
      }
      if (const Json* mx = reader_.Member(b, "max", path, true)) {
        auto d = reader_.NumberInRange(*mx, JoinPath(path, "max"), 0, 200);
        if (d) band.max_years = *d;
      }
      const double expected = kb_->age_bands.empty() ? 0 : kb_->age_bands.back().max_years;
      if (band.min_years != expected) {
        Problem(ErrorCode::kInvalidValue, JoinPath(path, "min"),
                "age bands must be contiguous from 0 (expected min " +
                    std::to_string(expected) + ")");
      }
      if (band.max_years <= band.min_years) {
        Problem(ErrorCode::kInvalidValue, JoinPath(path, "max"), "must be above 'min'");
      }
      if (!band.id.empty() && CheckUnique(&seen, band.id, path)) {
        kb_->age_bands.push_back(std::move(band));
      }
    });
    if (kb_->age_bands.empty()) {
      Problem(ErrorCode::kMissingField, "ageBands", "at least one age band is needed");
    } else if (kb_->age_bands.back().max_years < 130) {
      Problem(ErrorCode::kInvalidValue, "ageBands", "the last age band must reach 130 years");
    }
  }

  auto read_variables = [&](std::string_view key, VariableKind kind, std::string_view prefix) {
    const Json* list = ReqArray(root, key, "");
    if (!list) return;
    reader_.ForEachObject(*list, key, [&](const Json& e, const std::string& path, size_t) {
      Variable v;
      v.kind = kind;
      v.key = ReqString(e, "id", path, 64);
      if (!v.key.empty() && !IsKebabId(v.key)) {
        Problem(ErrorCode::kInvalidValue, JoinPath(path, "id"),
                "ids are letters, digits and '-' only");
      }
      v.id = std::string(prefix) + v.key;
      v.label = ReqString(e, "label", path, 200);
      v.lay = OptString(e, "lay", path, 200);
      if (v.lay.empty()) v.lay = v.label;
      v.category = std::string(key);
      v.question = OptString(e, "question", path, 400);
      v.help = OptString(e, "help", path, 1000);
      v.why = OptString(e, "why", path, 400);
      v.ask_after_id = OptString(e, "askAfter", path, 64);
      ReadWordings(e, path, &v);
      ReadAskable(e, path, &v);
      if (kind == VariableKind::kDuration) {
        DurationBand band;
        band.id = v.key;
        band.label = v.label;
        if (const Json* mn = reader_.Member(e, "minDays", path, true)) {
          auto d = reader_.NumberInRange(*mn, JoinPath(path, "minDays"), 0, 1e6);
          if (d) band.min_days = *d;
        }
        if (const Json* mx = reader_.Member(e, "maxDays", path, false)) {
          auto d = reader_.NumberInRange(*mx, JoinPath(path, "maxDays"), 0, 1e6);
          if (d) band.max_days = *d;
        }
        const double expected = kb_->duration_bands.empty() ? 0 : kb_->duration_bands.back().max_days;
        if (band.min_days != expected) {
          Problem(ErrorCode::kInvalidValue, JoinPath(path, "minDays"),
                  "duration bands must be contiguous from 0 days");
        }
        if (band.max_days <= band.min_days) {
          Problem(ErrorCode::kInvalidValue, JoinPath(path, "maxDays"), "must be above 'minDays'");
        }
        band.variable = AddVariable(std::move(v), path);
        kb_->duration_bands.push_back(std::move(band));
      } else if (kind == VariableKind::kAntibody) {
        AntibodyDef a{v.key, v.label, -1};
        v.index = static_cast<int>(kb_->antibodies.size());
        a.variable = AddVariable(std::move(v), path);
        kb_->antibody_index.emplace(a.id, static_cast<int>(kb_->antibodies.size()));
        kb_->antibodies.push_back(std::move(a));
      } else {
        AddVariable(std::move(v), path);
      }
    });
  };
  read_variables("exposures", VariableKind::kExposure, "exposure:");
  read_variables("history", VariableKind::kHistory, "history:");
  read_variables("antibodies", VariableKind::kAntibody, "antibody:");
  read_variables("onsets", VariableKind::kOnset, "onset:");
  read_variables("courses", VariableKind::kCourse, "course:");
  read_variables("durations", VariableKind::kDuration, "duration:");
  if (!kb_->duration_bands.empty() && kb_->duration_bands.back().max_days < 1e6) {
    Problem(ErrorCode::kInvalidValue, "durations", "the last duration band must have no maxDays");
  }
  auto question = [&](std::string_view key, KnowledgeBase::CategoricalQuestion* out) {
    const std::string path(key);
    const Json* q = reader_.Member(root, key, "", true);
    if (!q || !reader_.ExpectObject(*q, path)) return;
    out->label = ReqString(*q, "label", path, 200);
    out->question = ReqString(*q, "question", path, 400);
    out->help = OptString(*q, "help", path, 1000);
    out->why = ReqString(*q, "why", path, 400);
    if (const Json* o = reader_.Member(*q, "safety", path, false)) {
      auto n = reader_.Integer(*o, JoinPath(path, "safety"));
      if (n && (*n < 1 || *n > 100)) {
        Problem(ErrorCode::kInvalidValue, JoinPath(path, "safety"), "a safety question's place is 1 to 100");
      } else if (n) {
        out->safety = static_cast<int>(*n);
      }
    }
  };
  if (const Json* bands = reader_.Member(root, "likelihoodBands", "", true)) {
    if (reader_.ExpectArray(*bands, "likelihoodBands")) {
      for (size_t i = 0; i < bands->size(); ++i) {
        const std::string path = IndexPath("likelihoodBands", i);
        if (!reader_.ExpectObject((*bands)[i], path)) continue;
        LikelihoodBand b;
        b.id = ReqString((*bands)[i], "id", path, 40);
        if (const Json* mn = reader_.Member((*bands)[i], "min", path, true)) {
          auto d = reader_.NumberInRange(*mn, JoinPath(path, "min"), 0, 1);
          if (d) b.min = *d;
        }
        kb_->likelihood_bands.push_back(std::move(b));
      }
      std::stable_sort(kb_->likelihood_bands.begin(), kb_->likelihood_bands.end(),
                       [](const LikelihoodBand& a, const LikelihoodBand& b) { return a.min > b.min; });
      if (kb_->likelihood_bands.empty() || kb_->likelihood_bands.back().min != 0) {
        Problem(ErrorCode::kInvalidValue, "likelihoodBands", "the lowest band must start at 0");
      }
    }
  }
  if (const Json* m = reader_.Member(root, "layMinProbability", "", true)) {
    auto d = reader_.NumberInRange(*m, "layMinProbability", 0, 0.5);
    if (d) kb_->lay_min_probability = *d;
  }
  if (const Json* f = reader_.Member(root, "fieldLabels", "", true)) {
    if (reader_.ExpectObject(*f, "fieldLabels")) {
      kb_->age_label = ReqString(*f, "age", "fieldLabels", 100);
      kb_->sex_label = ReqString(*f, "sex", "fieldLabels", 100);
    }
  }
  question("onsetQuestion", &kb_->onset_question);
  question("courseQuestion", &kb_->course_question);
  question("durationQuestion", &kb_->duration_question);
  for (std::string_view id : kCourses) {
    if (kb_->FindVariable("course:" + std::string(id)) < 0) {
      Problem(ErrorCode::kMissingField, "courses", "course '" + std::string(id) + "' is missing");
    }
  }
  for (const Variable& v : kb_->variables) {
    if (v.kind == VariableKind::kCourse &&
        std::find(std::begin(kCourses), std::end(kCourses), v.key) == std::end(kCourses)) {
      Problem(ErrorCode::kInvalidValue, "courses",
              "course '" + v.key + "' is not one of improving, persistent, worsening, relapsing, episodic");
    }
  }

  for (std::string_view id : kRequiredExposures) {
    if (kb_->FindVariable("exposure:" + std::string(id)) < 0) {
      Problem(ErrorCode::kMissingField, "exposures", "required exposure '" + std::string(id) + "' is missing");
    }
  }
  for (std::string_view id : kOnsets) {
    if (kb_->FindVariable("onset:" + std::string(id)) < 0) {
      Problem(ErrorCode::kMissingField, "onsets", "onset '" + std::string(id) + "' is missing");
    }
  }
  for (const Variable& v : kb_->variables) {
    if (v.kind != VariableKind::kOnset) continue;
    if (std::find(std::begin(kOnsets), std::end(kOnsets), v.key) == std::end(kOnsets)) {
      Problem(ErrorCode::kInvalidValue, "onsets",
              "onset '" + v.key + "' is not one of acute, subacute, chronic");
    }
  }
}

void KbLoader::LoadFeatures(const Json& root) {
  const Json* list = ReqArray(root, "features", "");
  if (!list) return;
  reader_.ForEachObject(*list, "features", [&](const Json& e, const std::string& path, size_t) {
    Variable v;
    v.kind = VariableKind::kPhenotype;
    v.id = ReqString(e, "id", path, 20);
    if (!v.id.empty() && !IsHpoId(v.id)) {
      Problem(ErrorCode::kInvalidValue, JoinPath(path, "id"), "a feature id is an HPO id (HP:nnnnnnn)");
    }
    v.key = v.id;
    v.label = ReqString(e, "label", path, 200);
    v.lay = ReqString(e, "lay", path, 200);
    v.category = ReqString(e, "category", path, 40);
    v.question = OptString(e, "question", path, 400);
    v.help = OptString(e, "help", path, 1000);
    v.why = OptString(e, "why", path, 400);
    ReadWordings(e, path, &v);
    // Each is a list of objects with an HPO id under "hpo"; fn reads the rest of the object.
    auto hpo_objects = [&](std::string_view key, auto&& fn) {
      const Json* items = reader_.Member(e, key, path, false);
      const std::string lpath = JoinPath(path, key);
      if (!items || !reader_.ExpectArray(*items, lpath)) return;
      for (size_t c = 0; c < items->size(); ++c) {
        const std::string cpath = IndexPath(lpath, c);
        if (!reader_.ExpectObject((*items)[c], cpath)) continue;
        std::string id = ReqString((*items)[c], "hpo", cpath, 20);
        if (!id.empty() && !IsHpoId(id)) {
          Problem(ErrorCode::kInvalidValue, JoinPath(cpath, "hpo"), "'" + ClipForMessage(id) + "' is not an HPO id");
        }
        fn((*items)[c], cpath, std::move(id));
      }
    };
    hpo_objects("countsFrom", [&](const Json& x, const std::string& cpath, std::string id) {
      HpoCrosswalk crosswalk{std::move(id), ReadProvenance(x, cpath)};
      if (crosswalk.provenance.note.empty()) {
        Problem(ErrorCode::kMissingField, JoinPath(cpath, "note"),
                "a crosswalk needs a note saying why the term counts for this feature");
      }
      v.counts_from.push_back(std::move(crosswalk));
    });
    hpo_objects("excludes", [&](const Json& x, const std::string& cpath, std::string id) {
      ReqString(x, "note", cpath, 1000);  // why the branch does not count (for reviewers)
      v.excludes.push_back(std::move(id));
    });
    hpo_objects("countsOnly", [&](const Json& x, const std::string& cpath, std::string id) {
      // Why the branch counts, with its sources (shown to reviewers, and in data/README.md).
      if (ReadProvenance(x, cpath).note.empty()) {
        Problem(ErrorCode::kMissingField, JoinPath(cpath, "note"),
                "a countsOnly branch needs a note saying why it counts for this feature");
      }
      v.counts_only.push_back(std::move(id));
    });
    ReadAskable(e, path, &v);
    AddVariable(std::move(v), path);
  });
  // Terms read, when present, as a more general term standing for several features (HpoAlias).
  const Json* aliases = reader_.Member(root, "readAs", "", false);
  if (!aliases || !reader_.ExpectArray(*aliases, "readAs")) return;
  reader_.ForEachObject(*aliases, "readAs", [&](const Json& e, const std::string& path, size_t) {
    HpoAlias alias{ReqString(e, "hpo", path, 20), ReqString(e, "as", path, 20), ReadProvenance(e, path)};
    for (const std::string* id : {&alias.term, &alias.as}) {
      if (!id->empty() && !IsHpoId(*id)) {
        Problem(ErrorCode::kInvalidValue, path, "'" + ClipForMessage(*id) + "' is not an HPO id");
      }
    }
    if (alias.provenance.note.empty()) {
      Problem(ErrorCode::kMissingField, JoinPath(path, "note"),
              "a term read as another needs a note saying why");
    }
    kb_->hpo_aliases.push_back(std::move(alias));
  });
}

void KbLoader::LoadTests(const Json& root) {
  const Json* list = ReqArray(root, "tests", "");
  if (!list) return;
  reader_.ForEachObject(*list, "tests", [&](const Json& e, const std::string& path, size_t) {
    TestDef t;
    t.id = ReqString(e, "id", path, 64);
    if (!t.id.empty() && !IsKebabId(t.id)) {
      Problem(ErrorCode::kInvalidValue, JoinPath(path, "id"), "ids are letters, digits and '-' only");
    }
    t.label = ReqString(e, "label", path, 200);
    t.lay = OptString(e, "lay", path, 200);
    t.looks_for = ReqString(e, "looksFor", path, 1000);
    t.loinc = OptString(e, "loinc", path, 20);
    t.provenance = ReadProvenance(e, path);
    Variable v;
    v.kind = VariableKind::kTest;
    v.key = t.id;
    v.id = "test:" + t.id;
    v.label = t.label + " (abnormal)";
    v.lay = t.lay.empty() ? t.label : t.lay;
    v.category = "tests";
    v.index = static_cast<int>(kb_->tests.size());
    ReadAskable(e, path, &v);
    t.variable = AddVariable(std::move(v), path);
    if (kb_->test_index.emplace(t.id, static_cast<int>(kb_->tests.size())).second) {
      kb_->tests.push_back(std::move(t));
    }
  });
  for (std::string_view id : kRequiredTests) {
    if (kb_->FindTest(id) < 0) {
      Problem(ErrorCode::kMissingField, "tests", "required test '" + std::string(id) + "' is missing");
    }
  }
}

void KbLoader::LoadCriteria(const Json& root) {
  const Json* list = ReqArray(root, "criteria", "");
  if (!list) return;
  std::map<std::string, std::string> seen;
  reader_.ForEachObject(*list, "criteria", [&](const Json& e, const std::string& path, size_t) {
    CriteriaSet set;
    set.id = ReqString(e, "id", path, 64);
    set.label = ReqString(e, "label", path, 300);
    set.population = ReadEnum(e, "population", path, {"children", "adults", "all"});
    if (const Json* a = reader_.Member(e, "appliesWhen", path, false)) {
      set.applies = ReadRule(*a, JoinPath(path, "appliesWhen"));
    }
    set.provenance = ReadProvenance(e, path);
    if (const Json* rule = reader_.Member(e, "rule", path, true)) {
      set.rule = ReadRule(*rule, JoinPath(path, "rule"));
      const RuleType t = set.rule.type;
      if (t != RuleType::kAtLeast && t != RuleType::kAllOf && t != RuleType::kAnyOf) {
        Problem(ErrorCode::kInvalidRule, JoinPath(path, "rule"),
                "a criteria rule is at_least, all_of or any_of over labelled items");
      }
      for (size_t c = 0; c < set.rule.children.size(); ++c) {
        if (set.rule.children[c].id.empty() || set.rule.children[c].label.empty()) {
          Problem(ErrorCode::kMissingField, IndexPath(JoinPath(path, "rule.of"), c),
                  "each criterion item needs an 'id' and a 'label'");
        }
      }
    }
    const Json* searches = reader_.Member(e, "answeredBy", path, false);
    if (searches && reader_.ExpectArray(*searches, JoinPath(path, "answeredBy"))) {
      reader_.ForEachObject(*searches, JoinPath(path, "answeredBy"), [&](const Json& s, const std::string& sp, size_t) {
        CriteriaSearch search;
        const std::string item = ReqString(s, "item", sp, 64);
        search.item = IndexOfId(set.rule.children, item);
        if (!item.empty() && search.item < 0) {
          Problem(ErrorCode::kUnknownReference, JoinPath(sp, "item"), "no criterion item '" + item + "' in this set");
        }
        if (const Json* tests = reader_.Member(s, "tests", sp, true)) {
          search.tests = ResolveIds(*tests, JoinPath(sp, "tests"), 20, "test",
                                    [&](const std::string& id) { return kb_->FindTest(id); });
          if (tests->is_array() && tests->empty()) {
            Problem(ErrorCode::kInvalidValue, JoinPath(sp, "tests"), "list at least one test");
          }
        }
        search.if_not_sought = ReqString(s, "ifNotSought", sp, 1000);
        search.provenance = ReadProvenance(s, sp);
        set.searches.push_back(std::move(search));
      });
    }
    if (!set.id.empty() && CheckUnique(&seen, set.id, path)) kb_->criteria.push_back(std::move(set));
  });
}

// ---------------------------------------------------------------------------------------------

void KbLoader::Load(const std::vector<KbFile>& files) {
  std::map<std::string, ParsedFile> by_kind;
  for (const KbFile& f : files) {
    JsonLimits limits;
    limits.max_bytes = 16u << 20;
    Result<Json> root = ParseJson(f.text, limits);
    const size_t before = problems_.size();
    if (!root) {
      problems_.push_back(root.error());
    } else if (reader_.ExpectObject(root.value(), "")) {
      const Json& r = root.value();
      const Json* version = reader_.Member(r, "schemaVersion", "", true);
      const Json* kind = reader_.Member(r, "kind", "", true);
      if (version && kind) {
        auto v = reader_.Integer(*version, "schemaVersion");
        auto k = reader_.String(*kind, "kind", 40);
        if (v && *v != kSchemaVersion) {
          Problem(ErrorCode::kUnsupportedVersion, "schemaVersion",
                  "schemaVersion " + std::to_string(*v) + " is not supported (this version reads " +
                      std::to_string(kSchemaVersion) + ")");
        } else if (k) {
          if (std::find(std::begin(kKinds), std::end(kKinds), *k) == std::end(kKinds)) {
            Problem(ErrorCode::kUnknownKind, "kind", "unknown kind '" + *k + "'");
          } else if (by_kind.count(*k)) {
            Problem(ErrorCode::kDuplicateId, "kind",
                    "kind '" + *k + "' is already defined by " + by_kind[*k].name);
          } else if (v) {
            by_kind[*k] = ParsedFile{f.name, std::move(root.value())};
          }
        }
      }
    }
    for (size_t i = before; i < problems_.size(); ++i) {
      problems_[i].path = f.name + ":" + problems_[i].path;
    }
  }
  for (std::string_view kind : kRequiredKinds) {
    if (!by_kind.count(std::string(kind))) {
      Problem(ErrorCode::kMissingField, std::string(kind),
              "the knowledge base has no file of kind '" + std::string(kind) + "'");
    }
  }
  using Step = void (KbLoader::*)(const Json&);
  const std::pair<std::string_view, Step> steps[] = {
      {"meta", &KbLoader::LoadMeta},
      {"references", &KbLoader::LoadReferences},
      {"vocabulary", &KbLoader::LoadVocabulary},
      {"features", &KbLoader::LoadFeatures},
      {"workup", &KbLoader::LoadTests},
      {"hpo", &KbLoader::LoadHpo},
      {"criteria", &KbLoader::LoadCriteria},
      {"diagnoses", &KbLoader::LoadDiagnoses},
      {"etiology", &KbLoader::LoadEtiology},
      {"definitions", &KbLoader::LoadDefinitions},
      // The red flags before the work-up's indications and the care team, which may refer to them.
      {"red_flags", &KbLoader::LoadRedFlags},
      {"workup", &KbLoader::LoadWorkupRules},
      {"care_team", &KbLoader::LoadCareTeam},
      {"pns_care", &KbLoader::LoadPnsCare},
      {"severity", &KbLoader::LoadSeverity}};
  for (const auto& [kind, step] : steps) {
    auto it = by_kind.find(std::string(kind));
    if (it == by_kind.end()) continue;
    const size_t before = problems_.size();
    (this->*step)(it->second.root);
    for (size_t i = before; i < problems_.size(); ++i) {
      problems_[i].path = it->second.name + ":" + problems_[i].path;
    }
  }
  // A question asked only after another answer (askAfter) names a variable; resolved here, once
  // every file has added its variables.
  auto vocabulary = by_kind.find("vocabulary");
  for (Variable& v : kb_->variables) {
    if (v.ask_after_id.empty()) continue;
    v.ask_after = kb_->FindVariable(v.ask_after_id);
    if (v.ask_after < 0 && vocabulary != by_kind.end()) {
      Problem(ErrorCode::kUnknownReference, vocabulary->second.name + ":" + v.id + ".askAfter",
              "unknown variable '" + v.ask_after_id + "'");
    }
  }
  // Not asked once another answer is present (askUnless): resolved here for the same reason.
  for (Variable& v : kb_->variables) {
    for (size_t i = 0; i < v.ask_unless_ids.size(); ++i) {
      const int u = kb_->FindVariable(v.ask_unless_ids[i]);
      if (u < 0) {
        const auto file = by_kind.find(v.kind == VariableKind::kPhenotype ? "features"
                                       : v.kind == VariableKind::kTest    ? "workup"
                                                                          : "vocabulary");
        Problem(ErrorCode::kUnknownReference,
                (file != by_kind.end() ? file->second.name + ":" : std::string()) + IndexPath(v.ask_unless_path, i),
                "unknown variable '" + v.ask_unless_ids[i] + "'");
      } else {
        v.ask_unless.push_back(u);
      }
    }
  }
  // Each model's tables cover every variable, including the groups another model added.
  DeriveModel(kb_->variables, &kb_->differential);
  DeriveModel(kb_->variables, &kb_->etiology);
  if (problems_.empty()) RenderReportFragments(kb_);
}

Result<KnowledgeBase> LoadKnowledgeBase(const std::vector<KbFile>& files) {
  KnowledgeBase kb;
  KbLoader loader(&kb);
  loader.Load(files);
  if (!loader.problems().empty()) return loader.problems().front();
  return kb;
}

std::vector<Error> ValidateKnowledgeBase(const std::vector<KbFile>& files) {
  KnowledgeBase kb;
  KbLoader loader(&kb);
  loader.Load(files);
  return std::move(loader.problems());
}

const Result<KnowledgeBase>& EmbeddedKnowledgeBase() {
  static const Result<KnowledgeBase> kb = LoadKnowledgeBase(EmbeddedKbFiles());
  return kb;
}

}  // namespace omsaid
