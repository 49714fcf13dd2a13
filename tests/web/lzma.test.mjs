// SPDX-License-Identifier: MIT
// The raw-LZMA1 decoder web/build.mjs relies on to inline the WebAssembly module: round trips
// against python3's lzma (the encoder the build uses), with several property sets and inputs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createRequire } from 'node:module';

const { lzmaDecode, fromBase64, toBase64 } = createRequire(import.meta.url)('../../web/src/lzma-decode.cjs');

function compress(bytes, { lc, lp, pb }) {
  const script = [
    'import lzma, sys',
    `f = [{"id": lzma.FILTER_LZMA1, "preset": 9, "lc": ${lc}, "lp": ${lp}, "pb": ${pb}, "dict_size": 1 << 20}]`,
    'sys.stdout.buffer.write(lzma.compress(sys.stdin.buffer.read(), format=lzma.FORMAT_RAW, filters=f))',
  ].join('\n');
  return new Uint8Array(execFileSync('python3', ['-c', script], { input: bytes }));
}

const text = Buffer.from('dancing eyes, dancing feet; '.repeat(2000) + 'the end');
const inputs = {
  empty: new Uint8Array(0),
  'one byte': new Uint8Array([42]),
  text,
  random: randomBytes(50000),
  mixed: Buffer.concat([randomBytes(3000), text, randomBytes(100), text.subarray(0, 5000)]),
};

for (const props of [{ lc: 3, lp: 0, pb: 2 }, { lc: 4, lp: 0, pb: 0 }, { lc: 0, lp: 2, pb: 1 }]) {
  test(`round trip with lc=${props.lc} lp=${props.lp} pb=${props.pb}`, () => {
    for (const [name, bytes] of Object.entries(inputs)) {
      const out = lzmaDecode(compress(bytes, props), bytes.length, props.lc, props.lp, props.pb);
      assert.deepEqual(Buffer.from(out), Buffer.from(bytes), name);
    }
  });
}

test('a corrupt or truncated stream throws instead of returning wrong bytes', () => {
  const packed = compress(text, { lc: 3, lp: 0, pb: 2 });
  assert.throws(() => lzmaDecode(Uint8Array.of(1, ...packed.subarray(1)), text.length), /bad stream/);
  assert.throws(() => lzmaDecode(packed, text.length + 10), /lzma/);
});

test('base64 helpers round trip', () => {
  const bytes = randomBytes(100001);
  assert.deepEqual(Buffer.from(fromBase64(toBase64(bytes))), bytes);
  assert.equal(toBase64(bytes), bytes.toString('base64'));
});
