// SPDX-License-Identifier: MIT
// A small raw-LZMA1 decoder (the algorithm of the public-domain LzmaSpec.cpp by Igor Pavlov).
// Why: web/build.mjs ships the WebAssembly module LZMA-compressed (about 20% smaller than gzip),
// which keeps the whole self-contained page inside its size budget. Decoding the ~400 KB module
// takes a few milliseconds, once per page. CommonJS so that the generated Emscripten wrapper can
// require() it both in Node (tests) and in the esbuild bundle.
'use strict';

/**
 * Decodes a raw LZMA1 stream (no header) of known output size.
 * @param {Uint8Array} input  the compressed bytes
 * @param {number} size       the decompressed size in bytes
 * @param {number} lc, lp, pb the stream's literal/position properties
 * @returns {Uint8Array}
 */
function lzmaDecode(input, size, lc = 3, lp = 0, pb = 2) {
  // All probabilities live in one array (monomorphic access, ~2x faster than one array each).
  const IS_MATCH = 0;
  const IS_REP = 192;
  const IS_REP_G0 = 204;
  const IS_REP_G1 = 216;
  const IS_REP_G2 = 228;
  const IS_REP0_LONG = 240;
  const POS_SLOT = 432;
  const POS_CODERS = 688;
  const ALIGN = 803;
  const LEN = 819; // choice 2, low 16x8, mid 16x8, high 256
  const REP_LEN = 1333;
  const LITERAL = 1847;
  const P = new Uint16Array(LITERAL + (0x300 << (lc + lp))).fill(1024);
  const out = new Uint8Array(size);
  let ip = 0;
  let range = 0xffffffff;
  let code = 0;
  if (input[ip++] !== 0) throw new Error('lzma: bad stream');
  for (let i = 0; i < 4; i++) code = ((code << 8) | input[ip++]) >>> 0;

  const bit = (i) => {
    const p = P[i];
    const bound = (range >>> 11) * p;
    let b = 0;
    if (code < bound) {
      range = bound;
      P[i] = p + ((2048 - p) >> 5);
    } else {
      range -= bound;
      code -= bound;
      P[i] = p - (p >> 5);
      b = 1;
    }
    if (range < 0x1000000) {
      range = (range << 8) >>> 0;
      code = ((code << 8) | input[ip++]) >>> 0;
    }
    return b;
  };
  const tree = (base, n) => {
    let m = 1;
    for (let i = 0; i < n; i++) m = (m << 1) | bit(base + m);
    return m - (1 << n);
  };
  const reverse = (base, n) => {
    let m = 1;
    let s = 0;
    for (let i = 0; i < n; i++) {
      const b = bit(base + m);
      m = (m << 1) | b;
      s |= b << i;
    }
    return s;
  };
  const direct = (n) => {
    let r = 0;
    while (n--) {
      range >>>= 1;
      if (code >= range) {
        code -= range;
        r = (r << 1) | 1;
      } else r <<= 1;
      if (range < 0x1000000) {
        range = (range << 8) >>> 0;
        code = ((code << 8) | input[ip++]) >>> 0;
      }
    }
    return r >>> 0;
  };
  const length = (L, posState) => {
    if (!bit(L)) return tree(L + 2 + (posState << 3), 3);
    if (!bit(L + 1)) return 8 + tree(L + 130 + (posState << 3), 3);
    return 16 + tree(L + 258, 8);
  };

  const pbMask = (1 << pb) - 1;
  const lpMask = (1 << lp) - 1;
  let state = 0;
  let rep0 = 0;
  let rep1 = 0;
  let rep2 = 0;
  let rep3 = 0;
  let pos = 0;

  while (pos < size) {
    const posState = pos & pbMask;
    if (!bit(IS_MATCH + (state << 4) + posState)) {
      const prev = pos > 0 ? out[pos - 1] : 0;
      const base = LITERAL + 0x300 * (((pos & lpMask) << lc) + (prev >> (8 - lc)));
      let s = 1;
      if (state >= 7) {
        let match = out[pos - rep0 - 1];
        do {
          const mb = (match >> 7) & 1;
          match <<= 1;
          const b = bit(base + ((1 + mb) << 8) + s);
          s = (s << 1) | b;
          if (mb !== b) break;
        } while (s < 0x100);
      }
      while (s < 0x100) s = (s << 1) | bit(base + s);
      out[pos++] = s & 0xff;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    let len;
    if (bit(IS_REP + state)) {
      if (pos === 0) throw new Error('lzma: bad stream');
      if (!bit(IS_REP_G0 + state)) {
        if (!bit(IS_REP0_LONG + (state << 4) + posState)) {
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1];
          pos++;
          continue;
        }
      } else {
        let dist;
        if (!bit(IS_REP_G1 + state)) dist = rep1;
        else {
          if (!bit(IS_REP_G2 + state)) dist = rep2;
          else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = length(REP_LEN, posState);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = length(LEN, posState);
      state = state < 7 ? 7 : 10;
      const slot = tree(POS_SLOT + ((len < 3 ? len : 3) << 6), 6);
      if (slot < 4) rep0 = slot;
      else {
        const n = (slot >> 1) - 1;
        let dist = ((2 | (slot & 1)) << n) >>> 0;
        if (slot < 14) dist += reverse(POS_CODERS + dist - slot, n);
        else dist += (direct(n - 4) << 4) + reverse(ALIGN, 4);
        rep0 = dist >>> 0;
      }
      if (rep0 === 0xffffffff) break; // end marker
      if (rep0 >= pos) throw new Error('lzma: bad stream');
    }
    len += 2;
    if (pos + len > size) throw new Error('lzma: bad stream');
    for (; len > 0; len--, pos++) out[pos] = out[pos - rep0 - 1];
  }
  if (pos !== size) throw new Error('lzma: truncated stream');
  return out;
}

/** Base64 text to bytes. */
function fromBase64(text) {
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
