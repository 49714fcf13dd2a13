// SPDX-License-Identifier: MIT
// scripts/gen-hpo.mjs: which HPO terms data/hpo.json keeps, on a small made-up ontology. A feature
// keeps its branch (minus the branches it excludes, unless they lie below another feature) and its
// ancestors; a crosswalk term keeps its branch and ancestors too; is_a links outside the kept set
// are dropped; obsolete ids are kept only when they point into the set.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildHpo } from '../../scripts/gen-hpo.mjs';

//            root
//          /      \
//        A         G
//      /   \        \
//     F     S        X (crosswalk)
//    / \    |        |
//   F1  E   S1       X1
//       |
//       E1
const row = (id, parents, synonyms = '') => ({ id, label: `label ${id}`, parents: parents.join('|'), synonyms });
const rows = [
  row('HP:0000001', []),
  row('HP:0000010', ['HP:0000001']), // A
  row('HP:0000020', ['HP:0000001']), // G
  row('HP:0000100', ['HP:0000010'], 'label HP:0000100|feature synonym'), // F
  row('HP:0000200', ['HP:0000010']), // S (sibling of F)
  row('HP:0000101', ['HP:0000100']), // F1
  row('HP:0000102', ['HP:0000100']), // E (excluded below F)
  row('HP:0000103', ['HP:0000102']), // E1
  row('HP:0000201', ['HP:0000200']), // S1
  row('HP:0000300', ['HP:0000020']), // X (crosswalk term)
  row('HP:0000301', ['HP:0000300']), // X1
];
const obsolete = [
  { obsolete_id: 'HP:0009001', replaced_by: 'HP:0000101' },
  { obsolete_id: 'HP:0009002', replaced_by: 'HP:0000201' },
];
const ids = (out) => out.terms.map((t) => t[0]);

test('a feature keeps its branch and its ancestors, not its siblings', () => {
  const out = buildHpo(rows, obsolete, ['HP:0000100']);
  assert.deepEqual(ids(out), ['HP:0000001', 'HP:0000010', 'HP:0000100', 'HP:0000101', 'HP:0000102', 'HP:0000103']);
  assert.deepEqual(out.replaced, [['HP:0009001', 'HP:0000101']], 'only obsolete ids pointing into the set');
  const f = out.terms.find((t) => t[0] === 'HP:0000100');
  assert.deepEqual(f, ['HP:0000100', 'label HP:0000100', ['HP:0000010'], ['feature synonym']], 'the label is not repeated as a synonym');
});

test('an excluded branch is left out, unless it lies below another feature', () => {
  const excludes = new Map([['HP:0000100', ['HP:0000102']]]);
  assert.deepEqual(ids(buildHpo(rows, obsolete, ['HP:0000100'], excludes)),
    ['HP:0000001', 'HP:0000010', 'HP:0000100', 'HP:0000101']);
  assert.ok(ids(buildHpo(rows, obsolete, ['HP:0000100', 'HP:0000102'], excludes)).includes('HP:0000103'),
    'E is a feature of its own: its branch stays');
});

test('a crosswalk term keeps its branch and ancestors; links to dropped terms are removed', () => {
  const out = buildHpo(rows, obsolete, ['HP:0000100', 'HP:0000300']);
  for (const id of ['HP:0000300', 'HP:0000301', 'HP:0000020']) assert.ok(ids(out).includes(id), id);
  assert.ok(!ids(out).includes('HP:0000200'));
  const withDropped = buildHpo([...rows, row('HP:0000104', ['HP:0000100', 'HP:0000200'])], obsolete, ['HP:0000100']);
  assert.deepEqual(withDropped.terms.find((t) => t[0] === 'HP:0000104')[2], ['HP:0000100']);
});

test('a feature that is not a current term is an error', () => {
  assert.throws(() => buildHpo(rows, obsolete, ['HP:0009001']), /HP:0009001 is not a current term/);
});
