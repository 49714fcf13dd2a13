// SPDX-License-Identifier: MIT
// The explanations a parent sees (results and printed summary alike): the likeliest the core lets a
// parent see, plus any a warning names; and OMS's line, when the answers fit its criteria, says so
// beside its likelihood ("fits the pattern" above and "less likely" below are read together).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { layExplanations, layLikelihood, layVerdicts } from '../../web/src/views/common.js';
import en from '../../web/src/i18n/en.js';

const t = (key, params = {}) => String(en[key] ?? key).replace(/\{(\w+)\}/g, (_, k) => params[k] ?? '');
const dx = (id, probability, extra = {}) => ({ id, probability, layLikelihood: probability >= 0.3 ? 'likely' : 'unlikely', ...extra });
const report = (status, applies = 'yes') => ({
  criteria: [{ id: 'adult-oms-working', applies, status }],
  differential: [dx('a', 0.4), dx('b', 0.3), dx('c', 0.1), dx('oms', 0.05, { layShown: false, layNamed: true }), dx('d', 0.02, { layShown: false })],
});

test('the likeliest shown, then any a warning names, however unlikely', () => {
  assert.deepEqual(layExplanations(report('met'), 2).map((d) => d.id), ['a', 'b', 'oms']);
  assert.deepEqual(layExplanations(report('met'), 6).map((d) => d.id), ['a', 'b', 'c', 'oms']);
  assert.deepEqual(layExplanations({}, 6), []);
});

test('OMS says the answers fit its pattern only when an applicable criteria set is met', () => {
  const r = report('met');
  const oms = r.differential[3];
  assert.match(layLikelihood(oms, r, { age: { years: 40 } }, t), /fit the pattern/);
  assert.doesNotMatch(layLikelihood(r.differential[0], r, { age: { years: 40 } }, t), /fit the pattern/);
  for (const status of ['not_met', 'indeterminate']) {
    assert.doesNotMatch(layLikelihood(oms, report(status), { age: { years: 40 } }, t), /fit the pattern/);
  }
  // A set for another age (a child's criteria met by an adult's answers) does not count.
  const other = { ...report('met', 'no'), criteria: [{ id: 'genoa-2005', applies: 'no', status: 'met' }, { id: 'adult-oms-working', applies: 'yes', status: 'not_met' }] };
  assert.doesNotMatch(layLikelihood(oms, other, { age: { years: 40 } }, t), /fit the pattern/);
});

test('without an age, the children\'s and the adults\' verdicts read as one, or say the age decides', () => {
  const sets = (a, b) => ({ criteria: [{ id: 'genoa-2005', applies: 'unknown', status: a }, { id: 'adult-oms-working', applies: 'unknown', status: b }] });
  assert.deepEqual(layVerdicts(sets('indeterminate', 'met'), {}).map((c) => c.status), ['byAge']);
  assert.deepEqual(layVerdicts(sets('met', 'met'), {}).map((c) => c.status), ['met']);
  assert.deepEqual(layVerdicts(sets('not_met', 'not_met'), {}).map((c) => c.status), ['not_met']);
  // With an age, the set for that age alone, as before.
  const aged = { criteria: [{ id: 'genoa-2005', applies: 'no', status: 'indeterminate' }, { id: 'adult-oms-working', applies: 'yes', status: 'met' }] };
  assert.deepEqual(layVerdicts(aged, { age: { years: 40 } }).map((c) => c.id), ['adult-oms-working']);
  // OMS's line does not claim a fit the age may not give.
  const r = { ...sets('indeterminate', 'met'), differential: [{ id: 'oms', probability: 0.4 }] };
  assert.doesNotMatch(layLikelihood(r.differential[0], r, {}, t), /fit the pattern/);
  assert.equal(t('r.crit.byAge').includes('age'), true);
});
