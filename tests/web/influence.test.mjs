// SPDX-License-Identifier: MIT
// The numbers that decide ranks on the validation cases (tests/validation/influential.json, written
// by scripts/influence): the list must be computed from the current numbers and cases, and every
// influential number that is unverified (U) must say in its note why no published number exists.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseInputs, digest, numbers, NO_PUBLISHED_NUMBER } from '../../scripts/lib/influence.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const kb = JSON.parse(readFileSync(join(root, 'data/diagnoses.json'), 'utf8'));
const list = JSON.parse(readFileSync(join(root, 'tests/validation/influential.json'), 'utf8'));

test('the list of influential numbers was computed from the current numbers and cases', () => {
  const cases = caseInputs(join(root, list.set));
  assert.ok(cases.length >= 40, 'the validation set is there');
  assert.equal(list.evidence, 'all', 'every number was tried');
  assert.equal(digest(kb, cases.map((c) => c.input)), list.digest,
    'numbers or validation cases changed since the list was computed: run scripts/influence --json tests/validation/influential.json');
  assert.ok(list.influential.length > 0);
});

test('every influential unverified number says why no published number exists', () => {
  const byKey = new Map(numbers(kb).map((n) => [`${n.diagnosis}|${n.key}`, n]));
  const missing = [];
  for (const x of list.influential) {
    const n = byKey.get(`${x.diagnosis}|${x.variable}`);
    assert.ok(n, `${x.diagnosis} ${x.variable} is in the knowledge base`);
    assert.equal(n.entry.evidence, x.evidence);
    if (n.entry.evidence === 'U' && !NO_PUBLISHED_NUMBER.test(n.entry.note ?? '')) missing.push(`${x.diagnosis} ${x.variable}`);
  }
  assert.deepEqual(missing, [], 'each needs "No published number: <why>" in its note, or a source (S/V)');
});

test('the note check can fail', () => {
  assert.ok(!NO_PUBLISHED_NUMBER.test('U: judgement.'));
  assert.ok(NO_PUBLISHED_NUMBER.test('U: No published number: series describe it without counting.'));
});
