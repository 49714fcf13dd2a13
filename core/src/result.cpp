// SPDX-License-Identifier: MIT
#include "omsaid/result.h"

namespace omsaid {

std::string_view ToString(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalidJson: return "invalid_json";
    case ErrorCode::kTooLarge: return "too_large";
    case ErrorCode::kTooDeep: return "too_deep";
    case ErrorCode::kWrongType: return "wrong_type";
    case ErrorCode::kMissingField: return "missing_field";
    case ErrorCode::kUnsupportedVersion: return "unsupported_version";
    case ErrorCode::kInvalidValue: return "invalid_value";
    case ErrorCode::kLimitExceeded: return "limit_exceeded";
    case ErrorCode::kContradiction: return "contradiction";
    case ErrorCode::kUnknownKind: return "unknown_kind";
    case ErrorCode::kUnknownReference: return "unknown_reference";
    case ErrorCode::kDuplicateId: return "duplicate_id";
    case ErrorCode::kInvalidRule: return "invalid_rule";
    case ErrorCode::kInternal: return "internal";
  }
  return "internal";
}

std::string Error::ToString() const {
  if (path.empty()) return message;
  return path + ": " + message;
}

Error MakeError(ErrorCode code, std::string path, std::string message) {
  return Error{code, std::move(message), std::move(path)};
}

}  // namespace omsaid
