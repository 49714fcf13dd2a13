// SPDX-License-Identifier: MIT
// Internal: small text helpers (identifier formats, dates, durations, safe message clipping).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace omsaid {

/// "HP:" followed by exactly 7 digits.
bool IsHpoId(std::string_view s);

/// A real calendar date written YYYY-MM-DD (years 1900-2999).
bool IsIsoDate(std::string_view s);

/// An ISO 8601 duration of years/months/weeks/days ("P1Y6M", "P18M", "P3W", "P10D") in years.
std::optional<double> ParseIsoDurationYears(std::string_view s);

/// At most 60 bytes of `s` for an error message, cut on a UTF-8 boundary, with "…" when cut.
std::string ClipForMessage(std::string_view s);

/// True when `s` is well-formed UTF-8 (no stray or truncated bytes, overlongs or surrogates).
bool IsValidUtf8(std::string_view s);

/// `s` made safe for a message: every byte that is not part of well-formed UTF-8 becomes U+FFFD,
/// and the result is cut on a character boundary to at most `max_bytes` (plus "…" when cut).
std::string SanitizeUtf8(std::string_view s, size_t max_bytes);

}  // namespace omsaid
