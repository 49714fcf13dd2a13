// SPDX-License-Identifier: MIT
#include "text_util.h"

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

}  // namespace

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
  if (s.size() <= kMax) return std::string(s);
  size_t cut = kMax;
  // Step back over UTF-8 continuation bytes so the result stays valid UTF-8.
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return std::string(s.substr(0, cut)) + "\xE2\x80\xA6";
}

}  // namespace omsaid
