// SPDX-License-Identifier: MIT
// The report writer's cache (report_fragments.h): numbers every statement of a loaded knowledge
// base and renders its static JSON once.
#include "report_fragments.h"

#include <cctype>

#include <algorithm>

#include "json_util.h"

namespace omsaid {
namespace {

std::string Quoted(std::string_view s) {
  std::string out;
  AppendJsonQuoted(out, s);
  return out;
}

std::string Fill(const std::string& tmpl, const std::string& label) {
  std::string out = tmpl;
  const size_t pos = out.find("{label}");
  if (pos != std::string::npos) out.replace(pos, 7, label);
  return out;
}

// A question put to a parent or carer: "the person" (and, for a baby, "the baby") becomes "your
// child" or "your baby", capitalised at the start of a sentence; whole words only.
std::string ToParent(const std::string& text, bool baby) {
  if (text.empty()) return text;
  const std::string who = baby ? "your baby" : "your child";
  const std::string capital = baby ? "Your baby" : "Your child";
  std::vector<std::pair<std::string, std::string>> swaps = {{"the person", who}, {"The person", capital}};
  if (baby) {
    swaps.push_back({"the baby", who});
    swaps.push_back({"The baby", capital});
  }
  std::string out;
  out.reserve(text.size() + 64);
  for (size_t i = 0; i < text.size();) {
    bool swapped = false;
    for (const auto& [from, to] : swaps) {
      const size_t end = i + from.size();
      const bool starts_word = i == 0 || !std::isalpha(static_cast<unsigned char>(text[i - 1]));
      const bool ends_word = end >= text.size() || !std::isalpha(static_cast<unsigned char>(text[end]));
      if (starts_word && ends_word && text.compare(i, from.size(), from) == 0) {
        out += to;
        i = end;
        swapped = true;
        break;
      }
    }
    if (!swapped) out += text[i++];
  }
  return out;
}

}  // namespace

void RenderReportFragments(KnowledgeBase* kb) {
  auto fragments = std::make_shared<ReportFragments>();
  ReportFragments& out = *fragments;
  // Numbers a statement, resolves its sources, and renders its provenance members; returns them.
  const auto render = [kb, &out](Provenance* p) -> const ReportFragments::Pair& {
    p->source_refs.clear();
    for (const std::string& id : p->sources) {
      auto it = kb->reference_index.find(id);
      if (it != kb->reference_index.end()) p->source_refs.push_back(it->second);
    }
    std::string sources = "\"sources\":[";
    for (size_t i = 0; i < p->sources.size(); ++i) {
      if (i) sources += ',';
      AppendJsonQuoted(sources, p->sources[i]);
    }
    sources += "],\"evidence\":\"";
    sources += p->evidence;
    sources += '"';
    ReportFragments::Pair members{sources, sources};
    if (!p->note.empty()) members.full += ",\"note\":" + Quoted(p->note);
    p->index = static_cast<int>(out.provenance.size());
    out.provenance.push_back(std::move(members));
    out.statement.emplace_back();
    return out.provenance.back();
  };
  const auto whole = [&out](const Provenance& p, std::string full, std::string compact) {
    out.statement[p.index] = {std::move(full), std::move(compact)};
  };

  kb->references_by_id.resize(kb->references.size());
  for (size_t i = 0; i < kb->references.size(); ++i) kb->references_by_id[i] = static_cast<int>(i);
  std::sort(kb->references_by_id.begin(), kb->references_by_id.end(),
            [&](int a, int b) { return kb->references[a].id < kb->references[b].id; });
  for (const Reference& r : kb->references) {
    JsonWriter w;
    w.BeginObject();
    w.Field("citation", r.citation);
    if (!r.pmid.empty()) w.Field("pmid", r.pmid);
    if (!r.pmcid.empty()) w.Field("pmcid", r.pmcid);
    if (!r.doi.empty()) w.Field("doi", r.doi);
    if (!r.url.empty()) w.Field("url", r.url);
    w.EndObject();
    out.reference.push_back(Quoted(r.id) + ":" + w.Take());
  }

  for (CriteriaSet& c : kb->criteria) {
    render(&c.provenance);
    for (CriteriaSearch& search : c.searches) {
      const ReportFragments::Pair p = render(&search.provenance);
      std::string head = "{\"item\":";
      AppendJsonQuoted(head, search.item >= 0 ? c.rule.children[search.item].id : std::string());
      head += ",\"tests\":[";
      for (size_t i = 0; i < search.tests.size(); ++i) {
        if (i) head += ',';
        AppendJsonQuoted(head, kb->tests[search.tests[i]].id);
      }
      head += "],\"text\":" + Quoted(search.if_not_sought) + ",";
      whole(search.provenance, head + p.full + "}", head + p.compact + "}");
    }
  }
  for (Definition& d : kb->definitions) render(&d.provenance);

  for (const Variable& v : kb->variables) {
    out.variable_id_label.push_back("\"feature\":" + Quoted(v.id) + ",\"label\":" + Quoted(v.label));
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
        if (why.empty()) {
          why = kb->antibody_why;
          for (const PnsCareModel::AntibodyClass& c : kb->pns_care.antibody_classes) {
            if (std::find(c.antibodies.begin(), c.antibodies.end(), v.index) != c.antibodies.end()) {
              why = Fill(kb->antibody_class_why_template, c.label);
              break;
            }
          }
        }
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
    const auto members = [&](const std::string& question_text, const std::string& help_text,
                             const std::string& why_text) {
      std::string q = "\"feature\":" + Quoted(feature) + ",\"kind\":" + Quoted(kind) +
                      ",\"label\":" + Quoted(label) + ",\"question\":" + Quoted(question_text);
      if (!help_text.empty()) q += ",\"help\":" + Quoted(help_text);
      q += ",\"why\":" + Quoted(why_text);
      return q;
    };
    out.variable_question.push_back(members(question, help, why));
    const auto worded = [&](const std::optional<Wording>& w) {
      return w ? members(w->question, w->help, w->why) : std::string();
    };
    out.variable_question_adult.push_back(worded(v.adult_wording));
    out.variable_question_infant.push_back(worded(v.infant_wording));
    out.variable_question_self.push_back(worded(v.self_wording));
    const std::string& general = out.variable_question.back();
    out.variable_question_child.push_back(ToParent(general, false));
    const std::string& infant = out.variable_question_infant.back();
    out.variable_question_baby.push_back(ToParent(infant.empty() ? general : infant, true));
  }

  for (TestDef& t : kb->tests) {
    render(&t.provenance);
    // The members, without the braces; the compact report leaves out what the test looks for.
    const auto head = [&t](bool looks_for) {
      JsonWriter w;
      w.BeginObject();
      w.Field("id", t.id);
      w.Field("label", t.label);
      if (!t.lay.empty()) w.Field("lay", t.lay);
      if (looks_for) w.Field("looksFor", t.looks_for);
      w.Field("category", t.category);
      if (!t.loinc.empty()) w.Field("loinc", t.loinc);
      w.EndObject();
      const std::string json = w.Take();
      return json.substr(1, json.size() - 2);
    };
    out.test_head.push_back({head(true), head(false)});
    for (Indication& i : t.indications) {
      render(&i.provenance);
      whole(i.provenance, Quoted(i.reason), Quoted(i.reason));
    }
    for (auto* list : {&t.if_normal, &t.if_abnormal, &t.cautions}) {
      for (Conditional& c : *list) {
        const ReportFragments::Pair p = render(&c.provenance);
        const std::string text = "{\"text\":" + Quoted(c.text) + ",";
        whole(c.provenance, text + p.full + "}", text + p.compact + "}");
      }
    }
    for (RepeatRule& r : t.repeats) {
      const ReportFragments::Pair p = render(&r.provenance);
      JsonWriter rw;
      rw.BeginObject();
      rw.Field("afterMonths", r.after_months);
      rw.Field("everyMonths", r.every_months);
      rw.Field("untilMonths", r.until_months);
      rw.Field("reason", r.reason);
      rw.EndObject();
      std::string json = rw.Take();
      json.pop_back();
      whole(r.provenance, json + "," + p.full + "}", json + "," + p.compact + "}");
    }
  }

  for (DiagnosisModel* m : {&kb->differential, &kb->etiology}) {
    render(&m->clamp);
    render(&m->broader.provenance);
    render(&m->group_derived);
    render(&m->time_course.provenance);
    for (DiagnosisModel::Default& d : m->defaults) render(&d.provenance);
    for (FeatureGroup& g : m->groups) render(&g.provenance);
    std::vector<ReportFragments::Pair>& heads = m == &kb->etiology ? out.etiology_head : out.differential_head;
    for (Diagnosis& d : m->diagnoses) {
      for (Provenance& p : d.pretest_provenance) render(&p);
      for (Diagnosis::PretestRange& r : d.pretest_ranges) render(&r.provenance);
      for (FeatureFrequency& f : d.features) render(&f.provenance);
      if (d.diagnosed_by) render(&d.diagnosed_by->provenance);
      const std::string short_head = "\"id\":" + Quoted(d.id) + ",\"label\":" + Quoted(d.label) + ",\"lay\":" + Quoted(d.lay);
      std::string head = short_head;
      if (!d.summary.empty()) head += ",\"summary\":" + Quoted(d.summary);
      head += ",\"xrefs\":[";
      for (size_t i = 0; i < d.xrefs.size(); ++i) {
        if (i) head += ',';
        AppendJsonQuoted(head, d.xrefs[i]);
      }
      head += ']';
      heads.push_back({std::move(head), short_head});
    }
  }

  for (RedFlag& f : kb->red_flags) {
    const ReportFragments::Pair p = render(&f.provenance);
    const std::string head = "{\"id\":" + Quoted(f.id) + ",\"message\":" + Quoted(f.message) +
                             ",\"lay\":" + Quoted(f.lay) + ",\"action\":" + Quoted(f.action) + ",";
    whole(f.provenance, head + p.full + "}", head + p.compact + "}");
  }
  // Members only: the report adds the urgency, capped at the case's triage.
  for (CareRole& r : kb->care_team) {
    const ReportFragments::Pair p = render(&r.provenance);
    const std::string head = "\"id\":" + Quoted(r.id) + ",\"role\":" + Quoted(r.role) +
                             ",\"reason\":" + Quoted(r.reason) + ",";
    whole(r.provenance, head + p.full, head + p.compact);
  }
  for (SafetyNet& n : kb->safety_net) {
    const ReportFragments::Pair p = render(&n.provenance);
    const std::string head = "{\"id\":" + Quoted(n.id) + ",\"message\":" + Quoted(n.message) +
                             ",\"lay\":" + Quoted(n.lay) + ",";
    whole(n.provenance, head + p.full + "}", head + p.compact + "}");
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
  kb->report_fragments = std::move(fragments);
}

}  // namespace omsaid
