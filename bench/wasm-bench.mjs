#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// WASM-in-Node evaluate timing through web/src/core.js (evaluateText: the report as text, so JSON
// parsing in JS is not counted), over the lines of a JSONL file, repeated for at least --min-seconds.
// Prints {"cases": N, "seconds": S, "usPerCase": U}.
import { readFileSync } from 'node:fs';
import { createOmsAid } from '../web/src/core.js';

const file = process.argv[2];
const minSeconds = process.argv.includes('--min-seconds') ? Number(process.argv[process.argv.indexOf('--min-seconds') + 1]) : 1;
const cases = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim());
const core = await createOmsAid();
const run = (c) => {
  try {
    return core.evaluateText(c).length;
  } catch {
    return 0;  // the deliberate error cases
  }
};
for (const c of cases) run(c);  // warm-up (and the knowledge base load)
let n = 0;
const start = process.hrtime.bigint();
let seconds = 0;
do {
  for (const c of cases) {
    run(c);
    n++;
  }
  seconds = Number(process.hrtime.bigint() - start) / 1e9;
} while (seconds < minSeconds);
console.log(JSON.stringify({ cases: n, seconds, usPerCase: (seconds * 1e6) / n }));
