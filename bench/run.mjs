#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// scripts/bench's measurements, side by side in one run: prints the budget table and writes
// bench/results.json as [{"name", "budget", "measured", "unit", "pass"}, ...]. Always exits 0.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, readdirSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const work = join(root, 'build/bench');
mkdirSync(work, { recursive: true });
const gz = (buf) => gzipSync(buf, { level: 9 }).length / 1024;
const run = (cmd, args, opts = {}) => String(execFileSync(cmd, args, { cwd: root, maxBuffer: 1 << 30, ...opts }) ?? '');
const results = [];
const add = (name, budget, measured, unit, pass, note = '') => results.push({ name, budget, measured: Number(measured.toFixed(unit === 'ratio' || unit === 'x' ? 2 : 1)), unit, pass, ...(note ? { note } : {}) });

// ---- sizes ----
const html = readFileSync(join(root, 'dist/oms-aid.html'));
const js = readFileSync(join(root, 'dist/oms-aid.js'));
const bundle = js.toString();
const payload = (bundle.match(/"[A-Za-z0-9+/=]{20000,}"/) ?? [''])[0];  // the inlined (compressed) WASM
const kbText = readdirSync(join(root, 'data')).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.stringify(JSON.parse(readFileSync(join(root, 'data', f), 'utf8')))).join('');
const wasmRaw = readFileSync(join(root, 'build-wasm/wasm/omsaid_core.wasm'));
add('dist/oms-aid.html gzipped', 150, gz(html), 'KB', gz(html) <= 150);
add('dist/oms-aid.js gzipped', 150, gz(js), 'KB', gz(js) <= 150);
add('  of which WASM module (inlined, compressed) gzipped', null, gz(Buffer.from(payload)), 'KB', null, `raw .wasm ${(wasmRaw.length / 1024).toFixed(0)} KB`);
add('  of which knowledge base (inside the WASM) gzipped alone', null, gz(Buffer.from(kbText)), 'KB', null, `${(kbText.length / 1024).toFixed(0)} KB minified JSON`);
add('  of which UI, Emscripten glue and LZMA decoder gzipped', null, gz(Buffer.from(bundle.replace(payload, '""'))), 'KB', null);

// ---- evaluate: native vs WASM in Node, same harness, same cases ----
const cases = readdirSync(join(root, 'tests/cases')).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(root, 'tests/cases', f), 'utf8')))
  .filter((c) => !c.expect?.error).map((c) => JSON.stringify(c.input));
const casesFile = join(work, 'golden.jsonl');
writeFileSync(casesFile, cases.join('\n') + '\n');
const timing = (cmd, args) => JSON.parse(run(cmd, args).trim().split('\n').pop());
const native = timing(join(root, 'build/omsaid_bench'), [casesFile, '--min-seconds', '2']);
const wasm = timing('node', [join(root, 'build-wasm/omsaid_bench.js'), casesFile, '--min-seconds', '2']);
const api = timing('node', [join(root, 'bench/wasm-bench.mjs'), casesFile, '--min-seconds', '2']);
add('evaluate one case, native', null, native.usPerCase, 'us', null, `${cases.length} golden cases, full report`);
add('evaluate one case, WASM in Node (same harness)', null, wasm.usPerCase, 'us', null);
add('evaluate, WASM in Node / native', 1.5, wasm.usPerCase / native.usPerCase, 'ratio', wasm.usPerCase / native.usPerCase <= 1.5);
add('evaluate through the JS API (core.evaluateText), WASM', null, api.usPerCase, 'us', null, 'string marshalling included; informative');

// ---- scale: synthetic knowledge bases x10 and x100 ----
const kbTiming = {};
for (const k of [10, 100]) {
  const dir = join(work, `kb-x${k}`);
  run('node', [join(root, 'bench/gen-kb.mjs'), String(k), dir]);
  kbTiming[k] = timing(join(root, 'build/omsaid_bench'), [casesFile, '--kb', dir, '--min-seconds', '2']).usPerCase;
}
const base = timing(join(root, 'build/omsaid_bench'), [casesFile, '--kb', join(root, 'data'), '--min-seconds', '2']).usPerCase;
add('knowledge base x10: evaluate time ratio', 10, kbTiming[10] / base, 'x', kbTiming[10] / base <= 10);
add('knowledge base x100: evaluate time ratio', 100, kbTiming[100] / base, 'x', kbTiming[100] / base <= 100);

// ---- bulk CLI throughput on one core ----
const bulkFile = join(work, 'bulk.jsonl');
const lines = [];
for (let i = 0; i < 50000; i++) lines.push(cases[(i * 7919) % cases.length]);
writeFileSync(bulkFile, lines.join('\n') + '\n');
const t0 = process.hrtime.bigint();
run('taskset', ['-c', '0', join(root, 'build/omsaid'), 'evaluate', '--jsonl', bulkFile], { stdio: ['ignore', 'ignore', 'inherit'] });
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
add('bulk CLI (--jsonl, compact reports), one core', 50000, lines.length / seconds, 'cases/s', lines.length / seconds >= 50000);

// ---- the page ----
try {
  const page = JSON.parse(run('node', [join(root, 'bench/page-bench.mjs'), '10']).trim().split('\n').pop());
  add('page: open from file:// to first interactive render', null, page.startupMs, 'ms', null);
  add('page: blank page in the same browser run', null, page.blankMs, 'ms', null);
  add('page: startup / blank page', 3, page.startupRatio, 'ratio', page.startupRatio <= 3);
  add('page: answer -> updated report rendered', 16, page.answerMs, 'ms', page.answerMs <= 16);
  add('page: phone (CPU slowed 4x), open to first screen usable', 1000, page.phoneFirstScreenMs, 'ms', page.phoneFirstScreenMs <= 1000);
  add('page: phone, oms-aid-interactive event (first frame drawn)', null, page.phoneInteractiveMs, 'ms', null);
  add('page: phone, first contentful paint (that frame on screen)', null, page.phoneFirstPaintMs, 'ms', null);
  add('page: phone, open to first report rendered', null, page.phoneStartupMs, 'ms', null);
  add('page: phone, longest task until the first report', null, page.phoneLongestTaskMs, 'ms', null);
} catch (e) {
  add('page benchmarks', null, 0, '', false, `failed: ${String(e.message).split('\n')[0]}`);
}

// ---- table ----
const cell = (v, w) => String(v ?? '').padEnd(w);
console.log(`\n${cell('benchmark', 56)} ${cell('budget', 10)} ${cell('measured', 12)} ${cell('unit', 8)} pass`);
for (const r of results) {
  console.log(`${cell(r.name, 56)} ${cell(r.budget === null ? '' : (r.unit === 'cases/s' ? '>= ' : '<= ') + r.budget, 10)} ${cell(r.measured, 12)} ${cell(r.unit, 8)} ${r.pass === null ? '' : r.pass ? 'yes' : 'NO'}${r.note ? `   (${r.note})` : ''}`);
}
mkdirSync(join(root, 'bench'), { recursive: true });
writeFileSync(join(root, 'bench/results.json'), JSON.stringify(results.filter((r) => r.budget !== null), null, 1) + '\n');
console.log(`\nwrote bench/results.json (load average at the end: ${readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' ')})`);
