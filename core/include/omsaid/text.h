// SPDX-License-Identifier: MIT
// Text helpers the programs around the core share (the CLI, the WASM bindings), so that there is
// one JSON string escaper and one way of making outside text safe to print.
//
// Example:
//   std::string line = "{\"message\":" + omsaid::JsonQuote(error.message) + "}";
//   std::fprintf(stderr, "omsaid: %s\n", omsaid::PrintableLine(error.ToString()).c_str());
#pragma once

#include <string>
#include <string_view>

namespace omsaid {

/// `s` as a JSON string literal: quotes, and backslash escapes for '"', '\\' and every control
/// character.
std::string JsonQuote(std::string_view s);

/// `s` made safe for one line of a terminal or a log: every control character (line breaks and
/// escape sequences included) written as \u00XX, and stray bytes of invalid UTF-8 as U+FFFD.
std::string PrintableLine(std::string_view s);

/// JSON text with every non-ASCII character written as a \uXXXX escape (a surrogate pair above
/// U+FFFF; a stray byte of invalid UTF-8 as \ufffd). The same JSON value, in ASCII: outside string
/// literals JSON is ASCII already, so the escapes always land inside one. The page decodes ASCII
/// text about 30 times faster than UTF-8 with a few accented letters (TextDecoder's fast path).
/// Text that is ASCII already is returned as it is (moved, not copied).
std::string AsciiJson(std::string json);

}  // namespace omsaid
