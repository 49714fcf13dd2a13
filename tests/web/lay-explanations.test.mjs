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

// A condition made only by what a clinician finds (diagnosedBy), not yet looked for: never the
// "most likely" of a family's list nor given a likelihood; once looked for, read as any other.
test('a condition that needs an examination comes last, for a doctor to judge', () => {
  const fnd = (needs) => dx('fnd', 0.79, { diagnosedBy: { features: ['history:functional-signs'], needs } });
  const r = { criteria: [], differential: [fnd(['history:functional-signs']), dx('a', 0.08), dx('b', 0.04)] };
  assert.deepEqual(layExplanations(r, 6).map((d) => d.id), ['a', 'b', 'fnd']);
  assert.deepEqual(layExplanations(r, 2).map((d) => d.id), ['a', 'fnd'], 'still among those shown');
  const words = layLikelihood(r.differential[0], r, {}, t);
  assert.match(words, /only a doctor can tell/);
  assert.doesNotMatch(words, /likely|in 100/);
  const examined = { criteria: [], differential: [fnd([]), dx('a', 0.08)] };
  assert.deepEqual(layExplanations(examined, 6).map((d) => d.id), ['fnd', 'a']);
  assert.match(layLikelihood(examined.differential[0], examined, {}, t), /likely \(about 79 in 100\)/);
});

test('a condition whose defining finding was answered no is not called likely against that answer', () => {
  const vf = dx('vf', 0.88, { diagnosedBy: { features: ['history:episodes-on-demand'], needs: [], absent: ['history:episodes-on-demand'] } });
  const r = { criteria: [], differential: [vf, dx('a', 0.06)] };
  assert.deepEqual(layExplanations(r, 6).map((d) => d.id), ['a', 'vf']);
  const vocabulary = { variables: [{ id: 'history:episodes-on-demand', label: 'Eye oscillations at will', lay: 'Eye shaking that can be done on purpose' }] };
  const words = layLikelihood(vf, r, {}, t, vocabulary);
  assert.match(words, /your answer to "Eye shaking that can be done on purpose" was no, which does not fit it/);
  assert.doesNotMatch(words, /likely|in 100/);
  assert.match(layLikelihood(vf, r, {}, t), /does not fit one of your answers/);
});

test('a lead that rests on the answers of no says so beside its likelihood', () => {
  const pft = dx('pft', 0.51, { layByElimination: true, fromPresent: 0.06 });
  const r = { criteria: [], differential: [pft, dx('a', 0.2)] };
  assert.match(layLikelihood(pft, r, {}, t), /^likely \(about 51 in 100\); it is ahead mostly because of your answers of no/);
  assert.doesNotMatch(layLikelihood(r.differential[1], r, {}, t), /answers of no/);
  assert.deepEqual(layExplanations(r, 6).map((d) => d.id), ['pft', 'a'], 'the order is the differential\'s');
});

test('what a family can see for themselves is asked of them, not left to a doctor', () => {
  const vf = dx('vf', 0.2, { diagnosedBy: { features: ['history:episodes-on-demand'], needs: ['history:episodes-on-demand'], absent: [] } });
  const fnd = dx('fnd', 0.3, { diagnosedBy: { features: ['history:functional-signs'], needs: ['history:functional-signs'], absent: [] } });
  const vocabulary = { variables: [
    { id: 'history:episodes-on-demand', label: 'Eye oscillations at will', lay: 'Eye shaking that can be done on purpose', observable: true },
    { id: 'history:functional-signs', label: 'Positive signs of a functional disorder on examination' }] };
  const r = { criteria: [], differential: [vf, fnd] };
  assert.match(layLikelihood(vf, r, {}, t, vocabulary), /cannot be judged until you answer about "Eye shaking that can be done on purpose"/);
  assert.match(layLikelihood(fnd, r, {}, t, vocabulary), /only a doctor can tell/);
  assert.match(layLikelihood(vf, r, {}, t), /only a doctor can tell/, 'without the vocabulary, the safe wording');
});
