// SPDX-License-Identifier: MIT
// web/src/core.js against the real WASM module under Node: report shape, CoreError on bad input,
// and recovery from a real abort inside the module.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createOmsAid, CoreError } from '../../web/src/core.js';

const core = await createOmsAid();

const omsCase = {
  caseVersion: 1,
  age: { years: 1.5 },
  findings: { 'HP:0010543': 'present', 'HP:0001336': 'present', 'HP:0000737': 'present' },
};

test('evaluate returns a plain report object with every contract field', () => {
  const r = core.evaluate(omsCase);
  assert.equal(r.reportVersion, 1);
  assert.equal(typeof r.kbVersion, 'string');
  for (const key of ['warnings', 'criteria', 'differential', 'omsEtiology', 'workup', 'nextQuestions', 'redFlags', 'careTeam']) {
    assert.ok(Array.isArray(r[key]), key);
  }
  assert.ok('pnsCare' in r);
  assert.equal(typeof r.disclaimer, 'string');
  assert.equal(r.criteria[0].id, 'genoa-2005');
  assert.equal(r.criteria[0].status, 'met');
});

test('a bad case throws CoreError with code, message and path', () => {
  assert.throws(
    () => core.evaluate({ caseVersion: 1, findings: { 'HP:0010543': 'perhaps' } }),
    (e) => e instanceof CoreError && e.code === 'invalid_value' && e.path === 'findings.HP:0010543' &&
      e.detail === "'perhaps' is not one of: present, absent, unknown",
  );
  assert.throws(() => core.evaluate('{"caseVersion": 1,'), (e) => e instanceof CoreError && e.code === 'invalid_json');
  assert.throws(() => core.evaluate({}), (e) => e instanceof CoreError && e.code === 'missing_field' && e.path === 'caseVersion');
});

test('visit dates after today are rejected; today can be given', () => {
  const c = { caseVersion: 1, visits: [{ date: '2030-01-01' }] };
  assert.throws(() => core.evaluate(c, { today: '2026-11-25' }), (e) => e.code === 'invalid_value' && e.path === 'visits[0].date');
  assert.equal(core.evaluate(c, { today: '2030-01-02' }).reportVersion, 1);
});

test('an abort inside WASM becomes CoreError internal and the instance is rebuilt', async () => {
  await core.ready();
  assert.throws(() => core._forceAbortForTesting(), (e) => e instanceof CoreError && e.code === 'internal');
  // The spare took over at once: the very next call works.
  assert.equal(core.evaluate(omsCase).criteria[0].status, 'met');
  // And again after a second abort, once a new spare is ready.
  await core.ready();
  assert.throws(() => core._forceAbortForTesting(), (e) => e.code === 'internal');
  assert.equal(core.evaluate(omsCase).criteria[0].status, 'met');
});

test('kbInfo gives the versions and the HPO acknowledgement', () => {
  const info = core.kbInfo();
  assert.match(info.hpoAttribution, /Human Phenotype Ontology/);
  assert.equal(info.hpoVersion, '2026-01-08');
  assert.equal(typeof info.kbVersion, 'string');
});

test('vocabulary lists variables with questions and HPO terms with the features they count for', () => {
  const v = core.vocabulary();
  const opsoclonus = v.variables.find((x) => x.id === 'HP:0010543');
  assert.equal(opsoclonus.kind, 'finding');
  assert.match(opsoclonus.question, /eyes/);
  assert.ok(v.variables.some((x) => x.id === 'exposure:drug-or-toxin' && x.kind === 'exposure'));
  assert.ok(v.tests.some((t) => t.id === 'brain-mri'));
  const truncal = v.hpoTerms.find((t) => t[0] === 'HP:0002078');
  assert.equal(truncal[1], 'Truncal ataxia');
  assert.deepEqual(truncal[3], ['HP:0001251']);
  assert.equal(truncal.length, 4, 'a term with a feature at or above it is not flagged broader');
  const eyes = v.hpoTerms.find((t) => t[0] === 'HP:0012547');
  assert.deepEqual(eyes[3], []);
  assert.equal(eyes[4], true, "'Abnormal involuntary eye movements' counts as at least one of the features below it");
  assert.equal(eyes.length, 5);
  const oscillopsia = v.hpoTerms.find((t) => t[0] === 'HP:0034773');
  assert.deepEqual(oscillopsia.slice(3), [[], true, 'HP:0012547'], 'Oscillopsia is read as it (features.json readAs)');
  assert.equal(core.vocabulary(), v, 'cached');
});

test('vocabulary says whom a variable applies to, where its appliesWhen is an age or sex rule', () => {
  const v = core.vocabulary();
  const of = (id) => v.variables.find((x) => x.id === id);
  assert.deepEqual(of('exposure:infant-b12-risk').appliesTo, { minAge: 0, maxAge: 3 });
  assert.deepEqual(of('HP:0003002').appliesTo, { sexes: ['female'] }, 'a breast cancer');
  assert.deepEqual(of('HP:0002376').appliesTo, { maxAge: 18 }, 'developmental regression');
  assert.equal(of('HP:0010543').appliesTo, undefined, 'opsoclonus applies to everyone');
});
