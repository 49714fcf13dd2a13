// SPDX-License-Identifier: MIT
// Loading of the knowledge-base kinds that drive the plan and the differential: definitions,
// diagnoses / etiology, work-up indications and repeats, red flags, care team, PNS-Care, severity.
#include <algorithm>
#include <map>
#include <cmath>

#include "kb_loader.h"
#include "text_util.h"

namespace omsaid {
namespace {

constexpr std::string_view kRequiredDiagnoses[] = {
    "oms", "acute-cerebellar-ataxia", "drug-or-toxin-ingestion", "toxic-metabolic-encephalopathy",
    "autoimmune-encephalitis", "epileptic-myoclonus", "miller-fisher-bickerstaff",
    "wernicke-encephalopathy", "brainstem-structural-lesion", "adem", "voluntary-flutter",
    "guillain-barre", "hereditary-or-metabolic-ataxia"};
constexpr std::string_view kRequiredCauses[] = {"paraneoplastic", "parainfectious", "idiopathic",
                                                "drug-or-toxin"};

}  // namespace

int DiagnosisModel::Find(std::string_view id) const {
  auto it = index.find(std::string(id));
  return it == index.end() ? -1 : it->second;
}

int KnowledgeBase::AgeBandOf(const std::optional<double>& age_years) const {
  if (!age_years) return -1;
  for (size_t i = 0; i < age_bands.size(); ++i) {
    if (*age_years >= age_bands[i].min_years && *age_years < age_bands[i].max_years) {
      return static_cast<int>(i);
    }
  }
  return age_bands.empty() ? -1 : static_cast<int>(age_bands.size()) - 1;
}

int KnowledgeBase::DurationBandOf(const std::optional<double>& days) const {
  if (!days) return -1;
  for (size_t i = 0; i < duration_bands.size(); ++i) {
    if (*days >= duration_bands[i].min_days && *days < duration_bands[i].max_days) {
      return static_cast<int>(i);
    }
  }
  return duration_bands.empty() ? -1 : static_cast<int>(duration_bands.size()) - 1;
}

std::string KbLoader::ReadEnum(const Json& obj, std::string_view key, const std::string& path,
                               std::initializer_list<std::string_view> allowed) {
  const Json* v = reader_.Member(obj, key, path, true);
  if (!v) return {};
  auto s = reader_.Enum(*v, JoinPath(path, key), allowed);
  return s ? *s : std::string();
}

Rule KbLoader::ReadRuleMember(const Json& obj, std::string_view key, const std::string& path) {
  const Json* v = reader_.Member(obj, key, path, true);
  if (!v) return Rule{};
  return ReadRule(*v, JoinPath(path, key));
}

void KbLoader::LoadDefinitions(const Json& root) {
  const Json* list = ReqArray(root, "definitions", "");
  if (!list) return;
  std::map<std::string, std::string> seen;
  reader_.ForEachObject(*list, "definitions", [&](const Json& e, const std::string& path, size_t) {
    Definition d;
    d.id = ReqString(e, "id", path, 64);
    d.label = ReqString(e, "label", path, 300);
    d.provenance = ReadProvenance(e, path);
    // A definition may use the ones before it, never itself or later ones: no cycles.
    d.rule = ReadRuleMember(e, "rule", path);
    if (!d.id.empty() && CheckUnique(&seen, d.id, path)) kb_->definitions.push_back(std::move(d));
  });
}

void KbLoader::LoadDiagnosisModel(const Json& root, DiagnosisModel* model, std::string_view list_key) {
  model->kind = std::string(list_key);
  const size_t bands = kb_->age_bands.size();
  if (const Json* m = reader_.Member(root, "model", "", true)) {
    if (reader_.ExpectObject(*m, "model")) {
      if (const Json* v = reader_.Member(*m, "minFrequency", "model", true)) {
        auto d = reader_.NumberInRange(*v, "model.minFrequency", 1e-6, 0.5);
        if (d) model->min_frequency = *d;
      }
      if (const Json* v = reader_.Member(*m, "maxFrequency", "model", true)) {
        auto d = reader_.NumberInRange(*v, "model.maxFrequency", 0.5, 1 - 1e-6);
        if (d) model->max_frequency = *d;
      }
      Provenance clamp;
      clamp.evidence = 'U';
      if (const Json* e = reader_.Member(*m, "clampEvidence", "model", true)) {
        auto s = reader_.Enum(*e, "model.clampEvidence", {"V", "S", "U"});
        if (s) clamp.evidence = (*s)[0];
      }
      clamp.note = ReqString(*m, "clampNote", "model", 1000);
      model->clamp = clamp;
      if (const Json* defaults = ReqArray(*m, "defaults", "model")) {
        reader_.ForEachObject(
            *defaults, "model.defaults",
            [&](const Json& e, const std::string& path, size_t) {
          DiagnosisModel::Default d;
          // A default is for a category of variables, or for one variable (a test whose rate of
          // abnormal results in people without the diagnosis is known, say).
          if (const Json* var = reader_.Member(e, "variable", path, false)) {
            if (auto id = reader_.String(*var, JoinPath(path, "variable"), 64)) {
              d.variable = kb_->FindVariable(*id);
              if (d.variable < 0) {
                Problem(ErrorCode::kUnknownReference, JoinPath(path, "variable"), "unknown variable '" + *id + "'");
              }
            }
            if (e.find("category") != e.end()) {
              Problem(ErrorCode::kInvalidValue, path, "a default is for a 'category' or for one 'variable', not both");
            }
            if (const Json* floor = reader_.Member(e, "minFrequency", path, false)) {
              auto v = reader_.NumberInRange(*floor, JoinPath(path, "minFrequency"), 1e-6, model->min_frequency);
              if (v) d.min_frequency = *v;
            }
          } else {
            d.category = ReqString(e, "category", path, 40);
            if (e.find("minFrequency") != e.end()) {
              Problem(ErrorCode::kInvalidValue, JoinPath(path, "minFrequency"),
                      "only a variable's own default may lower the clamp");
            }
          }
          if (const Json* f = reader_.Member(e, "frequency", path, true)) {
            auto v = reader_.NumberInRange(*f, JoinPath(path, "frequency"), 1e-6, 1 - 1e-6);
            if (v) d.frequency = *v;
          }
          d.provenance = ReadProvenance(e, path, false);
          if (d.provenance.note.empty()) {
            Problem(ErrorCode::kMissingField, JoinPath(path, "note"),
                    "a default frequency needs a note saying why it is reasonable");
          }
          model->defaults.push_back(std::move(d));
        });
      }
    }
  }
  if (const Json* m = reader_.Member(root, "model", "", true); m && m->is_object()) {
    if (const Json* b = reader_.Member(*m, "background", "model", false)) {
      if (reader_.ExpectObject(*b, "model.background")) {
        DiagnosisModel::Background& bg = model->background;
        bg.enabled = true;
        if (const Json* f = reader_.Member(*b, "factor", "model.background", true)) {
          auto v = reader_.NumberInRange(*f, "model.background.factor", 0.01, 1);
          if (v) bg.factor = *v;
        }
        if (const Json* c = reader_.Member(*b, "categories", "model.background", true)) {
          auto list = reader_.StringArray(*c, "model.background.categories", 20);
          if (list) bg.categories = *list;
        }
        bg.provenance = ReadProvenance(*b, "model.background");
      }
    }
    if (const Json* b = reader_.Member(*m, "broader", "model", false)) {
      if (reader_.ExpectObject(*b, "model.broader")) {
        model->broader.enabled = true;
        model->broader.provenance = ReadProvenance(*b, "model.broader");
      }
    }
    if (const Json* t = reader_.Member(*m, "timeCourse", "model", false)) {
      if (reader_.ExpectObject(*t, "model.timeCourse")) {
        DiagnosisModel::TimeCourse& tc = model->time_course;
        tc.enabled = true;
        if (const Json* w = reader_.Member(*t, "weight", "model.timeCourse", true)) {
          auto v = reader_.NumberInRange(*w, "model.timeCourse.weight", 0.05, 1);
          if (v) tc.weight = *v;
        }
        tc.provenance = ReadProvenance(*t, "model.timeCourse", false);
        if (tc.provenance.note.empty()) {
          Problem(ErrorCode::kMissingField, "model.timeCourse.note", "say why the two count at this weight");
        }
      }
    }
    if (const Json* g = reader_.Member(*m, "groupDerived", "model", false)) {
      if (reader_.ExpectObject(*g, "model.groupDerived")) {
        model->group_derived = ReadProvenance(*g, "model.groupDerived", false);
        if (model->group_derived.note.empty()) {
          Problem(ErrorCode::kMissingField, "model.groupDerived.note", "say how and why a group's frequency is derived");
        }
      }
    }
  }
  if (std::none_of(model->defaults.begin(), model->defaults.end(),
                   [](const DiagnosisModel::Default& d) { return d.category == "*"; })) {
    Problem(ErrorCode::kMissingField, "model.defaults", "a default for category '*' is required");
  }
  LoadGroups(root, model);
  if (!model->groups.empty() && model->group_derived.note.empty()) {
    Problem(ErrorCode::kMissingField, "model.groupDerived",
            "a model with groups says how a group's frequency is derived where a diagnosis gives none");
  }

  const Json* list = ReqArray(root, list_key, "");
  if (!list) return;
  std::map<std::string, std::string> seen;
  reader_.ForEachObject(*list, list_key, [&](const Json& e, const std::string& path, size_t) {
    Diagnosis d;
    d.id = ReqString(e, "id", path, 64);
    d.label = ReqString(e, "label", path, 200);
    d.lay = ReqString(e, "lay", path, 300);
    d.summary = OptString(e, "summary", path, 1000);
    if (const Json* x = reader_.Member(e, "xrefs", path, false)) {
      auto list_x = reader_.StringArray(*x, JoinPath(path, "xrefs"), 20);
      if (list_x) d.xrefs = std::move(*list_x);
      for (const std::string& xref : d.xrefs) {
        if (xref.find(':') == std::string::npos) {
          Problem(ErrorCode::kInvalidValue, JoinPath(path, "xrefs"), "'" + xref + "' is not a CURIE (PREFIX:id)");
        }
      }
    }
    d.pretest.assign(bands, 0);
    d.pretest_provenance.assign(bands, Provenance{});
    std::vector<bool> have(bands, false);
    if (const Json* pretest = ReqArray(e, "pretest", path)) {
      reader_.ForEachObject(
          *pretest, JoinPath(path, "pretest"),
          [&](const Json& pe, const std::string& ppath, size_t) {
        const std::string band = ReqString(pe, "ageBand", ppath, 40);
        const int b = IndexOfId(kb_->age_bands, band);
        if (b < 0) {
          if (!band.empty()) {
            Problem(ErrorCode::kUnknownReference, JoinPath(ppath, "ageBand"), "unknown age band '" + band + "'");
          }
          return;
        }
        if (have[b]) {
          Problem(ErrorCode::kDuplicateId, JoinPath(ppath, "ageBand"), "age band '" + band + "' given twice");
          return;
        }
        have[b] = true;
        if (const Json* w = reader_.Member(pe, "weight", ppath, true)) {
          auto v = reader_.NumberInRange(*w, JoinPath(ppath, "weight"), 1e-9, 1e9);
          if (v) d.pretest[b] = *v;
        }
        d.pretest_provenance[b] = ReadProvenance(pe, ppath);
        // Ranges within the band: each inside it, not overlapping another.
        const AgeBand& ab = kb_->age_bands[b];
        if (const Json* by = reader_.Member(pe, "byAge", ppath, false)) {
          reader_.ForEachObject(*by, JoinPath(ppath, "byAge"), [&](const Json& re, const std::string& rpath, size_t) {
            Diagnosis::PretestRange r;
            r.band = b;
            std::optional<double> from, to, w;
            if (const Json* x = reader_.Member(re, "fromYears", rpath, true)) from = reader_.NumberInRange(*x, JoinPath(rpath, "fromYears"), 0, 200);
            if (const Json* x = reader_.Member(re, "toYears", rpath, true)) to = reader_.NumberInRange(*x, JoinPath(rpath, "toYears"), 0, 200);
            if (const Json* x = reader_.Member(re, "weight", rpath, true)) w = reader_.NumberInRange(*x, JoinPath(rpath, "weight"), 1e-9, 1e9);
            if (!from || !to || !w) return;
            if (!(*from < *to) || *from < ab.min_years || *to > ab.max_years) {
              Problem(ErrorCode::kInvalidValue, rpath,
                      "an age range must lie inside its band (" + FormatNumber(ab.min_years, 3) + " to " +
                          FormatNumber(ab.max_years, 3) + " years) with fromYears below toYears");
              return;
            }
            for (const Diagnosis::PretestRange& o : d.pretest_ranges) {
              if (o.band == b && *from < o.to_years && o.from_years < *to) {
                Problem(ErrorCode::kInvalidValue, rpath, "age ranges of one band overlap");
                return;
              }
            }
            r.from_years = *from;
            r.to_years = *to;
            r.weight = *w;
            r.provenance = ReadProvenance(re, rpath);
            d.pretest_ranges.push_back(std::move(r));
          });
        }
      });
      for (size_t k = 0; k < bands; ++k) {
        if (!have[k]) {
          Problem(ErrorCode::kMissingField, JoinPath(path, "pretest"),
                  "no weight for age band '" + kb_->age_bands[k].id + "'");
        }
      }
    }
    if (const Json* features = ReqArray(e, "features", path)) {
      reader_.ForEachObject(
          *features, JoinPath(path, "features"),
          [&](const Json& fe, const std::string& fpath, size_t) {
        FeatureFrequency ff;
        const std::string var = ReqString(fe, "feature", fpath, 100);
        ff.variable = kb_->FindVariable(var);
        if (ff.variable < 0 && !var.empty()) {
          Problem(ErrorCode::kUnknownReference, JoinPath(fpath, "feature"), "unknown feature '" + var + "'");
        }
        if (const Json* fr = reader_.Member(fe, "frequency", fpath, true)) {
          auto v = reader_.NumberInRange(*fr, JoinPath(fpath, "frequency"), 0, 1);
          if (v) ff.frequency = *v;
        }
        if (const Json* ab = reader_.Member(fe, "ageBands", fpath, false)) {
          auto ids = reader_.StringArray(*ab, JoinPath(fpath, "ageBands"), 10);
          if (ids) {
            for (const std::string& id : *ids) {
              const int b = IndexOfId(kb_->age_bands, id);
              if (b < 0) {
                Problem(ErrorCode::kUnknownReference, JoinPath(fpath, "ageBands"), "unknown age band '" + id + "'");
              } else {
                ff.age_bands.push_back(b);
              }
            }
          }
        }
        ff.provenance = ReadProvenance(fe, fpath);
        if (ff.variable >= 0) d.features.push_back(std::move(ff));
      });
    }
    if (const Json* by = reader_.Member(e, "diagnosedBy", path, false)) ReadDiagnosedBy(*by, JoinPath(path, "diagnosedBy"), &d);
    if (d.id.empty() || !CheckUnique(&seen, d.id, path)) return;
    model->index.emplace(d.id, static_cast<int>(model->diagnoses.size()));
    model->diagnoses.push_back(std::move(d));
  });

  const auto required = list_key == "diagnoses" ? std::vector<std::string_view>(std::begin(kRequiredDiagnoses), std::end(kRequiredDiagnoses))
                                                : std::vector<std::string_view>(std::begin(kRequiredCauses), std::end(kRequiredCauses));
  for (std::string_view id : required) {
    if (model->Find(id) < 0) {
      Problem(ErrorCode::kMissingField, std::string(list_key), "required id '" + std::string(id) + "' is missing");
    }
  }

  CheckGroupFrequencies(*model);
  DeriveModel(kb_->variables, model);
}

// "diagnosedBy": {"features": ["history:..."], "sources": [...], "evidence": ..., "note": ...}: the
// features must be the diagnosis' own (their frequencies given, not a category default).
void KbLoader::ReadDiagnosedBy(const Json& e, const std::string& path, Diagnosis* d) {
  if (!reader_.ExpectObject(e, path)) return;
  Diagnosis::DiagnosedBy by;
  if (const Json* f = reader_.Member(e, "features", path, true)) {
    auto ids = reader_.StringArray(*f, JoinPath(path, "features"), 10);
    if (!ids) return;
    if (ids->empty()) {
      Problem(ErrorCode::kInvalidValue, JoinPath(path, "features"), "list at least one feature");
      return;
    }
    for (const std::string& id : *ids) {
      const int v = kb_->FindVariable(id);
      const bool listed = std::any_of(d->features.begin(), d->features.end(),
                                      [&](const FeatureFrequency& ff) { return ff.variable == v; });
      if (v < 0) {
        Problem(ErrorCode::kUnknownReference, JoinPath(path, "features"), "unknown feature '" + id + "'");
      } else if (!listed) {
        Problem(ErrorCode::kInvalidValue, JoinPath(path, "features"),
                "'" + id + "' must also be among the diagnosis' features, with its frequency");
      } else {
        by.variables.push_back(v);
      }
    }
  }
  by.provenance = ReadProvenance(e, path);
  if (!by.variables.empty()) d->diagnosed_by = std::move(by);
}

void KbLoader::LoadGroups(const Json& root, DiagnosisModel* model) {
  const Json* m = reader_.Member(root, "model", "", false);
  if (!m || !m->is_object()) return;
  const Json* list = reader_.Member(*m, "groups", "model", false);
  if (!list || !reader_.ExpectArray(*list, "model.groups")) return;
  std::map<std::string, std::string> seen;
  std::vector<int> in_group;
  reader_.ForEachObject(*list, "model.groups", [&](const Json& e, const std::string& path, size_t) {
    FeatureGroup g;
    g.id = ReqString(e, "id", path, 64);
    Variable v;
    v.kind = VariableKind::kGroup;
    v.key = g.id;
    v.id = "group:" + g.id;
    v.label = ReqString(e, "label", path, 200);
    v.lay = OptString(e, "lay", path, 200);
    if (v.lay.empty()) v.lay = v.label;
    g.provenance = ReadProvenance(e, path);
    if (const Json* ms = reader_.Member(e, "members", path, true)) {
      auto ids = reader_.StringArray(*ms, JoinPath(path, "members"), 20);
      if (ids) {
        for (const std::string& id : *ids) {
          const int x = kb_->FindVariable(id);
          if (x < 0 || (kb_->variables[x].kind != VariableKind::kPhenotype && kb_->variables[x].kind != VariableKind::kExposure)) {
            Problem(ErrorCode::kUnknownReference, JoinPath(path, "members"),
                    "'" + ClipForMessage(id) + "' is not a feature of features.json or an exposure of vocabulary.json");
            continue;
          }
          if (std::find(in_group.begin(), in_group.end(), x) != in_group.end()) {
            Problem(ErrorCode::kDuplicateId, JoinPath(path, "members"),
                    "'" + id + "' is already a member of another group");
            continue;
          }
          in_group.push_back(x);
          g.members.push_back(x);
        }
        if (g.members.size() < 2) {
          Problem(ErrorCode::kInvalidValue, JoinPath(path, "members"), "a group has at least two members");
        }
      }
    }
    if (g.id.empty() || !CheckUnique(&seen, g.id, path) || g.members.empty()) return;
    // The causes of OMS may use a group of the differential again (its variable, and so the same
    // answers): it must have the same members.
    if (const int existing = kb_->FindVariable(v.id); existing >= 0 && model != &kb_->differential) {
      const auto& others = kb_->differential.groups;
      const auto same = std::find_if(others.begin(), others.end(), [&](const FeatureGroup& o) { return o.variable == existing; });
      if (same == others.end() || same->members != g.members) {
        Problem(ErrorCode::kDuplicateId, JoinPath(path, "id"),
                "'" + v.id + "' is already defined, and not as a group of diagnoses.json with the same members");
        return;
      }
      g.variable = existing;
      model->groups.push_back(std::move(g));
      return;
    }
    v.category = kb_->variables[g.members.front()].category;
    g.variable = AddVariable(std::move(v), path);
    model->groups.push_back(std::move(g));
  });
}

// A group's frequency that a diagnosis gives (a source's "any of them") is at least each member's,
// for the same age bands. Where it gives none, the differential derives it from the members.
void KbLoader::CheckGroupFrequencies(const DiagnosisModel& model) {
  const size_t bands = kb_->age_bands.size();
  auto chosen = [&](const Diagnosis& d, int variable, size_t band) -> const FeatureFrequency* {
    for (const FeatureFrequency& f : d.features) {
      if (f.variable != variable) continue;
      if (f.age_bands.empty() ||
          std::find(f.age_bands.begin(), f.age_bands.end(), static_cast<int>(band)) != f.age_bands.end()) {
        return &f;
      }
    }
    return nullptr;
  };
  for (size_t di = 0; di < model.diagnoses.size(); ++di) {
    const Diagnosis& d = model.diagnoses[di];
    const std::string path = IndexPath(model.kind, di);
    for (const FeatureGroup& g : model.groups) {
      for (size_t b = 0; b < bands; ++b) {
        const FeatureFrequency* gf = chosen(d, g.variable, b);
        for (int m : g.members) {
          const FeatureFrequency* mf = chosen(d, m, b);
          if (!mf || !gf) continue;
          const std::string what = "'" + d.id + "' (age band " + kb_->age_bands[b].id + ")";
          if (gf->frequency + 1e-12 < mf->frequency) {
            Problem(ErrorCode::kInvalidValue, JoinPath(path, "features"),
                    what + ": the group '" + kb_->variables[g.variable].id + "' (" +
                        FormatNumber(gf->frequency, 4) + ") is less frequent than its member '" +
                        kb_->variables[m].id + "' (" + FormatNumber(mf->frequency, 4) + ")");
          }
        }
      }
    }
  }
}

void DeriveModel(const std::vector<Variable>& variables, DiagnosisModel* model) {
  // Clamped frequencies and their logs (the differential and the next questions use them for every
  // case), each variable's default (by its category, else '*'), and its annotations.
  // A variable's own default may lower its clamp (a finding truly rare without the diagnoses that
  // list it); every other frequency is clamped to the model's bounds.
  const size_t nvars = variables.size();
  std::vector<double> floor(nvars, model->min_frequency);
  for (const DiagnosisModel::Default& d : model->defaults) {
    if (d.variable >= 0 && static_cast<size_t>(d.variable) < nvars && d.min_frequency > 0) floor[d.variable] = d.min_frequency;
  }
  auto derive = [&](double f, double lo, double* clamped, double* log_yes, double* log_no) {
    *clamped = std::clamp(f, lo, model->max_frequency);
    *log_yes = std::log(*clamped);
    *log_no = std::log(1 - *clamped);
  };
  for (DiagnosisModel::Default& d : model->defaults) {
    const bool own = d.variable >= 0 && static_cast<size_t>(d.variable) < nvars;
    derive(d.frequency, own ? floor[d.variable] : model->min_frequency, &d.clamped, &d.log_yes, &d.log_no);
  }
  for (Diagnosis& d : model->diagnoses) {
    for (FeatureFrequency& f : d.features) {
      const double lo = f.variable >= 0 && static_cast<size_t>(f.variable) < nvars ? floor[f.variable] : model->min_frequency;
      derive(f.frequency, lo, &f.clamped, &f.log_yes, &f.log_no);
    }
  }
  model->default_of_variable.assign(nvars, 0);
  int star = 0;
  for (size_t k = 0; k < model->defaults.size(); ++k) {
    if (model->defaults[k].category == "*") star = static_cast<int>(k);
  }
  for (size_t v = 0; v < nvars; ++v) {
    int chosen = star;
    for (size_t k = 0; k < model->defaults.size(); ++k) {
      if (model->defaults[k].variable < 0 && model->defaults[k].category == variables[v].category) {
        chosen = static_cast<int>(k);
      }
    }
    model->default_of_variable[v] = chosen;
  }
  // The background default: per clinical finding, factor x the mean frequency among the diagnoses
  // that describe it (a diagnosis with entries by age band counts once, with their mean).
  if (model->background.enabled) {
    const DiagnosisModel::Background& bg = model->background;
    std::vector<double> sum(nvars, 0);
    std::vector<int> count(nvars, 0);
    for (const Diagnosis& d : model->diagnoses) {
      std::map<int, std::pair<double, int>> per;
      for (const FeatureFrequency& f : d.features) {
        auto& [s, k] = per[f.variable];
        s += f.clamped;
        ++k;
      }
      for (const auto& [v, sk] : per) {
        sum[v] += sk.first / sk.second;
        ++count[v];
      }
    }
    for (size_t v = 0; v < nvars; ++v) {
      if (count[v] == 0 || std::find(bg.categories.begin(), bg.categories.end(), variables[v].category) ==
                               bg.categories.end()) {
        continue;
      }
      const double mean = sum[v] / count[v];
      DiagnosisModel::Default d;
      d.category = "background:" + variables[v].id;
      d.frequency = bg.factor * mean;
      d.provenance = bg.provenance;
      d.provenance.note = "Not described for this diagnosis: " + FormatNumber(bg.factor, 3) + " x the mean frequency (" +
                          FormatNumber(mean, 3) + ") among the " + std::to_string(count[v]) +
                          " diagnoses that describe it. " + bg.provenance.note;
      derive(d.frequency, model->min_frequency, &d.clamped, &d.log_yes, &d.log_no);
      model->default_of_variable[v] = static_cast<int>(model->defaults.size());
      model->defaults.push_back(std::move(d));
    }
  }
  // A variable's own default wins over its category's (and over the background).
  for (size_t k = 0; k < model->defaults.size(); ++k) {
    const int v = model->defaults[k].variable;
    if (v >= 0 && static_cast<size_t>(v) < nvars) model->default_of_variable[v] = static_cast<int>(k);
  }
  model->group_of_variable.assign(nvars, -1);
  for (size_t g = 0; g < model->groups.size(); ++g) {
    for (int m : model->groups[g].members) model->group_of_variable[m] = static_cast<int>(g);
  }
  // Each diagnosis' usual age band: its largest share of a band's pretest weight (ties: the first).
  // Only the differential: the causes of OMS (etiology) keep their unrestricted entries without an
  // age, as "paraneoplastic" is typical of two ages (a toddler's neuroblastoma, an adult's lung or
  // breast cancer) and one band's frequencies misread the other (a blind case of OMS without a
  // tumour and no age turned paraneoplastic).
  model->typical_band.assign(model->diagnoses.size(), -1);
  if (model->kind == "diagnoses") {
    std::vector<double> band_total;
    for (const Diagnosis& d : model->diagnoses) {
      if (band_total.size() < d.pretest.size()) band_total.resize(d.pretest.size(), 0);
      for (size_t b = 0; b < d.pretest.size(); ++b) band_total[b] += d.pretest[b];
    }
    for (size_t d = 0; d < model->diagnoses.size(); ++d) {
      double best = 0;
      for (size_t b = 0; b < model->diagnoses[d].pretest.size(); ++b) {
        const double share = band_total[b] > 0 ? model->diagnoses[d].pretest[b] / band_total[b] : 0;
        if (share > best) {
          best = share;
          model->typical_band[d] = static_cast<int>(b);
        }
      }
    }
  }
  model->annotations.assign(nvars, {});
  for (size_t d = 0; d < model->diagnoses.size(); ++d) {
    const auto& fs = model->diagnoses[d].features;
    for (size_t f = 0; f < fs.size(); ++f) {
      model->annotations[fs[f].variable].emplace_back(static_cast<int>(d), static_cast<int>(f));
    }
  }
}

void KbLoader::LoadWorkupRules(const Json& root) {
  const Json* list = reader_.Member(root, "tests", "", false);
  if (!list || !list->is_array()) return;
  for (size_t i = 0; i < list->size() && i < kb_->tests.size(); ++i) {
    const std::string path = IndexPath("tests", i);
    const Json& e = (*list)[i];
    if (!e.is_object()) continue;
    const auto id = e.find("id");
    const int ti = id != e.end() && id->is_string() ? kb_->FindTest(id->get<std::string>()) : -1;
    if (ti < 0) continue;  // reported by LoadTests
    TestDef& t = kb_->tests[ti];
    t.category = ReadEnum(e, "category", path, {"tumour", "neurological", "mimic"});
    if (const Json* r = reader_.Member(e, "results", path, false)) {
      auto ids = reader_.StringArray(*r, JoinPath(path, "results"), 50);
      if (ids) {
        for (const std::string& variable : *ids) {
          const int v = kb_->FindVariable(variable);
          if (v < 0) {
            Problem(ErrorCode::kUnknownReference, JoinPath(path, "results"), "unknown variable '" + variable + "'");
          } else {
            t.results.push_back(v);
          }
        }
      }
    }
    if (const Json* d = reader_.Member(e, "resultsShowItDone", path, false)) {
      if (auto b = reader_.Bool(*d, JoinPath(path, "resultsShowItDone"))) t.results_show_it_done = *b;
      if (t.results_show_it_done && t.results.empty()) {
        Problem(ErrorCode::kInvalidValue, JoinPath(path, "resultsShowItDone"), "true needs 'results'");
      }
    }
    if (const Json* m = reader_.Member(e, "measures", path, false)) {
      t.measures = ResolveIds(*m, JoinPath(path, "measures"), 50, "antibody",
                              [&](const std::string& antibody) { return kb_->FindAntibody(antibody); });
    }
    t.question = OptString(e, "question", path, 400);
    t.why = OptString(e, "why", path, 400);
    kb_->variables[t.variable].question = t.question;
    kb_->variables[t.variable].why = t.why;
    // A baby's test is not put to a person answering for themselves ("forSelf": {"question": ""}).
    ReadWordings(e, path, &kb_->variables[t.variable]);
    if (const Json* list_i = reader_.Member(e, "indications", path, false)) {
      if (reader_.ExpectArray(*list_i, JoinPath(path, "indications"))) {
        reader_.ForEachObject(
            *list_i, JoinPath(path, "indications"),
            [&](const Json& ie, const std::string& ip, size_t) {
          Indication ind;
          ind.when = ReadRuleMember(ie, "when", ip);
          ind.urgency = ReadEnum(ie, "urgency", ip, {"emergency", "urgent", "soon", "routine"});
          ind.reason = ReqString(ie, "reason", ip, 1000);
          ind.provenance = ReadProvenance(ie, ip);
          t.indications.push_back(std::move(ind));
        });
      }
    }
    auto read_conditionals = [&](std::string_view key, std::vector<Conditional>* out) {
      const Json* l = reader_.Member(e, key, path, false);
      if (!l || !reader_.ExpectArray(*l, JoinPath(path, key))) return;
      reader_.ForEachObject(
          *l, JoinPath(path, key),
          [&](const Json& ce, const std::string& cp, size_t) {
        Conditional c;
        c.when = ReadRuleMember(ce, "when", cp);
        c.text = ReqString(ce, "text", cp, 1000);
        c.provenance = ReadProvenance(ce, cp);
        out->push_back(std::move(c));
      });
    };
    read_conditionals("ifNormal", &t.if_normal);
    read_conditionals("ifAbnormal", &t.if_abnormal);
    read_conditionals("cautions", &t.cautions);
    if (const Json* l = reader_.Member(e, "repeat", path, false)) {
      if (reader_.ExpectArray(*l, JoinPath(path, "repeat"))) {
        reader_.ForEachObject(
            *l, JoinPath(path, "repeat"),
            [&](const Json& re, const std::string& rp, size_t) {
          RepeatRule r;
          r.when = ReadRuleMember(re, "when", rp);
          auto months = [&](std::string_view key, double* out) {
            if (const Json* v = reader_.Member(re, key, rp, true)) {
              auto d = reader_.NumberInRange(*v, JoinPath(rp, key), 0, 240);
              if (d) *out = *d;
            }
          };
          months("afterMonths", &r.after_months);
          months("everyMonths", &r.every_months);
          months("untilMonths", &r.until_months);
          if (r.until_months < r.after_months) {
            Problem(ErrorCode::kInvalidValue, JoinPath(rp, "untilMonths"), "must not be before afterMonths");
          }
          r.reason = ReqString(re, "reason", rp, 1000);
          r.provenance = ReadProvenance(re, rp);
          t.repeats.push_back(std::move(r));
        });
      }
    }
  }
}

void KbLoader::LoadRedFlags(const Json& root) {
  const Json* list = ReqArray(root, "redFlags", "");
  if (!list) return;
  std::map<std::string, std::string> seen;
  reading_red_flags_ = true;
  reader_.ForEachObject(*list, "redFlags", [&](const Json& e, const std::string& path, size_t) {
    RedFlag f;
    f.id = ReqString(e, "id", path, 64);
    f.when = ReadRuleMember(e, "when", path);
    f.action = ReadEnum(e, "action", path, {"emergency", "urgent", "soon"});
    f.message = ReqString(e, "message", path, 1000);
    f.lay = ReqString(e, "lay", path, 1000);
    if (const Json* names = reader_.Member(e, "names", path, false)) {
      f.names = ResolveIds(*names, JoinPath(path, "names"), 30, "diagnosis",
                           [&](const std::string& id) { return kb_->differential.Find(id); });
    }
    f.provenance = ReadProvenance(e, path);
    if (!f.id.empty() && CheckUnique(&seen, f.id, path)) kb_->red_flags.push_back(std::move(f));
  });
  reading_red_flags_ = false;
  IndexRedFlagReaders();
  LoadTriageAndSafetyNet(root);
}

namespace {

// The variables a rule reads, directly or through the definitions it refers to.
void VariablesRead(const KnowledgeBase& kb, const Rule& rule, std::vector<uint8_t>* seen_definition,
                   std::vector<int>* out) {
  if (rule.type == RuleType::kFeature && rule.ref >= 0) out->push_back(rule.ref);
  if (rule.type == RuleType::kRef && rule.ref >= 0 && static_cast<size_t>(rule.ref) < kb.definitions.size() &&
      !(*seen_definition)[static_cast<size_t>(rule.ref)]) {
    (*seen_definition)[static_cast<size_t>(rule.ref)] = 1;
    VariablesRead(kb, kb.definitions[static_cast<size_t>(rule.ref)].rule, seen_definition, out);
  }
  for (const Rule& c : rule.children) VariablesRead(kb, c, seen_definition, out);
}

}  // namespace

void KbLoader::IndexRedFlagReaders() {
  kb_->red_flags_reading.assign(kb_->variables.size(), {});
  for (size_t f = 0; f < kb_->red_flags.size(); ++f) {
    std::vector<uint8_t> seen(kb_->definitions.size(), 0);
    std::vector<int> vars;
    VariablesRead(*kb_, kb_->red_flags[f].when, &seen, &vars);
    std::sort(vars.begin(), vars.end());
    vars.erase(std::unique(vars.begin(), vars.end()), vars.end());
    for (int v : vars) {
      if (static_cast<size_t>(v) < kb_->red_flags_reading.size()) {
        kb_->red_flags_reading[static_cast<size_t>(v)].push_back(static_cast<int>(f));
      }
    }
  }
}

void KbLoader::LoadTriageAndSafetyNet(const Json& root) {
  static constexpr std::string_view kActions[] = {"emergency", "urgent", "soon", "routine"};
  if (const Json* t = reader_.Member(root, "triage", "", true)) {
    if (reader_.ExpectObject(*t, "triage")) {
      for (size_t i = 0; i < 4; ++i) {
        const std::string path = JoinPath("triage", kActions[i]);
        const Json* e = reader_.Member(*t, kActions[i], "triage", true);
        if (!e || !reader_.ExpectObject(*e, path)) continue;
        kb_->triage[i].message = ReqString(*e, "message", path, 1000);
        kb_->triage[i].lay = ReqString(*e, "lay", path, 1000);
        kb_->triage[i].provenance = ReadProvenance(*e, path);
      }
    }
  }
  const Json* list = reader_.Member(root, "safetyNet", "", true);
  if (!list || !reader_.ExpectArray(*list, "safetyNet")) return;
  std::map<std::string, std::string> seen;
  reader_.ForEachObject(*list, "safetyNet", [&](const Json& e, const std::string& path, size_t) {
    SafetyNet s;
    s.id = ReqString(e, "id", path, 64);
    s.when = ReadRuleMember(e, "when", path);
    s.message = ReqString(e, "message", path, 2000);
    s.lay = ReqString(e, "lay", path, 2000);
    s.provenance = ReadProvenance(e, path);
    if (!s.id.empty() && CheckUnique(&seen, s.id, path)) kb_->safety_net.push_back(std::move(s));
  });
}

void KbLoader::LoadCareTeam(const Json& root) {
  const Json* list = ReqArray(root, "roles", "");
  if (!list) return;
  std::map<std::string, std::string> seen;
  reader_.ForEachObject(*list, "roles", [&](const Json& e, const std::string& path, size_t) {
    CareRole r;
    r.id = ReqString(e, "id", path, 64);
    r.group = OptString(e, "group", path, 64);
    r.role = ReqString(e, "role", path, 300);
    r.when = ReadRuleMember(e, "when", path);
    r.urgency = ReadEnum(e, "urgency", path, {"emergency", "urgent", "soon", "routine"});
    r.reason = ReqString(e, "reason", path, 1000);
    r.provenance = ReadProvenance(e, path);
    if (!r.id.empty() && CheckUnique(&seen, r.id, path)) kb_->care_team.push_back(std::move(r));
  });
}

void KbLoader::LoadPnsCare(const Json& root) {
  PnsCareModel& m = kb_->pns_care;
  m.loaded = true;
  m.provenance = ReadProvenance(root, "");
  auto points = [&](const Json& obj, const std::string& path, int* out) {
    if (const Json* v = reader_.Member(obj, "points", path, true)) {
      auto n = reader_.Integer(*v, JoinPath(path, "points"));
      if (n && (*n < 0 || *n > 10)) {
        Problem(ErrorCode::kInvalidValue, JoinPath(path, "points"), "points are 0 to 10");
      } else if (n) {
        *out = static_cast<int>(*n);
      }
    }
  };
  if (const Json* ph = reader_.Member(root, "phenotype", "", true)) {
    if (reader_.ExpectObject(*ph, "phenotype")) {
      m.applies = ReadRuleMember(*ph, "when", "phenotype");
      m.phenotype_label = ReqString(*ph, "label", "phenotype", 300);
      points(*ph, "phenotype", &m.phenotype_points);
      m.phenotype_provenance = ReadProvenance(*ph, "phenotype");
    }
  }
  if (const Json* abs = ReqArray(root, "antibodyClasses", "")) {
    reader_.ForEachObject(
        *abs, "antibodyClasses",
        [&](const Json& e, const std::string& path, size_t) {
      PnsCareModel::AntibodyClass c;
      c.id = ReqString(e, "id", path, 40);
      c.label = ReqString(e, "label", path, 300);
      points(e, path, &c.points);
      if (const Json* ids = reader_.Member(e, "antibodies", path, true)) {
        auto list = reader_.StringArray(*ids, JoinPath(path, "antibodies"), 50);
        if (list) {
          for (const std::string& id : *list) {
            const int a = kb_->FindAntibody(id);
            if (a < 0) {
              Problem(ErrorCode::kUnknownReference, JoinPath(path, "antibodies"), "unknown antibody '" + id + "'");
            } else {
              c.antibodies.push_back(a);
            }
          }
        }
      }
      c.provenance = ReadProvenance(e, path);
      m.antibody_classes.push_back(std::move(c));
    });
    std::stable_sort(m.antibody_classes.begin(), m.antibody_classes.end(),
                     [](const auto& a, const auto& b) { return a.points > b.points; });
  }
  if (const Json* none = reader_.Member(root, "noAntibody", "", true)) {
    if (reader_.ExpectObject(*none, "noAntibody")) {
      points(*none, "noAntibody", &m.no_antibody_points);
      m.no_antibody_label = ReqString(*none, "label", "noAntibody", 300);
      m.no_antibody_provenance = ReadProvenance(*none, "noAntibody");
    }
  }
  if (const Json* c = reader_.Member(root, "cancer", "", true)) {
    if (reader_.ExpectObject(*c, "cancer")) {
      m.consistent_cancer = ReadRuleMember(*c, "consistentWhen", "cancer");
      m.consistent_cancer_label = ReqString(*c, "label", "cancer", 300);
      points(*c, "cancer", &m.cancer_points);
      m.cancer_provenance = ReadProvenance(*c, "cancer");
    }
  }
  if (const Json* n = reader_.Member(root, "noCancer", "", true)) {
    if (reader_.ExpectObject(*n, "noCancer")) {
      if (const Json* v = reader_.Member(*n, "cutoffMonths", "noCancer", true)) {
        auto d = reader_.NumberInRange(*v, "noCancer.cutoffMonths", 1, 240);
        if (d) m.follow_up_cutoff_months = *d;
      }
      if (const Json* v = reader_.Member(*n, "pointsBeforeCutoff", "noCancer", true)) {
        auto d = reader_.Integer(*v, "noCancer.pointsBeforeCutoff");
        if (d) m.no_cancer_short_points = static_cast<int>(*d);
      }
      if (const Json* v = reader_.Member(*n, "pointsAfterCutoff", "noCancer", true)) {
        auto d = reader_.Integer(*v, "noCancer.pointsAfterCutoff");
        if (d) m.no_cancer_long_points = static_cast<int>(*d);
      }
      m.no_cancer_short_label = ReqString(*n, "labelBeforeCutoff", "noCancer", 300);
      m.no_cancer_long_label = ReqString(*n, "labelAfterCutoff", "noCancer", 300);
      m.no_cancer_provenance = ReadProvenance(*n, "noCancer");
    }
  }
  if (const Json* levels = ReqArray(root, "levels", "")) {
    reader_.ForEachObject(*levels, "levels", [&](const Json& e, const std::string& path, size_t) {
      PnsCareModel::Level l;
      l.level = ReadEnum(e, "level", path, {"definite", "probable", "possible", "non_pns"});
      if (const Json* v = reader_.Member(e, "min", path, true)) {
        auto d = reader_.Integer(*v, JoinPath(path, "min"));
        if (d) l.min = static_cast<int>(*d);
      }
      l.provenance = ReadProvenance(e, path);
      m.levels.push_back(std::move(l));
    });
    std::stable_sort(m.levels.begin(), m.levels.end(), [](const auto& a, const auto& b) { return a.min > b.min; });
    if (m.levels.empty() || m.levels.back().min != 0) {
      Problem(ErrorCode::kInvalidValue, "levels", "the lowest level must start at 0 points");
    }
  }
  if (const Json* needs = reader_.Member(root, "needs", "", true)) {
    if (reader_.ExpectObject(*needs, "needs")) {
      m.needs_antibodies = ReqString(*needs, "antibodies", "needs", 500);
      m.needs_cancer = ReqString(*needs, "cancer", "needs", 500);
      m.needs_follow_up = ReqString(*needs, "followUp", "needs", 500);
    }
  }
  if (const Json* ex = reader_.Member(root, "definiteWithoutAntibody", "", true)) {
    if (reader_.ExpectObject(*ex, "definiteWithoutAntibody")) {
      m.definite_without_antibody = ReadRuleMember(*ex, "when", "definiteWithoutAntibody");
      m.definite_without_antibody_label = ReqString(*ex, "label", "definiteWithoutAntibody", 500);
      m.definite_without_antibody_provenance = ReadProvenance(*ex, "definiteWithoutAntibody");
    }
  }
}

void KbLoader::LoadSeverity(const Json& root) {
  const Json* scale = reader_.Member(root, "scale", "", true);
  if (scale && !scale->is_null()) {
    Problem(ErrorCode::kInvalidValue, "scale",
            "no OMS severity scale is supported yet: its items and anchors must be verified first "
            "(see data/README.md)");
  }
  kb_->severity.has_scale = false;
  kb_->severity.note = ReqString(root, "note", "", 2000);
  kb_->severity.provenance = ReadProvenance(root, "");
}

}  // namespace omsaid
