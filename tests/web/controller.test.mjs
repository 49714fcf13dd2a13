// SPDX-License-Identifier: MIT
// The controller with a stub core: state changes, criterion controls mapped through the report's
// item features, and errors that never lose the case.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Controller, emptyCase, answerOf, withAnswer, leftOutField } from '../../web/src/controller.js';
import { CoreError } from '../../web/src/core-error.js';

function stubCore() {
  const calls = [];
  return {
    calls,
    evaluate(c) {
      calls.push(structuredClone(c));
      if (c.findings?.bad) throw new CoreError('invalid_value', 'bad finding', 'findings.bad');
      if (!c.findings) throw new CoreError('missing_field', 'no findings', 'findings');
      return { reportVersion: 1, findingCount: Object.keys(c.findings).length, warnings: [] };
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

test('an age or a time since onset the core cannot use is left out, and the rest evaluated', () => {
  const core = {
    evaluate(c) {
      if (c.age?.years > 130) throw new CoreError('invalid_value', '222 is out of range', 'age.years');
      if (c.duration?.days > 1000) throw new CoreError('invalid_value', 'longer than the age', 'duration');
      if (c.findings?.bad) throw new CoreError('invalid_value', 'bad finding', 'findings.bad');
      return { keys: Object.keys(c).sort() };
    },
  };
  const c = new Controller(core);
  c.setCase({ ...emptyCase(), age: { years: 222 }, duration: { days: 5000 }, findings: { 'HP:0010543': 'present' } });
  assert.equal(c.state.error.path, 'age.years', 'the problem is still reported');
  assert.deepEqual(c.state.without, ['age', 'duration'], 'each field the core cannot use, in turn');
  assert.deepEqual(c.state.report.keys, ['caseVersion', 'findings']);
  assert.deepEqual(c.state.case.age, { years: 222 }, 'the case keeps what was typed');
  c.setCase({ ...emptyCase(), age: { years: 2 } });
  assert.equal(c.state.error, null);
  assert.equal(c.state.without, null);
  // Any other problem leaves no current report (the last one is not the case's).
  c.setCase({ ...emptyCase(), age: { years: 222 }, findings: { bad: 'present' } });
  assert.equal(c.state.without, null);
  assert.deepEqual(c.state.report.keys, ['age', 'caseVersion', 'findings'], 'the last good report, marked stale by the view');
  // The field a problem's path is in: the view's "Age: …" banner and its age message use it too.
  assert.deepEqual(['age.years', 'age', 'duration', 'findings.bad', 'ageing', ''].map((p) => leftOutField(p)),
    ['age', 'age', 'duration', undefined, undefined, undefined]);
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

test('setAnswer writes each kind of variable into the native case', () => {
  const c = new Controller(stubCore());
  c.setAnswer('HP:0010543', 'unknown');
  c.setAnswer('exposure:recent-infection', 'absent');
  c.setAnswer('history:spontaneous-recovery', 'present');
  c.setAnswer('test:brain-mri', 'normal');
  c.setAnswer('antibody:anti-Ri', 'pending');
  c.setAnswer('onset:acute', 'subacute');
  assert.deepEqual(c.state.case, {
    caseVersion: 1,
    findings: { 'HP:0010543': 'unknown' },
    exposures: { 'recent-infection': 'absent' },
    history: { 'spontaneous-recovery': 'present' },
    tests: { 'brain-mri': 'normal' },
    antibodies: { 'anti-Ri': 'pending' },
    onset: 'subacute',
  });
  for (const id of ['exposure:recent-infection', 'history:spontaneous-recovery', 'test:brain-mri', 'antibody:anti-Ri', 'onset:chronic']) {
    c.setAnswer(id, null);
  }
  assert.deepEqual(c.state.case, { caseVersion: 1, findings: { 'HP:0010543': 'unknown' } });
  assert.throws(() => c.setAnswer('test:brain-mri', 'present'), TypeError);
});

test('answerOf reads answers back, including exposures in the array form', () => {
  const k = { caseVersion: 1, findings: { 'HP:0001251': 'absent' }, exposures: ['known-cancer'], onset: 'acute', tests: { eeg: 'pending' } };
  assert.equal(answerOf(k, 'HP:0001251'), 'absent');
  assert.equal(answerOf(k, 'HP:0010543'), undefined);
  assert.equal(answerOf(k, 'exposure:known-cancer'), 'present');
  assert.equal(answerOf(k, 'exposure:recent-infection'), undefined);
  assert.equal(answerOf(k, 'onset:chronic'), 'acute');
  assert.equal(answerOf(k, 'test:eeg'), 'pending');
  assert.equal(answerOf(k, 'history:spontaneous-recovery'), undefined);
  // Writing an exposure converts the array form to the object form, keeping what was listed.
  assert.deepEqual(withAnswer(k, 'exposure:recent-infection', 'absent').exposures, { 'known-cancer': 'present', 'recent-infection': 'absent' });
  assert.deepEqual(k.exposures, ['known-cancer'], 'input untouched');
});

test('age, sex, follow-up and visits', () => {
  const c = new Controller(stubCore());
  c.setAge('18', 'months');
  assert.deepEqual(c.state.case.age, { months: 18 });
  c.setAge('2.5', 'years');
  assert.deepEqual(c.state.case.age, { years: 2.5 });
  c.setAge('', 'years');
  assert.equal('age' in c.state.case, false);
  c.setField('sex', 'female');
  c.setField('followUpMonths', 3);
  assert.equal(c.state.case.sex, 'female');
  c.setField('sex', '');
  assert.equal('sex' in c.state.case, false);
  c.addVisit({ date: '2026-03-01', severity: { gait: 2 } });
  c.addVisit({ date: '2026-01-01', severity: { gait: 3 } });
  assert.deepEqual(c.state.case.visits.map((v) => v.date), ['2026-01-01', '2026-03-01']);
  c.removeVisit(0);
  c.removeVisit(0);
  assert.equal('visits' in c.state.case, false);
});

test('import: a valid native case replaces the current one; a bad one never does', () => {
  const c = new Controller(stubCore());
  c.setFinding('HP:0001251', 'present');
  const good = c.importCase('{"caseVersion": 1, "findings": {"HP:0010543": "present"}}');
  assert.deepEqual(good, { ok: true, format: 'native', warnings: [] });
  assert.deepEqual(c.state.case.findings, { 'HP:0010543': 'present' });
  for (const [text, code] of [['{"caseVersion": 1,', 'invalid_json'], ['[1, 2]', 'wrong_type'], ['{"caseVersion": 1, "findings": {"bad": "x"}}', 'invalid_value']]) {
    const bad = c.importCase(text);
    assert.equal(bad.ok, false);
    assert.equal(bad.error.code, code);
    assert.deepEqual(c.state.case.findings, { 'HP:0010543': 'present' }, `kept after ${code}`);
  }
});

test('import of a case object (a saved record): validated first; wrong shapes and unserialisable values keep the case', () => {
  const c = new Controller(stubCore());
  c.setFinding('HP:0001251', 'present');
  const kept = structuredClone(c.state.case);
  const cyclic = { caseVersion: 1, findings: {} };
  cyclic.self = cyclic;
  const bad = [
    [null, 'wrong_type', /got null/],
    ['{', 'invalid_json', /JSON/],
    [[{ caseVersion: 1 }], 'wrong_type', /got an array/],
    [42, 'wrong_type', /got number/],
    [cyclic, 'invalid_json', /cannot be written as JSON/],
    [{ caseVersion: 1n, findings: {} }, 'invalid_json', /BigInt/],
    [{ caseVersion: 1, findings: { bad: 'x' } }, 'invalid_value', /bad finding/],
  ];
  for (const [input, code, message] of bad) {
    const r = c.importCase(input);
    assert.equal(r.ok, false, String(input));
    assert.equal(r.error.code, code);
    assert.match(r.error.message, message);
    assert.deepEqual(c.state.case, kept, `kept after ${code}`);
  }
  assert.equal(c.importCase({ caseVersion: 1, findings: { 'HP:0010543': 'present' } }).ok, true);
  assert.deepEqual(c.state.case.findings, { 'HP:0010543': 'present' });
  for (const [input, code] of bad) {
    assert.equal(c.openCase(input).error.code, code, `openCase: ${String(input)}`);
  }
  assert.deepEqual(c.state.case.findings, { 'HP:0010543': 'present' }, 'openCase keeps the case too');
  const noCore = new Controller(null);
  assert.equal(noCore.importCase({ caseVersion: 1, findings: {} }).error.code, 'internal', 'no engine yet: refused, not thrown');
});

test('openCase opens a saved case exactly as saved; a Phenopacket or a rejected case is refused', () => {
  const core = {
    ...stubCore(),
    importCase(text) {
      const k = JSON.parse(text);
      if (k.phenotypicFeatures) return { case: { caseVersion: 1, findings: {} }, format: 'phenopacket', warnings: [] };
      if (k.findings?.bad) throw new CoreError('invalid_value', 'bad finding', 'findings.bad');
      return { case: { ...k, age: { years: 1.67 } }, format: 'native', warnings: [] }; // the core's own reading
    },
  };
  const c = new Controller(core);
  const saved = { caseVersion: 1, age: { months: 20 }, findings: { 'HP:0010543': 'present' } };
  assert.deepEqual(c.openCase(saved), { ok: true, format: 'native', warnings: [] });
  assert.deepEqual(c.state.case, saved, 'not the core\'s reading: the months stay');
  assert.throws(() => c.checkCase({ phenotypicFeatures: [] }), (e) => e.code === 'wrong_type' && /Phenopacket/.test(e.message));
  assert.equal(c.openCase({ phenotypicFeatures: [] }).error.code, 'wrong_type');
  assert.equal(c.openCase({ caseVersion: 1, findings: { bad: 'x' } }).error.path, 'findings.bad');
  assert.deepEqual(c.state.case, saved);
});

test('import and export go through the core when it supports Phenopackets', () => {
  const core = {
    ...stubCore(),
    importCase(text) {
      if (text === 'bad') throw new CoreError('missing_field', 'no subject', 'subject');
      return { case: { caseVersion: 1, findings: { 'HP:0001251': 'present' }, tests: {}, antibodies: {} }, format: 'phenopacket', warnings: ['w'] };
    },
    exportPhenopacket: (k) => ({ id: 'p', phenotypicFeatures: Object.keys(k.findings).map((id) => ({ type: { id } })) }),
  };
  const c = new Controller(core);
  assert.deepEqual(c.importCase('pp'), { ok: true, format: 'phenopacket', warnings: ['w'] });
  assert.deepEqual(c.state.case, { caseVersion: 1, findings: { 'HP:0001251': 'present' } }, 'empty sections dropped');
  assert.deepEqual(c.importCase('bad'), { ok: false, error: { code: 'missing_field', message: 'no subject', path: 'subject' } });
  assert.equal(c.canExportPhenopacket, true);
  assert.deepEqual(JSON.parse(c.exportPhenopacket()).phenotypicFeatures, [{ type: { id: 'HP:0001251' } }]);
  assert.deepEqual(JSON.parse(c.exportNative()), c.state.case);
  assert.equal(new Controller(stubCore()).canExportPhenopacket, false);
});

test('without a core yet, answers are kept and evaluated once the core is attached', () => {
  const seen = [];
  const c = new Controller(null, (s) => seen.push(s.report));
  c.setAge('2', 'years');
  c.setFinding('HP:0001251', 'present');
  assert.equal(c.state.report, null);
  assert.equal(c.canExportPhenopacket, false);
  c.attach(stubCore());
  assert.equal(c.state.report.findingCount, 1);
  assert.deepEqual(seen, [null, null, c.state.report]);
});

test("the onset question as a whole ('onset') reads and writes the case's onset", () => {
  const c = new Controller(stubCore());
  assert.equal(answerOf(c.state.case, 'onset'), undefined);
  c.setAnswer('onset', 'chronic');
  assert.equal(c.state.case.onset, 'chronic');
  assert.equal(answerOf(c.state.case, 'onset'), 'chronic');
  c.setAnswer('onset', null);
  assert.equal('onset' in c.state.case, false);
});
