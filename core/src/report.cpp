// SPDX-License-Identifier: MIT
#include "omsaid/report.h"

#include <cmath>
#include <set>

#include "json_util.h"

namespace omsaid {
namespace {

std::string_view TriName(Tri t) {
  return t == Tri::kTrue ? "present" : t == Tri::kFalse ? "absent" : "unknown";
}

// Rounds to 4 significant digits, so reports are stable and small.
double Round(double x) {
  if (x == 0 || !std::isfinite(x)) return x;
  const double scale = std::pow(10.0, 3 - std::floor(std::log10(std::fabs(x))));
  return std::round(x * scale) / scale;
}

std::string Fill(const std::string& tmpl, const std::string& label) {
  std::string out = tmpl;
  const size_t pos = out.find("{label}");
  if (pos != std::string::npos) out.replace(pos, 7, label);
  return out;
}

constexpr size_t kFullEvidenceDiagnoses = 3;  // differential entries with full evidence
constexpr size_t kFullEvidenceCauses = 2;      // OMS causes with full evidence
constexpr size_t kFullEvidenceItems = 10;
constexpr size_t kShortEvidenceItems = 3;

class ReportWriter {
 public:
  ReportWriter(const KnowledgeBase& kb) : kb_(kb) {}

  std::string Write(const Report& r) {
    w_.BeginObject();
    w_.Field("reportVersion", kReportVersion);
    w_.Field("kbVersion", kb_.kb_version);
    w_.Field("hpoVersion", kb_.hpo_version);
    Strings("warnings", r.warnings);
    Criteria(r.criteria);
    PnsCare(r.pns_care);
    Differential("differential", kb_.differential, r.differential, true);
    Differential("omsEtiology", kb_.etiology, r.etiology, false);
    Workup(r.workup);
    NextQuestions(r.next_questions);
    RedFlags(r.red_flags);
    CareTeam(r.care_team);
    Severity();
    References();
    w_.Field("disclaimer", kb_.disclaimer);
    w_.EndObject();
    return w_.Take();
  }

 private:
  void Strings(std::string_view key, const std::vector<std::string>& list) {
    w_.Key(key);
    w_.BeginArray();
    for (const std::string& s : list) w_.String(s);
    w_.EndArray();
  }

  void Provenance(const omsaid::Provenance& p) {
    Strings("sources", p.sources);
    w_.Field("evidence", std::string_view(&p.evidence, 1));
    if (!p.note.empty()) w_.Field("note", p.note);
    cited_.insert(p.sources.begin(), p.sources.end());
  }

  void Criteria(const std::vector<CriteriaResult>& list) {
    w_.Key("criteria");
    w_.BeginArray();
    for (size_t i = 0; i < list.size(); ++i) {
      const CriteriaResult& c = list[i];
      w_.BeginObject();
      w_.Field("id", c.id);
      w_.Field("label", c.label);
      w_.Field("status", ToString(c.status));
      w_.Field("count", c.count);
      w_.Field("required", c.required);
      w_.Key("items");
      w_.BeginArray();
      for (const CriteriaItemResult& item : c.items) {
        w_.BeginObject();
        w_.Field("id", item.id);
        w_.Field("label", item.label);
        w_.Field("status", TriName(item.status));
        Strings("features", item.features);
        w_.EndObject();
      }
      w_.EndArray();
      Strings("needs", c.needs);
      Strings("needsItems", c.needs_items);
      if (i < kb_.criteria.size()) Provenance(kb_.criteria[i].provenance);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void PnsCare(const PnsCareResult& p) {
    w_.Key("pnsCare");
    w_.BeginObject();
    w_.Field("applicable", p.applicable);
    w_.Key("score");
    if (p.applicable) w_.Number(p.score); else w_.Null();
    w_.Field("level", p.level);
    w_.Key("parts");
    w_.BeginArray();
    for (const PnsCarePart& part : p.parts) {
      w_.BeginObject();
      w_.Field("part", part.part);
      w_.Field("label", part.label);
      w_.Field("points", part.points);
      if (part.provenance) Provenance(*part.provenance);
      w_.EndObject();
    }
    w_.EndArray();
    Strings("needs", p.needs);
    if (p.applicable) w_.Field("omsException", p.oms_exception);
    if (p.level_provenance) {
      w_.Key("levelBasis");
      w_.BeginObject();
      Provenance(*p.level_provenance);
      w_.EndObject();
    }
    if (kb_.pns_care.loaded) {
      w_.Key("basis");
      w_.BeginObject();
      Provenance(kb_.pns_care.provenance);
      w_.EndObject();
    }
    w_.EndObject();
  }

  // The leading diagnoses get their full evidence with the notes behind each number; the others
  // their strongest items only (the report stays small enough for bulk use).
  void Contributions(const DiagnosisModel& m, const std::vector<FindingContribution>& list, bool full) {
    w_.Key("evidence");
    w_.BeginArray();
    const size_t limit = full ? kFullEvidenceItems : kShortEvidenceItems;
    for (size_t i = 0; i < list.size() && i < limit; ++i) {
      const FindingContribution& c = list[i];
      const Variable& v = kb_.variables[c.variable];
      w_.BeginObject();
      w_.Field("feature", v.id);
      w_.Field("label", v.label);
      w_.Field("state", c.present ? "present" : "absent");
      w_.Field("lr", Round(c.lr));
      w_.Field("frequency", Round(c.frequency));
      const omsaid::Provenance& p = c.provenance ? *c.provenance : m.defaults[m.default_of_variable[c.variable]].provenance;
      if (!c.provenance) w_.Field("default", true);
      if (full) {
        Provenance(p);
      } else {
        Strings("sources", p.sources);
        w_.Field("evidence", std::string_view(&p.evidence, 1));
        cited_.insert(p.sources.begin(), p.sources.end());
      }
      if (c.clamped) w_.Field("clamped", true);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Differential(std::string_view key, const DiagnosisModel& m, const DifferentialResult& r,
                    bool full) {
    w_.Key(key);
    w_.BeginArray();
    for (size_t i = 0; i < r.ranked.size() && i < kMaxDifferentialInReport; ++i) {
      const RankedDiagnosis& rd = r.ranked[i];
      const Diagnosis& d = m.diagnoses[rd.index];
      w_.BeginObject();
      w_.Field("id", d.id);
      w_.Field("label", d.label);
      w_.Field("lay", d.lay);
      if (full && !d.summary.empty()) w_.Field("summary", d.summary);
      if (full) Strings("xrefs", d.xrefs);
      w_.Field("rank", rd.rank);
      w_.Field("probability", Round(rd.probability));
      w_.Field("pretest", Round(rd.pretest));
      if (r.age_band >= 0) {
        w_.Key("pretestBasis");
        w_.BeginObject();
        Provenance(d.pretest_provenance[r.age_band]);
        w_.EndObject();
      }
      Contributions(m, rd.evidence, i < (full ? kFullEvidenceDiagnoses : kFullEvidenceCauses));
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Workup(const std::vector<WorkupItem>& items) {
    w_.Key("workup");
    w_.BeginArray();
    for (const WorkupItem& item : items) {
      const TestDef& t = kb_.tests[item.test];
      w_.BeginObject();
      w_.Field("id", t.id);
      w_.Field("label", t.label);
      w_.Field("looksFor", t.looks_for);
      w_.Field("category", t.category);
      if (!t.loinc.empty()) w_.Field("loinc", t.loinc);
      w_.Field("urgency", item.urgency);
      w_.Field("status", ToString(item.status));
      const Indication* basis = item.indication ? item.indication : item.possible;
      w_.Field("reason", basis ? basis->reason : t.looks_for);
      w_.Field("indicated", item.indication ? "yes" : item.possible ? "unknown" : "no");
      if (!item.needs.empty()) {
        w_.Key("needs");
        w_.BeginArray();
        for (int v : item.needs) w_.String(kb_.variables[v].label);
        w_.EndArray();
      }
      w_.Key("repeat");
      if (item.repeat) {
        w_.BeginObject();
        w_.Field("afterMonths", item.repeat->after_months);
        w_.Field("everyMonths", item.repeat->every_months);
        w_.Field("untilMonths", item.repeat->until_months);
        w_.Field("reason", item.repeat->reason);
        Provenance(item.repeat->provenance);
        w_.EndObject();
      } else {
        w_.Null();
      }
      w_.Key("notes");
      w_.BeginArray();
      for (const Conditional* c : item.notes) {
        w_.BeginObject();
        w_.Field("text", c->text);
        Provenance(c->provenance);
        w_.EndObject();
      }
      w_.EndArray();
      Provenance(basis ? basis->provenance : t.provenance);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void NextQuestions(const std::vector<NextQuestion>& list) {
    w_.Key("nextQuestions");
    w_.BeginArray();
    for (const NextQuestion& q : list) {
      const Variable& v = kb_.variables[q.variable];
      w_.BeginObject();
      std::string question = v.question, help = v.help, why = v.why, label = v.label;
      std::string_view kind = "finding";
      std::string feature = v.id;
      switch (v.kind) {
        case VariableKind::kPhenotype: kind = "finding"; break;
        case VariableKind::kExposure: kind = "exposure"; break;
        case VariableKind::kHistory: kind = "history"; break;
        case VariableKind::kTest: {
          kind = "test";
          const TestDef& t = kb_.tests[kb_.FindTest(v.key)];
          label = t.label;
          if (question.empty()) question = Fill(kb_.test_question_template, t.label);
          if (why.empty()) why = t.looks_for;
          break;
        }
        case VariableKind::kAntibody:
          kind = "antibody";
          if (question.empty()) question = Fill(kb_.antibody_question_template, v.label);
          break;
        case VariableKind::kOnset:
          kind = "onset";
          feature = "onset";
          label = kb_.onset_question.label;
          question = kb_.onset_question.question;
          help = kb_.onset_question.help;
          why = kb_.onset_question.why;
          break;
      }
      w_.Field("feature", feature);
      w_.Field("kind", kind);
      w_.Field("label", label);
      w_.Field("question", question);
      if (!help.empty()) w_.Field("help", help);
      w_.Field("why", why);
      w_.Field("gain", Round(q.gain));
      w_.EndObject();
    }
    w_.EndArray();
  }

  void RedFlags(const std::vector<const RedFlag*>& list) {
    w_.Key("redFlags");
    w_.BeginArray();
    for (const RedFlag* f : list) {
      w_.BeginObject();
      w_.Field("id", f->id);
      w_.Field("message", f->message);
      w_.Field("lay", f->lay);
      w_.Field("action", f->action);
      Provenance(f->provenance);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void CareTeam(const std::vector<const CareRole*>& list) {
    w_.Key("careTeam");
    w_.BeginArray();
    for (const CareRole* r : list) {
      w_.BeginObject();
      w_.Field("id", r->id);
      w_.Field("role", r->role);
      w_.Field("reason", r->reason);
      w_.Field("urgency", r->urgency);
      Provenance(r->provenance);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Severity() {
    w_.Key("severity");
    w_.BeginObject();
    w_.Key("scale");
    w_.Null();
    Provenance(kb_.severity.provenance);  // its note is the explanation shown to the user
    w_.EndObject();
  }

  void References() {
    w_.Key("references");
    w_.BeginObject();
    for (const std::string& id : cited_) {
      auto it = kb_.reference_index.find(id);
      if (it == kb_.reference_index.end()) continue;
      const Reference& ref = kb_.references[it->second];
      w_.Key(id);
      w_.BeginObject();
      w_.Field("citation", ref.citation);
      if (!ref.pmid.empty()) w_.Field("pmid", ref.pmid);
      if (!ref.pmcid.empty()) w_.Field("pmcid", ref.pmcid);
      if (!ref.doi.empty()) w_.Field("doi", ref.doi);
      if (!ref.url.empty()) w_.Field("url", ref.url);
      w_.EndObject();
    }
    w_.EndObject();
  }

  const KnowledgeBase& kb_;
  JsonWriter w_;
  std::set<std::string> cited_;
};

}  // namespace

std::string ReportToJson(const Report& report, const KnowledgeBase& kb) {
  return ReportWriter(kb).Write(report);
}

}  // namespace omsaid
