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

// Every safety question answered "not sure" and no sign reported headed the results "No urgent sign
// in your answers" (a parents' audit, 2026.12.17): the family reads that the level is undecided.
test('a family whose answers decided nothing is told the level is undecided, not reassured', async () => {
  const { triageLine, undecidedForFamily } = await import('../../web/src/views/common.js');
  const t = (k) => en[k];
  const flat = (tpl) => tpl.strings.reduce((s, part, i) => s + part + (i < tpl.values.length ? tpl.values[i] : ''), '').replace(/<[^>]+>/g, '');
  const noSign = [{ id: 'oms', layShown: false }];
  const unsure = [{ id: 'HP:0004372', action: 'emergency', label: 'Reduced consciousness', lay: 'very drowsy' }];
  const routine = { action: 'routine', lay: 'Nothing you told us needs urgent care.', message: 'No red flag in the answers given.', unsure };
  const undecided = { triage: routine, differential: noSign };
  const allUnsure = { caseVersion: 1, findings: { 'HP:0004372': 'unknown', 'HP:0001250': 'unknown' }, exposures: { 'head-trauma': 'unknown' } };
  assert.equal(undecidedForFamily(undecided, allUnsure), true);
  assert.equal(undecidedForFamily(undecided), false, 'without the case, the usual heading');
  // A "yes" (vomiting, which is no sign) or a "no" among the answers: the usual heading, with the
  // "not sure" lines (a second audit: "none of your answers" beside vomiting answered yes).
  assert.equal(undecidedForFamily(undecided, { ...allUnsure, findings: { ...allUnsure.findings, 'HP:0002013': 'present' } }), false);
  assert.equal(undecidedForFamily(undecided, { ...allUnsure, exposures: { 'head-trauma': 'absent' } }), false);
  const lay = flat(triageLine(routine, t, true, undecided, allUnsure));
  assert.match(lay, new RegExp(en['action.undecided']));
  assert.doesNotMatch(lay, /No urgent sign|Nothing you told us/);
  // The clinician reads the rule's own words.
  assert.match(flat(triageLine(routine, t, false, undecided, allUnsure)), /No red flag in the answers given/);
  // A sign reported, every safety question answered, or a red flag raised: the usual heading.
  assert.equal(undecidedForFamily({ triage: routine, differential: [{ id: 'oms', layShown: true }] }, allUnsure), false);
  assert.equal(undecidedForFamily({ triage: { ...routine, unsure: [] }, differential: noSign }, allUnsure), false);
  assert.equal(undecidedForFamily({ triage: { ...routine, action: 'soon' }, differential: noSign }, allUnsure), false);
  assert.equal(flat(triageLine({ ...routine, unsure: [] }, t, true, { differential: noSign })).startsWith(en['action.routine']), true);
});

// A family that stopped after a few "no" answers, before the questions that could make it an
// emergency, is not told "No urgent sign in your answers" (a second parents' audit, 2026.12.18).
test('a family that stopped before the emergency questions is told the level is not decided yet', async () => {
  const { triageLine, stoppedEarlyForFamily } = await import('../../web/src/views/common.js');
  const t = (k) => en[k];
  const flat = (tpl) => tpl.strings.reduce((s, part, i) => s + part + (i < tpl.values.length ? tpl.values[i] : ''), '').replace(/<[^>]+>/g, '');
  const noSign = [{ id: 'oms', layShown: false }];
  const unasked = [{ id: 'exposure:drug-or-toxin', action: 'emergency', lay: 'possible poisoning' }];
  const routine = { action: 'routine', lay: 'Nothing you told us needs urgent care.', message: 'No red flag.', unasked };
  const report = { triage: routine, differential: noSign };
  assert.equal(stoppedEarlyForFamily(report), true);
  const lay = flat(triageLine(routine, t, true, report, { caseVersion: 1, findings: { 'HP:0004372': 'absent' } }));
  assert.match(lay, new RegExp(en['action.undecided']));
  assert.match(lay, /were not asked yet/);
  // Only emergency-level questions unasked count; a sign reported or a red flag raised: as before.
  assert.equal(stoppedEarlyForFamily({ ...report, triage: { ...routine, unasked: [{ ...unasked[0], action: 'soon' }] } }), false);
  assert.equal(stoppedEarlyForFamily({ ...report, differential: [{ id: 'oms', layShown: true }] }), false);
  assert.equal(stoppedEarlyForFamily({ ...report, triage: { ...routine, action: 'soon' } }), false);
});
