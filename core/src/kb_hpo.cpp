// SPDX-License-Identifier: MIT
// The HPO graph of the knowledge base (hpo.json): terms, is_a edges, replaced ids, and what each
// term counts for (features, crosswalks, excluded and only-counted branches).
#include <algorithm>
#include <string>
#include <vector>

#include "kb_loader.h"
#include "text_util.h"

namespace omsaid {

namespace {

// Depth first from `start` over next(x) (its children or its parents); enter(x) says whether to
// visit x and go on past it (it marks what it enters, so that every term is entered once).
template <typename Next, typename Enter>
void Walk(int start, Next&& next, Enter&& enter) {
  std::vector<int> stack{start};
  while (!stack.empty()) {
    const int x = stack.back();
    stack.pop_back();
    if (!enter(x)) continue;
    for (int y : next(x)) stack.push_back(y);
  }
}

// Whether `x` is `top` or below it, over the children lists of the HPO graph.
bool IsBelow(const std::vector<std::vector<int>>& children, int top, int x) {
  std::vector<char> seen(children.size(), 0);
  bool found = false;
  Walk(top, [&](int y) -> const std::vector<int>& { return children[y]; }, [&](int y) {
    found = found || y == x;
    if (found || seen[y]) return false;
    seen[y] = 1;
    return true;
  });
  return found;
}

}  // namespace

void KbLoader::LoadHpo(const Json& root) {
  kb_->hpo_version = ReqString(root, "version", "", 40);
  kb_->hpo_attribution = ReqString(root, "attribution", "", 2000);
  const Json* terms = ReqArray(root, "terms", "");
  if (!terms) return;
  // First pass: ids and labels; second pass: parents (they may come later in the list).
  std::vector<const Json*> parent_lists(terms->size(), nullptr);
  for (size_t i = 0; i < terms->size(); ++i) {
    const std::string path = IndexPath("terms", i);
    const Json& t = (*terms)[i];
    if (!reader_.ExpectArray(t, path)) continue;
    if (t.size() < 3 || t.size() > 4) {
      Problem(ErrorCode::kInvalidValue, path, "a term is [id, label, parents] or [id, label, parents, synonyms]");
      continue;
    }
    HpoTerm term;
    auto id = reader_.String(t[0], IndexPath(path, 0), 20);
    auto label = reader_.String(t[1], IndexPath(path, 1), 400);
    if (!id || !label) continue;
    if (!IsHpoId(*id)) {
      Problem(ErrorCode::kInvalidValue, IndexPath(path, 0), "'" + ClipForMessage(*id) + "' is not an HPO id");
      continue;
    }
    term.id = *id;
    term.label = *label;
    if (t.size() == 4) {
      auto syn = reader_.StringArray(t[3], IndexPath(path, 3), 200);
      if (syn) term.synonyms = std::move(*syn);
    }
    if (!kb_->hpo_index.emplace(term.id, static_cast<int>(kb_->hpo_terms.size())).second) {
      Problem(ErrorCode::kDuplicateId, IndexPath(path, 0), "term '" + term.id + "' is listed twice");
      continue;
    }
    parent_lists[kb_->hpo_terms.size()] = &t[2];
    kb_->hpo_terms.push_back(std::move(term));
  }
  // Second pass: resolve parents.
  for (size_t i = 0; i < kb_->hpo_terms.size(); ++i) {
    const Json* parents = parent_lists[i];
    const std::string path = "terms." + kb_->hpo_terms[i].id + ".parents";
    auto ids = reader_.StringArray(*parents, path, 50);
    if (!ids) continue;
    for (const std::string& p : *ids) {
      const int idx = kb_->FindHpo(p);
      if (idx < 0) {
        Problem(ErrorCode::kUnknownReference, path, "parent '" + p + "' is not a term of hpo.json");
      } else {
        kb_->hpo_terms[i].parents.push_back(idx);
      }
    }
  }
  if (const Json* replaced = reader_.Member(root, "replaced", "", false)) {
    if (reader_.ExpectArray(*replaced, "replaced")) {
      for (size_t i = 0; i < replaced->size(); ++i) {
        const std::string path = IndexPath("replaced", i);
        auto pair = reader_.StringArray((*replaced)[i], path, 2);
        if (!pair) continue;
        if (pair->size() != 2 || !IsHpoId((*pair)[0])) {
          Problem(ErrorCode::kInvalidValue, path, "expected [obsolete id, current id]");
          continue;
        }
        if (kb_->FindHpo((*pair)[1]) < 0) {
          Problem(ErrorCode::kUnknownReference, IndexPath(path, 1),
                  "replacement '" + (*pair)[1] + "' is not a term of hpo.json");
          continue;
        }
        kb_->hpo_replaced.emplace((*pair)[0], (*pair)[1]);
      }
    }
  }

  // Every phenotype feature must be a term; then propagate: a present term makes its ancestors'
  // features present; an absent term makes its descendants' features absent.
  const size_t n = kb_->hpo_terms.size();
  std::vector<std::vector<int>> children(n);
  for (size_t i = 0; i < n; ++i) {
    for (int p : kb_->hpo_terms[i].parents) children[p].push_back(static_cast<int>(i));
  }
  const auto down = [&](int x) -> const std::vector<int>& { return children[x]; };
  const auto up = [&](int x) -> const std::vector<int>& { return kb_->hpo_terms[x].parents; };
  // Each walk marks the terms it enters with its own stamp: 2v and 2v+1 for variable v's two walks,
  // then one per crosswalk.
  std::vector<int> mark(n, -1);
  std::vector<int> excluded(n, -1);
  // (feature term, branch it leaves out): such a feature is not answered by that branch either way.
  std::vector<std::pair<int, int>> exclusions;
  for (const Variable& var : kb_->variables) {
    if (var.kind != VariableKind::kPhenotype) continue;
    const int f = kb_->FindHpo(var.id);
    for (const std::string& id : var.excludes) {
      const int x = kb_->FindHpo(id);
      if (f >= 0 && x >= 0) exclusions.emplace_back(f, x);
    }
  }
  for (size_t v = 0; v < kb_->variables.size(); ++v) {
    const Variable& var = kb_->variables[v];
    if (var.kind != VariableKind::kPhenotype) continue;
    const int t = kb_->FindHpo(var.id);
    if (t < 0) {
      Problem(ErrorCode::kUnknownReference, "terms",
              "feature '" + var.id + "' (features.json) is not a term of hpo.json");
      continue;
    }
    const int vi = static_cast<int>(v);
    const int stamp = vi * 2;
    // scripts/gen-hpo.mjs leaves an excluded branch out of hpo.json unless it lies below another
    // feature; only a branch that is there needs skipping.
    for (const std::string& id : var.excludes) {
      const int x = kb_->FindHpo(id);
      if (x < 0) continue;
      excluded[x] = stamp;
      if (!IsBelow(children, t, x)) {
        Problem(ErrorCode::kInvalidValue, "terms",
                "feature '" + var.id + "' excludes '" + id + "', which is not below it in HPO");
      }
    }
    // Descendants-or-self, skipping excluded branches: present there implies this feature present.
    // With countsOnly, the feature's own term and the listed branches below it only.
    const auto enter = [&](int x) {
      if (mark[x] == stamp || (excluded[x] == stamp && x != t)) return false;
      mark[x] = stamp;
      kb_->hpo_terms[x].implies_present.push_back(vi);
      return true;
    };
    if (var.counts_only.empty()) {
      Walk(t, down, enter);
    } else {
      enter(t);
      for (const std::string& id : var.counts_only) {
        const int x = kb_->FindHpo(id);
        if (x < 0 || x == t || !IsBelow(children, t, x)) {
          Problem(ErrorCode::kInvalidValue, "terms",
                  "feature '" + var.id + "' counts only '" + id + "', which is not below it in HPO");
          continue;
        }
        Walk(x, down, enter);
      }
    }
    // Ancestors-or-self: absent there implies this feature absent, except a feature that leaves
    // this one's branch out ("no twisted postures" says nothing of a head tilt, which dystonia
    // excludes); the terms above it still do.
    const auto leaves_out = [&](int x) {
      return std::any_of(exclusions.begin(), exclusions.end(), [&](const std::pair<int, int>& e) {
        return e.first == x && IsBelow(children, e.second, t);
      });
    };
    Walk(t, up, [&](int x) {
      if (mark[x] == stamp + 1) return false;
      mark[x] = stamp + 1;
      if (x != t && leaves_out(x)) return true;
      kb_->hpo_terms[x].implies_absent.push_back(vi);
      return true;
    });
  }

  // Crosswalks: a near-equivalent term HPO files elsewhere (and everything below it) counts for the
  // feature when present. Its absence says nothing, so implies_absent is left alone.
  int stamp = static_cast<int>(kb_->variables.size()) * 2;
  for (size_t v = 0; v < kb_->variables.size(); ++v) {
    const Variable& var = kb_->variables[v];
    const int t = kb_->FindHpo(var.id);
    if (t < 0) continue;
    const int vi = static_cast<int>(v);
    for (const HpoCrosswalk& x : var.counts_from) {
      const int from = kb_->FindHpo(x.term);
      if (from < 0) {
        Problem(ErrorCode::kUnknownReference, "terms",
                "feature '" + var.id + "' counts from '" + x.term + "', which is not a term of hpo.json");
        continue;
      }
      if (IsBelow(children, t, from) || IsBelow(children, from, t)) {
        Problem(ErrorCode::kInvalidValue, "terms",
                "feature '" + var.id + "' counts from '" + x.term +
                    "', which HPO already relates to it (a crosswalk is for terms outside its branch)");
        continue;
      }
      ++stamp;
      Walk(from, down, [&](int y) {
        if (mark[y] == stamp) return false;
        mark[y] = stamp;
        HpoTerm& term = kb_->hpo_terms[y];
        if (std::find(term.implies_present.begin(), term.implies_present.end(), vi) ==
            term.implies_present.end()) {
          term.implies_present.push_back(vi);
          term.read_as.push_back(vi);
        }
        return true;
      });
    }
  }

  // Aliases: a term no feature relates to, read when present as a more general term that stands
  // for several features (everything below the alias is read so too).
  for (const HpoAlias& a : kb_->hpo_aliases) {
    const int from = kb_->FindHpo(a.term);
    const int as = kb_->FindHpo(a.as);
    if (from < 0 || as < 0) {
      Problem(ErrorCode::kUnknownReference, "readAs",
              "'" + (from < 0 ? a.term : a.as) + "' (features.json readAs) is not a term of hpo.json");
      continue;
    }
    const HpoTerm& target = kb_->hpo_terms[as];
    if (!target.implies_present.empty() || target.implies_absent.empty()) {
      Problem(ErrorCode::kInvalidValue, "readAs",
              "'" + a.term + "' is read as '" + a.as +
                  "', which is not more general than every feature with features below it");
      continue;
    }
    bool related = false;
    std::vector<char> seen(n, 0);
    Walk(from, down, [&](int y) {
      const HpoTerm& term = kb_->hpo_terms[y];
      if (!term.implies_present.empty() || !term.implies_absent.empty() || term.alias >= 0) related = true;
      if (related || seen[y]) return false;
      seen[y] = 1;
      return true;
    });
    if (related) {
      Problem(ErrorCode::kInvalidValue, "readAs",
              "'" + a.term + "' (or a term below it) already counts for a feature or is read as another term");
      continue;
    }
    Walk(from, down, [&](int y) {
      if (kb_->hpo_terms[y].alias == as) return false;
      kb_->hpo_terms[y].alias = as;
      return true;
    });
  }
}

}  // namespace omsaid
