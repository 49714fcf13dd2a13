// SPDX-License-Identifier: MIT
// The patient questionnaire's order (from the report's nextQuestions, then the criteria items still
// unknown), HPO term search, and opt-in storage with an in-memory idb-keyval stand-in.
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
const report = (nextQuestions, items = []) => ({ nextQuestions, criteria: [{ id: 'genoa-2005', items }] });

test('the next question is the first unanswered one of nextQuestions', () => {
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
});

test('questions without wording (tests the knowledge base words no question for) are not asked', () => {
  const r = report([{ feature: 'test:brain-mri', kind: 'test', label: 'Brain MRI (abnormal)' }]);
  assert.equal(nextQuestion(r, vocabulary, { caseVersion: 1, findings: {} }), null);
});

test('what a parent observes comes first: signs, then criterion items, then tests', () => {
  const items = [{ id: 'eye', status: 'unknown', features: ['HP:0010543'] }];
  const r = report([
    { feature: 'test:brain-mri', kind: 'test', label: 'Brain MRI', question: 'Was an MRI done?' },
    { feature: 'HP:0001251', kind: 'finding', label: 'Ataxia', question: 'Wobbly?' },
  ], items);
  const k = { caseVersion: 1, findings: {} };
  assert.equal(nextQuestion(r, vocabulary, k).id, 'HP:0001251');
  k.findings['HP:0001251'] = 'absent';
  assert.equal(nextQuestion(r, vocabulary, k).id, 'HP:0010543', 'the criterion item before the test');
  k.findings['HP:0010543'] = 'unknown';
  assert.equal(nextQuestion(r, vocabulary, k).id, 'test:brain-mri');
  assert.equal(nextQuestion(r, vocabulary, k, new Set(['test:brain-mri'])), null);
});

test('without nextQuestions, the unknown criterion items are asked, feature by feature', () => {
  const items = [
    { id: 'eye', status: 'unknown', features: ['HP:0010543', 'HP:0031931'] },
    { id: 'motor', status: 'present', features: ['HP:0001251'] },
  ];
  const k = { caseVersion: 1, findings: {} };
  assert.equal(nextQuestion(report([], items), vocabulary, k).id, 'HP:0010543');
  k.findings['HP:0010543'] = 'absent';
  assert.equal(nextQuestion(report([], items), vocabulary, k).id, 'HP:0031931');
  assert.equal(nextQuestion(report([], items), vocabulary, k, new Set(['HP:0031931'])), null, 'skipped this session');
  assert.equal(nextQuestion(null, vocabulary, k), null);
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
  ['HP:0000001', 'All', [], []],
];

test('term search: labels before synonyms, prefix first, every word must match', () => {
  assert.deepEqual(searchTerms(terms, 'ataxia').map((t) => t.id), ['HP:0001251', 'HP:0002078', 'HP:0002066']);
  assert.deepEqual(searchTerms(terms, 'dancing'), [{ id: 'HP:0010543', label: 'Opsoclonus', synonym: 'Dancing eyes', features: ['HP:0010543'] }]);
  assert.deepEqual(searchTerms(terms, 'ataxia truncal').map((t) => t.id), ['HP:0002078']);
  assert.deepEqual(searchTerms(terms, 'hp:0010543').map((t) => t.id), ['HP:0010543']);
  assert.deepEqual(searchTerms(terms, 'a'), [], 'one letter is too short');
  assert.equal(searchTerms(terms, 'ataxia', 1).length, 1);
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
