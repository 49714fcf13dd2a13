// SPDX-License-Identifier: MIT
#include "omsaid/report.h"

#include <set>

#include "json_util.h"

namespace omsaid {
namespace {

std::string_view TriName(Tri t) {
  return t == Tri::kTrue ? "present" : t == Tri::kFalse ? "absent" : "unknown";
}

void WriteStrings(JsonWriter& w, std::string_view key, const std::vector<std::string>& list) {
  w.Key(key);
  w.BeginArray();
  for (const std::string& s : list) w.String(s);
  w.EndArray();
}

void WriteProvenance(JsonWriter& w, const Provenance& p, std::set<std::string>* cited) {
  WriteStrings(w, "sources", p.sources);
  w.Field("evidence", std::string_view(&p.evidence, 1));
  if (!p.note.empty()) w.Field("note", p.note);
  cited->insert(p.sources.begin(), p.sources.end());
}

}  // namespace

std::string ReportToJson(const Report& report, const KnowledgeBase& kb) {
  std::set<std::string> cited;
  JsonWriter w;
  w.BeginObject();
  w.Field("reportVersion", kReportVersion);
  w.Field("kbVersion", kb.kb_version);
  w.Field("hpoVersion", kb.hpo_version);
  WriteStrings(w, "warnings", report.warnings);

  w.Key("criteria");
  w.BeginArray();
  for (size_t i = 0; i < report.criteria.size(); ++i) {
    const CriteriaResult& c = report.criteria[i];
    w.BeginObject();
    w.Field("id", c.id);
    w.Field("label", c.label);
    w.Field("status", ToString(c.status));
    w.Field("count", c.count);
    w.Field("required", c.required);
    w.Key("items");
    w.BeginArray();
    for (const CriteriaItemResult& item : c.items) {
      w.BeginObject();
      w.Field("id", item.id);
      w.Field("label", item.label);
      w.Field("status", TriName(item.status));
      WriteStrings(w, "features", item.features);
      w.EndObject();
    }
    w.EndArray();
    WriteStrings(w, "needs", c.needs);
    WriteStrings(w, "needsItems", c.needs_items);
    if (i < kb.criteria.size()) WriteProvenance(w, kb.criteria[i].provenance, &cited);
    w.EndObject();
  }
  w.EndArray();

  w.Key("pnsCare");
  w.Null();
  for (std::string_view key : {"differential", "omsEtiology", "workup", "nextQuestions",
                               "redFlags", "careTeam"}) {
    w.Key(key);
    w.BeginArray();
    w.EndArray();
  }

  w.Key("references");
  w.BeginObject();
  for (const std::string& id : cited) {
    auto it = kb.reference_index.find(id);
    if (it == kb.reference_index.end()) continue;
    const Reference& r = kb.references[it->second];
    w.Key(id);
    w.BeginObject();
    w.Field("citation", r.citation);
    if (!r.pmid.empty()) w.Field("pmid", r.pmid);
    if (!r.pmcid.empty()) w.Field("pmcid", r.pmcid);
    if (!r.doi.empty()) w.Field("doi", r.doi);
    if (!r.url.empty()) w.Field("url", r.url);
    w.EndObject();
  }
  w.EndObject();
  w.Field("disclaimer", kb.disclaimer);
  w.EndObject();
  return w.Take();
}

}  // namespace omsaid
