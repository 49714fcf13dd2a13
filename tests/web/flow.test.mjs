// SPDX-License-Identifier: MIT
// The patient questionnaire's state machine (web/src/flow.js), with the real controller and a stub
// core: the core's questions in order, "not sure", the duration, Back, revisiting an answer from the
// results, and the cap.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Controller } from '../../web/src/controller.js';
import { PatientFlow } from '../../web/src/flow.js';
import { MAX_QUESTIONS } from '../../web/src/questionnaire.js';

const vocabulary = {
  variables: [
    { id: 'HP:0004372', kind: 'finding', label: 'Reduced consciousness', question: 'Hard to wake?' },
    { id: 'HP:0010543', kind: 'finding', label: 'Opsoclonus', question: 'Darting eyes?' },
    { id: 'test:eeg', kind: 'test', label: 'EEG', question: 'An EEG?' },
  ],
  questions: { duration: { label: 'Duration', question: 'How long?' }, course: { label: 'Course', question: 'Better?' } },
};
// The stub core asks, in this order, whatever is not answered yet.
const ORDER = ['HP:0004372', 'duration', 'course', 'test:eeg', 'HP:0010543'];
const core = {
  evaluate: (k) => ({
    warnings: [],
    patientQuestions: ORDER.map((id) => ({ feature: id, kind: id.startsWith('HP:') ? 'finding' : id.split(':')[0] })),
    nextQuestions: [],
    caseSeen: k,
  }),
};

function setUp() {
  const c = new Controller(core);
  c.evaluate();
  return { c, f: new PatientFlow(c), report: () => c.state.report };
}

test('the core\'s questions in order; "not sure" skips what the case cannot record', () => {
  const { c, f, report } = setUp();
  assert.equal(f.step, 'intro');
  f.start();
  assert.equal(f.question(report(), vocabulary).id, 'HP:0004372');
  assert.equal(f.position, 1);
  f.answer('HP:0004372', 'absent');
  assert.equal(f.question(report(), vocabulary).id, 'duration');
  f.answerDuration(10, 'days');
  assert.deepEqual(c.state.case.duration, { days: 10 });
  f.answer('course', 'unsure');
  assert.equal(c.state.case.course, undefined, 'nothing recorded');
  assert.ok(f.skipped.has('course'));
  assert.equal(f.question(report(), vocabulary).id, 'test:eeg');
  f.answer('test:eeg', 'unsure');
  f.answer('HP:0010543', 'unknown');
  assert.equal(c.state.case.findings['HP:0010543'], 'unknown', 'for a finding, "not sure" is an answer');
  assert.equal(f.question(report(), vocabulary), null);
  assert.equal(f.hasMore(report(), vocabulary), false);
  assert.deepEqual(f.trail, ['HP:0004372', 'duration', 'course', 'test:eeg', 'HP:0010543']);
});

test('Back walks the trail, then to the first screen; a revisit returns to the results', () => {
  const { c, f, report } = setUp();
  f.start();
  f.answer('HP:0004372', 'absent');
  f.answerDuration(3, 'weeks');
  f.back();
  assert.equal(f.review, 'duration');
  assert.equal(f.position, 2);
  assert.equal(f.question(report(), vocabulary).id, 'duration');
  f.back();
  assert.equal(f.review, 'HP:0004372');
  f.back();
  assert.equal(f.step, 'intro');
  f.showResults();
  f.edit('HP:0004372');
  assert.equal(f.step, 'question');
  f.answer('HP:0004372', 'present');
  assert.equal(f.step, 'results', 'back to the results');
  assert.equal(c.state.case.findings['HP:0004372'], 'present');
  f.reset();
  assert.deepEqual([f.step, f.trail.length, f.skipped.size], ['intro', 0, 0]);
});

test('the questionnaire stops at the cap', () => {
  const { f, report } = setUp();
  f.start();
  f.trail = Array.from({ length: MAX_QUESTIONS }, (_, i) => `x${i}`);
  assert.equal(f.question(report(), vocabulary), null);
  assert.equal(f.hasMore(report(), vocabulary), false);
});

// An urgent banner during the questions, then a calmer result: the flow keeps which answer lowered
// it (a parents' audit: 15 of 240 journeys fell without a word), and forgets it once the level is back.
test('an answer that lowers an urgent banner is kept for the results, until the level is back up', () => {
  const triageCore = {
    evaluate: (k) => ({
      warnings: [],
      patientQuestions: [], nextQuestions: [],
      triage: { action: k.course === 'episodic' ? 'soon' : k.findings?.['HP:0010543'] === 'present' ? 'urgent' : 'routine' },
    }),
  };
  const c = new Controller(triageCore);
  c.evaluate();
  const f = new PatientFlow(c);
  f.start();
  f.answer('HP:0004372', 'absent');
  assert.equal(f.loweredNow(), null, 'nothing shown yet to fall from');
  f.answer('HP:0010543', 'present');
  assert.equal(c.state.report.triage.action, 'urgent');
  assert.equal(f.loweredNow(), null);
  f.answer('course', 'episodic');
  assert.deepEqual(f.loweredNow(), { from: 'urgent', id: 'course', value: 'episodic' });
  // A routine answer from a "soon" level is no banner's fall: the urgent one is still the one kept.
  f.answer('course', 'persistent');
  assert.equal(f.loweredNow(), null, 'back to urgent: nothing fell');
  assert.equal(f.lowered, null);
  f.answer('HP:0010543', 'absent');
  assert.equal(f.loweredNow().id, 'HP:0010543');
  f.reset();
  assert.equal(f.lowered, null);
});
