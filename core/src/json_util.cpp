// SPDX-License-Identifier: MIT
#include "json_util.h"

#include <charconv>
#include <cmath>
#include <vector>

#include "text_util.h"

namespace omsaid {
namespace {

// Builds the DOM from SAX events, the way nlohmann's own json_sax_dom_parser does, but with the
// checks the core needs on hostile input: depth, duplicate keys, finite numbers, and paths.
class DomBuilder {
 public:
  using number_integer_t = Json::number_integer_t;
  using number_unsigned_t = Json::number_unsigned_t;
  using number_float_t = Json::number_float_t;
  using string_t = Json::string_t;
  using binary_t = Json::binary_t;

  explicit DomBuilder(const JsonLimits& limits) : limits_(limits) {}

  bool null() { return Put(Json(nullptr)); }
  bool boolean(bool v) { return Put(Json(v)); }
  bool number_integer(number_integer_t v) { return Put(Json(v)); }
  bool number_unsigned(number_unsigned_t v) { return Put(Json(v)); }
  bool number_float(number_float_t v, const string_t& /*text*/) {
    if (!std::isfinite(v)) {
      return Fail(ErrorCode::kInvalidValue, NextPath(), "number out of range");
    }
    return Put(Json(v));
  }
  bool string(string_t& v) { return Put(Json(std::move(v))); }
  bool binary(binary_t& /*v*/) { return Fail(ErrorCode::kInvalidJson, NextPath(), "binary value"); }

  bool start_object(std::size_t /*n*/) { return Open(Json::object()); }
  bool start_array(std::size_t /*n*/) { return Open(Json::array()); }
  bool end_object() { return Close(); }
  bool end_array() { return Close(); }

  bool key(string_t& k) {
    Frame& f = stack_.back();
    if (f.value->find(k) != f.value->end()) {
      return Fail(ErrorCode::kDuplicateId,
                  JoinPath(ContainerPath(stack_.size() - 1), ClipForMessage(k)),
                  "duplicate key '" + ClipForMessage(k) + "' in the same object");
    }
    f.key = k;
    return true;
  }

  bool parse_error(std::size_t position, const std::string& /*last_token*/,
                   const nlohmann::detail::exception& ex) {
    parse_error_position_ = position;
    std::string what = ex.what();
    // "[json.exception.parse_error.101] parse error at line 1, column 2: syntax error ..." -> the
    // part after the location, which is ours to compute.
    // It quotes the input near the error ("last read: '...'"), which may be any bytes: keep the
    // message valid UTF-8 (a stray byte would reach the terminal, and JSON in the WASM envelope).
    // Other errors ("[json.exception.out_of_range.406] number overflow parsing '1e400'") keep
    // their text without the library's id.
    if (!what.empty() && what.front() == '[') {
      if (const size_t close = what.find("] "); close != std::string::npos) what.erase(0, close + 2);
    }
    const size_t colon = what.find(": ");
    parse_error_detail_ =
        SanitizeUtf8(colon == std::string::npos ? what : what.substr(colon + 2), 200);
    return false;
  }

  Json TakeRoot() { return std::move(root_); }
  const std::optional<Error>& error() const { return error_; }
  std::size_t parse_error_position() const { return parse_error_position_; }
  const std::string& parse_error_detail() const { return parse_error_detail_; }

 private:
  // Paths are built only when an error needs one: keeping each container's path in its frame
  // cost a copy of the whole path per container, quadratic for many containers under a long key.
  // Keys in paths and messages are clipped (ClipForMessage): an error is one readable line.
  struct Frame {
    Json* value;
    std::string key;  // the current key, in an object
  };

  // The path of the open container stack_[i] (the root is "").
  std::string ContainerPath(size_t i) const {
    std::string path;
    for (size_t k = 1; k <= i && k < stack_.size(); ++k) {
      const Frame& parent = stack_[k - 1];
      path = parent.value->is_object() ? JoinPath(path, ClipForMessage(parent.key))
                                       : IndexPath(path, parent.value->size() - 1);
    }
    return path;
  }

  // The path of the next value of the innermost open container.
  std::string NextPath() const {
    if (stack_.empty()) return "";
    const Frame& f = stack_.back();
    const std::string base = ContainerPath(stack_.size() - 1);
    return f.value->is_object() ? JoinPath(base, ClipForMessage(f.key))
                                : IndexPath(base, f.value->size());
  }

  Json* Insert(Json&& v) {
    if (stack_.empty()) {
      root_ = std::move(v);
      return &root_;
    }
    Frame& f = stack_.back();
    if (f.value->is_object()) {
      Json& slot = (*f.value)[f.key];
      slot = std::move(v);
      return &slot;
    }
    f.value->push_back(std::move(v));
    return &f.value->back();
  }

  bool Put(Json&& v) {
    Insert(std::move(v));
    return true;
  }

  bool Open(Json&& container) {
    if (static_cast<int>(stack_.size()) >= limits_.max_depth) {
      return Fail(ErrorCode::kTooDeep, NextPath(),
                  "nested deeper than " + std::to_string(limits_.max_depth) + " levels");
    }
    Json* slot = Insert(std::move(container));
    stack_.push_back(Frame{slot, {}});
    return true;
  }

  bool Close() {
    stack_.pop_back();
    return true;
  }

  bool Fail(ErrorCode code, std::string path, std::string message) {
    if (!error_) error_ = MakeError(code, std::move(path), std::move(message));
    return false;
  }

  const JsonLimits& limits_;
  Json root_;
  std::vector<Frame> stack_;
  std::optional<Error> error_;
  std::size_t parse_error_position_ = 0;
  std::string parse_error_detail_;
};

// 1-based line and column of the byte at `offset`.
std::pair<size_t, size_t> LineAndColumn(std::string_view text, size_t offset) {
  size_t line = 1, column = 1;
  for (size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      column = 1;
    } else {
      ++column;
    }
  }
  return {line, column};
}

}  // namespace

Result<Json> ParseJson(std::string_view text, const JsonLimits& limits) {
  if (text.size() > limits.max_bytes) {
    return MakeError(ErrorCode::kTooLarge, "",
                     "input is " + std::to_string(text.size()) + " bytes; the limit is " +
                         std::to_string(limits.max_bytes));
  }
  // nlohmann's lexer takes a NUL byte for the end of the input: whatever followed one after a
  // complete document would be ignored. JSON text never holds a raw NUL (a string escapes it).
  if (const size_t nul = text.find('\0'); nul != std::string_view::npos) {
    const auto [line, column] = LineAndColumn(text, nul);
    return MakeError(ErrorCode::kInvalidJson, "",
                     "invalid JSON at line " + std::to_string(line) + ", column " +
                         std::to_string(column) + ": a NUL byte (JSON text cannot contain one)");
  }
  DomBuilder builder(limits);
  const char* begin = text.data();
  const bool ok = Json::sax_parse(begin, begin + text.size(), &builder);
  if (ok) return builder.TakeRoot();
  if (builder.error()) return *builder.error();
  // A syntax error: give line and column from the byte offset the parser reached.
  size_t pos = builder.parse_error_position();
  if (pos > text.size()) pos = text.size();
  const auto [line, column] = LineAndColumn(text, pos > 0 ? pos - 1 : 0);
  std::string message = text.empty() ? std::string("empty input, expected a JSON object")
                                     : "invalid JSON at line " + std::to_string(line) +
                                           ", column " + std::to_string(column);
  if (!text.empty() && !builder.parse_error_detail().empty()) {
    message += ": " + builder.parse_error_detail();
  }
  return MakeError(ErrorCode::kInvalidJson, "", std::move(message));
}

std::string JoinPath(std::string_view parent, std::string_view key) {
  std::string out;
  out.reserve(parent.size() + key.size() + 1);
  out.append(parent);
  if (!parent.empty()) out.push_back('.');
  out.append(key);
  return out;
}

std::string IndexPath(std::string_view parent, size_t index) {
  std::string out(parent);
  out.push_back('[');
  out += std::to_string(index);
  out.push_back(']');
  return out;
}

std::string_view JsonTypeName(const Json& v) {
  switch (v.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float: return "a number";
    default: return "an unsupported value";
  }
}

void JsonReader::Problem(ErrorCode code, std::string path, std::string message) {
  problems_->push_back(MakeError(code, std::move(path), std::move(message)));
}

const Json* JsonReader::Member(const Json& obj, std::string_view key, std::string_view obj_path,
                               bool required) {
  if (obj.is_object()) {
    auto it = obj.find(key);
    if (it != obj.end()) return &*it;
  }
  if (required) {
    Problem(ErrorCode::kMissingField, JoinPath(obj_path, key),
            "required field '" + std::string(key) + "' is missing");
  }
  return nullptr;
}

bool JsonReader::ExpectObject(const Json& v, std::string_view path) {
  if (v.is_object()) return true;
  Problem(ErrorCode::kWrongType, std::string(path),
          "expected an object, got " + std::string(JsonTypeName(v)));
  return false;
}

bool JsonReader::ExpectArray(const Json& v, std::string_view path) {
  if (v.is_array()) return true;
  Problem(ErrorCode::kWrongType, std::string(path),
          "expected an array, got " + std::string(JsonTypeName(v)));
  return false;
}

std::optional<std::string> JsonReader::String(const Json& v, std::string_view path,
                                              size_t max_length) {
  if (!v.is_string()) {
    Problem(ErrorCode::kWrongType, std::string(path),
            "expected a string, got " + std::string(JsonTypeName(v)));
    return std::nullopt;
  }
  const std::string& s = v.get_ref<const std::string&>();
  if (s.size() > max_length) {
    Problem(ErrorCode::kLimitExceeded, std::string(path),
            "string is " + std::to_string(s.size()) + " bytes; the limit is " +
                std::to_string(max_length));
    return std::nullopt;
  }
  return s;
}

std::optional<double> JsonReader::Number(const Json& v, std::string_view path) {
  if (!v.is_number()) {
    Problem(ErrorCode::kWrongType, std::string(path),
            "expected a number, got " + std::string(JsonTypeName(v)));
    return std::nullopt;
  }
  const double d = v.get<double>();
  if (!std::isfinite(d)) {
    Problem(ErrorCode::kInvalidValue, std::string(path), "number out of range");
    return std::nullopt;
  }
  return d;
}

std::optional<double> JsonReader::NumberInRange(const Json& v, std::string_view path, double lo,
                                                double hi) {
  auto d = Number(v, path);
  if (!d) return std::nullopt;
  if (*d < lo || *d > hi) {
    Problem(ErrorCode::kInvalidValue, std::string(path),
            FormatNumber(*d, 6) + " is out of range (expected " + FormatNumber(lo, 6) + " to " +
                FormatNumber(hi, 6) + ")");
    return std::nullopt;
  }
  return d;
}

std::optional<int64_t> JsonReader::Integer(const Json& v, std::string_view path) {
  if (v.is_number_integer()) {
    if (v.is_number_unsigned() && v.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX)) {
      Problem(ErrorCode::kInvalidValue, std::string(path), "integer out of range");
      return std::nullopt;
    }
    return v.get<int64_t>();
  }
  if (v.is_number_float()) {
    const double d = v.get<double>();
    if (std::isfinite(d) && d == std::floor(d)) {
      if (std::fabs(d) < 9.0e15) return static_cast<int64_t>(d);
      Problem(ErrorCode::kInvalidValue, std::string(path), "integer out of range");
      return std::nullopt;
    }
  }
  Problem(ErrorCode::kWrongType, std::string(path),
          "expected an integer, got " +
              std::string(v.is_number() ? "a fractional number" : JsonTypeName(v)));
  return std::nullopt;
}

std::optional<bool> JsonReader::Bool(const Json& v, std::string_view path) {
  if (v.is_boolean()) return v.get<bool>();
  Problem(ErrorCode::kWrongType, std::string(path),
          "expected true or false, got " + std::string(JsonTypeName(v)));
  return std::nullopt;
}

std::optional<std::string> JsonReader::Enum(const Json& v, std::string_view path,
                                            std::initializer_list<std::string_view> allowed) {
  auto s = String(v, path, 200);
  if (!s) return std::nullopt;
  for (std::string_view a : allowed) {
    if (*s == a) return s;
  }
  std::string list;
  for (std::string_view a : allowed) {
    if (!list.empty()) list += ", ";
    list += a;
  }
  Problem(ErrorCode::kInvalidValue, std::string(path),
          "'" + ClipForMessage(*s) + "' is not one of: " + list);
  return std::nullopt;
}

std::optional<std::vector<std::string>> JsonReader::StringArray(const Json& v,
                                                                 std::string_view path,
                                                                 size_t max_items) {
  if (!ExpectArray(v, path)) return std::nullopt;
  if (v.size() > max_items) {
    Problem(ErrorCode::kLimitExceeded, std::string(path),
            std::to_string(v.size()) + " items; the limit is " + std::to_string(max_items));
    return std::nullopt;
  }
  std::vector<std::string> out;
  bool ok = true;
  for (size_t i = 0; i < v.size(); ++i) {
    auto s = String(v[i], IndexPath(path, i));
    if (s) {
      out.push_back(std::move(*s));
    } else {
      ok = false;
    }
  }
  if (!ok) return std::nullopt;
  return out;
}

std::string FormatInt(long long v) {
  char buf[24];
  const auto r = std::to_chars(buf, buf + sizeof buf, v);
  return std::string(buf, r.ptr);
}

namespace {

// A small unsigned big integer (32-bit limbs, least significant first): just enough to round a
// double to decimal digits exactly, from its exact binary value, where floating-point scaling could
// land on the wrong side of a rounding boundary (54.885 is 54.88499999999999801... in binary).
struct BigUint {
  std::vector<uint32_t> limbs;

  explicit BigUint(uint64_t v = 0) {
    while (v) {
      limbs.push_back(static_cast<uint32_t>(v));
      v >>= 32;
    }
  }
  void MulSmall(uint32_t f) {
    uint64_t carry = 0;
    for (uint32_t& l : limbs) {
      const uint64_t x = static_cast<uint64_t>(l) * f + carry;
      l = static_cast<uint32_t>(x);
      carry = x >> 32;
    }
    if (carry) limbs.push_back(static_cast<uint32_t>(carry));
  }
  void MulPow10(int n) {
    for (; n >= 9; n -= 9) MulSmall(1000000000u);
    for (; n > 0; --n) MulSmall(10);
  }
  void Shl(int bits) {
    if (limbs.empty() || bits == 0) return;
    const int words = bits / 32, rest = bits % 32;
    if (rest) {
      uint32_t carry = 0;
      for (uint32_t& l : limbs) {
        const uint32_t next = l >> (32 - rest);
        l = (l << rest) | carry;
        carry = next;
      }
      if (carry) limbs.push_back(carry);
    }
    limbs.insert(limbs.begin(), static_cast<size_t>(words), 0u);
  }
  void Trim() {
    while (!limbs.empty() && limbs.back() == 0) limbs.pop_back();
  }
  static int Compare(const BigUint& a, const BigUint& b) {
    if (a.limbs.size() != b.limbs.size()) return a.limbs.size() < b.limbs.size() ? -1 : 1;
    for (size_t i = a.limbs.size(); i-- > 0;) {
      if (a.limbs[i] != b.limbs[i]) return a.limbs[i] < b.limbs[i] ? -1 : 1;
    }
    return 0;
  }
  void Sub(const BigUint& b) {  // *this >= b
    int64_t borrow = 0;
    for (size_t i = 0; i < limbs.size(); ++i) {
      int64_t x = static_cast<int64_t>(limbs[i]) - borrow - (i < b.limbs.size() ? b.limbs[i] : 0);
      borrow = x < 0;
      if (x < 0) x += int64_t{1} << 32;
      limbs[i] = static_cast<uint32_t>(x);
    }
    Trim();
  }
};

// round(a * 10^k) for a finite a > 0, halves away from zero, computed exactly. The result must fit
// in 63 bits (callers ask for at most 17 digits).
long long ExactScaledRound(double a, int k) {
  int exp2 = 0;
  const double frac = std::frexp(a, &exp2);                 // a = frac * 2^exp2, frac in [0.5, 1)
  const uint64_t mant = static_cast<uint64_t>(std::ldexp(frac, 53));  // exact: 53 bits
  exp2 -= 53;                                                 // a = mant * 2^exp2
  BigUint num(mant), den(1);
  if (exp2 > 0) num.Shl(exp2); else den.Shl(-exp2);
  if (k > 0) num.MulPow10(k); else den.MulPow10(-k);
  // q = floor(num / den) by binary long division; then round by comparing 2 * remainder with den.
  long long q = 0;
  for (int bit = 62; bit >= 0; --bit) {
    BigUint shifted = den;
    shifted.Shl(bit);
    if (BigUint::Compare(num, shifted) >= 0) {
      num.Sub(shifted);
      q |= 1LL << bit;
    }
  }
  num.Shl(1);
  if (BigUint::Compare(num, den) >= 0) ++q;
  return q;
}

}  // namespace

std::string FormatNumber(double v, int significant) {
  if (!std::isfinite(v)) return "null";
  if (v == 0) return "0";
  std::string out;
  if (v < 0) out += '-';
  const double a = std::fabs(v);
  if (a == std::floor(a) && a < 1e15) return out + FormatInt(static_cast<long long>(a));
  significant = significant < 1 ? 1 : significant > 15 ? 15 : significant;
  int e = static_cast<int>(std::floor(std::log10(a)));
  // Scale `a` to `significant` digits. For a tiny (subnormal) number the power of ten alone would
  // overflow to infinity, so scale in two steps. Where the scaled value lies within floating-point
  // error of a rounding boundary (or has more digits than a double scales exactly), round from the
  // exact binary value instead: the result is correctly rounded (halves away from zero).
  int k = significant - 1 - e;
  double scaled = a;
  int kk = k;
  if (kk > 300) {
    scaled *= 1e300;
    kk -= 300;
  }
  scaled *= std::pow(10.0, kk);
  const double fraction = scaled - std::floor(scaled);
  long long m = significant > 12 || std::fabs(fraction - 0.5) < 1e-3 ? ExactScaledRound(a, k)
                                                                      : std::llround(scaled);
  const long long limit = static_cast<long long>(std::pow(10.0, significant));
  if (m >= limit) {
    m = (m + 5) / 10;
    ++e;
  }
  if (m < limit / 10) {
    // log10 overestimated the exponent (a just below a power of ten): one more digit, exactly.
    --e;
    m = ExactScaledRound(a, significant - 1 - e);
  }
  std::string digits = FormatInt(m);
  const bool exponent = e < -5 || e >= 15;
  while (digits.size() > 1 && digits.back() == '0' &&
         (exponent || static_cast<int>(digits.size()) - 1 > e)) {
    digits.pop_back();
  }
  const int n = static_cast<int>(digits.size());
  if (exponent) {
    out += digits[0];
    if (n > 1) out += "." + digits.substr(1);
    return out + "e" + (e < 0 ? "-" : "+") + (std::abs(e) < 10 ? "0" : "") + FormatInt(std::abs(e));
  }
  if (e >= n - 1) return out + digits + std::string(static_cast<size_t>(e - (n - 1)), '0');
  if (e >= 0) return out + digits.substr(0, e + 1) + "." + digits.substr(e + 1);
  return out + "0." + std::string(static_cast<size_t>(-e - 1), '0') + digits;
}

std::string JsonQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendJsonQuoted(out, s);
  return out;
}

// Whether any of the 8 bytes of `w` needs escaping in a JSON string: a control character, '"' or
// '\\' (the classic bit tricks: a byte below n, a zero byte after xor).
inline bool AnyNeedsEscape(uint64_t w) {
  constexpr uint64_t kOnes = 0x0101010101010101ull, kHigh = 0x8080808080808080ull;
  const uint64_t quote = w ^ (kOnes * '"'), backslash = w ^ (kOnes * '\\');
  const uint64_t below_space = (w - kOnes * 0x20) & ~w;
  const uint64_t zero_quote = (quote - kOnes) & ~quote;
  const uint64_t zero_backslash = (backslash - kOnes) & ~backslash;
  return ((below_space | zero_quote | zero_backslash) & kHigh) != 0;
}

template <class Out>
void QuoteTo(Out& out, std::string_view s) {
  // Copy runs of characters that need no escaping with one append; escape the rest. Runs are
  // scanned 8 bytes at a time (most text needs no escaping at all).
  out.push_back('"');
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    uint64_t w;
    while (i + 8 <= s.size() && (__builtin_memcpy(&w, s.data() + i, 8), !AnyNeedsEscape(w))) i += 8;
    if (i >= s.size()) break;
    const unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
      case '"': out += "\\\""; break;
      case '\\': out += "\\\\"; break;
      case '\n': out += "\\n"; break;
      case '\r': out += "\\r"; break;
      case '\t': out += "\\t"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        const char esc[6] = {'\\', 'u', '0', '0', kHex[c >> 4], kHex[c & 15]};
        out.append(esc, 6);
      }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out.push_back('"');
}

template <class Out>
void NumberTo(Out& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  out += FormatNumber(v, 10);
}

template <class Out>
void RoundedTo(Out& out, double v) {
  if (!std::isfinite(v)) {
    out += "null";
    return;
  }
  if (v == 0) {
    out += '0';
    return;
  }
  static constexpr double kPow10[] = {1e-16, 1e-15, 1e-14, 1e-13, 1e-12, 1e-11, 1e-10, 1e-9, 1e-8,
                                      1e-7,  1e-6,  1e-5,  1e-4,  1e-3,  1e-2,  1e-1,  1e0,  1e1,
                                      1e2,   1e3,   1e4,   1e5,   1e6,   1e7,   1e8,   1e9,  1e10,
                                      1e11,  1e12,  1e13,  1e14,  1e15,  1e16, 1e17, 1e18};
  constexpr int kOffset = 16;  // kPow10[kOffset + e] == 10^e, for e from -16 to 18: the scale
                               // 10^(3 - e) below reaches 10^18 for e = -15
  const double a = std::fabs(v);
  if (a < 1e-15 || a >= 1e15) {  // outside what a report holds: the slow, general path
    out += FormatNumber(v, 4);
    return;
  }
  int e = 0;  // 10^e <= a < 10^(e+1)
  while (e < 15 && a >= kPow10[kOffset + e + 1]) ++e;
  while (e > -15 && a < kPow10[kOffset + e]) --e;
  // The 4 leading digits, rounded half away from zero (like llround: the scaled value is positive
  // and below 10^4, so adding one half and truncating is exact and avoids a libm call in WASM).
  const double scaled = a * kPow10[kOffset + 3 - e];
  // Within floating-point error of a rounding boundary: the exact path decides (correct rounding).
  if (std::fabs(scaled - std::floor(scaled) - 0.5) < 1e-6) {
    out += FormatNumber(v, 4);
    return;
  }
  int m = static_cast<int>(scaled + 0.5);
  if (m >= 10000) {
    m = (m + 5) / 10;
    ++e;
  }
  const char digits[4] = {static_cast<char>('0' + m / 1000), static_cast<char>('0' + m / 100 % 10),
                          static_cast<char>('0' + m / 10 % 10), static_cast<char>('0' + m % 10)};
  if (v < 0) out += '-';
  if (e >= 3) {
    out.append(digits, 4);
    out.append(static_cast<size_t>(e - 3), '0');
    return;
  }
  int last = 3;  // drop trailing zeros of the fraction
  while (last > e && last > 0 && digits[last] == '0') --last;
  if (e >= 0) {
    out.append(digits, static_cast<size_t>(e) + 1);
    if (last > e) {
      out += '.';
      out.append(digits + e + 1, static_cast<size_t>(last - e));
    }
    return;
  }
  out += "0.";
  out.append(static_cast<size_t>(-e - 1), '0');
  out.append(digits, static_cast<size_t>(last) + 1);
}

void AppendJsonQuoted(std::string& out, std::string_view s) { QuoteTo(out, s); }
void AppendJsonQuoted(OutBuffer& out, std::string_view s) { QuoteTo(out, s); }
void AppendJsonNumber(std::string& out, double v) { NumberTo(out, v); }
void AppendJsonNumber(OutBuffer& out, double v) { NumberTo(out, v); }
void AppendJsonRounded(std::string& out, double v) { RoundedTo(out, v); }
void AppendJsonRounded(OutBuffer& out, double v) { RoundedTo(out, v); }

void JsonWriter::Key(std::string_view k) {
  Separate();
  AppendJsonQuoted(out_, k);
  out_.push_back(':');
  comma_ = false;
}

}  // namespace omsaid
