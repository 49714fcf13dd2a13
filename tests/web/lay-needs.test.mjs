// SPDX-License-Identifier: MIT
// What a parent is asked to look for, to decide an indeterminate criteria set, is in everyday words
// (the lay labels of the signs a family can see), never the criteria's clinical labels, and never a
// finding only a doctor can give (a tumour found).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { visibleNeeds } from '../../web/src/views/common.js';

const vocabulary = {
  variables: [
    { id: 'HP:0010543', label: 'Opsoclonus', lay: 'Chaotic, darting eye movements', observable: true },
    { id: 'HP:0031931', label: 'Ocular flutter', lay: 'Bursts of fast side-to-side eye movements', observable: true },
    { id: 'HP:0000708', label: 'Behavioural change', lay: 'A change in behaviour', observable: true },
    { id: 'HP:0000737', label: 'Irritability', lay: 'Marked irritability or inconsolable crying', observable: true },
    { id: 'HP:0002360', label: 'Sleep disturbance', lay: 'Poor or broken sleep', observable: true },
    { id: 'HP:0003006', label: 'Neuroblastoma', lay: 'Neuroblastoma found' },
  ],
};
const genoa = {
  needsItems: ['eye', 'behaviour', 'tumour'],
  items: [
    { id: 'eye', label: 'Opsoclonus or ocular flutter', features: ['HP:0010543', 'HP:0031931'] },
    { id: 'behaviour', label: 'Behavioural change and/or sleep disturbance', features: ['HP:0000708', 'HP:0000737', 'HP:0002360'] },
    { id: 'tumour', label: 'Neuroblastoma', features: ['HP:0003006'] },
  ],
};

test('the signs still needed are named in everyday words, and only those a family can see', () => {
  assert.deepEqual(visibleNeeds(genoa, vocabulary), [
    'Chaotic, darting eye movements or bursts of fast side-to-side eye movements',
    'A change in behaviour, marked irritability or inconsolable crying, or poor or broken sleep',
  ]);
  assert.deepEqual(visibleNeeds({ ...genoa, needsItems: ['tumour'] }, vocabulary), []);
  assert.deepEqual(visibleNeeds(genoa, null), [], 'no vocabulary yet: nothing to ask');
});

test('a sign already answered "no" is not asked for again', () => {
  const answeredNo = { findings: { 'HP:0010543': 'absent', 'HP:0000737': 'absent', 'HP:0002360': 'unknown' } };
  assert.deepEqual(visibleNeeds(genoa, vocabulary, answeredNo), [
    'Bursts of fast side-to-side eye movements',
    'A change in behaviour or poor or broken sleep',
  ]);
  const allNo = { findings: { 'HP:0010543': 'absent', 'HP:0031931': 'absent' } };
  assert.deepEqual(visibleNeeds({ ...genoa, needsItems: ['eye'] }, vocabulary, allNo), []);
});
