// SPDX-License-Identifier: MIT
// omsaid — the command-line front end of the core (DESIGN §4.3).
//   omsaid evaluate [--kb DIR] [--jsonl] [FILE|-]   report(s) on stdout
//   omsaid validate-kb [DIR]                       every problem of a knowledge base; exit 1 if any
// Exit codes: 0 ok, 1 invalid knowledge base, 2 bad input or usage. Errors are one line on stderr.
// The CLI does the I/O (files, stdin, the clock); the core only sees strings.
#include <dirent.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <string>
#include <string_view>
#include <vector>

#include "omsaid/engine.h"
#include "omsaid/kb.h"
#include "omsaid/text.h"
#include "omsaid/phenopacket.h"

namespace {

using omsaid::Error;
using omsaid::KbFile;
using omsaid::KnowledgeBase;

constexpr const char* kUsage =
    "usage: omsaid evaluate [--kb DIR] [--today DATE] [--jsonl [--full]] [--compact] [FILE|-]\n"
    "       omsaid export --phenopacket|--native [--kb DIR] [--today DATE] [--id ID] [FILE|-]\n"
    "       omsaid validate-kb [DIR]\n"
    "       omsaid --version | --help\n"
    "\n"
    "evaluate     read a case (native case JSON or GA4GH Phenopacket v2) and print the report (JSON)\n"
    "  --jsonl    one case per input line, one report per output line (compact: without the\n"
    "             notes, descriptions and references table, which are in the knowledge base)\n"
    "  --full     full reports with --jsonl;  --compact  compact report for one case\n"
    "  --kb DIR   use the knowledge base in DIR instead of the one built in\n"
    "  --today DATE  the date visits may not be after (YYYY-MM-DD; default: today, local time)\n"
    "export       convert a case (native or Phenopacket) to a GA4GH Phenopacket v2 or to native case JSON\n"
    "validate-kb  check a knowledge base (default: the built-in one); exit 1 on any problem\n"
    "\n"
    "Exit status: 0 ok, 1 invalid knowledge base, 2 bad input or usage.\n"
    "This tool supports, and never replaces, a clinician.\n";

int Usage(const std::string& message) {
  std::fprintf(stderr, "omsaid: %s\n%s", message.c_str(), kUsage);
  return 2;
}

// Reads a whole file (or stdin for "-"), or its first max_bytes + 1 bytes (then out->size() >
// max_bytes tells the caller it is too large, and a huge file is never held in memory); false with
// a message on failure.
bool ReadAll(const std::string& path, std::string* out, std::string* error,
             size_t max_bytes = static_cast<size_t>(-1) - 1) {
  FILE* f = path == "-" ? stdin : std::fopen(path.c_str(), "rb");
  if (!f) {
    *error = path + ": " + std::strerror(errno);
    return false;
  }
  char buf[1 << 16];
  size_t n;
  while (out->size() <= max_bytes && (n = std::fread(buf, 1, sizeof buf, f)) > 0) {
    out->append(buf, std::min(n, max_bytes + 1 - out->size()));
  }
  const bool failed = std::ferror(f) != 0;
  if (f != stdin) std::fclose(f);
  if (failed) {
    *error = path + ": read error";
    return false;
  }
  return true;
}

bool ReadKbDir(const std::string& dir, std::vector<KbFile>* files, std::string* error) {
  DIR* d = opendir(dir.c_str());
  if (!d) {
    *error = dir + ": " + std::strerror(errno);
    return false;
  }
  std::vector<std::string> names;
  while (dirent* e = readdir(d)) {
    std::string name = e->d_name;
    if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0) names.push_back(name);
  }
  closedir(d);
  std::sort(names.begin(), names.end());
  if (names.empty()) {
    *error = dir + ": no .json files";
    return false;
  }
  for (const std::string& name : names) {
    KbFile f{name, {}};
    if (!ReadAll(dir + "/" + name, &f.text, error)) return false;
    files->push_back(std::move(f));
  }
  return true;
}

std::string NowUtc(const char* format) {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, format, &tm);
  return buf;
}

// YYYY-MM-DD with a month 01-12 and a day 01-31 (the core checks visit dates fully; this is the
// bound they are compared with).
bool IsDate(const std::string& s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (s[i] < '0' || s[i] > '9') return false;
  }
  const int month = (s[5] - '0') * 10 + (s[6] - '0'), day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// Today on the user's calendar (local time), as the page takes it: a visit dated today is never "in
// the future" in one and not the other.
std::string LocalToday() {
  std::time_t now = std::time(nullptr);
  std::tm tm{};
  localtime_r(&now, &tm);
  char buf[16];
  std::strftime(buf, sizeof buf, "%Y-%m-%d", &tm);
  return buf;
}

std::string OneLine(const Error& e) {
  return omsaid::PrintableLine(e.ToString()) + " (" + std::string(omsaid::ToString(e.code)) + ")";
}

// A single case over the size limit (the CLI stopped reading it at the limit).
int TooLarge(size_t limit) {
  const Error e = omsaid::MakeError(omsaid::ErrorCode::kTooLarge, "",
                                    "input is more than " + std::to_string(limit) +
                                        " bytes; the limit is " + std::to_string(limit));
  std::fprintf(stderr, "omsaid: %s\n", OneLine(e).c_str());
  return 2;
}

int ValidateKb(const std::vector<std::string>& args) {
  std::vector<KbFile> files;
  if (args.size() > 1) return Usage("validate-kb takes at most one directory");
  if (args.empty()) {
    files = omsaid::EmbeddedKbFiles();
  } else {
    std::string error;
    if (!ReadKbDir(args[0], &files, &error)) {
      std::fprintf(stderr, "omsaid: %s\n", error.c_str());
      return 2;
    }
  }
  const std::vector<Error> problems = omsaid::ValidateKnowledgeBase(files);
  for (const Error& e : problems) std::printf("%s\n", OneLine(e).c_str());
  if (!problems.empty()) {
    std::fprintf(stderr, "omsaid: %zu problem(s) in the knowledge base\n", problems.size());
    return 1;
  }
  std::printf("knowledge base valid: %zu files\n", files.size());
  return 0;
}

// The built-in knowledge base, or the one in kb_dir; nullptr (after a message) on failure.
const KnowledgeBase* LoadKb(const std::string& kb_dir, omsaid::Result<KnowledgeBase>* storage, int* status) {
  if (kb_dir.empty()) {
    const auto& embedded = omsaid::EmbeddedKnowledgeBase();
    if (!embedded) {
      std::fprintf(stderr, "omsaid: built-in knowledge base: %s\n", OneLine(embedded.error()).c_str());
      *status = 1;
      return nullptr;
    }
    return &embedded.value();
  }
  std::vector<KbFile> files;
  std::string error;
  if (!ReadKbDir(kb_dir, &files, &error)) {
    std::fprintf(stderr, "omsaid: %s\n", error.c_str());
    *status = 2;
    return nullptr;
  }
  *storage = omsaid::LoadKnowledgeBase(files);
  if (!*storage) {
    std::fprintf(stderr, "omsaid: %s: %s\n", kb_dir.c_str(), OneLine(storage->error()).c_str());
    *status = 1;
    return nullptr;
  }
  return &storage->value();
}

// What evaluate and export start from: the knowledge base, the limits (with today's date) and the
// input text (a file or "-", read up to max_bytes).
struct Input {
  omsaid::Result<KnowledgeBase> storage = omsaid::MakeError(omsaid::ErrorCode::kInternal, "", "");
  const KnowledgeBase* kb = nullptr;
  omsaid::CaseLimits limits;
  std::string text;
};

// Fills `in`; on failure prints why and returns the exit status (0 on success).
int Prepare(const std::string& kb_dir, const std::string& input, const std::string& today,
            size_t max_bytes, Input* in) {
  if (!today.empty() && !IsDate(today)) {
    return Usage("--today needs a date such as 2026-12-05, got '" + omsaid::PrintableLine(today.substr(0, 20)) + "'");
  }
  int status = 0;
  in->kb = LoadKb(kb_dir, &in->storage, &status);
  if (!in->kb) return status;
  in->limits.today = today.empty() ? LocalToday() : today;
  std::string error;
  if (!ReadAll(input, &in->text, &error, max_bytes)) {
    std::fprintf(stderr, "omsaid: %s\n", error.c_str());
    return 2;
  }
  return 0;
}

int Export(const std::vector<std::string>& args) {
  std::string kb_dir, input, format, today, id = "oms-aid-case";
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--phenopacket" || args[i] == "--native") {
      format = args[i].substr(2);
    } else if (args[i] == "--kb" || args[i] == "--id" || args[i] == "--today") {
      if (i + 1 >= args.size()) return Usage(args[i] + " needs a value");
      (args[i] == "--kb" ? kb_dir : args[i] == "--id" ? id : today) = args[i + 1];
      ++i;
    } else if (args[i].size() > 1 && args[i][0] == '-') {
      return Usage("unknown option " + args[i]);
    } else if (input.empty()) {
      input = args[i];
    } else {
      return Usage("export takes one input file");
    }
  }
  if (format.empty()) return Usage("export needs --phenopacket or --native");
  if (input.empty()) input = "-";
  Input in;
  if (const int status = Prepare(kb_dir, input, today, in.limits.max_bytes, &in)) return status;
  const KnowledgeBase* kb = in.kb;
  const omsaid::CaseLimits& limits = in.limits;
  const std::string& text = in.text;
  if (text.size() > limits.max_bytes) return TooLarge(limits.max_bytes);
  omsaid::Result<omsaid::Case> c = omsaid::ParseAnyCase(text, *kb, limits);
  if (!c) {
    std::fprintf(stderr, "omsaid: %s\n", OneLine(c.error()).c_str());
    return 2;
  }
  for (const std::string& w : c.value().warnings) {
    std::fprintf(stderr, "omsaid: warning: %s\n", omsaid::PrintableLine(w).c_str());
  }
  const std::string out = format == "phenopacket"
                              ? omsaid::CaseToPhenopacket(c.value(), *kb, id, NowUtc("%Y-%m-%dT%H:%M:%SZ"))
                              : omsaid::CaseToJson(c.value());
  std::fwrite(out.data(), 1, out.size(), stdout);
  std::fputc('\n', stdout);
  return 0;
}

int Evaluate(const std::vector<std::string>& args) {
  std::string kb_dir, input, today;
  bool jsonl = false, full = false, compact = false;
  for (size_t i = 0; i < args.size(); ++i) {
    if (args[i] == "--full") {
      full = true;
    } else if (args[i] == "--compact") {
      compact = true;
    } else if (args[i] == "--jsonl") {
      jsonl = true;
    } else if (args[i] == "--kb") {
      if (i + 1 >= args.size()) return Usage("--kb needs a directory");
      kb_dir = args[++i];
    } else if (args[i] == "--today") {
      if (i + 1 >= args.size()) return Usage("--today needs a date");
      today = args[++i];
    } else if (args[i].size() > 1 && args[i][0] == '-' ) {
      return Usage("unknown option " + args[i]);
    } else if (input.empty()) {
      input = args[i];
    } else {
      return Usage("evaluate takes one input file");
    }
  }
  if (input.empty()) input = "-";

  // One case is read up to its size limit only; a bulk file is read whole (each line is limited).
  Input in;
  if (const int status = Prepare(kb_dir, input, today, jsonl ? static_cast<size_t>(-1) - 1 : in.limits.max_bytes, &in)) {
    return status;
  }
  const KnowledgeBase* kb = in.kb;
  const omsaid::CaseLimits& limits = in.limits;
  const std::string& text = in.text;

  if (full && compact) return Usage("--full and --compact exclude each other");
  const omsaid::ReportDetail detail =
      compact || (jsonl && !full) ? omsaid::ReportDetail::kCompact : omsaid::ReportDetail::kFull;
  if (!jsonl) {
    if (text.size() > limits.max_bytes) return TooLarge(limits.max_bytes);
    omsaid::Result<std::string> report = omsaid::EvaluateJson(*kb, text, limits, detail);
    if (!report) {
      std::fprintf(stderr, "omsaid: %s\n", OneLine(report.error()).c_str());
      return 2;
    }
    std::fwrite(report.value().data(), 1, report.value().size(), stdout);
    std::fputc('\n', stdout);
    return 0;
  }

  // Bulk: one report, one {"error": ...} line or one blank line per input line, so that output line
  // N always answers input line N.
  int failures = 0;
  size_t line_no = 0, pos = 0;
  std::string out;
  out.reserve(1 << 20);
  while (pos < text.size()) {
    size_t end = text.find('\n', pos);
    if (end == std::string::npos) end = text.size();
    std::string_view line(text.data() + pos, end - pos);
    pos = end + 1;
    ++line_no;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    // A blank line gives a blank line: output line N is always the report of input line N.
    if (line.find_first_not_of(" \t") == std::string_view::npos) {
      out.push_back('\n');
      continue;
    }
    omsaid::Result<std::string> report = omsaid::EvaluateJson(*kb, line, limits, detail);
    if (report) {
      out += report.value();
    } else {
      ++failures;
      const Error& e = report.error();
      std::fprintf(stderr, "omsaid: line %zu: %s\n", line_no, OneLine(e).c_str());
      out += "{\"error\":{\"code\":\"" + std::string(omsaid::ToString(e.code)) +
             "\",\"message\":" + omsaid::JsonQuote(e.message) + ",\"path\":" + omsaid::JsonQuote(e.path) +
             ",\"line\":" + std::to_string(line_no) + "}}";
    }
    out.push_back('\n');
    if (out.size() > (1 << 20)) {
      std::fwrite(out.data(), 1, out.size(), stdout);
      out.clear();
    }
  }
  std::fwrite(out.data(), 1, out.size(), stdout);
  return failures ? 2 : 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> args(argv + 1, argv + argc);
  if (args.empty()) return Usage("missing command");
  const std::string command = args.front();
  args.erase(args.begin());
  if (command == "--help" || command == "-h" || command == "help") {
    std::fputs(kUsage, stdout);
    return 0;
  }
  if (command == "--version") {
    const auto& kb = omsaid::EmbeddedKnowledgeBase();
    std::printf("omsaid 0.1.0 (knowledge base %s)\n", kb ? kb.value().kb_version.c_str() : "invalid");
    return 0;
  }
  if (command == "evaluate") return Evaluate(args);
  if (command == "validate-kb") return ValidateKb(args);
  if (command == "export") return Export(args);
  return Usage("unknown command '" + command + "'");
}
