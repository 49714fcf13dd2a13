// SPDX-License-Identifier: MIT
// Unpacks the engine's WebAssembly module, which web/build.mjs inlines LZMA-compressed (about 20%
// smaller than gzip: the self-contained page stays small). The decoding itself is done by a tiny
// WebAssembly module of its own (wasm/lzma_decoder.c, ~5 KB, no imports): it runs once per page,
// cold, and in JavaScript that took 80-140 ms in Chromium against 20-40 ms compiled ahead of time
// (wasm/README.md). CommonJS so that the generated Emscripten wrapper can require() it both in
// Node (tests) and in the esbuild bundle.
'use strict';

const ERRORS = {
  '-1': 'bad parameters or stream header',
  '-2': 'the stream ends early',
  '-3': 'a distance before the start of the output',
  '-4': 'more output than expected',
  '-5': 'the stream ends before the expected size',
};

/**
 * Decodes a raw LZMA1 stream (no header) of known output size.
 * @param {Uint8Array} decoder  the bytes of wasm/lzma_decoder.c's module
 * @param {Uint8Array} input    the compressed bytes
 * @param {number} size         the decompressed size in bytes
 * @param {number} lc, lp, pb   the stream's literal/position properties
 * @returns {Uint8Array} a view of the decoded bytes
 * @throws {Error} 'lzma: …' on a corrupt or truncated stream
 */
function lzmaDecode(decoder, input, size, lc = 3, lp = 0, pb = 2) {
  const { exports: x } = new WebAssembly.Instance(new WebAssembly.Module(decoder), {});
  const probs = (x.__heap_base.value + 7) & ~7;
  const inputAt = probs + 2 * (1847 + (0x300 << (lc + lp)));
  const outputAt = inputAt + input.length;
  const pages = Math.ceil((outputAt + size) / 65536) - x.memory.buffer.byteLength / 65536;
  if (pages > 0) x.memory.grow(pages);
  new Uint8Array(x.memory.buffer, inputAt, input.length).set(input);
  const rc = x.lzma_decode(inputAt, input.length, outputAt, size, lc, lp, pb, probs);
  if (rc !== 0) throw new Error(`lzma: bad stream (${ERRORS[rc] ?? rc})`);
  return new Uint8Array(x.memory.buffer, outputAt, size);
}

/** Base64 text to bytes (the built-in decoder where the browser has one). */
function fromBase64(text) {
  if (typeof Uint8Array.fromBase64 === 'function') return Uint8Array.fromBase64(text);
  const bin = atob(text);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

/** Bytes to base64 text. */
function toBase64(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin);
}

module.exports = { lzmaDecode, fromBase64, toBase64 };
