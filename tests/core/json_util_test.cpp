// SPDX-License-Identifier: MIT
// The JSON layer: limits, duplicate keys, positions, typed readers and the writer.
#include "json_util.h"

#include <cmath>
#include <cstdio>
#include <string>
#include <utility>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"
#include "omsaid/engine.h"
#include "omsaid/text.h"
#include "text_util.h"

namespace omsaid {
namespace {

TEST(JsonUtil, ParsesAndRejectsTrailingGarbage) {
  EXPECT_TRUE(ParseJson(R"({"a": [1, 2, {"b": null}]})").ok());
  Result<Json> r = ParseJson(R"({"a": 1} x)");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidJson);
}

TEST(JsonUtil, DepthLimitCountsContainers) {
  JsonLimits limits;
  limits.max_depth = 3;
  EXPECT_TRUE(ParseJson("[[[]]]", limits).ok());
  Result<Json> r = ParseJson("[[[[]]]]", limits);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kTooDeep);
  EXPECT_EQ(r.error().path, "[0][0][0]");
}

TEST(JsonUtil, DuplicateKeyPathIsNested) {
  Result<Json> r = ParseJson(R"({"a": [{"b": 1, "b": 2}]})");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().path, "a[0].b");
}

TEST(JsonUtil, InvalidUtf8IsInvalidJson) {
  Result<Json> r = ParseJson("{\"a\": \"\xff\"}");
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.error().code, ErrorCode::kInvalidJson);
}

TEST(JsonUtil, ReaderCollectsEveryProblem) {
  std::vector<Error> problems;
  JsonReader reader(&problems);
  Json j = ParseJson(R"({"s": 1, "n": "x", "e": "z"})").value();
  EXPECT_FALSE(reader.String(j["s"], "s").has_value());
  EXPECT_FALSE(reader.Number(j["n"], "n").has_value());
  EXPECT_FALSE(reader.Enum(j["e"], "e", {"a", "b"}).has_value());
  EXPECT_EQ(reader.Member(j, "missing", "", true), nullptr);
  ASSERT_EQ(problems.size(), 4u);
  EXPECT_EQ(problems[0].message, "expected a string, got a number");
  EXPECT_EQ(problems[1].message, "expected a number, got a string");
  EXPECT_EQ(problems[2].message, "'z' is not one of: a, b");
  EXPECT_EQ(problems[3].code, ErrorCode::kMissingField);
  EXPECT_EQ(problems[3].path, "missing");
}

TEST(JsonUtil, ForEachObjectVisitsObjectsAndReportsTheRest) {
  std::vector<Error> problems;
  JsonReader reader(&problems);
  const Json j = ParseJson(R"({"list": [{"id": "a"}, 3, {"id": "b"}, "x"]})").value();
  std::vector<std::string> seen;
  const auto visit = [&](const Json& e, const std::string& path, size_t i) {
    seen.push_back(path + "=" + e.find("id")->get<std::string>() + "@" + std::to_string(i));
  };
  reader.ForEachObject(*j.find("list"), "root.list", visit);
  EXPECT_EQ(seen, (std::vector<std::string>{"root.list[0]=a@0", "root.list[2]=b@2"}));
  ASSERT_EQ(problems.size(), 2u);
  EXPECT_EQ(problems[0].path, "root.list[1]");
  EXPECT_EQ(problems[1].path, "root.list[3]");
}

TEST(JsonUtil, WriterProducesValidCompactJson) {
  JsonWriter w;
  w.BeginObject();
  w.Field("s", "a\"b\\c\n\x01");
  w.Field("i", 3);
  w.Field("d", 0.25);
  w.Key("list");
  w.BeginArray();
  w.Number(1);
  w.Bool(false);
  w.Null();
  w.BeginObject();
  w.EndObject();
  w.EndArray();
  w.EndObject();
  EXPECT_EQ(w.str(), R"({"s":"a\"b\\c\n\u0001","i":3,"d":0.25,"list":[1,false,null,{}]})");
  EXPECT_TRUE(ParseJson(w.str()).ok());
}

TEST(TextUtil, Formats) {
  EXPECT_TRUE(IsHpoId("HP:0010543"));
  EXPECT_FALSE(IsHpoId("HP:001054"));
  EXPECT_FALSE(IsHpoId("hp:0010543"));
  EXPECT_TRUE(IsIsoDate("2024-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-02-29"));
  EXPECT_FALSE(IsIsoDate("2023-13-01"));
  EXPECT_DOUBLE_EQ(*ParseIsoDurationYears("P1Y6M"), 1.5);
  EXPECT_DOUBLE_EQ(*ParseIsoDurationYears("P18M"), 1.5);
  EXPECT_FALSE(ParseIsoDurationYears("P6M1Y").has_value());
  EXPECT_FALSE(ParseIsoDurationYears("P").has_value());
  EXPECT_EQ(ClipForMessage(std::string(100, 'a')).size(), 63u);
  // Cut on a UTF-8 boundary: 59 ASCII bytes then a 2-byte character straddling the limit.
  const std::string s = std::string(59, 'a') + "\xC3\xA9" + "zz";
  EXPECT_EQ(ClipForMessage(s), std::string(59, 'a') + "\xE2\x80\xA6");
}


}  // namespace
}  // namespace omsaid

namespace omsaid {
namespace {

TEST(JsonUtil, FormatNumberIsLikePercentGWithoutPrintf) {
  EXPECT_EQ(FormatNumber(131, 6), "131");
  EXPECT_EQ(FormatNumber(-1, 6), "-1");
  EXPECT_EQ(FormatNumber(0.25, 6), "0.25");
  EXPECT_EQ(FormatNumber(17.99, 10), "17.99");
  EXPECT_EQ(FormatNumber(1.0 / 3, 4), "0.3333");
  EXPECT_EQ(FormatNumber(2.0 / 3, 4), "0.6667");
  EXPECT_EQ(FormatNumber(9.99996, 4), "10");
  EXPECT_EQ(FormatNumber(1234.5678, 6), "1234.57");
  EXPECT_EQ(FormatNumber(123456.7, 4), "123500");
  EXPECT_EQ(FormatNumber(0.00012345, 3), "0.000123");
  EXPECT_EQ(FormatNumber(1.5e-20, 4), "1.5e-20");
  EXPECT_EQ(FormatNumber(2e20, 4), "2e+20");
  EXPECT_EQ(FormatNumber(2.5e20, 4), "2.5e+20");
  EXPECT_EQ(FormatNumber(std::nan(""), 4), "null");
  std::string out;
  AppendJsonRounded(out, 42.625);
  EXPECT_EQ(out, "42.63");
  out.clear();
  AppendJsonRounded(out, 0.000012345);
  EXPECT_EQ(out, "0.00001234") << "0.000012345 is 1.23449999...e-05 in binary: correctly rounded down";
}

using testing::XorShift;

// The report's fast 4-significant-digit path agrees with the general formatter (except where that
// one writes an exponent or a large integer in full), over magnitudes, signs and rounding ties.
TEST(JsonUtil, RoundedAgreesWithFormatNumber) {
  XorShift next{88172645463325252ull};
  std::vector<double> values = {1, 0.5, 0.99995, 0.999949, 9.9995, 99995, 1e-5, 1.00005e-5, 123.45,
                                0.00012345, 0.1, 0.3, 2.0 / 3, 1e14, 9.99951e14,
                                // the smallest a report holds: the scale reached 10^18 there and
                                // read past the powers table (UBSan found it on a tiny posterior)
                                1e-15, 1.5e-15, 3e-15, 1.2345e-14, 9.99e-14, 2e-13};
  for (int i = 0; i < 20000; ++i) {
    const double mantissa = 1 + static_cast<double>(next() % 9000000) / 1000000;  // 1 .. 10
    const int exponent = static_cast<int>(next() % 20) - 5;                     // 1e-5 .. 1e14
    values.push_back(mantissa * std::pow(10.0, exponent));
    values.push_back(std::round(mantissa * 1000) / 1000 * std::pow(10.0, exponent));  // ties
  }
  for (double v : values) {
    for (double x : {v, -v}) {
      std::string out;
      AppendJsonRounded(out, x);
      const std::string expected = FormatNumber(x, 4);
      // FormatNumber writes integers in full and very small or large numbers with an exponent.
      if (expected.find('e') != std::string::npos || (x == std::trunc(x) && std::fabs(x) >= 1e4)) continue;
      ASSERT_EQ(out, expected) << "value " << FormatNumber(x, 17);
    }
  }
}


// The 8-bytes-at-a-time scan finds every character that needs escaping, wherever it falls.
TEST(JsonUtil, QuoteEscapesLikeTheSimpleDefinition) {
  auto reference = [](std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      if (c == '"') out += "\\\"";
      else if (c == '\\') out += "\\\\";
      else if (c == '\n') out += "\\n";
      else if (c == '\r') out += "\\r";
      else if (c == '\t') out += "\\t";
      else if (c < 0x20) {
        static constexpr char kHex[] = "0123456789abcdef";
        out += "\\u00";
        out += kHex[c >> 4];
        out += kHex[c & 15];
      } else {
        out += static_cast<char>(c);
      }
    }
    return out + "\"";
  };
  XorShift next{0x9E3779B97F4A7C15ull};
  const char specials[] = {'"', '\\', '\n', '\r', '\t', '\x01', '\x1f', ' ', '!', '#', '[', ']',
                           '\x7f', '\x80', '\xc3', '\xa9', 'a', 'Z', '0', '\x00'};
  for (int i = 0; i < 20000; ++i) {
    std::string s(next() % 40, 'x');
    for (char& c : s) c = next() % 3 ? static_cast<char>('a' + next() % 26) : specials[next() % sizeof specials];
    ASSERT_EQ(JsonQuote(s), reference(s)) << "input of " << s.size() << " bytes";
  }
}

}  // namespace
}  // namespace omsaid

namespace omsaid {
namespace {

// FormatNumber is correctly rounded: its digits are the exact binary value's, rounded to the
// requested significant digits (halves away from zero), checked against printf's "%.*e" (exact in
// glibc and musl) over random doubles of every magnitude, with the cases floating-point scaling
// gets wrong (54.885 is 54.884999... in binary).
std::string Reference(double v, int significant) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*e", significant + 4, v);  // enough digits to round from
  return buf;
}

// The digits and the decimal exponent of FormatNumber's output: "54.88" -> ("5488", 1).
std::pair<std::string, int> DigitsOf(const std::string& s) {
  std::string digits;
  int point = -1, exp = 0;
  size_t i = s[0] == '-' ? 1 : 0;
  for (; i < s.size() && s[i] != 'e'; ++i) {
    if (s[i] == '.') point = static_cast<int>(digits.size());
    else digits += s[i];
  }
  if (i < s.size()) exp = std::stoi(s.substr(i + 1));
  if (point < 0) point = static_cast<int>(digits.size());
  size_t lead = 0;
  while (lead + 1 < digits.size() && digits[lead] == '0') ++lead;
  const int e = point - 1 - static_cast<int>(lead) + exp;
  digits = digits.substr(lead);
  while (digits.size() > 1 && digits.back() == '0') digits.pop_back();
  return {digits, e};
}

// The expected digits: the exact decimal expansion (from printf with extra digits, which is exact
// for every double) rounded half away from zero.
std::pair<std::string, int> Expected(double v, int significant) {
  char buf[512];
  std::snprintf(buf, sizeof buf, "%.*e", 400, std::fabs(v));  // the exact expansion, padded
  std::string s(buf);
  const size_t epos = s.find('e');
  int e = std::stoi(s.substr(epos + 1));
  std::string all = s.substr(0, 1) + s.substr(2, epos - 2);
  std::string head = all.substr(0, static_cast<size_t>(significant));
  const bool up = all[static_cast<size_t>(significant)] >= '5';
  if (up) {
    int i = significant - 1;
    while (i >= 0 && head[i] == '9') head[i--] = '0';
    if (i < 0) {
      head = "1" + head.substr(0, head.size() - 1);
      ++e;
    } else {
      ++head[i];
    }
  }
  while (head.size() > 1 && head.back() == '0') head.pop_back();
  return {head, e};
}

TEST(JsonUtil, FormatNumberIsCorrectlyRounded) {
  EXPECT_EQ(FormatNumber(54.885, 4), "54.88") << "54.885 is 54.88499999999999801... in binary";
  EXPECT_EQ(FormatNumber(0.125, 2), "0.13") << "an exact half rounds away from zero";
  EXPECT_EQ(FormatNumber(2.675, 3), "2.67");
  EXPECT_EQ(FormatNumber(1.005, 3), "1");
  EXPECT_EQ(FormatNumber(9.9995, 4), "9.999");
  EXPECT_EQ(FormatNumber(0.30000000000000004, 10), "0.3");
  std::string out;
  AppendJsonRounded(out, 54.885);
  EXPECT_EQ(out, "54.88") << "the report's fast path agrees";
  testing::XorShift next{0x243F6A8885A308D3ull};
  int checked = 0;
  for (int i = 0; i < 20000; ++i) {
    // Random doubles across magnitudes, and decimal-looking ones near rounding boundaries.
    const double mant = 1 + static_cast<double>(next() % 100000000) / 1e8 * 9;
    const int exp10 = static_cast<int>(next() % 40) - 20;
    double v = mant * std::pow(10.0, exp10);
    if (i % 3 == 0) v = std::round(v * 1000) / 1000 + 0.0005;  // a "…5" in the 4th decimal
    if (i % 7 == 0) v = -v;
    if (!std::isfinite(v) || v == std::floor(v)) continue;
    for (int digits : {2, 4, 6, 10}) {
      EXPECT_EQ(DigitsOf(FormatNumber(v, digits)), Expected(v, digits)) << Reference(v, digits) << " to " << digits;
      ++checked;
    }
  }
  EXPECT_GT(checked, 55000);
}

}  // namespace
}  // namespace omsaid

namespace omsaid {
namespace {

TEST(Text, PrintableLineEscapesEveryControlCharacterAndStrayBytes) {
  EXPECT_EQ(PrintableLine("a\nb\tc\x1b[2J\x7f"), "a\\u000ab\\u0009c\\u001b[2J\\u007f");
  EXPECT_EQ(PrintableLine("caf\xc3\xa9 \xff"), "caf\xc3\xa9 \xEF\xBF\xBD") << "valid UTF-8 kept, a stray byte replaced";
  EXPECT_EQ(JsonQuote("a\"b\\c\n"), "\"a\\\"b\\\\c\\n\"");
}

// The WASM bindings hand the page ASCII JSON: every non-ASCII character as a \u escape (a pair of
// surrogates above U+FFFF), a stray byte as \ufffd; the same value once parsed.
TEST(Text, AsciiJsonEscapesEveryNonAsciiCharacter) {
  EXPECT_EQ(AsciiJson(R"({"a":"plain"})"), R"({"a":"plain"})");
  EXPECT_EQ(AsciiJson("{\"a\":\"P\xc3\xa9rez \xe2\x80\x94 \xf0\x9f\x98\x80\"}"), R"({"a":"P\u00e9rez \u2014 \ud83d\ude00"})");
  EXPECT_EQ(AsciiJson("[\"\xff\"]"), R"(["\ufffd"])");
  // A whole report with accented references: ASCII, and the same JSON value.
  Result<std::string> evaluated = EvaluateJson(testing::Kb(), R"({"caseVersion": 1, "age": {"years": 2}, "findings": {"HP:0010543": "present", "HP:0001251": "present"}})");
  ASSERT_TRUE(evaluated.ok());
  const std::string& report = evaluated.value();
  ASSERT_NE(report.find_first_of("\x80\xc3\xe2"), std::string::npos) << "the report has non-ASCII text to escape";
  const std::string ascii = AsciiJson(report);
  for (char c : ascii) ASSERT_LT(static_cast<unsigned char>(c), 0x80);
  Result<Json> a = ParseJson(report, JsonLimits{16u << 20, 64}), b = ParseJson(ascii, JsonLimits{16u << 20, 64});
  ASSERT_TRUE(a.ok() && b.ok());
  EXPECT_TRUE(a.value() == b.value());
}

}  // namespace
}  // namespace omsaid
