// SPDX-License-Identifier: MIT
// Errors as values. The core is compiled with -fno-exceptions: nothing in it throws, every failure is
// returned as an Error naming what went wrong and where (a JSON path such as `findings.HP:0010543`).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <variant>

namespace omsaid {

/// Every way an input or a knowledge base can be rejected. Keep in sync with ToString().
enum class ErrorCode {
  kInvalidJson,         ///< the text is not JSON (the message gives line and column)
  kTooLarge,            ///< the text is longer than the input limit
  kTooDeep,             ///< arrays/objects nested deeper than the limit
  kWrongType,           ///< a value has the wrong JSON type
  kMissingField,        ///< a required field is absent
  kUnsupportedVersion,  ///< caseVersion / schemaVersion / reportVersion not supported
  kInvalidValue,        ///< a value is of the right type but not allowed (enum, range, format)
  kLimitExceeded,       ///< too many items or a string too long
  kContradiction,       ///< the same term is both present and absent
  kUnknownKind,         ///< a knowledge-base file with an unknown "kind"
  kUnknownReference,    ///< an id that does not resolve (feature, source, test, diagnosis ...)
  kDuplicateId,         ///< the same id defined twice
  kInvalidRule,         ///< a rule node of unknown type or with bad arguments
  kInternal,            ///< a bug: an invariant of the engine did not hold
};

/// Stable lower_snake_case name of a code, as used in the report, the CLI and the JS CoreError.
std::string_view ToString(ErrorCode code);

/// One problem: a code, a human-readable message and the JSON path of the offending value
/// ("" for the whole document).
struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;
  std::string path;

  /// "path: message", or the message alone when there is no path.
  std::string ToString() const;
};

/// The single funnel for building errors, so that codes and messages stay consistent.
Error MakeError(ErrorCode code, std::string path, std::string message);

/// A value or an Error, like std::expected (C++23). Example:
///
///     Result<Case> c = ParseCase(text, kb);
///     if (!c) return c.error();
///     Use(c.value());
template <class T>
class Result {
 public:
  Result(T value) : data_(std::move(value)) {}       // NOLINT(google-explicit-constructor)
  Result(Error error) : data_(std::move(error)) {}   // NOLINT(google-explicit-constructor)

  explicit operator bool() const { return data_.index() == 0; }
  bool ok() const { return data_.index() == 0; }

  /// Only valid when ok().
  const T& value() const& { return *std::get_if<0>(&data_); }
  T& value() & { return *std::get_if<0>(&data_); }
  T&& value() && { return std::move(*std::get_if<0>(&data_)); }

  /// Only valid when !ok().
  const Error& error() const { return *std::get_if<1>(&data_); }

 private:
  std::variant<T, Error> data_;
};

}  // namespace omsaid
