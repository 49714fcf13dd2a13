// SPDX-License-Identifier: MIT
// Internal: small text helpers (identifier formats, dates, durations, safe message clipping).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace omsaid {

/// "HP:" followed by exactly 7 digits.
bool IsHpoId(std::string_view s);

/// A real calendar date written YYYY-MM-DD (years 1900-2999).
bool IsIsoDate(std::string_view s);

/// An ISO 8601 duration of years/months/weeks/days ("P1Y6M", "P18M", "P3W", "P10D") in years.
std::optional<double> ParseIsoDurationYears(std::string_view s);

/// `s` quoted in a one-line message: at most 60 bytes of it, cut on a UTF-8 boundary (with "…" when
/// cut), control characters shown as \n, \t, \r or \u001b (never raw: a line break would split
/// the CLI's one-line error, an escape sequence would act on the terminal) and stray bytes as
/// U+FFFD.
std::string ClipForMessage(std::string_view s);

/// Appends a warning, keeping at most kMaxWarnings (omsaid/case.h) of them: the others are only
/// counted, in a last warning "and N more warnings not listed". Every warning of a case and of its
/// report goes through here.
void AddWarning(std::vector<std::string>* warnings, std::string warning);

/// True when `s` is well-formed UTF-8 (no stray or truncated bytes, overlongs or surrogates).
bool IsValidUtf8(std::string_view s);

/// `s` made safe for a message, as in ClipForMessage (stray bytes as U+FFFD, control characters
/// escaped), cut on a character boundary to at most `max_bytes` (plus "…" when cut).
std::string SanitizeUtf8(std::string_view s, size_t max_bytes);

}  // namespace omsaid
