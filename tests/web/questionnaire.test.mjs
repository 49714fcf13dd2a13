// SPDX-License-Identifier: MIT
// The patient questionnaire's order (the report's patientQuestions, decided in the core), HPO term
// search (with everyday words), and opt-in storage with an in-memory idb-keyval stand-in.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { nextQuestion, questionFor, isAnswered } from '../../web/src/questionnaire.js';
import { searchTerms } from '../../web/src/search.js';
import { openStorage, savingWasTurnedOn } from '../../web/src/storage.js';

const vocabulary = {
  variables: [
    { id: 'HP:0010543', kind: 'finding', label: 'Opsoclonus', lay: 'Dancing eyes', question: 'Do the eyes dance?', help: 'h', why: 'w' },
    { id: 'HP:0031931', kind: 'finding', label: 'Ocular flutter', lay: 'Flutter', question: 'Flutter?' },
    { id: 'HP:0001251', kind: 'finding', label: 'Ataxia', lay: 'Wobbly', question: 'Wobbly?' },
    { id: 'exposure:recent-infection', kind: 'exposure', label: 'Infection', lay: 'Infection', question: 'Infection?' },
    { id: 'test:brain-mri', kind: 'test', label: 'Brain MRI (abnormal)', lay: 'Brain MRI' },
  ],
};
const report = (patientQuestions) => ({ patientQuestions, nextQuestions: [], criteria: [] });

test('the next question is the first unanswered one of the core\'s patientQuestions', () => {
  const r = report([
    { feature: 'HP:0001251', kind: 'finding', label: 'Ataxia', question: 'Is the child wobbly?', why: 'because' },
    { feature: 'exposure:recent-infection', kind: 'exposure', label: 'Infection' },
  ]);
  const empty = { caseVersion: 1, findings: {} };
  const q = nextQuestion(r, vocabulary, empty);
  assert.deepEqual(q, { id: 'HP:0001251', kind: 'finding', label: 'Ataxia', lay: 'Wobbly', question: 'Is the child wobbly?', help: '', why: 'because' });
  const answered = { caseVersion: 1, findings: { 'HP:0001251': 'unknown' } };
  assert.equal(nextQuestion(r, vocabulary, answered).id, 'exposure:recent-infection');
  assert.equal(nextQuestion(r, vocabulary, answered).question, 'Infection?', 'wording from the vocabulary');
  assert.equal(nextQuestion(r, vocabulary, { ...answered, exposures: ['recent-infection'] }), null);
  assert.equal(nextQuestion(null, vocabulary, empty), null);
});

test('questions without wording are not asked; the order is the core\'s, not re-sorted here', () => {
  assert.equal(nextQuestion(report([{ feature: 'test:brain-mri', kind: 'test', label: 'Brain MRI (abnormal)' }]), vocabulary, { caseVersion: 1, findings: {} }), null);
  const r = report([
    { feature: 'exposure:recent-infection', kind: 'exposure', label: 'Infection' },
    { feature: 'HP:0010543', kind: 'finding', label: 'Opsoclonus' },
  ]);
  assert.equal(nextQuestion(r, vocabulary, { caseVersion: 1, findings: {} }).id, 'exposure:recent-infection');
});

test('a categorical question (course, duration) is asked once, worded from the vocabulary', () => {
  const voc = { ...vocabulary, questions: { course: { label: 'Course', question: 'Better or worse?', why: 'w' }, duration: { label: 'Duration', question: 'How long?', why: 'w' } } };
  const r = report([
    { feature: 'course', kind: 'course', label: 'Course', question: 'Better or worse?' },
    { feature: 'duration', kind: 'duration', label: 'Duration', question: 'How long?' },
  ]);
  const k = { caseVersion: 1, findings: {} };
  assert.equal(nextQuestion(r, voc, k).id, 'course');
  assert.equal(nextQuestion(r, voc, { ...k, course: 'worsening' }).id, 'duration');
  assert.equal(nextQuestion(r, voc, k, new Set(['course'])).id, 'duration', '"not sure" skips it for this session');
  assert.equal(nextQuestion(r, voc, { ...k, course: 'improving', duration: { days: 3 } }), null);
  assert.equal(questionFor('course:worsening', voc).id, 'course');
  assert.equal(questionFor('duration', voc).question, 'How long?');
});

test('a report\'s entry is worded for the person: no general help or why fills in what it leaves out', () => {
  // An adult's entry without help (the general help speaks of children) shows none.
  const adult = questionFor('HP:0010543', vocabulary, { feature: 'HP:0010543', kind: 'finding', label: 'Opsoclonus', question: 'Do your eyes dance?', why: 'w2' });
  assert.equal(adult.question, 'Do your eyes dance?');
  assert.equal(adult.help, '');
  assert.equal(adult.why, 'w2');
  // Without an entry, the vocabulary's general wording.
  assert.deepEqual([questionFor('HP:0010543', vocabulary).question, questionFor('HP:0010543', vocabulary).help], ['Do the eyes dance?', 'h']);
});

test('questionFor and isAnswered', () => {
  assert.equal(questionFor('HP:9999999', vocabulary).label, 'HP:9999999');
  assert.equal(questionFor('onset:acute', vocabulary).kind, 'onset');
  assert.equal(isAnswered({ onset: 'acute' }, 'onset:chronic'), true);
  assert.equal(isAnswered({ findings: {} }, 'HP:0001251'), false);
});

const terms = [
  ['HP:0001251', 'Ataxia', ['Cerebellar ataxia'], ['HP:0001251']],
  ['HP:0002078', 'Truncal ataxia', [], ['HP:0001251']],
  ['HP:0010543', 'Opsoclonus', ['Dancing eyes', 'Saccadomania'], ['HP:0010543']],
  ['HP:0002066', 'Gait ataxia', ['Ataxic gait'], []],
  ['HP:0012547', 'Abnormal involuntary eye movements', [], [], true],
  ['HP:0034773', 'Oscillopsia', [], [], true, 'HP:0012547'],
  ['HP:0000001', 'All', [], []],
];

test('term search: labels before synonyms, prefix first, every word must match', () => {
  assert.deepEqual(searchTerms(terms, 'ataxia').map((t) => t.id), ['HP:0001251', 'HP:0002078', 'HP:0002066']);
  assert.deepEqual(searchTerms(terms, 'dancing'), [{ id: 'HP:0010543', label: 'Opsoclonus', synonym: 'Dancing eyes', lay: null, features: ['HP:0010543'], broader: false, readAs: null }]);
  assert.deepEqual(searchTerms(terms, 'ataxia truncal').map((t) => t.id), ['HP:0002078']);
  assert.deepEqual(searchTerms(terms, 'hp:0010543').map((t) => t.id), ['HP:0010543']);
  assert.equal(searchTerms(terms, 'involuntary eye')[0].broader, true, 'a broader term says so');
  assert.equal(searchTerms(terms, 'involuntary eye')[0].readAs, null);
  assert.deepEqual(searchTerms(terms, 'oscillops').map((t) => [t.broader, t.readAs]), [[true, 'HP:0012547']],
    'a term read as a broader one names it');
  assert.deepEqual(searchTerms(terms, 'a'), [], 'one letter is too short');
  assert.equal(searchTerms(terms, 'ataxia', 1).length, 1);
  // Everyday words of the knowledge base find the feature ("wobbly" → Ataxia), with typos.
  const variables = [{ id: 'HP:0001251', layTerms: ['wobbly', 'unsteady'] }, { id: 'HP:0010543', layTerms: ['darting eyes'] }];
  assert.deepEqual(searchTerms(terms, 'wobly', 8, variables).map((t) => [t.id, t.lay]), [['HP:0001251', 'wobbly']]);
  assert.deepEqual(searchTerms(terms, 'darting eyes', 8, variables).map((t) => t.id), ['HP:0010543']);
});

function memoryBackend() {
  const stores = [];
  return {
    stores,
    createStore: (db, name) => {
      const m = new Map();
      stores.push({ db, name, m });
      return m;
    },
    get: async (k, m) => m.get(k),
    set: async (k, v, m) => void m.set(k, v),
    del: async (k, m) => void m.delete(k),
    clear: async (m) => m.clear(),
    entries: async (m) => [...m.entries()],
  };
}

test('storage: save, list newest first, overwrite, delete, delete all', async () => {
  const backend = memoryBackend();
  const s = openStorage(backend);
  assert.deepEqual(backend.stores.map((x) => [x.db, x.name]), [['oms-aid', 'cases']]);
  const a = await s.save({ name: 'A', case: { caseVersion: 1 } });
  await new Promise((r) => setTimeout(r, 5));
  const b = await s.save({ name: 'B', case: { caseVersion: 1, sex: 'male' } });
  assert.deepEqual((await s.list()).map((r) => r.name), ['B', 'A']);
  await s.save({ id: a.id, name: 'A2', case: { caseVersion: 1 } });
  assert.deepEqual((await s.list()).map((r) => r.name).sort(), ['A2', 'B']);
  assert.equal((await s.get(b.id)).case.sex, 'male');
  await s.remove(b.id);
  assert.equal((await s.list()).length, 1);
  await s.removeAll();
  assert.deepEqual(await s.list(), []);
});

test('savingWasTurnedOn never opens the database', async () => {
  assert.equal(await savingWasTurnedOn(undefined), false);
  assert.equal(await savingWasTurnedOn({ databases: async () => [{ name: 'other' }] }), false);
  assert.equal(await savingWasTurnedOn({ databases: async () => [{ name: 'oms-aid' }] }), true);
  assert.equal(await savingWasTurnedOn({ databases: async () => { throw new Error('SecurityError'); } }), false);
});
