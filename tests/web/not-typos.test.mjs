// SPDX-License-Identifier: MIT
// scripts/gen-not-typos.mjs: which real English words the description matcher must not read as a
// typo of another word, and which are only another ending of the same word.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { notTypos, variants } from '../../scripts/gen-not-typos.mjs';
import { NOT_TYPOS } from '../../web/src/not-typos.js';

test('another ending of a word is a variant; a different word one letter away is not', () => {
  for (const [a, b] of [['bruise', 'bruises'], ['drugged', 'drugs'], ['balanced', 'balance'], ['behavioral', 'behavioural'], ['crossed', 'cross']]) {
    assert.ok(variants(a, b), `${a} / ${b}`);
  }
  for (const [a, b] of [['table', 'tablets'], ['cracked', 'cranky'], ['stays', 'sways'], ['cancel', 'cancer'], ['failing', 'falling'], ['broke', 'broken']]) {
    assert.ok(!variants(a, b), `${a} / ${b}`);
  }
});

test('the list holds the dictionary words one letter from an everyday term, and nothing else', () => {
  const variables = [
    { id: 'HP:0000737', label: 'Irritability', lay: 'Irritable', observable: true, layTerms: ['cranky'] },
    { id: 'HP:0001251', label: 'Ataxia', lay: 'Unsteady', observable: true, layTerms: ['sways', 'wobbly'] },
    { id: 'test:x', label: 'A test result', lay: 'A result', observable: false, layTerms: ['flicker'] },
  ];
  const dictionary = ['cracked', 'crank', 'stays', 'sway', 'wobble', 'flickers', 'slicker', 'garden', "can't", 'Cranky'];
  // "crank" shares the stem of "cranky"; "sway" and "wobble" are endings of a term; "slicker" is
  // near a term only a test has (not offered to a parent); "garden" is near nothing; "can't" and
  // capitalised words are not plain lower-case words.
  assert.deepEqual(notTypos(dictionary, variables), ['cracked', 'stays']);
});

test('the shipped list keeps real words out and lets real typos through', () => {
  // ("table" itself is no longer near "tablets": its stem is "tabl", two letters from "tablet".)
  for (const w of ['cancel', 'stays', 'tables', 'failing', 'drowning', 'lunches', 'prison']) assert.ok(NOT_TYPOS.has(w), w);
  for (const w of ['wobly', 'dansing', 'concusion', 'jerkes', 'temprature']) assert.ok(!NOT_TYPOS.has(w), w);
});
