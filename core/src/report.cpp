// SPDX-License-Identifier: MIT
#include "omsaid/report.h"

#include <algorithm>
#include <cmath>

#include "json_util.h"
#include "report_fragments.h"
#include "omsaid/workup.h"

namespace omsaid {
namespace {

constexpr size_t kFullEvidenceDiagnoses = 3;  // differential entries whose evidence carries the notes
constexpr size_t kFullEvidenceCauses = 2;     // OMS causes likewise

std::string_view TriName(Tri t) {
  return t == Tri::kTrue ? "present" : t == Tri::kFalse ? "absent" : "unknown";
}

// Writes the report from the evaluation results and the fragments rendered once from the knowledge
// base (report_fragments.h); only the numbers and states are formatted here.
class ReportWriter {
 public:
  ReportWriter(const KnowledgeBase& kb, ReportDetail detail)
      : kb_(kb), f_(Fragments(kb)), full_(detail == ReportDetail::kFull), w_(full_ ? 64 * 1024 : 32 * 1024),
        cited_(kb.references.size(), 0) {}

  std::string Write(const Report& r) {
    w_.BeginObject();
    w_.Field("reportVersion", kReportVersion);
    w_.Field("kbVersion", kb_.kb_version);
    w_.Field("hpoVersion", kb_.hpo_version);
    Strings("warnings", r.warnings);
    // Whether the questions are put to the person themselves (the page words its own guides alike).
    w_.Field("selfReport", r.self);
    Criteria(r.criteria);
    PnsCare(r.pns_care);
    named_.assign(kb_.differential.diagnoses.size(), 0);
    any_sign_ = r.any_sign;
    adult_ = r.adult;
    infant_ = r.infant;
    self_ = r.self;
    family_child_ = r.family_child;
    for (const RedFlag* f : r.red_flags) {
      for (int d : f->names) named_[d] = 1;
    }
    Differential("differential", kb_.differential, r.differential, kFullEvidenceDiagnoses, true);
    Differential("omsEtiology", kb_.etiology, r.etiology, kFullEvidenceCauses, false);
    Workup(r.workup);
    Questions("nextQuestions", r.next_questions);
    Questions("patientQuestions", r.patient_questions);
    Statements("redFlags", r.red_flags);
    Triage(r);
    Statements("safetyNet", r.safety_net);
    w_.Key("careTeam");
    w_.BeginArray();
    for (const CareItem& c : r.care_team) {
      Cite(c.role->provenance);
      w_.BeginObject();
      w_.RawMembers(f_.Statement(c.role->provenance, full_));
      w_.Field("urgency", c.urgency);
      if (c.urgency != c.role->urgency) w_.Field("indicatedUrgency", c.role->urgency);
      if (!c.flags.empty()) {
        w_.Key("flags");
        w_.BeginArray();
        for (const RedFlag* f : c.flags) w_.String(f->id);
        w_.EndArray();
      }
      w_.EndObject();
    }
    w_.EndArray();
    w_.Key("severity");
    w_.BeginObject();
    w_.Key("scale");
    w_.Null();
    Provenance(kb_.severity.provenance);  // its note is the explanation shown to the user
    w_.EndObject();
    if (full_) References();
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

  void Cite(const omsaid::Provenance& p) {
    if (!full_) return;
    for (int i : p.source_refs) cited_[i] = 1;
  }

  // A statement rendered whole, or null where there is no fragment (a knowledge base assembled by
  // hand), so the report stays valid JSON.
  void Whole(const std::string& json) {
    if (json.empty()) w_.Null(); else w_.Raw(json);
  }

  // An array of knowledge-base statements (red flags, notes on a result ...), each rendered whole
  // and its sources cited.
  template <class T>
  void Statements(std::string_view key, const std::vector<const T*>& list) {
    w_.Key(key);
    w_.BeginArray();
    for (const T* s : list) {
      Cite(s->provenance);
      Whole(f_.Statement(s->provenance, full_));
    }
    w_.EndArray();
  }

  // A recommended test's cautions, each a statement with whether the case shows it applies ("yes")
  // or has not yet answered what would decide it ("unknown").
  void Cautions(const WorkupItem& item) {
    w_.Key("cautions");
    w_.BeginArray();
    for (const WorkupItem::Caution& caution : item.cautions) {
      const Conditional* c = caution.statement;
      Cite(c->provenance);
      const std::string& json = f_.Statement(c->provenance, full_);
      w_.BeginObject();
      w_.Field("applies", caution.holds ? "yes" : "unknown");
      if (json.size() > 2) w_.RawMembers(json.substr(1, json.size() - 2)); else w_.Field("text", c->text);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Provenance(const omsaid::Provenance& p, bool with_note = true) {
    if (full_) Cite(p);
    w_.RawMembers(f_.Provenance(p, with_note && full_));
  }

  void Criteria(const std::vector<CriteriaResult>& list) {
    w_.Key("criteria");
    w_.BeginArray();
    for (size_t i = 0; i < list.size(); ++i) {
      const CriteriaResult& c = list[i];
      w_.BeginObject();
      w_.Field("id", c.id);
      w_.Field("label", c.label);
      w_.Field("population", c.population);
      w_.Field("applies", c.applies == Tri::kTrue ? "yes" : c.applies == Tri::kFalse ? "no" : "unknown");
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
        Strings("terms", item.terms);
        w_.EndObject();
      }
      w_.EndArray();
      Strings("needs", c.needs);
      Strings("needsItems", c.needs_items);
      Statements("notSought", c.not_sought);
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

  // Every finding, in the order counted, with its ratio and the probability after it; the leading
  // diagnoses also get the notes behind each number.
  void Contributions(const DiagnosisModel& m, const std::vector<FindingContribution>& list, bool full) {
    w_.Key("evidence");
    w_.BeginArray();
    for (const FindingContribution& c : list) {
      w_.BeginObject();
      if (c.term >= 0 && static_cast<size_t>(c.term) < kb_.hpo_terms.size()) {
        w_.Field("feature", kb_.hpo_terms[c.term].id);
        w_.Field("label", kb_.hpo_terms[c.term].label);
        w_.Field("broader", true);
      } else {
        w_.RawMembers(f_.VariableIdLabel(c.variable));
      }
      w_.Field("state", c.present ? "present" : "absent");
      if (!c.parts.empty()) {
        w_.Key("parts");
        w_.BeginArray();
        for (int v : c.parts) w_.String(kb_.variables[v].id);
        w_.EndArray();
      }
      w_.Key("lr");
      w_.Rounded(c.lr);
      w_.Key("after");
      w_.Rounded(c.after);
      w_.Key("frequency");
      w_.Rounded(c.frequency);
      const omsaid::Provenance& p =
          c.provenance ? *c.provenance : m.defaults[m.default_of_variable[c.variable]].provenance;
      if (!c.provenance) w_.Field("default", true);
      Provenance(p, full);
      if (c.clamped) w_.Field("clamped", true);
      if (c.weight != 1) {
        // Counted at part weight (the time course): lr comes from the frequency raised to it.
        w_.Key("weight");
        w_.Rounded(c.weight);
        w_.Key("weightBasis");
        w_.BeginObject();
        Provenance(m.time_course.provenance, full);
        w_.EndObject();
      }
      w_.EndObject();
    }
    w_.EndArray();
  }

  // The band of a probability (bands highest minimum first), by index; the last band if none.
  size_t LayBandIndex(double p) const {
    for (size_t i = 0; i < kb_.likelihood_bands.size(); ++i) {
      if (p >= kb_.likelihood_bands[i].min) return i;
    }
    return kb_.likelihood_bands.empty() ? 0 : kb_.likelihood_bands.size() - 1;
  }

  std::string_view LayBand(double p) const {
    return kb_.likelihood_bands.empty() ? std::string_view() : std::string_view(kb_.likelihood_bands[LayBandIndex(p)].id);
  }

  // "About n in 100" for a family, never a count that reads as the band above: 0.0296 is "unlikely"
  // (under 3 in 100), so "about 2 in 100", not the 3 that rounding gives and that "less likely"
  // begins at. The band stays the raw probability's, as the red flags' thresholds are.
  long LayInHundred(double p) const {
    long n = std::lround(p * 100);
    const size_t band = LayBandIndex(p);
    if (band > 0) {
      const double above = kb_.likelihood_bands[band - 1].min * 100;
      const long limit = static_cast<long>(std::ceil(above - 1e-9)) - 1;
      n = std::min(n, limit);
    }
    return n;
  }

  // A family reads the diagnosis as "likely" or "possible", but what is present alone would not
  // make it even "possible", and the answers of "no" at least tripled it (kLayEliminationRise):
  // it leads because of them, not because of a sign that points to it.
  bool ByElimination(const RankedDiagnosis& rd) const {
    const auto& bands = kb_.likelihood_bands;
    const auto possible = std::find_if(bands.begin(), bands.end(), [](const LikelihoodBand& b) { return b.id == "possible"; });
    if (possible == bands.end()) return false;
    const size_t at = static_cast<size_t>(possible - bands.begin());
    return LayBandIndex(rd.probability) <= at && LayBandIndex(rd.from_present) > at &&
           rd.probability >= kLayEliminationRise * rd.from_present;
  }

  void Differential(std::string_view key, const DiagnosisModel& m, const DifferentialResult& r,
                    size_t full_count, bool with_head) {
    w_.Key(key);
    w_.BeginArray();
    for (size_t i = 0; i < r.ranked.size() && i < kMaxDifferentialInReport; ++i) {
      const RankedDiagnosis& rd = r.ranked[i];
      w_.BeginObject();
      w_.RawMembers(f_.DiagnosisHead(kb_, m, rd.index, with_head && full_));
      w_.Field("rank", rd.rank);
      w_.Key("probability");
      w_.Rounded(rd.probability);
      w_.Key("pretest");
      w_.Rounded(rd.pretest);
      if (with_head) {
        w_.Field("layLikelihood", LayBand(rd.probability));
        w_.Field("layInHundred", static_cast<int>(LayInHundred(rd.probability)));
        const bool named = static_cast<size_t>(rd.index) < named_.size() && named_[rd.index];
        w_.Field("layShown", any_sign_ && (named || rd.probability >= kb_.lay_min_probability));
        if (named) w_.Field("layNamed", true);
        w_.Key("fromPresent");
        w_.Rounded(rd.from_present);
        if (ByElimination(rd)) w_.Field("layByElimination", true);
      }
      if (const auto& by = m.diagnoses[rd.index].diagnosed_by) {
        // What makes the diagnosis, with its source, and what of it the case has not answered.
        w_.Key("diagnosedBy");
        w_.BeginObject();
        w_.Key("features");
        w_.BeginArray();
        for (int v : by->variables) w_.String(kb_.variables[v].id);
        w_.EndArray();
        w_.Key("needs");
        w_.BeginArray();
        for (int v : rd.needs) w_.String(kb_.variables[v].id);
        w_.EndArray();
        w_.Key("absent");
        w_.BeginArray();
        for (int v : rd.against) w_.String(kb_.variables[v].id);
        w_.EndArray();
        Provenance(by->provenance);
        w_.EndObject();
      }
      if (r.age_band >= 0 && rd.pretest_basis) {
        w_.Key("pretestBasis");
        w_.BeginObject();
        Provenance(*rd.pretest_basis);
        w_.EndObject();
      }
      Contributions(m, rd.evidence, i < full_count);
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
      w_.RawMembers(f_.TestHead(item.test, full_));
      w_.Field("urgency", item.urgency);
      if (item.urgency != item.indicated_urgency) w_.Field("indicatedUrgency", item.indicated_urgency);
      w_.Field("status", ToString(item.status));
      // A test recommended says why; one not indicated, what would indicate it; one already done
      // or pending says what it looks for: not a premise the case may not have ("signs of spinal
      // cord compression" beside a spine MRI the case lists as pending), nor advice on ordering it
      // ("image within days" beside a scan already done, abnormal).
      const bool under_way = item.status != WorkupStatus::kRecommended && item.status != WorkupStatus::kNotIndicated;
      const Indication* basis = under_way && !t.looks_for.empty()             ? nullptr
                                : item.indication                             ? item.indication
                                : item.status == WorkupStatus::kNotIndicated ? item.possible
                                                                             : nullptr;
      w_.Key("reason");
      if (basis) Whole(f_.Statement(basis->provenance, true)); else w_.String(t.looks_for);
      const bool demographic = item.needs_age || item.needs_sex;
      w_.Field("indicated", item.indication && !demographic ? "yes" : item.indication || item.possible ? "unknown" : "no");
      if (!item.needs.empty() || demographic) {
        w_.Key("needs");
        w_.BeginArray();
        if (item.needs_age) w_.String(kb_.age_label);
        if (item.needs_sex) w_.String(kb_.sex_label);
        for (int v : item.needs) w_.String(kb_.variables[v].label);
        w_.EndArray();
      }
      w_.Key("repeat");
      if (item.repeat) {
        Cite(item.repeat->provenance);
        Whole(f_.Statement(item.repeat->provenance, full_));
      } else {
        w_.Null();
      }
      Statements("notes", item.notes);
      Cautions(item);
      Provenance(basis ? basis->provenance : t.provenance);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Questions(std::string_view key, const std::vector<NextQuestion>& list) {
    w_.Key(key);
    w_.BeginArray();
    for (const NextQuestion& q : list) {
      w_.BeginObject();
      w_.RawMembers(f_.VariableQuestion(q.variable, adult_, infant_, self_, family_child_));
      w_.Key("gain");
      w_.Rounded(q.gain);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void VariablesWithAction(const char* key, const std::vector<TriageIf>& list) {
    if (list.empty()) return;
    w_.Key(key);
    w_.BeginArray();
    for (const TriageIf& x : list) {
      const Variable& var = kb_.variables[static_cast<size_t>(x.variable)];
      w_.BeginObject();
      w_.Field("id", var.id);
      w_.Field("label", var.label);
      if (!var.lay.empty()) w_.Field("lay", var.lay);
      w_.Field("action", x.action);
      w_.EndObject();
    }
    w_.EndArray();
  }

  void Triage(const Report& r) {
    const int level = UrgencyRank(r.triage);
    const TriageText& t = kb_.triage[level];
    w_.Key("triage");
    w_.BeginObject();
    w_.Field("action", r.triage);
    w_.Field("message", t.message);
    w_.Field("lay", t.lay);
    w_.Key("flags");
    w_.BeginArray();
    for (const RedFlag* f : r.red_flags) {
      if (f->action == r.triage) w_.String(f->id);
    }
    w_.EndArray();
    // Answered "not sure", and an answer could make the triage more urgent: which, and how much.
    VariablesWithAction("unsure", r.triage_unsure);
    // The safety questions not answered at all, and what each would bring if it were so.
    VariablesWithAction("unasked", r.triage_unasked);
    // Key signs not answered, whose every answer brings the triage given: which.
    VariablesWithAction("eitherWay", r.triage_either_way);
    Provenance(t.provenance);
    w_.EndObject();
  }

  void References() {
    w_.Key("references");
    w_.BeginObject();
    for (int i : kb_.references_by_id) {
      if (cited_[i]) w_.RawMembers(f_.Reference(i));
    }
    w_.EndObject();
  }

  // A knowledge base assembled by hand rather than loaded has no fragments: the writer then uses an
  // empty set, and the report leaves out labels and sources (statements are null) but stays valid
  // JSON.
  static const ReportFragments& Fragments(const KnowledgeBase& kb) {
    static const ReportFragments kNone;
    return kb.report_fragments ? *kb.report_fragments : kNone;
  }

  const KnowledgeBase& kb_;
  const ReportFragments& f_;
  const bool full_;
  JsonWriter w_;
  std::vector<uint8_t> cited_;  ///< by reference index
  std::vector<uint8_t> named_;  ///< by diagnosis index: named by a raised red flag
  bool any_sign_ = true;        ///< Report::any_sign: nothing is shown to a parent as likely without a sign
  bool adult_ = false;          ///< Report::adult: questions in their adult wording
  bool infant_ = false;         ///< Report::infant: questions in their infant wording
  bool self_ = false;           ///< Report::self: questions put to the person themselves
  bool family_child_ = false;   ///< Report::family_child: questions speak of "your child" or "your baby"
};

}  // namespace

std::string ReportToJson(const Report& report, const KnowledgeBase& kb, ReportDetail detail) {
  return ReportWriter(kb, detail).Write(report);
}

}  // namespace omsaid
