// SPDX-License-Identifier: MIT
// Internal: the only place the core touches nlohmann::json parsing, plus typed, path-aware readers.
// Policy (the WASM build has no exceptions, so anything that would throw aborts): parse with a SAX
// handler that never throws; read values only after checking their type with is_*().
#pragma once

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "omsaid/result.h"
#include "omsaid/text.h"

namespace omsaid {

using Json = nlohmann::json;

/// Limits applied to every JSON document before any other work.
struct JsonLimits {
  size_t max_bytes = 1 << 20;  ///< 1 MiB
  int max_depth = 32;          ///< nested arrays/objects
};

/// Parses `text` into a DOM. Rejects: text over the size limit, nesting over the depth limit,
/// duplicate keys in one object (with their path), non-finite numbers, and anything that is not
/// JSON (with line and column). Never throws.
Result<Json> ParseJson(std::string_view text, const JsonLimits& limits = {});

/// `parent.key` (or `key` at the root).
std::string JoinPath(std::string_view parent, std::string_view key);
/// `parent[index]`.
std::string IndexPath(std::string_view parent, size_t index);

/// "a string", "a number", ... for messages.
std::string_view JsonTypeName(const Json& value);

/// Reads typed values and records one Error per problem. Used by the case parser (which stops at
/// the first problem) and by the knowledge-base loader (which collects all of them).
class JsonReader {
 public:
  explicit JsonReader(std::vector<Error>* problems) : problems_(problems) {}

  void Problem(ErrorCode code, std::string path, std::string message);
  bool HasProblems() const { return !problems_->empty(); }
  size_t ProblemCount() const { return problems_->size(); }

  /// The member `key` of object `obj`, or nullptr. A missing required member is a problem.
  const Json* Member(const Json& obj, std::string_view key, std::string_view obj_path,
                     bool required);

  bool ExpectObject(const Json& v, std::string_view path);
  /// Calls `f(element, path, index)` for each element of `array` that is an object, `path` being
  /// `array_path[index]`; each element that is not an object is a problem. (`array` must be an
  /// array: check it with ExpectArray first.)
  template <typename F>
  void ForEachObject(const Json& array, std::string_view array_path, F&& f) {
    for (size_t i = 0; i < array.size(); ++i) {
      const std::string path = IndexPath(array_path, i);
      const Json& element = array[i];
      if (ExpectObject(element, path)) f(element, path, i);
    }
  }
  bool ExpectArray(const Json& v, std::string_view path);
  std::optional<std::string> String(const Json& v, std::string_view path,
                                    size_t max_length = 10000);
  std::optional<double> Number(const Json& v, std::string_view path);
  std::optional<double> NumberInRange(const Json& v, std::string_view path, double lo, double hi);
  std::optional<int64_t> Integer(const Json& v, std::string_view path);
  std::optional<bool> Bool(const Json& v, std::string_view path);
  /// A string that must be one of `allowed`.
  std::optional<std::string> Enum(const Json& v, std::string_view path,
                                  std::initializer_list<std::string_view> allowed);
  /// An array of strings.
  std::optional<std::vector<std::string>> StringArray(const Json& v, std::string_view path,
                                                      size_t max_items = 10000);

 private:
  std::vector<Error>* problems_;
};

/// A growable byte buffer with inline appends. The report writer uses it instead of std::string:
/// in WASM, std::string::append is an out-of-line call into the prebuilt libc++, and it dominated
/// the time to write a report.
class OutBuffer {
 public:
  OutBuffer() = default;
  explicit OutBuffer(size_t capacity) { Reserve(capacity); }
  OutBuffer(const OutBuffer&) = delete;
  OutBuffer& operator=(const OutBuffer&) = delete;
  ~OutBuffer() { delete[] data_; }

  // The appends are small and always inlined; growing is the rare, out-of-line path.
  [[gnu::always_inline]] void append(const char* p, size_t n) {
    if (__builtin_expect(n > capacity_ - size_, 0)) Grow(n);
    __builtin_memcpy(data_ + size_, p, n);
    size_ += n;
  }
  [[gnu::always_inline]] void append(std::string_view s) { append(s.data(), s.size()); }
  void append(size_t n, char c) {
    if (n > capacity_ - size_) Grow(n);
    __builtin_memset(data_ + size_, c, n);
    size_ += n;
  }
  [[gnu::always_inline]] void push_back(char c) {
    if (__builtin_expect(size_ == capacity_, 0)) Grow(1);
    data_[size_++] = c;
  }
  OutBuffer& operator+=(std::string_view s) {
    append(s);
    return *this;
  }
  OutBuffer& operator+=(char c) {
    push_back(c);
    return *this;
  }
  size_t size() const { return size_; }
  std::string_view view() const { return std::string_view(data_, size_); }
  std::string str() const { return std::string(data_, size_); }

 private:
  [[gnu::noinline]] void Grow(size_t more) { Reserve((size_ + more) * 2); }
  void Reserve(size_t capacity) {
    if (capacity <= capacity_) return;
    char* grown = new char[capacity];
    if (size_) __builtin_memcpy(grown, data_, size_);
    delete[] data_;
    data_ = grown;
    capacity_ = capacity;
  }
  char* data_ = nullptr;
  size_t size_ = 0, capacity_ = 0;
};

// JsonQuote (a JSON string literal for `s`) is declared in omsaid/text.h.

/// `v` with at most `significant` significant digits, like printf's %g but without printf (which
/// pulls its floating-point machinery into the WASM module): integers in full, decimals without
/// trailing zeros, and an exponent only outside 1e-5..1e15. Non-finite values give "null".
std::string FormatNumber(double v, int significant);
/// An integer in decimal.
std::string FormatInt(long long v);
/// Appends JsonQuote(s) to `out`.
void AppendJsonQuoted(std::string& out, std::string_view s);
void AppendJsonQuoted(OutBuffer& out, std::string_view s);
/// A number as JSON: integers exactly, others with 10 significant digits; non-finite as null.
void AppendJsonNumber(std::string& out, double v);
void AppendJsonNumber(OutBuffer& out, double v);
/// A number rounded to 4 significant digits, as JSON (fast; used for probabilities and ratios).
void AppendJsonRounded(std::string& out, double v);
void AppendJsonRounded(OutBuffer& out, double v);

/// Streams JSON into a string; commas are managed, strings escaped. Used for the report and the case
/// export, where building a DOM first would cost more than the evaluation itself.
class JsonWriter {
 public:
  JsonWriter() = default;
  explicit JsonWriter(size_t capacity) : out_(capacity) {}
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view k);
  /// A key that is a string literal known to need no escaping (the report's own keys).
  template <size_t N>
  void Key(const char (&literal)[N]) {
    Separate();
    out_.push_back('"');
    out_.append(literal, N - 1);
    out_.append("\":", 2);
    comma_ = false;
  }
  void String(std::string_view s) {
    Separate();
    AppendJsonQuoted(out_, s);
    comma_ = true;
  }
  void Number(double v) {
    Separate();
    AppendJsonNumber(out_, v);
    comma_ = true;
  }
  /// A number rounded to 4 significant digits.
  void Rounded(double v) {
    Separate();
    AppendJsonRounded(out_, v);
    comma_ = true;
  }
  void Bool(bool v) {
    Separate();
    if (v) out_.append("true", 4); else out_.append("false", 5);
    comma_ = true;
  }
  void Null() {
    Separate();
    out_.append("null", 4);
    comma_ = true;
  }
  /// A value that is already JSON text.
  void Raw(std::string_view json) {
    Separate();
    out_.append(json);
    comma_ = true;
  }
  /// Members `"a":1,"b":2` that are already JSON text (or none), inside the current object.
  void RawMembers(std::string_view members) {
    if (members.empty()) return;
    Separate();
    out_.append(members);
    comma_ = true;
  }

  /// Key + value shorthands.
  template <size_t N>
  void Field(const char (&k)[N], std::string_view v) { Key(k); String(v); }
  template <size_t N>
  void Field(const char (&k)[N], const char* v) { Key(k); String(v); }
  template <size_t N>
  void Field(const char (&k)[N], double v) { Key(k); Number(v); }
  template <size_t N>
  void Field(const char (&k)[N], int v) { Key(k); Number(v); }
  template <size_t N>
  void Field(const char (&k)[N], bool v) { Key(k); Bool(v); }
  void Field(const std::string& k, std::string_view v) { Key(std::string_view(k)); String(v); }
  void Field(const std::string& k, double v) { Key(std::string_view(k)); Number(v); }

  std::string str() const { return out_.str(); }
  std::string Take() { return out_.str(); }

 private:
  // A comma is due before the next key or value when the last thing written was a value or a
  // closed container (not an opening bracket or a key): no stack of containers is needed.
  void Separate() {
    if (comma_) out_.push_back(',');
  }
  void Open(char c) {
    Separate();
    out_.push_back(c);
    comma_ = false;
  }
  void Close(char c) {
    out_.push_back(c);
    comma_ = true;
  }
  OutBuffer out_;
  bool comma_ = false;
};

}  // namespace omsaid
