#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Builds dist/ from the WASM build (build-wasm/) and web/src:
//   web/generated/omsaid_core.cjs  Emscripten's JS with the .wasm bytes inlined (base64), for core.js
//   web/generated/omsaid_core.page.cjs  the same, reading the bytes from the page's data block
//   dist/oms-aid.js                one classic script defining <oms-aid> (for embedding)
//   dist/oms-aid.html              one self-contained page: inline script and style, strict CSP with
//                                  their hashes and 'wasm-unsafe-eval', the engine's bytes in a data
//                                  block after the script, nothing fetched
//   dist/embed-example.html        a host page embedding the element and a sandboxed iframe
// Usage: node web/build.mjs [--wasm-dir DIR] [--keep-names]
//   --keep-names  keep function names (for a readable CPU profile); the shipped build renames them
import { build } from 'esbuild';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const wasmDir = args.includes('--wasm-dir') ? resolve(args[args.indexOf('--wasm-dir') + 1]) : join(root, 'build-wasm/wasm');
const dist = join(root, 'dist');
const generated = join(root, 'web/generated');

function fail(message) {
  console.error(`web/build.mjs: ${message}`);
  process.exit(1);
}

// 1. The Emscripten module with its .wasm inlined. The bytes are LZMA-compressed (python3's lzma,
// always present where emscripten is) and base64-encoded: gzip of that is ~20% smaller than gzip
// of plain base64. A getter decodes them once, on first use, with the small decoder module built
// from wasm/lzma_decoder.c (inlined too), into the bytes core.js compiles (factory.wasmBytes).
// Without python3 the bytes are inlined as plain base64.
const jsFile = join(wasmDir, 'omsaid_core.js');
const wasmFile = join(wasmDir, 'omsaid_core.wasm');
const decoderFile = join(wasmDir, 'lzma_decoder.wasm');
for (const f of [jsFile, wasmFile, decoderFile]) if (!existsSync(f)) fail(`${f} missing: build the WASM module first`);
mkdirSync(generated, { recursive: true });
const wasm = readFileSync(wasmFile);
const LZMA = { lc: 4, lp: 0, pb: 0 };
let packed = null;
try {
  packed = execFileSync('python3', ['-c', [
    'import lzma, sys',
    `f = [{"id": lzma.FILTER_LZMA1, "preset": 9 | lzma.PRESET_EXTREME, "lc": ${LZMA.lc}, "lp": ${LZMA.lp}, "pb": ${LZMA.pb}, "dict_size": 1 << 22}]`,
    'sys.stdout.buffer.write(lzma.compress(sys.stdin.buffer.read(), format=lzma.FORMAT_RAW, filters=f))',
  ].join('\n')], { input: wasm, maxBuffer: 64 << 20 });
} catch (e) {
  console.warn(`web/build.mjs: python3 lzma unavailable (${e.message.split('\n')[0]}); inlining the module uncompressed`);
}
// The page (dist/oms-aid.html) does not carry the packed bytes inside its script: they sit in a
// data block after it (<script type="application/octet-stream" id="oms-aid-wasm">, never executed,
// so the CSP has nothing to allow), read once the document is parsed. V8 then compiles ~150 KB of
// script instead of ~470 KB before the first screen: with the CPU slowed 4x, the first screen came
// 100-300 ms sooner (alternating runs, wasm/README.md). The embeddable script keeps them inline.
const WASM_BLOCK_ID = 'oms-aid-wasm';
const base64 = (packed ?? wasm).toString('base64');
// The generated module's tail: `wasmBytes`, decoded once, on first use, from the base64 text that
// `text()` returns (written as `textFn`); `more` adds to the module.
const tail = (textFn, more = '') => `;(() => {
  const { lzmaDecode, fromBase64 } = require('../src/lzma-decode.cjs');
  const decoder = ${packed ? JSON.stringify(readFileSync(decoderFile).toString('base64')) : 'null'};
  const text = ${textFn};${more}
  let bytes = null;
  Object.defineProperty(module.exports, 'wasmBytes', {
    get: () => (bytes ??= ${packed ? `lzmaDecode(fromBase64(decoder), fromBase64(text()), ${wasm.length}, ${LZMA.lc}, ${LZMA.lp}, ${LZMA.pb})` : 'fromBase64(text())'}),
  });
})();\n`;
const inline = tail(`() => ${JSON.stringify(base64)}`);
const fromBlock = tail(`() => {
    const block = document.querySelector('script[type="application/octet-stream"]#${WASM_BLOCK_ID}');
    if (!block) throw new Error('this page has lost its engine (the #${WASM_BLOCK_ID} block): download it again');
    return block.textContent.trim();
  }`, `
  // Resolves once the data block is parsed (it follows the script that runs this).
  module.exports.wasmBytesReady = () => new Promise((resolve) => {
    if (document.readyState !== 'loading') resolve();
    else document.addEventListener('DOMContentLoaded', () => resolve(), { once: true });
  });`);
const emscripten = '// Generated by web/build.mjs from build-wasm/wasm/omsaid_core.{js,wasm}. Do not edit.\n' + readFileSync(jsFile, 'utf8') + '\n';
writeFileSync(join(generated, 'omsaid_core.cjs'), emscripten + inline);
writeFileSync(join(generated, 'omsaid_core.page.cjs'), emscripten + fromBlock);

// 2. The bundle.
mkdirSync(dist, { recursive: true });
// The page's bundle takes the engine's bytes from its data block (above): the same bundle, with
// the generated module swapped for its page form.
const pageCore = {
  name: 'page-core',
  setup(b) {
    b.onResolve({ filter: /generated\/omsaid_core\.cjs$/ }, () => ({ path: join(generated, 'omsaid_core.page.cjs') }));
  },
};
async function bundle(plugins) {
  const result = await build({
    entryPoints: [join(root, 'web/src/oms-aid.js')],
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome100', 'firefox100', 'safari15'],
    minifyWhitespace: true,
    minifySyntax: true,
    minifyIdentifiers: !args.includes('--keep-names'),
    legalComments: 'none',
    // Node-only branches of the Emscripten runtime; never reached in a browser.
    external: ['fs', 'path', 'crypto', 'url', 'node:*'],
    // The knowledge base's disclaimer (its emergency advice), shown on the first screen before the
    // engine is ready; once it is, the engine's own copy replaces it.
    define: { __OMSAID_DISCLAIMER__: JSON.stringify(JSON.parse(readFileSync(join(root, 'data/meta.json'), 'utf8')).disclaimer ?? '') },
    write: false,
    logLevel: 'warning',
    plugins,
  });
  const text = result.outputFiles[0].text;
  if (/<\/script/i.test(text)) fail('the bundle contains "</script" and cannot be inlined');
  return text;
}
const elementScript = await bundle([]);
writeFileSync(join(dist, 'oms-aid.js'), elementScript);
const script = (await bundle([pageCore])).trimEnd();

// 3. The self-contained page.
const sha256 = (text) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
const style = readFileSync(join(root, 'web/page.css'), 'utf8');
// The element's styles, as Lit inserts them (a <style> in the shadow root) in browsers without
// constructable stylesheets (Safari < 16.4, Firefox < 101): allowed by their hashes too.
const stylesModule = await build({
  entryPoints: [join(root, 'web/src/views/styles.js')],
  bundle: true,
  format: 'esm',
  platform: 'node',
  write: false,
  alias: { lit: '@lit/reactive-element/css-tag.js' },
  logLevel: 'warning',
});
const { styles } = await import(`data:text/javascript;base64,${Buffer.from(stylesModule.outputFiles[0].text).toString('base64')}`);
const elementStyles = [styles].flat().map((s) => sha256(s.cssText));
const csp = [
  "default-src 'none'",
  `script-src ${sha256(script)} 'wasm-unsafe-eval'`,
  `style-src ${sha256(style)} ${elementStyles.join(' ')}`,
  "img-src 'self' data: blob:",
  "connect-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "object-src 'none'",
].join('; ');
const template = readFileSync(join(root, 'web/index.html'), 'utf8');
const page = template
  .replace('{{CSP}}', csp)
  .replace('{{MODE}}', 'patient')
  .replace('{{STYLE}}', () => style)
  .replace('{{SCRIPT}}', () => script)
  .replace('{{WASM}}', () => `<script type="application/octet-stream" id="${WASM_BLOCK_ID}">${base64}</script>`);
writeFileSync(join(dist, 'oms-aid.html'), page);
if (existsSync(join(root, 'web/embed-example.html'))) {
  copyFileSync(join(root, 'web/embed-example.html'), join(dist, 'embed-example.html'));
}
const kb = (n) => (n / 1024).toFixed(1);
const gz = (text) => kb(gzipSync(text, { level: 9 }).length);
console.log(`web/build.mjs: dist/oms-aid.js ${kb(elementScript.length)} KB (${gz(elementScript)} KB gzipped), dist/oms-aid.html ${kb(page.length)} KB (${gz(page)} KB gzipped)`);
