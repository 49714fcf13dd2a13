#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Writes a synthetic knowledge base k times the size of data/ (diagnoses and features) for the
// scale benchmark: each HPO feature gets k-1 synthetic child terms (ids HP:9xxxxxx, is_a the
// original, so cases written for data/ still map), and each diagnosis k-1 copies whose features
// point at the copies. Usage: node bench/gen-kb.mjs K OUT_DIR
import { mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const k = Number(process.argv[2]);
const out = resolve(process.argv[3] ?? `build/bench/kb-x${k}`);
if (!(k >= 1)) {
  console.error('usage: node bench/gen-kb.mjs K OUT_DIR');
  process.exit(2);
}
mkdirSync(out, { recursive: true });
const data = join(root, 'data');
const files = Object.fromEntries(readdirSync(data).filter((f) => f.endsWith('.json')).map((f) => [f, JSON.parse(readFileSync(join(data, f), 'utf8'))]));

let next = 9000000;
const copyOf = new Map(); // `${featureId}#${j}` -> synthetic id
const features = files['features.json'];
const hpo = files['hpo.json'];
const originals = [...features.features];
for (let j = 1; j < k; j++) {
  for (const f of originals) {
    const id = `HP:${String(next++).padStart(7, '0')}`;
    copyOf.set(`${f.id}#${j}`, id);
    // The copy is a plain child term: the original's branch rules (crosswalks, excluded or counted
    // branches) and its place among the safety questions stay with the original.
    const { countsFrom, excludes, countsOnly, safety, ...plain } = f;
    features.features.push({ ...plain, id, label: `${f.label} (synthetic ${j})` });
    hpo.terms.push([id, `${f.label} (synthetic ${j})`, [f.id]]);
  }
}
const diagnoses = files['diagnoses.json'];
const base = [...diagnoses.diagnoses];
for (let j = 1; j < k; j++) {
  for (const d of base) {
    diagnoses.diagnoses.push({
      ...d,
      id: `${d.id}-synthetic-${j}`,
      label: `${d.label} (synthetic ${j})`,
      xrefs: [],
      // Copies carry a short note instead of the original's text, so that a x100 knowledge base
      // stays under the loader's 16 MB per-file limit (the notes do not affect evaluation time).
      summary: '',
      pretest: d.pretest.map((p) => (p.note ? { ...p, note: 'synthetic copy' } : p)),
      features: d.features.map((f) => ({ ...f, ...(f.note ? { note: 'synthetic copy' } : {}), feature: copyOf.get(`${f.feature}#${j}`) ?? f.feature })),
    });
  }
}
for (const [name, json] of Object.entries(files)) writeFileSync(join(out, name), JSON.stringify(json));
console.log(`gen-kb: x${k} in ${out}: ${diagnoses.diagnoses.length} diagnoses, ${features.features.length} features, ${hpo.terms.length} HPO terms`);
