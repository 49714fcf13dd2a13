// SPDX-License-Identifier: MIT
#include "omsaid/engine.h"

#include <algorithm>
#include <optional>

#include "omsaid/criteria.h"
#include "omsaid/differential.h"
#include "omsaid/evidence.h"
#include "omsaid/phenopacket.h"
#include "omsaid/pns_care.h"
#include "omsaid/workup.h"

namespace omsaid {

namespace {

// Unknown is not absent for the triage either: what the case answers "not sure" (explicitly
// unknown) and would make the triage more urgent if it were so, with that triage ("not sure
// whether she is hard to wake" beside "within a few days": an emergency if so); and, apart, the
// safety questions not yet asked that would.
void UnsureForTriage(const KnowledgeBase& kb, const Case& c, const Evidence& e, Report* report) {
  std::vector<uint8_t> said_unsure;
  auto mark = [&](const std::string& id) {
    if (const int v = kb.FindVariable(id); v >= 0) {
      said_unsure.resize(kb.variables.size(), 0);
      said_unsure[static_cast<size_t>(v)] = 1;
    }
  };
  for (const Finding& f : c.findings) {
    if (f.state == FindingState::kUnknown) mark(f.term);
  }
  for (const Exposure& x : c.exposures) {
    if (x.state == FindingState::kUnknown) mark("exposure:" + x.id);
  }
  for (const Exposure& x : c.history) {
    if (x.state == FindingState::kUnknown) mark("history:" + x.id);
  }
  // The safety questions a family is asked first and has not been (stopped early, or went to the
  // results): "nothing you told us needs urgent care" must not read as "nothing is urgent". In the
  // order the family is asked them.
  std::vector<size_t> unasked;
  for (size_t v = 0; v < kb.variables.size(); ++v) {
    const Variable& var = kb.variables[v];
    if (var.safety <= 0 || IsCategorical(var.kind) || (v < said_unsure.size() && said_unsure[v])) continue;
    if (Askable(kb, e, static_cast<int>(v))) unasked.push_back(v);
  }
  std::stable_sort(unasked.begin(), unasked.end(),
                   [&kb](size_t a, size_t b) { return kb.variables[a].safety < kb.variables[b].safety; });
  // What the triage would be if each were so (the differential as it is): a knock to the head
  // and unsteadiness are an emergency only together, so each is judged on its own.
  if (said_unsure.empty() && unasked.empty()) return;  // no copy of the evidence
  const int triage = UrgencyRank(report->triage);
  Evidence what_if = e;
  // Only a flag that reads the variable can change with it, and only one more urgent than the
  // triage can make it more urgent: the rest are not evaluated again.
  auto judge = [&](size_t v, std::vector<TriageIf>* out) {
    if (v >= kb.red_flags_reading.size()) return;
    bool copied = false;
    int best = triage;
    for (int f : kb.red_flags_reading[v]) {
      const int rank = UrgencyRank(kb.red_flags[static_cast<size_t>(f)].action);
      if (rank >= best) continue;
      if (!copied) {
        what_if.vars = e.vars;
        what_if.vars[v] = Tri::kTrue;
        what_if.ResetDefinitions();
        copied = true;
      }
      if (RedFlagState(kb, what_if, f) == Tri::kTrue) best = rank;
    }
    if (best < triage) out->push_back({static_cast<int>(v), std::string(UrgencyName(best))});
  };
  for (size_t v = 0; v < said_unsure.size(); ++v) {
    if (said_unsure[v] && e.vars[v] == Tri::kUnknown) judge(v, &report->triage_unsure);
  }
  for (size_t v : unasked) judge(v, &report->triage_unasked);
}

// Step 3 of the engine, shared by the report and by the "what if" of EitherWay: the criteria,
// then the differential, whose probabilities and ranks later rules read.
// `explained`: how many diagnoses get their explanation (none for a "what if").
DifferentialResult AssessCase(const KnowledgeBase& kb, Evidence* e, std::vector<CriteriaResult>* criteria,
                              size_t explained) {
  *criteria = EvaluateCriteria(kb, e);
  e->ResetDefinitions();
  DifferentialResult d = RankDiagnoses(kb, kb.differential, *e, explained);
  e->probabilities = d.probability;
  e->ranks.assign(kb.differential.diagnoses.size(), 0);
  for (const RankedDiagnosis& rd : d.ranked) e->ranks[rd.index] = rd.rank;
  e->ResetDefinitions();
  return d;
}

// A skipped question must not give calmer advice than every answer to it would. The red flags that
// read the differential use probability thresholds, which are not monotone in the evidence: with
// unsteadiness unanswered the differential can sit just under a line that "absent" (the weight
// moves to a brain lesion) and "present" (a flag of its own) each cross. So for the key signs
// (KnowledgeBase::either_way_signs) left unanswered, the triage of the case is taken as at least
// the less urgent of the triages that answering one of them present or absent brings, where each
// of those is judged the same way for the key signs still unanswered (at most 3^k assessments for
// k signs, each worked out once).
class EitherWaySearch {
 public:
  EitherWaySearch(const KnowledgeBase& kb, const Case& c, std::vector<int> signs, int triage)
      : kb_(kb), c_(c), signs_(std::move(signs)), limit_(triage) {
    int states = 1;
    for (size_t i = 0; i < signs_.size(); ++i) states *= 3;
    memo_.assign(static_cast<size_t>(states), kNotYet);
    base_.assign(static_cast<size_t>(states), kNotYet);
    below_.assign(static_cast<size_t>(states), -1);
    assessed_.resize(static_cast<size_t>(states));
    contradicts_.assign(static_cast<size_t>(states), 0);
    base_[0] = triage;
  }

  size_t size() const { return signs_.size(); }
  int sign(size_t i) const { return signs_[i]; }

  /// The triage that answering sign i either way brings from the case as given (each answer's
  /// own triage judged with this rule), if it is more urgent than the case's; -1 if not, or if an
  /// answer contradicts the case.
  int EitherAnswer(size_t i) {
    // Most cases have none: "more urgent than the case's" is decided first, without exact values.
    if (!Below(Power(i)) || !Below(2 * Power(i))) return -1;
    return EitherAnswer(0, i);
  }

 private:
  static constexpr int kNotYet = -2;

  static int Digit(int code, size_t i) {
    for (size_t k = 0; k < i; ++k) code /= 3;
    return code % 3;
  }
  static int Power(size_t i) {
    int p = 1;
    for (size_t k = 0; k < i; ++k) p *= 3;
    return p;
  }

  int EitherAnswer(int code, size_t i) {
    const int present = Triage(code + Power(i));
    const int absent = Triage(code + 2 * Power(i));
    return present < 0 || absent < 0 ? -1 : std::max(present, absent);
  }

  // Whether Triage(code) is more urgent than the case's, exploring no more than it needs: its own
  // red flags, else some unanswered sign with both answers so (an "and" that stops at the first
  // answer that is not).
  bool Below(int code) {
    int8_t& b = below_[static_cast<size_t>(code)];
    if (b >= 0) return b == 1;
    const int base = BaseBelowLimit(code);
    bool below = base == 1;
    for (size_t i = 0; !below && base >= 0 && i < signs_.size(); ++i) {
      if (Digit(code, i) != 0) continue;
      below = Below(code + Power(i)) && Below(code + 2 * Power(i));
    }
    b = below ? 1 : 0;
    return below;
  }

  // The triage with the answers of `code` (per sign: 0 unanswered, 1 present, 2 absent).
  int Triage(int code) {
    int& t = memo_[static_cast<size_t>(code)];
    if (t != kNotYet) return t;
    t = Base(code);
    if (t <= 0) return t;  // a contradiction, or an emergency already
    for (size_t i = 0; i < signs_.size(); ++i) {
      if (Digit(code, i) != 0) continue;
      const int either = EitherAnswer(code, i);
      if (either >= 0) t = std::min(t, either);
    }
    return t;
  }

  // The triage from the red flags alone (no either_way), with the differential recomputed.
  int Base(int code) {
    int& t = base_[static_cast<size_t>(code)];
    if (t != kNotYet) return t;
    const Evidence* ev = Assessed(code);
    return t = ev ? UrgencyRank(TriageOf(RaisedRedFlags(kb_, *ev))) : -1;
  }

  // Whether Base(code) is more urgent than the case's triage (1) or not (0), evaluating only the
  // flags that could make it so and stopping at the first raised; -1 for a contradiction.
  int BaseBelowLimit(int code) {
    const int known = base_[static_cast<size_t>(code)];
    if (known != kNotYet) return known < 0 ? -1 : known < limit_ ? 1 : 0;
    const Evidence* ev = Assessed(code);
    if (!ev) return -1;
    for (size_t f = 0; f < kb_.red_flags.size(); ++f) {
      if (UrgencyRank(kb_.red_flags[f].action) >= limit_) continue;
      if (RedFlagState(kb_, *ev, static_cast<int>(f)) == Tri::kTrue) return 1;
    }
    return 0;
  }

  // The evidence with the answers of `code`, its criteria and differential worked out (once);
  // null when the answers contradict the case.
  const Evidence* Assessed(int code) {
    std::optional<Evidence>& slot = assessed_[static_cast<size_t>(code)];
    if (slot) return &*slot;
    if (contradicts_[static_cast<size_t>(code)]) return nullptr;
    Case what_if = c_;
    for (size_t i = 0; i < signs_.size(); ++i) {
      const int d = Digit(code, i);
      if (d == 0) continue;
      const std::string& term = kb_.variables[static_cast<size_t>(signs_[i])].id;
      auto same = [&term](const Finding& f) { return f.term == term; };
      what_if.findings.erase(
          std::remove_if(what_if.findings.begin(), what_if.findings.end(), same),
          what_if.findings.end());
      what_if.findings.push_back({term, d == 1 ? FindingState::kPresent : FindingState::kAbsent});
    }
    Result<Evidence> ev = BuildEvidence(kb_, what_if);
    if (!ev) {
      contradicts_[static_cast<size_t>(code)] = 1;
      return nullptr;
    }
    std::vector<CriteriaResult> criteria;
    AssessCase(kb_, &ev.value(), &criteria, 0);
    slot = std::move(ev.value());
    return &*slot;
  }

  const KnowledgeBase& kb_;
  const Case& c_;
  std::vector<int> signs_;
  int limit_;  ///< the case's triage
  std::vector<int> memo_, base_;
  std::vector<int8_t> below_;  ///< Below(code): -1 not yet, else 0 or 1
  std::vector<std::optional<Evidence>> assessed_;
  std::vector<uint8_t> contradicts_;
};

// Records, for the `either_way` rules, each unanswered key sign whose answers both bring a more
// urgent triage than the case's (see EitherWaySearch). Returns whether any did.
bool EitherWay(const KnowledgeBase& kb, const Case& c, int triage, Evidence* e) {
  if (triage == 0) return false;  // nothing is more urgent than an emergency
  std::vector<int> unanswered;
  for (int v : kb.either_way_signs) {
    if (e->vars[static_cast<size_t>(v)] == Tri::kUnknown) unanswered.push_back(v);
  }
  if (unanswered.empty()) return false;
  EitherWaySearch search(kb, c, std::move(unanswered), triage);
  bool any = false;
  for (size_t i = 0; i < search.size(); ++i) {
    const int either = search.EitherAnswer(i);
    if (either < 0) continue;
    e->either_way.resize(kb.variables.size(), -1);
    e->either_way[static_cast<size_t>(search.sign(i))] = static_cast<int8_t>(either);
    any = true;
  }
  return any;
}

// Each diagnosis' probability from what is present alone (RankedDiagnosis::from_present): with many
// answers of "no", the condition whose signs are all uncommon is left ahead (a toddler with hearing
// loss and every other answer no: "a tumour in the back of the brain, likely"), and a family is
// told when a lead rests on those answers rather than on a sign that points to it.
void FromPresent(const KnowledgeBase& kb, const Case& c, DifferentialResult* d) {
  for (RankedDiagnosis& rd : d->ranked) rd.from_present = rd.probability;
  Case present = c;
  bool dropped = false;
  const auto drop_absent = [&dropped](auto* list) {
    const size_t before = list->size();
    list->erase(std::remove_if(list->begin(), list->end(), [](const auto& x) { return x.state == FindingState::kAbsent; }),
                list->end());
    dropped |= list->size() != before;
  };
  drop_absent(&present.findings);
  drop_absent(&present.exposures);
  drop_absent(&present.history);
  if (!dropped) return;
  Result<Evidence> pe = BuildEvidence(kb, present);
  if (!pe) return;
  const DifferentialResult pd = RankDiagnoses(kb, kb.differential, pe.value(), 0);
  for (RankedDiagnosis& rd : d->ranked) {
    if (static_cast<size_t>(rd.index) < pd.probability.size()) rd.from_present = pd.probability[rd.index];
  }
}

}  // namespace

Result<Report> EvaluateCase(const KnowledgeBase& kb, const Case& c) {
  Result<Evidence> ev = BuildEvidence(kb, c);
  if (!ev) return ev.error();
  Evidence& e = ev.value();
  Report report;
  // Order matters: later rules may refer to the criteria status and the diagnosis probabilities.
  report.differential = AssessCase(kb, &e, &report.criteria, kMaxDifferentialInReport);
  FromPresent(kb, c, &report.differential);
  report.etiology = RankDiagnoses(kb, kb.etiology, e, kMaxDifferentialInReport);
  report.next_questions = NextQuestions(kb, kb.differential, e, report.differential, kMaxNextQuestions);
  report.patient_questions =
      PatientQuestions(kb, kb.differential, e, report.differential, kMaxPatientQuestions);
  report.self = c.entered_by == EnteredBy::kPatient && !(c.age_years && *c.age_years < kSelfReportYears);
  if (report.self) {
    // A question nobody can answer about themselves (how a baby is fed) is not put to the person.
    const auto unaskable = [&kb](const NextQuestion& q) {
      const std::optional<Wording>& w = kb.variables[q.variable].self_wording;
      return w && w->question.empty();
    };
    for (auto* list : {&report.next_questions, &report.patient_questions}) {
      list->erase(std::remove_if(list->begin(), list->end(), unaskable), list->end());
    }
  }
  report.pns_care = ScorePnsCare(kb, e);
  // The red flags decide the overall triage; no test or referral is more urgent than it.
  report.red_flags = RaisedRedFlags(kb, e);
  report.triage = std::string(TriageOf(report.red_flags));
  if (EitherWay(kb, c, UrgencyRank(report.triage), &e)) {
    for (size_t v = 0; v < e.either_way.size(); ++v) {
      if (e.either_way[v] < 0) continue;
      report.triage_either_way.push_back({static_cast<int>(v), std::string(UrgencyName(e.either_way[v]))});
    }
    e.ResetDefinitions();
    report.red_flags = RaisedRedFlags(kb, e);
    report.triage = std::string(TriageOf(report.red_flags));
  }
  report.workup = PlanWorkup(kb, e, report.triage);
  UnsureForTriage(kb, c, e, &report);
  NoteUnsoughtItems(kb, report.workup, &report.criteria);
  report.safety_net = SafetyNetFor(kb, e);
  report.care_team = NeededCareTeam(kb, e, report.triage);
  report.any_sign = e.any_sign;
  report.adult = c.age_years && *c.age_years >= kAdultYears;
  report.infant = c.age_years && *c.age_years < kInfantYears;
  report.family_child = c.entered_by == EnteredBy::kFamily && c.age_years && *c.age_years < kAdultYears;
  report.warnings = std::move(e.warnings);
  return report;
}

Result<std::string> EvaluateJson(const KnowledgeBase& kb, std::string_view case_json,
                                 const CaseLimits& limits, ReportDetail detail) {
  Result<Case> c = ParseAnyCase(case_json, kb, limits);
  if (!c) return c.error();
  Result<Report> report = EvaluateCase(kb, c.value());
  if (!report) return report.error();
  return ReportToJson(report.value(), kb, detail);
}

}  // namespace omsaid
