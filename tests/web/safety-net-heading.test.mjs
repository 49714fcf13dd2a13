// SPDX-License-Identifier: MIT
// A family's safety-netting under an emergency or urgent triage is headed as advice for after that
// visit, so "go back at once if ..." never reads as a slower instruction than the triage above it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { safetyNetHeadingKey } from '../../web/src/views/common.js';
import en from '../../web/src/i18n/en.js';

test('the heading says "after the doctor has seen you" under an emergency or urgent triage only', () => {
  for (const action of ['emergency', 'urgent']) {
    assert.equal(safetyNetHeadingKey({ triage: { action } }), 'r.safetyNetAfter', action);
  }
  for (const action of ['soon', 'routine', undefined]) {
    assert.equal(safetyNetHeadingKey({ triage: { action } }), 'r.safetyNet', String(action));
  }
  assert.equal(safetyNetHeadingKey(null), 'r.safetyNet');
  assert.match(en['r.safetyNetAfter'], /after/i);
  assert.ok(en['r.safetyNet']);
});
