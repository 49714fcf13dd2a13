// SPDX-License-Identifier: MIT
// The JSON layer: limits, duplicate keys, positions, typed readers and the writer.
#include "json_util.h"

#include <cmath>
#include <cstdint>
#include <vector>

#include <gtest/gtest.h>

#include "test_util.h"
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
  EXPECT_EQ(out, "0.00001235");
}

using testing::XorShift;

// The report's fast 4-significant-digit path agrees with the general formatter (except where that
// one writes an exponent or a large integer in full), over magnitudes, signs and rounding ties.
TEST(JsonUtil, RoundedAgreesWithFormatNumber) {
  XorShift next{88172645463325252ull};
  std::vector<double> values = {1, 0.5, 0.99995, 0.999949, 9.9995, 99995, 1e-5, 1.00005e-5, 123.45,
                                0.00012345, 0.1, 0.3, 2.0 / 3, 1e14, 9.99951e14};
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
