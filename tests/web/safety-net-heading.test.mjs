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

// The printed summary said "Get emergency help now: Get emergency help now: call ..." (a parents'
// audit, 2026.12.17): the level is printed once, whether or not the words begin with it.
test('the printed triage line says its level once', async () => {
  const { triageLine } = await import('../../web/src/views/common.js');
  const t = (k) => en[k];
  const flat = (tpl) => tpl.strings.reduce((s, part, i) => s + part + (i < tpl.values.length ? tpl.values[i] : ''), '').replace(/<[^>]+>/g, '');
  const head = en['action.emergency'];
  const lay = flat(triageLine({ action: 'emergency', lay: `${head}: call your local emergency number.`, message: 'Emergency: assess now.' }, t, true));
  assert.equal(lay.split(head).length - 1, 1, lay);
  assert.match(lay, /call your local emergency number/);
  const clinical = flat(triageLine({ action: 'urgent', lay: 'x', message: 'Urgent: within 24 hours.' }, t, false));
  assert.equal(clinical, `${en['action.urgent']}: Urgent: within 24 hours.`);
});
