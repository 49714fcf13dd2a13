#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Writes data/hpo.json: the part of the Human Phenotype Ontology (release in ../shared/hpo) that the
// knowledge base needs — every term at or below a feature of data/features.json or a term it counts
// from (so any descendant a clinician enters maps to a feature) and every term above one (so "absent" on a general term
// propagates down), with their is_a links inside that set, exact synonyms, and the obsolete/merged
// ids that point into it. No term, label or is_a link is altered (HPO licence).
//
//   node scripts/gen-hpo.mjs            regenerate data/hpo.json
//   node scripts/gen-hpo.mjs --check    exit 1 if data/hpo.json is not what this would write
//   --hpo DIR                           the HPO tables (default ../shared/hpo)
import { readFileSync, writeFileSync, existsSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const check = args.includes('--check');
const hpoDir = args.includes('--hpo') ? resolve(args[args.indexOf('--hpo') + 1]) : resolve(root, '../shared/hpo');

const VERSION = '2026-01-08';
const ATTRIBUTION =
  'This product uses the Human Phenotype Ontology (version hp/releases/2026-01-08). ' +
  'Find out more at http://www.human-phenotype-ontology.org. ' +
  'Gargano MA et al. The Human Phenotype Ontology in 2024: phenotypes around the world. ' +
  'Nucleic Acids Res 2024. doi:10.1093/nar/gkad1005.';

function readTsv(file) {
  const text = gunzipSync(readFileSync(file)).toString('utf8');
  const [header, ...rows] = text.split('\n').filter((l) => l.length > 0);
  const cols = header.split('\t');
  return rows.map((line) => {
    const cells = line.split('\t');
    return Object.fromEntries(cols.map((c, i) => [c, cells[i] ?? '']));
  });
}

export function buildHpo(hpoRows, obsoleteRows, featureIds, excludes = new Map(), countsOnly = new Map()) {
  const byId = new Map(hpoRows.map((r) => [r.id, r]));
  const parents = new Map(hpoRows.map((r) => [r.id, r.parents ? r.parents.split('|') : []]));
  const children = new Map();
  for (const [id, ps] of parents) {
    for (const p of ps) {
      if (!children.has(p)) children.set(p, []);
      children.get(p).push(id);
    }
  }
  const keep = new Set();
  // One visited set per direction: a term reached going up (an ancestor of one feature) may still
  // have to be walked down (it can be a descendant of another feature, with more terms below it).
  const down = new Set();
  const up = new Set();
  const walk = (start, next, visited, skip = new Set()) => {
    const stack = [start];
    while (stack.length) {
      const id = stack.pop();
      if (visited.has(id) || skip.has(id)) continue;
      visited.add(id);
      keep.add(id);
      for (const n of next(id) ?? []) stack.push(n);
    }
  };
  for (const f of featureIds) {
    if (!byId.has(f)) throw new Error(`feature or crosswalk term ${f} is not a current term of HPO ${VERSION}`);
    // Branches a feature excludes are not walked down from it (they count for nothing unless they
    // lie below another feature). A feature that counts only some branches below it is walked down
    // from those branches alone (and up from them, to link them to the feature).
    const only = countsOnly.get(f) ?? [];
    for (const b of only) {
      if (!byId.has(b)) throw new Error(`countsOnly term ${b} of ${f} is not a current term of HPO ${VERSION}`);
      walk(b, (id) => children.get(id), down, new Set(excludes.get(f) ?? []));
      walk(b, (id) => parents.get(id), up);
    }
    if (only.length) keep.add(f);
    else walk(f, (id) => children.get(id), down, new Set(excludes.get(f) ?? []));
    walk(f, (id) => parents.get(id), up);
  }
  const terms = [...keep].filter((id) => byId.has(id)).sort().map((id) => {
    const r = byId.get(id);
    const ps = parents.get(id).filter((p) => keep.has(p));
    const syn = r.synonyms ? r.synonyms.split('|').filter((s) => s && s !== r.label) : [];
    return syn.length ? [id, r.label, ps, syn] : [id, r.label, ps];
  });
  const replaced = obsoleteRows
    .filter((r) => r.replaced_by && keep.has(r.replaced_by))
    .map((r) => [r.obsolete_id, r.replaced_by])
    .sort((a, b) => (a[0] < b[0] ? -1 : 1));
  return { terms, replaced };
}

function render({ terms, replaced }) {
  const lines = [];
  lines.push('{');
  lines.push('"schemaVersion": 1,');
  lines.push('"kind": "hpo",');
  lines.push(`"version": ${JSON.stringify(VERSION)},`);
  lines.push(`"attribution": ${JSON.stringify(ATTRIBUTION)},`);
  lines.push('"license": "https://hpo.jax.org/app/license",');
  lines.push('"generatedBy": "scripts/gen-hpo.mjs from hpo-full.tsv.gz and hpo-full-obsolete-map.tsv.gz",');
  lines.push('"terms": [');
  lines.push(terms.map((t) => JSON.stringify(t)).join(',\n'));
  lines.push('],');
  lines.push('"replaced": [');
  lines.push(replaced.map((r) => JSON.stringify(r)).join(',\n'));
  lines.push(']');
  lines.push('}');
  return lines.join('\n') + '\n';
}

function main() {
  const fullFile = join(hpoDir, 'hpo-full.tsv.gz');
  if (!existsSync(fullFile)) {
    console.error(`gen-hpo: ${fullFile} not found (pass --hpo DIR)`);
    process.exit(2);
  }
  const rows = readTsv(fullFile);
  const obsolete = readTsv(join(hpoDir, 'hpo-full-obsolete-map.tsv.gz'));
  // Features and the near-equivalent terms they count from (crosswalks) need their branches alike;
  // so do the terms read as a more general one (readAs).
  const featuresFile = JSON.parse(readFileSync(join(root, 'data/features.json'), 'utf8'));
  const list = featuresFile.features;
  const features = [
    ...list.flatMap((f) => [f.id, ...(f.countsFrom ?? []).map((x) => x.hpo)]),
    ...(featuresFile.readAs ?? []).map((x) => x.hpo),
  ];
  const excludes = new Map(list.map((f) => [f.id, (f.excludes ?? []).map((x) => x.hpo)]));
  const countsOnly = new Map(list.map((f) => [f.id, (f.countsOnly ?? []).map((x) => x.hpo)]));
  const text = render(buildHpo(rows, obsolete, features, excludes, countsOnly));
  const out = join(root, 'data/hpo.json');
  if (check) {
    const current = existsSync(out) ? readFileSync(out, 'utf8') : '';
    if (current !== text) {
      console.error('gen-hpo: data/hpo.json is out of date; run node scripts/gen-hpo.mjs');
      process.exit(1);
    }
    console.log('gen-hpo: data/hpo.json is up to date');
    return;
  }
  writeFileSync(out, text);
  const parsed = JSON.parse(text);
  console.log(`gen-hpo: wrote data/hpo.json (${parsed.terms.length} terms, ${parsed.replaced.length} replaced ids, ${text.length} bytes)`);
}

// Run as a script (not when a test imports buildHpo).
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
