// SPDX-License-Identifier: MIT
// Pre-renders the static JSON of the knowledge base (labels, reasons, sources, notes, whole red flags
// and care-team roles, references) once after loading, so that writing a report is mostly appending
// ready-made text.
#include <algorithm>

#include "json_util.h"
#include "kb_loader.h"

namespace omsaid {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonQuoted(out, s);
  return out;
}

// The report members of a statement's provenance, with its sources resolved against `kb`.
void RenderProvenance(const KnowledgeBase& kb, Provenance* p) {
  p->source_refs.clear();
  for (const std::string& id : p->sources) {
    auto it = kb.reference_index.find(id);
    if (it != kb.reference_index.end()) p->source_refs.push_back(it->second);
  }
  std::string sources = "\"sources\":[";
  for (size_t i = 0; i < p->sources.size(); ++i) {
    if (i) sources += ',';
    AppendJsonQuoted(sources, p->sources[i]);
  }
  sources += "],\"evidence\":\"";
  sources += p->evidence;
  sources += '"';
  p->json_short = sources;
  p->json = sources;
  if (!p->note.empty()) p->json += ",\"note\":" + Quoted(p->note);
}

std::string Fill(const std::string& tmpl, const std::string& label) {
  std::string out = tmpl;
  const size_t pos = out.find("{label}");
  if (pos != std::string::npos) out.replace(pos, 7, label);
  return out;
}

}  // namespace

void RenderFragments(KnowledgeBase* kb) {
  const auto render = [kb](Provenance* p) { RenderProvenance(*kb, p); };
  kb->references_by_id.resize(kb->references.size());
  for (size_t i = 0; i < kb->references.size(); ++i) kb->references_by_id[i] = static_cast<int>(i);
  std::sort(kb->references_by_id.begin(), kb->references_by_id.end(),
            [&](int a, int b) { return kb->references[a].id < kb->references[b].id; });
  for (Reference& r : kb->references) {
    JsonWriter w;
    w.BeginObject();
    w.Field("citation", r.citation);
    if (!r.pmid.empty()) w.Field("pmid", r.pmid);
    if (!r.pmcid.empty()) w.Field("pmcid", r.pmcid);
    if (!r.doi.empty()) w.Field("doi", r.doi);
    if (!r.url.empty()) w.Field("url", r.url);
    w.EndObject();
    r.json = Quoted(r.id) + ":" + w.Take();
  }

  for (CriteriaSet& c : kb->criteria) render(&c.provenance);
  for (Definition& d : kb->definitions) render(&d.provenance);

  for (Variable& v : kb->variables) {
    v.json_id_label = "\"feature\":" + Quoted(v.id) + ",\"label\":" + Quoted(v.label);
    std::string question = v.question, help = v.help, why = v.why, label = v.label, feature = v.id;
    std::string kind = "finding";
    switch (v.kind) {
      case VariableKind::kPhenotype: break;
      case VariableKind::kExposure: kind = "exposure"; break;
      case VariableKind::kHistory: kind = "history"; break;
      case VariableKind::kTest: {
        kind = "test";
        const int t = kb->FindTest(v.key);
        if (t >= 0) {
          label = kb->tests[t].label;
          if (question.empty()) question = Fill(kb->test_question_template, label);
          if (why.empty()) why = kb->tests[t].looks_for;
        }
        break;
      }
      case VariableKind::kAntibody:
        kind = "antibody";
        if (question.empty()) question = Fill(kb->antibody_question_template, v.label);
        break;
      case VariableKind::kOnset:
      case VariableKind::kCourse:
      case VariableKind::kDuration: {
        // A categorical kind is asked once: its question under the kind's name.
        kind = v.kind == VariableKind::kOnset ? "onset" : v.kind == VariableKind::kCourse ? "course" : "duration";
        feature = kind;
        const KnowledgeBase::CategoricalQuestion& q = kb->QuestionOf(v.kind);
        label = q.label;
        question = q.question;
        help = q.help;
        why = q.why;
        break;
      }
      case VariableKind::kGroup:
        kind = "group";
        break;
    }
    std::string q = "\"feature\":" + Quoted(feature) + ",\"kind\":" + Quoted(kind) +
                    ",\"label\":" + Quoted(label) + ",\"question\":" + Quoted(question);
    if (!help.empty()) q += ",\"help\":" + Quoted(help);
    q += ",\"why\":" + Quoted(why);
    v.json_question = std::move(q);
  }

  for (TestDef& t : kb->tests) {
    render(&t.provenance);
    // The members, without the braces; the compact report leaves out what the test looks for.
    const auto head = [&t](bool looks_for) {
      JsonWriter w;
      w.BeginObject();
      w.Field("id", t.id);
      w.Field("label", t.label);
      if (looks_for) w.Field("looksFor", t.looks_for);
      w.Field("category", t.category);
      if (!t.loinc.empty()) w.Field("loinc", t.loinc);
      w.EndObject();
      const std::string json = w.Take();
      return json.substr(1, json.size() - 2);
    };
    t.json_head = head(true);
    t.json_head_compact = head(false);
    for (Indication& i : t.indications) {
      render(&i.provenance);
      i.json_reason = Quoted(i.reason);
    }
    for (auto* list : {&t.if_normal, &t.if_abnormal}) {
      for (Conditional& c : *list) {
        render(&c.provenance);
        c.json = "{\"text\":" + Quoted(c.text) + "," + c.provenance.json + "}";
        c.json_compact = "{\"text\":" + Quoted(c.text) + "," + c.provenance.json_short + "}";
      }
    }
    for (RepeatRule& r : t.repeats) {
      render(&r.provenance);
      JsonWriter rw;
      rw.BeginObject();
      rw.Field("afterMonths", r.after_months);
      rw.Field("everyMonths", r.every_months);
      rw.Field("untilMonths", r.until_months);
      rw.Field("reason", r.reason);
      rw.EndObject();
      std::string json = rw.Take();
      json.pop_back();
      r.json = json + "," + r.provenance.json + "}";
      r.json_compact = json + "," + r.provenance.json_short + "}";
    }
  }

  for (DiagnosisModel* m : {&kb->differential, &kb->etiology}) {
    render(&m->clamp);
    for (DiagnosisModel::Default& d : m->defaults) render(&d.provenance);
    for (FeatureGroup& g : m->groups) render(&g.provenance);
    for (Diagnosis& d : m->diagnoses) {
      for (Provenance& p : d.pretest_provenance) render(&p);
      for (FeatureFrequency& f : d.features) render(&f.provenance);
      d.json_head_short = "\"id\":" + Quoted(d.id) + ",\"label\":" + Quoted(d.label) + ",\"lay\":" + Quoted(d.lay);
      std::string head = d.json_head_short;
      if (!d.summary.empty()) head += ",\"summary\":" + Quoted(d.summary);
      head += ",\"xrefs\":[";
      for (size_t i = 0; i < d.xrefs.size(); ++i) {
        if (i) head += ',';
        AppendJsonQuoted(head, d.xrefs[i]);
      }
      head += ']';
      d.json_head = std::move(head);
    }
  }

  for (RedFlag& f : kb->red_flags) {
    render(&f.provenance);
    const std::string head = "{\"id\":" + Quoted(f.id) + ",\"message\":" + Quoted(f.message) +
                             ",\"lay\":" + Quoted(f.lay) + ",\"action\":" + Quoted(f.action) + ",";
    f.json = head + f.provenance.json + "}";
    f.json_compact = head + f.provenance.json_short + "}";
  }
  // Members only: the report adds the urgency, capped at the case's triage.
  for (CareRole& r : kb->care_team) {
    render(&r.provenance);
    const std::string head = "\"id\":" + Quoted(r.id) + ",\"role\":" + Quoted(r.role) +
                             ",\"reason\":" + Quoted(r.reason) + ",";
    r.json = head + r.provenance.json;
    r.json_compact = head + r.provenance.json_short;
  }
  for (SafetyNet& n : kb->safety_net) {
    render(&n.provenance);
    const std::string head = "{\"id\":" + Quoted(n.id) + ",\"message\":" + Quoted(n.message) +
                             ",\"lay\":" + Quoted(n.lay) + ",";
    n.json = head + n.provenance.json + "}";
    n.json_compact = head + n.provenance.json_short + "}";
  }
  for (TriageText& t : kb->triage) render(&t.provenance);

  PnsCareModel& p = kb->pns_care;
  for (Provenance* prov : {&p.phenotype_provenance, &p.no_antibody_provenance, &p.cancer_provenance,
                           &p.no_cancer_provenance, &p.definite_without_antibody_provenance, &p.provenance}) {
    render(prov);
  }
  for (auto& c : p.antibody_classes) render(&c.provenance);
  for (auto& l : p.levels) render(&l.provenance);
  render(&kb->severity.provenance);
}

}  // namespace omsaid
