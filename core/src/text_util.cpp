// SPDX-License-Identifier: MIT
#include "text_util.h"

#include "omsaid/text.h"

#include <cstdint>
#include <cstdlib>

#include "omsaid/case.h"

namespace omsaid {
namespace {

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

int ToInt(std::string_view s) {
  int v = 0;
  for (char c : s) v = v * 10 + (c - '0');
  return v;
}

// The length of the well-formed UTF-8 sequence starting at s[i], or 0 when there is none; its
// code point in *code_point when given.
size_t Utf8Length(std::string_view s, size_t i, uint32_t* code_point = nullptr) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  if (c < 0x80) {
    if (code_point) *code_point = c;
    return 1;
  }
  size_t n;
  uint32_t cp;
  if (c >= 0xC2 && c <= 0xDF) {
    n = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    n = 3;
    cp = c & 0x0F;
  } else if (c >= 0xF0 && c <= 0xF4) {
    n = 4;
    cp = c & 0x07;
  } else {
    return 0;
  }
  if (i + n > s.size()) return 0;
  for (size_t k = 1; k < n; ++k) {
    const unsigned char cc = static_cast<unsigned char>(s[i + k]);
    if ((cc & 0xC0) != 0x80) return 0;
    cp = (cp << 6) | (cc & 0x3F);
  }
  if ((n == 3 && cp < 0x800) || (n == 4 && cp < 0x10000) || cp > 0x10FFFF ||
      (cp >= 0xD800 && cp <= 0xDFFF)) {
    return 0;
  }
  if (code_point) *code_point = cp;
  return n;
}

// Appends the character of `n` bytes at s[i] (n = 0: a stray byte) in a form safe for a one-line
// message: stray bytes as U+FFFD, control characters as \n, \t, \r or \u001b (with `all_hex`,
// every control character as \u00XX).
void AppendSafe(std::string& out, std::string_view s, size_t i, size_t n, bool all_hex = false) {
  const unsigned char c = static_cast<unsigned char>(s[i]);
  const bool c1 = n == 2 && c == 0xC2 && static_cast<unsigned char>(s[i + 1]) < 0xA0;
  if (n == 0) {
    out += "\xEF\xBF\xBD";
  } else if (all_hex && n == 1 && (c < 0x20 || c == 0x7F)) {
    static constexpr char kHex[] = "0123456789abcdef";
    const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
    out.append(esc, sizeof esc);
  } else if (c == '\n') {
    out += "\\n";
  } else if (c == '\t') {
    out += "\\t";
  } else if (c == '\r') {
    out += "\\r";
  } else if ((n == 1 && (c < 0x20 || c == 0x7F)) || c1) {
    // No printf here: it would pull its floating-point machinery into the WASM module.
    static constexpr char kHex[] = "0123456789abcdef";
    const unsigned char x = c1 ? static_cast<unsigned char>(s[i + 1]) : c;
    const char esc[6] = {'\\', 'u', '0', '0', kHex[x >> 4], kHex[x & 15]};
    out.append(esc, sizeof esc);
  } else {
    out.append(s.substr(i, n));
  }
}

}  // namespace

void AddWarning(std::vector<std::string>* warnings, std::string warning) {
  if (warnings->size() < kMaxWarnings) {
    warnings->push_back(std::move(warning));
    return;
  }
  // Past the cap the last entry is the count written here: "and N more warning(s) not listed".
  size_t more = 1;
  if (warnings->size() > kMaxWarnings) {
    const std::string& last = warnings->back();
    if (last.rfind("and ", 0) == 0 && last.find(" not listed") != std::string::npos) {
      more += std::strtoull(last.c_str() + 4, nullptr, 10);
      warnings->pop_back();
    }
  }
  warnings->push_back("and " + std::to_string(more) +
                      (more == 1 ? " more warning" : " more warnings") + " not listed");
}

bool IsValidUtf8(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    if (n == 0) return false;
    i += n;
  }
  return true;
}

std::string SanitizeUtf8(std::string_view s, size_t max_bytes) {
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    std::string piece;
    AppendSafe(piece, s, i, n);
    if (out.size() + piece.size() > max_bytes) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    out += piece;
    i += n ? n : 1;
  }
  return out;
}

std::string PrintableLine(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    AppendSafe(out, s, i, n, true);
    i += n ? n : 1;
  }
  return out;
}

std::string AsciiJson(std::string json) {
  size_t i = 0;
  while (i < json.size() && static_cast<unsigned char>(json[i]) < 0x80) ++i;
  if (i == json.size()) return json;
  std::string out;
  out.reserve(json.size() + json.size() / 16);
  out.append(json.data(), i);
  static constexpr char kHex[] = "0123456789abcdef";
  const auto escape = [&](uint32_t unit) {
    const char e[6] = {'\\', 'u', kHex[(unit >> 12) & 15], kHex[(unit >> 8) & 15], kHex[(unit >> 4) & 15], kHex[unit & 15]};
    out.append(e, 6);
  };
  while (i < json.size()) {
    // Runs of ASCII are copied whole: a call per byte (this file is built -Oz) made a 100 KB
    // report with one accented letter cost 2 ms in WebAssembly.
    size_t run = i;
    while (run < json.size() && static_cast<unsigned char>(json[run]) < 0x80) ++run;
    out.append(json.data() + i, run - i);
    i = run;
    if (i == json.size()) break;
    uint32_t cp = 0;
    const size_t n = Utf8Length(json, i, &cp);
    if (n == 0) {
      escape(0xFFFD);
    } else if (cp >= 0x10000) {
      escape(0xD800 + ((cp - 0x10000) >> 10));
      escape(0xDC00 + ((cp - 0x10000) & 0x3FF));
    } else {
      escape(cp);
    }
    i += n ? n : 1;
  }
  return out;
}

bool IsHpoId(std::string_view s) {
  return s.size() == 10 && s.substr(0, 3) == "HP:" && AllDigits(s.substr(3));
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (!AllDigits(s.substr(0, 4)) || !AllDigits(s.substr(5, 2)) || !AllDigits(s.substr(8, 2))) {
    return false;
  }
  const int y = ToInt(s.substr(0, 4)), m = ToInt(s.substr(5, 2)), d = ToInt(s.substr(8, 2));
  if (y < 1900 || y > 2999 || m < 1 || m > 12 || d < 1) return false;
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  const int max_day = kDays[m - 1] + (m == 2 && leap ? 1 : 0);
  return d <= max_day;
}

std::optional<double> ParseIsoDurationYears(std::string_view s) {
  if (s.size() < 3 || s[0] != 'P') return std::nullopt;
  double years = 0;
  size_t i = 1;
  bool any = false;
  char last_unit = 0;
  const std::string_view order = "YMWD";
  while (i < s.size()) {
    size_t j = i;
    while (j < s.size() && ((s[j] >= '0' && s[j] <= '9') || s[j] == '.')) ++j;
    if (j == i || j >= s.size() || j - i > 9) return std::nullopt;
    std::string_view number = s.substr(i, j - i);
    double value = 0, scale = 0;
    for (char c : number) {
      if (c == '.') {
        if (scale != 0) return std::nullopt;
        scale = 1;
        continue;
      }
      if (scale != 0) {
        scale /= 10;
        value += (c - '0') * scale;
      } else {
        value = value * 10 + (c - '0');
      }
    }
    const char unit = s[j];
    const size_t pos = order.find(unit);
    if (pos == std::string_view::npos) return std::nullopt;
    if (last_unit != 0 && pos <= order.find(last_unit)) return std::nullopt;
    last_unit = unit;
    switch (unit) {
      case 'Y': years += value; break;
      case 'M': years += value / 12.0; break;
      case 'W': years += value * 7.0 / 365.25; break;
      case 'D': years += value / 365.25; break;
    }
    any = true;
    i = j + 1;
  }
  if (!any) return std::nullopt;
  return years;
}

std::string ClipForMessage(std::string_view s) {
  constexpr size_t kMax = 60;
  std::string out;
  for (size_t i = 0; i < s.size();) {
    const size_t n = Utf8Length(s, i);
    const size_t step = n ? n : 1;
    if (i + step > kMax) {
      out += "\xE2\x80\xA6";  // …
      break;
    }
    AppendSafe(out, s, i, n);
    i += step;
  }
  return out;
}

}  // namespace omsaid
