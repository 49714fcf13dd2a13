// SPDX-License-Identifier: MIT
// Native evaluate timing for scripts/bench: evaluates every line of a JSONL file of cases, repeated
// until at least --min-seconds of work, and prints {"cases": N, "seconds": S, "usPerCase": U}.
//   omsaid_bench CASES.jsonl [--kb DIR] [--min-seconds 1]
#include <dirent.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

#include "omsaid/engine.h"
#include "omsaid/kb.h"

namespace {

bool ReadFile(const std::string& path, std::string* out) {
  FILE* f = std::fopen(path.c_str(), "rb");
  if (!f) return false;
  char buf[1 << 16];
  size_t n;
  while ((n = std::fread(buf, 1, sizeof buf, f)) > 0) out->append(buf, n);
  std::fclose(f);
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: omsaid_bench CASES.jsonl [--kb DIR] [--min-seconds S]\n");
    return 2;
  }
  std::string kb_dir;
  double min_seconds = 1.0;
  for (int i = 2; i < argc; ++i) {
    if (!std::strcmp(argv[i], "--kb") && i + 1 < argc) kb_dir = argv[++i];
    else if (!std::strcmp(argv[i], "--min-seconds") && i + 1 < argc) min_seconds = std::atof(argv[++i]);
  }
  std::string text;
  if (!ReadFile(argv[1], &text)) {
    std::fprintf(stderr, "omsaid_bench: cannot read %s\n", argv[1]);
    return 2;
  }
  std::vector<std::string> cases;
  size_t pos = 0;
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    if (end > pos) cases.push_back(text.substr(pos, end - pos));
    pos = end + 1;
  }
  omsaid::Result<omsaid::KnowledgeBase> loaded = omsaid::MakeError(omsaid::ErrorCode::kInternal, "", "");
  const omsaid::KnowledgeBase* kb = nullptr;
  if (kb_dir.empty()) {
    kb = &omsaid::EmbeddedKnowledgeBase().value();
  } else {
    std::vector<omsaid::KbFile> files;
    DIR* d = opendir(kb_dir.c_str());
    if (!d) return 2;
    std::vector<std::string> names;
    while (dirent* e = readdir(d)) {
      std::string n = e->d_name;
      if (n.size() > 5 && n.compare(n.size() - 5, 5, ".json") == 0) names.push_back(n);
    }
    closedir(d);
    std::sort(names.begin(), names.end());
    for (const std::string& n : names) {
      omsaid::KbFile f{n, {}};
      ReadFile(kb_dir + "/" + n, &f.text);
      files.push_back(std::move(f));
    }
    loaded = omsaid::LoadKnowledgeBase(files);
    if (!loaded) {
      std::fprintf(stderr, "omsaid_bench: %s\n", loaded.error().ToString().c_str());
      return 1;
    }
    kb = &loaded.value();
  }
  size_t bytes = 0, evaluated = 0;
  for (const std::string& c : cases) {  // warm-up
    omsaid::Result<std::string> r = omsaid::EvaluateJson(*kb, c);
    bytes += r.ok() ? r.value().size() : 0;
  }
  const auto start = std::chrono::steady_clock::now();
  double seconds = 0;
  do {
    for (const std::string& c : cases) {
      omsaid::Result<std::string> r = omsaid::EvaluateJson(*kb, c);
      bytes += r.ok() ? r.value().size() : 0;
      ++evaluated;
    }
    seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  } while (seconds < min_seconds);
  std::printf("{\"cases\": %zu, \"seconds\": %.6f, \"usPerCase\": %.3f, \"bytes\": %zu}\n", evaluated,
              seconds, seconds * 1e6 / evaluated, bytes);
  return 0;
}
