// SPDX-License-Identifier: MIT
// A raw LZMA1 decoder compiled to its own tiny WebAssembly module (no libc, no imports), which the
// page uses to unpack the engine's module before compiling it. The algorithm is that of the
// public-domain LzmaSpec.cpp by Igor Pavlov. Why WebAssembly: the page runs the decoder once,
// cold, and the same decoder in JavaScript took 80-140 ms in Chromium before the JIT caught up;
// compiled ahead of time it runs at near-native speed from the first byte (figures:
// wasm/README.md).
//
// int lzma_decode(const u8* in, u32 in_size, u8* out, u32 out_size, u32 lc, u32 lp, u32 pb,
//                 u16* probs)
//   probs: scratch space of 1847 + (0x300 << (lc + lp)) 16-bit slots.
//   Returns 0 on success, or a negative code: -1 bad parameters or header, -2 the input ended
//   early, -3 a distance before the start of the output, -4 more output than out_size, -5 the
//   stream ended before out_size bytes.

typedef unsigned char u8;
typedef unsigned short u16;
typedef unsigned int u32;

enum {
  kIsMatch = 0,       // [state << 4 | posState], 12 x 16
  kIsRep = 192,       // [state]
  kIsRepG0 = 204,
  kIsRepG1 = 216,
  kIsRepG2 = 228,
  kIsRep0Long = 240,  // [state << 4 | posState]
  kPosSlot = 432,     // 4 x 64
  kPosCoders = 688,   // 115 (indices 1 .. 114 used, from base + dist - slot)
  kAlign = 803,       // 16
  kLen = 819,         // choice, choice2, low 16 x 8, mid 16 x 8, high 256
  kRepLen = 1333,
  kLiteral = 1847,
};

typedef struct {
  const u8* in;
  u32 in_size;
  u32 ip;
  u32 range;
  u32 code;
  u16* p;
  int overrun;
} Rc;

static inline u32 NextByte(Rc* rc) {
  if (rc->ip < rc->in_size) return rc->in[rc->ip++];
  rc->overrun = 1;
  return 0;
}

static inline u32 Bit(Rc* rc, u32 i) {
  u32 p = rc->p[i];
  u32 bound = (rc->range >> 11) * p;
  u32 b;
  if (rc->code < bound) {
    rc->range = bound;
    rc->p[i] = (u16)(p + ((2048 - p) >> 5));
    b = 0;
  } else {
    rc->range -= bound;
    rc->code -= bound;
    rc->p[i] = (u16)(p - (p >> 5));
    b = 1;
  }
  if (rc->range < 0x1000000u) {
    rc->range <<= 8;
    rc->code = (rc->code << 8) | NextByte(rc);
  }
  return b;
}

static inline u32 Tree(Rc* rc, u32 base, u32 n) {
  u32 m = 1;
  for (u32 i = 0; i < n; i++) m = (m << 1) | Bit(rc, base + m);
  return m - (1u << n);
}

static inline u32 Reverse(Rc* rc, u32 base, u32 n) {
  u32 m = 1, s = 0;
  for (u32 i = 0; i < n; i++) {
    u32 b = Bit(rc, base + m);
    m = (m << 1) | b;
    s |= b << i;
  }
  return s;
}

static u32 Direct(Rc* rc, u32 n) {
  u32 r = 0;
  while (n--) {
    rc->range >>= 1;
    u32 b = rc->code >= rc->range;
    if (b) rc->code -= rc->range;
    r = (r << 1) | b;
    if (rc->range < 0x1000000u) {
      rc->range <<= 8;
      rc->code = (rc->code << 8) | NextByte(rc);
    }
  }
  return r;
}

static u32 Length(Rc* rc, u32 base, u32 pos_state) {
  if (!Bit(rc, base)) return Tree(rc, base + 2 + (pos_state << 3), 3);
  if (!Bit(rc, base + 1)) return 8 + Tree(rc, base + 130 + (pos_state << 3), 3);
  return 16 + Tree(rc, base + 258, 8);
}

__attribute__((export_name("lzma_decode"))) int lzma_decode(const u8* in, u32 in_size, u8* out,
                                                            u32 out_size, u32 lc, u32 lp, u32 pb,
                                                            u16* probs) {
  if (lc > 8 || lp > 4 || pb > 4 || in_size < 5 || in[0] != 0) return -1;
  const u32 n_probs = kLiteral + (0x300u << (lc + lp));
  for (u32 i = 0; i < n_probs; i++) probs[i] = 1024;
  Rc rc = {in, in_size, 5, 0xffffffffu, 0, probs, 0};
  for (u32 i = 1; i < 5; i++) rc.code = (rc.code << 8) | in[i];

  const u32 pb_mask = (1u << pb) - 1, lp_mask = (1u << lp) - 1;
  u32 state = 0, rep0 = 0, rep1 = 0, rep2 = 0, rep3 = 0, pos = 0;
  while (pos < out_size) {
    if (rc.overrun) return -2;
    const u32 pos_state = pos & pb_mask;
    if (!Bit(&rc, kIsMatch + (state << 4) + pos_state)) {
      const u32 prev = pos > 0 ? out[pos - 1] : 0;
      const u32 base = kLiteral + 0x300u * (((pos & lp_mask) << lc) + (prev >> (8 - lc)));
      u32 s = 1;
      if (state >= 7) {
        u32 match = out[pos - rep0 - 1];
        do {
          const u32 mb = (match >> 7) & 1;
          match <<= 1;
          const u32 b = Bit(&rc, base + ((1 + mb) << 8) + s);
          s = (s << 1) | b;
          if (mb != b) break;
        } while (s < 0x100);
      }
      while (s < 0x100) s = (s << 1) | Bit(&rc, base + s);
      out[pos++] = (u8)s;
      state = state < 4 ? 0 : state < 10 ? state - 3 : state - 6;
      continue;
    }
    u32 len;
    if (Bit(&rc, kIsRep + state)) {
      if (pos == 0) return -3;
      if (!Bit(&rc, kIsRepG0 + state)) {
        if (!Bit(&rc, kIsRep0Long + (state << 4) + pos_state)) {
          state = state < 7 ? 9 : 11;
          out[pos] = out[pos - rep0 - 1];
          pos++;
          continue;
        }
      } else {
        u32 dist;
        if (!Bit(&rc, kIsRepG1 + state)) {
          dist = rep1;
        } else {
          if (!Bit(&rc, kIsRepG2 + state)) {
            dist = rep2;
          } else {
            dist = rep3;
            rep3 = rep2;
          }
          rep2 = rep1;
        }
        rep1 = rep0;
        rep0 = dist;
      }
      len = Length(&rc, kRepLen, pos_state);
      state = state < 7 ? 8 : 11;
    } else {
      rep3 = rep2;
      rep2 = rep1;
      rep1 = rep0;
      len = Length(&rc, kLen, pos_state);
      state = state < 7 ? 7 : 10;
      const u32 slot = Tree(&rc, kPosSlot + ((len < 3 ? len : 3) << 6), 6);
      if (slot < 4) {
        rep0 = slot;
      } else {
        const u32 n = (slot >> 1) - 1;
        u32 dist = (2 | (slot & 1)) << n;
        if (slot < 14) dist += Reverse(&rc, kPosCoders + dist - slot, n);
        else dist += (Direct(&rc, n - 4) << 4) + Reverse(&rc, kAlign, 4);
        rep0 = dist;
      }
      if (rep0 == 0xffffffffu) break;  // end marker
      if (rep0 >= pos) return -3;
    }
    len += 2;
    if (len > out_size - pos) return -4;
    for (u32 from = pos - rep0 - 1; len > 0; len--) out[pos++] = out[from++];
  }
  if (rc.overrun) return -2;
  return pos == out_size ? 0 : -5;
}
