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

/// A JSON string literal for `s` (quotes and escapes), for hand-written serialisation.
std::string JsonQuote(std::string_view s);
/// Appends JsonQuote(s) to `out`.
void AppendJsonQuoted(std::string& out, std::string_view s);
/// A number as JSON: integers exactly, others with 10 significant digits; non-finite as null.
void AppendJsonNumber(std::string& out, double v);
/// A number rounded to 4 significant digits, as JSON (fast; used for probabilities and ratios).
void AppendJsonRounded(std::string& out, double v);

/// Streams JSON into a string; commas are managed, strings escaped. Used for the report and the case
/// export, where building a DOM first would cost more than the evaluation itself.
class JsonWriter {
 public:
  JsonWriter() = default;
  explicit JsonWriter(size_t capacity) { out_.reserve(capacity); }
  void BeginObject() { Open('{'); }
  void EndObject() { Close('}'); }
  void BeginArray() { Open('['); }
  void EndArray() { Close(']'); }
  void Key(std::string_view k);
  void String(std::string_view s);
  void Number(double v);
  /// A number rounded to 4 significant digits.
  void Rounded(double v);
  void Bool(bool v);
  void Null();
  /// A value that is already JSON text.
  void Raw(std::string_view json);
  /// Members `"a":1,"b":2` that are already JSON text, inside the current object.
  void RawMembers(std::string_view members);

  /// Key + value shorthands.
  void Field(std::string_view k, std::string_view v) { Key(k); String(v); }
  void Field(std::string_view k, const char* v) { Key(k); String(v); }
  void Field(std::string_view k, double v) { Key(k); Number(v); }
  void Field(std::string_view k, int v) { Key(k); Number(v); }
  void Field(std::string_view k, bool v) { Key(k); Bool(v); }

  const std::string& str() const { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Separate();
  void Open(char c);
  void Close(char c);
  std::string out_;
  std::vector<bool> first_;  // per open container: no element written yet
  bool after_key_ = false;
};

}  // namespace omsaid
