// SPDX-License-Identifier: MIT
// web/src/storage.js with an in-memory backend (the same calls idb-keyval makes): records carry
// recordVersion 1; listing and opening check every record, so a corrupted one, one of a newer
// version or one whose case the core rejects is reported for that record only; an old record
// without the version field still opens; a failed write (quota or other) leaves nothing behind and
// a failed opt-in deletes the empty database; delete all empties the store and deletes the database.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { openStorage, recordProblem, kindOf, RECORD_VERSION, MAX_NAME, DB_NAME, StorageError } from '../../web/src/storage.js';
import { createOmsAid } from '../../web/src/core.js';

/**
 * A Map standing in for the IndexedDB object store. `failSet(e)` makes the next set() throw e
 * (like an aborted transaction: nothing is written); `deleted` lists deleted database names.
 */
function memoryBackend() {
  const map = new Map();
  const b = {
    map,
    deleted: [],
    closed: 0,
    setError: null,
    createStore: (db, name) => ({ db, name }),
    async get(key) {
      return structuredClone(map.get(key));
    },
    async set(key, value) {
      if (b.setError) {
        const e = b.setError;
        b.setError = null;
        throw e;
      }
      map.set(key, structuredClone(value));
    },
    async del(key) {
      map.delete(key);
    },
    async clear() {
      map.clear();
    },
    async entries() {
      return [...map].map(([k, v]) => [k, structuredClone(v)]);
    },
    async close() {
      b.closed++;
    },
    async deleteDatabase(name) {
      b.deleted.push(name);
    },
  };
  return b;
}

const core = await createOmsAid();
const checkCase = (k) => core.importCase(k);
const good = { caseVersion: 1, findings: { 'HP:0010543': 'present' } };
const legacy = (id, name, savedAt, k = good) => ({ id, name, savedAt, case: k });

test('save writes recordVersion 1 with id, name, time and a copy of the case', async () => {
  const b = memoryBackend();
  const s = openStorage(b, { checkCase });
  const input = structuredClone(good);
  const rec = await s.save({ name: 'Child A', case: input });
  input.findings['HP:0001251'] = 'present';
  assert.equal(rec.recordVersion, RECORD_VERSION);
  assert.match(rec.id, /^case-/);
  assert.ok(!Number.isNaN(Date.parse(rec.savedAt)));
  assert.deepEqual(b.map.get(rec.id), { recordVersion: 1, id: rec.id, name: 'Child A', savedAt: rec.savedAt, case: good });
  const again = await s.save({ id: rec.id, name: 'x'.repeat(5000), case: good });
  assert.equal(b.map.size, 1, 'overwritten under the same id');
  assert.equal(again.name.length, MAX_NAME, 'the name is clipped');
  const [listed] = await s.list();
  assert.equal(listed.problem, null);
  assert.deepEqual(listed.case, good);
});

test('recordProblem: every wrong shape, by field', () => {
  const ok = { recordVersion: 1, id: 'k', name: 'n', savedAt: '2026-01-02T03:04:05.000Z', case: good };
  assert.equal(recordProblem('k', ok), null);
  const { recordVersion, ...old } = ok;
  assert.equal(recordProblem('k', old), null, 'no recordVersion: read as version 1');
  const cases = [
    [null, { code: 'not_a_record', kind: 'null' }],
    ['<script>alert(1)</script>', { code: 'not_a_record', kind: 'string' }],
    [[ok], { code: 'not_a_record', kind: 'array' }],
    [42, { code: 'not_a_record', kind: 'number' }],
    [{ ...ok, recordVersion: 2 }, { code: 'newer_version', version: 2 }],
    [{ ...ok, recordVersion: '1' }, { code: 'bad_field', field: 'recordVersion', kind: 'string' }],
    [{ ...ok, recordVersion: 0 }, { code: 'bad_field', field: 'recordVersion', kind: 'number' }],
    [{ ...ok, recordVersion: 1.5 }, { code: 'bad_field', field: 'recordVersion', kind: 'number' }],
    [{ ...ok, id: 'other' }, { code: 'bad_field', field: 'id', kind: 'string' }],
    [{ ...ok, name: 42 }, { code: 'bad_field', field: 'name', kind: 'number' }],
    [{ ...ok, name: null }, { code: 'bad_field', field: 'name', kind: 'null' }],
    [{ ...ok, name: { toString: 'x' } }, { code: 'bad_field', field: 'name', kind: 'object' }],
    [{ ...ok, savedAt: 17 }, { code: 'bad_field', field: 'savedAt', kind: 'number' }],
    [{ ...ok, savedAt: 'yesterday' }, { code: 'bad_field', field: 'savedAt', kind: 'string' }],
    [{ ...ok, case: undefined }, { code: 'no_case' }],
    [{ ...ok, case: null }, { code: 'no_case' }],
    [{ ...ok, case: '<img src=x onerror=alert(1)>' }, { code: 'bad_case', kind: 'string' }],
    [{ ...ok, case: [good] }, { code: 'bad_case', kind: 'array' }],
  ];
  for (const [value, problem] of cases) assert.deepEqual(recordProblem('k', value), problem, JSON.stringify(value));
  assert.equal(kindOf(undefined), 'missing');
  assert.equal(kindOf(1n), 'bigint');
});

test('list: a bad record is reported for that record only; the others list and open', async () => {
  const b = memoryBackend();
  const s = openStorage(b, { checkCase });
  const cyclic = { caseVersion: 1, findings: {} };
  cyclic.self = cyclic;
  const stored = {
    a: { recordVersion: 1, ...legacy('a', 'Newest', '2026-03-01T10:00:00.000Z') },
    b: legacy('b', 'Old format', '2026-02-01T10:00:00.000Z'),
    c: { recordVersion: 1, ...legacy('c', '<img src=x onerror="window.__pwned=1">', '2026-01-01T10:00:00.000Z') },
    d: { recordVersion: 2, ...legacy('d', 'From the future', '2026-04-01T10:00:00.000Z') },
    e: { recordVersion: 1, ...legacy('e', 'Bad value', '2026-04-01T10:00:00.000Z', { caseVersion: 1, findings: { 'HP:0010543': 'perhaps' } }) },
    f: { recordVersion: 1, ...legacy('f', 'Cyclic', '2026-04-01T10:00:00.000Z', cyclic) },
    g: { recordVersion: 1, ...legacy('g', 'BigInt', '2026-04-01T10:00:00.000Z', { caseVersion: 1n }) },
    h: 'not a record at all',
    i: { recordVersion: 1, ...legacy('i', 'No case', '2026-04-01T10:00:00.000Z', null) },
    j: { recordVersion: 1, ...legacy('j', 'Wrong version of case', '2026-04-01T10:00:00.000Z', { caseVersion: 9 }) },
  };
  for (const [k, v] of Object.entries(stored)) b.map.set(k, v);
  const list = await s.list();
  assert.deepEqual(list.filter((r) => !r.problem).map((r) => r.id), ['a', 'b', 'c'], 'good ones first, newest first');
  const problems = Object.fromEntries(list.filter((r) => r.problem).map((r) => [r.id, r.problem]));
  assert.deepEqual(problems.d, { code: 'newer_version', version: 2 });
  assert.deepEqual(problems.e, { code: 'case_rejected', path: 'findings.HP:0010543', message: "'perhaps' is not one of: present, absent, unknown" });
  assert.equal(problems.f.code, 'unreadable');
  assert.match(problems.f.message, /circular/i);
  assert.equal(problems.g.code, 'unreadable');
  assert.match(problems.g.message, /BigInt/);
  assert.deepEqual(problems.h, { code: 'not_a_record', kind: 'string' });
  assert.deepEqual(problems.i, { code: 'no_case' });
  assert.equal(problems.j.code, 'case_rejected');
  assert.equal(problems.j.path, 'caseVersion');
  assert.equal(list.length, Object.keys(stored).length);
  assert.equal(list.find((r) => r.id === 'h').name, null);
  // get() checks the same way.
  assert.equal((await s.get('b')).problem, null, 'an old record without recordVersion opens');
  assert.deepEqual((await s.get('b')).case, good);
  assert.equal((await s.get('e')).problem.code, 'case_rejected');
  assert.equal(await s.get('nothing-here'), null);
  // A broken record can be deleted; the rest stay.
  await s.remove('e');
  assert.equal(b.map.has('e'), false);
  assert.equal(b.map.size, Object.keys(stored).length - 1);
});

test('a quota error on save leaves nothing behind and says it was the quota', async () => {
  const b = memoryBackend();
  const s = openStorage(b, { checkCase });
  const first = await s.save({ name: 'Kept', case: good }, { optIn: true });
  const before = structuredClone([...b.map]);
  b.setError = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  await assert.rejects(s.save({ name: 'New one', case: good }), (e) => e instanceof StorageError && e.kind === 'quota' && /quota/.test(e.message));
  assert.deepEqual([...b.map], before, 'no new record');
  b.setError = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  await assert.rejects(s.save({ id: first.id, name: 'Overwrite', case: { caseVersion: 1, findings: {} } }), (e) => e.kind === 'quota');
  assert.deepEqual([...b.map], before, 'the previous version of an overwritten record stays');
  assert.deepEqual(b.deleted, [], 'the database stays: saving was already on');
  b.setError = new Error('disk on fire');
  await assert.rejects(s.save({ name: 'x', case: good }), (e) => e.kind === 'failed' && e.message === 'disk on fire');
  b.setError = new DOMException('denied', 'SecurityError');
  await assert.rejects(s.save({ name: 'x', case: good }), (e) => e.kind === 'unavailable');
  assert.deepEqual([...b.map], before);
});

test('a failed opt-in (the first save) deletes the empty database: saving stays off', async () => {
  const b = memoryBackend();
  const s = openStorage(b, { checkCase });
  b.setError = new DOMException('The quota has been exceeded.', 'QuotaExceededError');
  await assert.rejects(s.save({ name: 'First', case: good }, { optIn: true }), (e) => e.kind === 'quota');
  assert.equal(b.map.size, 0);
  assert.deepEqual(b.deleted, [DB_NAME]);
  assert.equal(b.closed, 1, 'the connection is closed before deleting');
});

test('a record that cannot be cloned into the store is refused before anything is written', async () => {
  const b = memoryBackend();
  const s = openStorage(b, { checkCase });
  await assert.rejects(s.save({ name: 'fn', case: { caseVersion: 1, f() {} } }), (e) => e instanceof StorageError && e.kind === 'failed');
  assert.equal(b.map.size, 0);
});

test('delete all empties the store, then deletes the database', async () => {
  const b = memoryBackend();
  const s = openStorage(b, { checkCase });
  await s.save({ name: 'A', case: good }, { optIn: true });
  await s.save({ name: 'B', case: good });
  assert.equal(b.map.size, 2);
  await s.removeAll();
  assert.equal(b.map.size, 0);
  assert.deepEqual(b.deleted, [DB_NAME]);
  assert.equal(b.closed, 1);
});

test('without checkCase only the shape is checked', async () => {
  const b = memoryBackend();
  const s = openStorage(b);
  b.map.set('e', legacy('e', 'Bad value', '2026-04-01T10:00:00.000Z', { caseVersion: 1, findings: { 'HP:0010543': 'perhaps' } }));
  b.map.set('n', { ...legacy('n', 7, '2026-04-01T10:00:00.000Z') });
  const list = await s.list();
  assert.equal(list.find((r) => r.id === 'e').problem, null);
  assert.deepEqual(list.find((r) => r.id === 'n').problem, { code: 'bad_field', field: 'name', kind: 'number' });
});
