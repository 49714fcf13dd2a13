// SPDX-License-Identifier: MIT
// What a parent reads in the questionnaire (the question, its help and "why we ask") for every
// variable a parent can be asked (observable features, exposures, history, and the onset, course
// and duration questions) is in plain words: no names of syndromes or tests a parent cannot be
// expected to know. OMS itself, neuroblastoma (explained where it appears) and EEG (explained) are
// allowed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';

const data = (f) => JSON.parse(readFileSync(new URL(`../../data/${f}`, import.meta.url), 'utf8'));
const JARGON = /Guillain|\bADEM\b|encephalopath|Miller Fisher|Bickerstaff|Wernicke|cerebell|myoclon|opsoclon|spasmus|prion|\bCSF\b|brainstem|demyelinat|paraneoplastic|immune-mediated|\bmetabolic\b|Horner|criteri|saccad|\blesion\b/i;

test('parent-facing question texts are in plain words', () => {
  const features = data('features.json').features.filter((f) => f.observable);
  const vocabulary = data('vocabulary.json');
  const items = [
    ...features,
    ...vocabulary.exposures.filter((x) => x.observable),
    ...vocabulary.history.filter((x) => x.observable),
    vocabulary.onsetQuestion, vocabulary.courseQuestion, vocabulary.durationQuestion,
  ];
  assert.ok(items.length > 40);
  const found = [];
  for (const x of items) {
    for (const field of ['question', 'help', 'why', 'lay']) {
      const text = x[field];
      if (typeof text === 'string' && JARGON.test(text)) found.push(`${x.id ?? x.label}.${field}: ${text.match(JARGON)[0]}`);
    }
  }
  assert.deepEqual(found, []);
});
