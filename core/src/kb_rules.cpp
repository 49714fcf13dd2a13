// SPDX-License-Identifier: MIT
// The knowledge base's rule language (criteria, work-up indications, red flags, definitions):
// reading a rule node and resolving the variables, tests and criteria it names.
#include <algorithm>
#include <string>
#include <vector>

#include "kb_loader.h"
#include "omsaid/workup.h"
#include "text_util.h"

namespace omsaid {

// {"type": "red_flag", "id": "seizure"}: that red flag holds;
// {"type": "red_flag", "action": "emergency"}: any red flag at that level holds;
// {"type": "red_flag", "except": [ids]} (with or without "action"): any other red flag holds.
// The flags are resolved here, so a rule can say "any emergency flag" instead of copying their
// rules (and a flag added later is counted). Only rules read after the red flags may use it (the
// work-up's indications, the safety-netting and the care team); a red flag's own rule may not.
void KbLoader::ReadRedFlagRule(const Json& node, const std::string& path, Rule* r) {
  r->type = RuleType::kRedFlag;
  const auto& flags = kb_->red_flags;
  if (reading_red_flags_ || flags.empty()) {
    Problem(ErrorCode::kInvalidRule, JoinPath(path, "type"),
            reading_red_flags_ ? "a red flag's rule may not refer to red flags"
                               : "a red_flag rule may only be used after data/red_flags.json (in "
                                 "the work-up, the safety-netting and the care team)");
    return;
  }
  const std::string action = OptString(node, "action", path, 20);
  if (!action.empty() && action != "emergency" && action != "urgent" && action != "soon") {
    Problem(ErrorCode::kInvalidRule, JoinPath(path, "action"), "must be emergency, urgent or soon");
    return;
  }
  std::vector<std::string> except;
  if (const Json* ex = reader_.Member(node, "except", path, false)) {
    const std::string ex_path = JoinPath(path, "except");
    if (auto ids = reader_.StringArray(*ex, ex_path, 100)) except = std::move(*ids);
    for (size_t i = 0; i < except.size(); ++i) {
      if (IndexOfId(flags, except[i]) < 0) {
        Problem(ErrorCode::kUnknownReference, IndexPath(ex_path, i),
                "unknown red flag '" + except[i] + "'");
      }
    }
  }
  if (!r->id.empty()) {
    if (!action.empty() || !except.empty()) {
      Problem(
          ErrorCode::kInvalidRule, path,
          "a red_flag rule names one flag ('id') or selects flags ('action', 'except'), not both");
      return;
    }
    r->ref = IndexOfId(flags, r->id);
    if (r->ref < 0) {
      Problem(ErrorCode::kUnknownReference, JoinPath(path, "id"),
              "unknown red flag '" + r->id + "'");
      return;
    }
    r->flags.push_back(r->ref);
    return;
  }
  if (action.empty() && except.empty()) {
    Problem(ErrorCode::kInvalidRule, path, "a red_flag rule needs 'id', 'action' or 'except'");
    return;
  }
  for (size_t i = 0; i < flags.size(); ++i) {
    if (!action.empty() && flags[i].action != action) continue;
    if (std::find(except.begin(), except.end(), flags[i].id) != except.end()) continue;
    r->flags.push_back(static_cast<int>(i));
  }
  if (r->flags.empty()) Problem(ErrorCode::kInvalidRule, path, "selects no red flag");
}

// {"type": "either_way", "action": "urgent", "of": [{"type": "feature", "id": "HP:0001251"}, …]}:
// one of these key signs is unanswered, and answering it present or absent would each bring this
// triage, more urgent than the case's (the engine works it out with the differential recomputed
// for each answer). Only a red flag's rule may use it: it is how a skipped question is kept from
// giving calmer advice than every answer to it would.
void KbLoader::ReadEitherWayRule(const Json& node, const std::string& path, Rule* r) {
  r->type = RuleType::kEitherWay;
  if (!reading_red_flags_) {
    Problem(ErrorCode::kInvalidRule, JoinPath(path, "type"),
            "an either_way rule may only be a red flag's rule");
  }
  const std::string action = ReqString(node, "action", path, 20);
  if (action != "emergency" && action != "urgent" && action != "soon") {
    Problem(ErrorCode::kInvalidRule, JoinPath(path, "action"), "must be emergency, urgent or soon");
  }
  r->minimum = UrgencyRank(action);
  for (size_t i = 0; i < r->children.size(); ++i) {
    const Rule& c = r->children[i];
    const bool phenotype = c.type == RuleType::kFeature && c.ref >= 0 &&
                           kb_->variables[static_cast<size_t>(c.ref)].kind == VariableKind::kPhenotype;
    if (!phenotype) {
      Problem(ErrorCode::kInvalidRule, IndexPath(JoinPath(path, "of"), i),
              "an either_way rule lists findings (feature rules on HPO terms)");
      continue;
    }
    auto& signs = kb_->either_way_signs;
    if (std::find(signs.begin(), signs.end(), c.ref) == signs.end()) signs.push_back(c.ref);
  }
  if (r->children.empty()) Problem(ErrorCode::kInvalidRule, JoinPath(path, "of"), "must not be empty");
}

Rule KbLoader::ReadRule(const Json& node, const std::string& path, int depth) {
  Rule r;
  if (depth > 12) {
    Problem(ErrorCode::kInvalidRule, path, "rule nested deeper than 12 levels");
    return r;
  }
  if (!reader_.ExpectObject(node, path)) return r;
  const std::string type = ReqString(node, "type", path, 40);
  r.id = OptString(node, "id", path, 100);
  r.label = OptString(node, "label", path, 300);

  auto read_values = [&](std::initializer_list<std::string_view> allowed) {
    const Json* is = reader_.Member(node, "is", path, true);
    if (!is) return;
    if (!reader_.ExpectArray(*is, JoinPath(path, "is"))) return;
    for (size_t i = 0; i < is->size(); ++i) {
      auto v = reader_.Enum((*is)[i], IndexPath(JoinPath(path, "is"), i), allowed);
      if (v) r.values.push_back(*v);
    }
    if (r.values.empty()) Problem(ErrorCode::kInvalidRule, JoinPath(path, "is"), "must not be empty");
  };
  auto read_range = [&]() {
    const Json* mn = reader_.Member(node, "min", path, false);
    const Json* mx = reader_.Member(node, "max", path, false);
    if (!mn && !mx) {
      Problem(ErrorCode::kInvalidRule, path, "needs 'min' and/or 'max'");
      return;
    }
    if (mn) {
      auto d = reader_.Number(*mn, JoinPath(path, "min"));
      if (d) r.min = *d;
    }
    if (mx) {
      auto d = reader_.Number(*mx, JoinPath(path, "max"));
      if (d) r.max = *d;
    }
    if (r.min > r.max) Problem(ErrorCode::kInvalidRule, path, "'min' is above 'max'");
  };
  auto read_children = [&]() {
    const Json* of = ReqArray(node, "of", path);
    if (!of) return;
    for (size_t i = 0; i < of->size(); ++i) {
      r.children.push_back(ReadRule((*of)[i], IndexPath(JoinPath(path, "of"), i), depth + 1));
    }
  };

  if (type == "always") {
    r.type = RuleType::kAlways;
  } else if (type == "feature") {
    r.type = RuleType::kFeature;
    if (r.id.empty()) {
      Problem(ErrorCode::kMissingField, JoinPath(path, "id"), "a feature rule needs an 'id'");
    } else {
      r.ref = kb_->FindVariable(r.id);
      if (r.ref < 0) {
        Problem(ErrorCode::kUnknownReference, JoinPath(path, "id"),
                "unknown feature '" + r.id + "'");
      }
    }
  } else if (type == "all_of" || type == "any_of") {
    r.type = type == "all_of" ? RuleType::kAllOf : RuleType::kAnyOf;
    read_children();
    if (r.children.empty()) Problem(ErrorCode::kInvalidRule, JoinPath(path, "of"), "must not be empty");
  } else if (type == "at_least") {
    r.type = RuleType::kAtLeast;
    read_children();
    const Json* m = reader_.Member(node, "minimum", path, true);
    if (m) {
      auto v = reader_.Integer(*m, JoinPath(path, "minimum"));
      if (v) {
        if (*v < 1 || *v > static_cast<int64_t>(r.children.size())) {
          Problem(ErrorCode::kInvalidRule, JoinPath(path, "minimum"),
                  "must be between 1 and the number of items (" +
                      std::to_string(r.children.size()) + ")");
        }
        r.minimum = static_cast<int>(*v);
      }
    }
  } else if (type == "not" || type == "not_established") {
    r.type = type == "not" ? RuleType::kNot : RuleType::kNotEstablished;
    read_children();
    if (r.children.size() != 1) {
      Problem(ErrorCode::kInvalidRule, JoinPath(path, "of"), "'" + type + "' takes exactly one rule");
    }
  } else if (type == "age") {
    r.type = RuleType::kAge;
    read_range();
  } else if (type == "follow_up") {
    r.type = RuleType::kFollowUp;
    read_range();
  } else if (type == "duration") {
    r.type = RuleType::kDuration;
    read_range();
  } else if (type == "sex") {
    r.type = RuleType::kSex;
    read_values({"female", "male", "other"});
  } else if (type == "test") {
    r.type = RuleType::kTest;
    read_values({"normal", "abnormal", "pending", "not_done", "done"});
    r.ref = kb_->FindTest(r.id);
    if (r.ref < 0) {
      Problem(ErrorCode::kUnknownReference, JoinPath(path, "id"), "unknown test '" + r.id + "'");
    }
  } else if (type == "antibody") {
    r.type = RuleType::kAntibody;
    read_values({"positive", "negative", "pending", "not_tested"});
    r.ref = kb_->FindAntibody(r.id);
    if (r.ref < 0) {
      Problem(ErrorCode::kUnknownReference, JoinPath(path, "id"),
              "unknown antibody '" + r.id + "'");
    }
  } else if (type == "criteria") {
    r.type = RuleType::kCriteria;
    read_values({"met", "not_met", "indeterminate"});
    r.ref = IndexOfId(kb_->criteria, r.id);
    if (r.ref < 0) {
      Problem(ErrorCode::kUnknownReference, JoinPath(path, "id"),
              "unknown criteria set '" + r.id + "'");
    }
  } else if (type == "ref") {
    r.type = RuleType::kRef;
    r.ref = IndexOfId(kb_->definitions, r.id);
    if (r.ref < 0) {
      Problem(ErrorCode::kUnknownReference, JoinPath(path, "id"),
              "unknown definition '" + r.id + "' (a definition may only use those defined before it)");
    }
  } else if (type == "red_flag") {
    ReadRedFlagRule(node, path, &r);
  } else if (type == "either_way") {
    read_children();
    ReadEitherWayRule(node, path, &r);
  } else if (type == "probability") {
    r.type = RuleType::kProbability;
    r.ref = kb_->differential.Find(r.id);
    if (r.ref < 0) {
      Problem(ErrorCode::kUnknownReference, JoinPath(path, "id"), "unknown diagnosis '" + r.id + "'");
    }
    const Json* mn = reader_.Member(node, "min", path, true);
    if (mn) {
      auto d = reader_.NumberInRange(*mn, JoinPath(path, "min"), 0, 1);
      if (d) r.min = *d;
    }
  } else if (type == "rank") {
    r.type = RuleType::kRank;
    r.ref = kb_->differential.Find(r.id);
    if (r.ref < 0) {
      Problem(ErrorCode::kUnknownReference, JoinPath(path, "id"), "unknown diagnosis '" + r.id + "'");
    }
    const Json* mx = reader_.Member(node, "max", path, true);
    if (mx) {
      auto n = reader_.Integer(*mx, JoinPath(path, "max"));
      if (n && (*n < 1 || *n > 100)) {
        Problem(ErrorCode::kInvalidRule, JoinPath(path, "max"), "a rank is 1 to 100");
      } else if (n) {
        r.max = static_cast<double>(*n);
      }
    }
  } else if (!type.empty()) {
    Problem(ErrorCode::kInvalidRule, JoinPath(path, "type"), "unknown rule type '" + type + "'");
  }
  return r;
}

}  // namespace omsaid
