// SPDX-License-Identifier: MIT
// The controller with a stub core: state changes, criterion controls mapped through the report's
// item features, and errors that never lose the case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, emptyCase } from '../../web/src/controller.js';
import { CoreError } from '../../web/src/core.js';

function stubCore() {
  const calls = [];
  return {
    calls,
    evaluate(c) {
      calls.push(structuredClone(c));
      if (c.findings?.bad) throw new CoreError('invalid_value', 'bad finding', 'findings.bad');
      return { reportVersion: 1, findingCount: Object.keys(c.findings).length };
    },
  };
}

test('setFinding updates the case and re-evaluates', () => {
  const core = stubCore();
  const seen = [];
  const c = new Controller(core, (s) => seen.push(s));
  c.setFinding('HP:0010543', 'present');
  assert.deepEqual(c.state.case.findings, { 'HP:0010543': 'present' });
  assert.equal(c.state.report.findingCount, 1);
  c.setFinding('HP:0010543', 'unknown');
  assert.deepEqual(c.state.case.findings, {});
  assert.equal(seen.length, 2);
  assert.throws(() => c.setFinding('HP:0010543', 'maybe'), TypeError);
});

test('setCriterion: present marks the first feature, absent all, unknown clears', () => {
  const c = new Controller(stubCore());
  const item = { id: 'eye', features: ['HP:0010543', 'HP:0031931'] };
  c.setCriterion(item, 'present');
  assert.deepEqual(c.state.case.findings, { 'HP:0010543': 'present' });
  c.setCriterion(item, 'absent');
  assert.deepEqual(c.state.case.findings, { 'HP:0010543': 'absent', 'HP:0031931': 'absent' });
  c.setCriterion(item, 'unknown');
  assert.deepEqual(c.state.case.findings, {});
});

test('a core error is kept in state and the case is not lost', () => {
  const c = new Controller(stubCore());
  c.setFinding('HP:0001251', 'present');
  const before = c.state.report;
  c.setFinding('bad', 'present');
  assert.deepEqual(c.state.error, { code: 'invalid_value', message: 'bad finding', path: 'findings.bad' });
  assert.equal(c.state.case.findings['HP:0001251'], 'present');
  assert.equal(c.state.report, before, 'the last good report stays');
  c.setFinding('bad', 'unknown');
  assert.equal(c.state.error, null);
});

test('setCase copies its input', () => {
  const c = new Controller(stubCore());
  const input = { ...emptyCase(), findings: { 'HP:0001251': 'present' } };
  c.setCase(input);
  input.findings['HP:0001251'] = 'absent';
  assert.equal(c.state.case.findings['HP:0001251'], 'present');
});

test('errors other than CoreError are not swallowed', () => {
  const c = new Controller({ evaluate() { throw new RangeError('boom'); } });
  assert.throws(() => c.evaluate(), RangeError);
});
