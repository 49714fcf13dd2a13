// SPDX-License-Identifier: MIT
// Clinician mode end to end with the live engine: HPO search over labels and synonyms, findings
// present / absent / removed, age and sex, exposures, antibodies, the work-up checklist whose
// result toggles re-evaluate, clickable next questions, the differential's "why", and the severity
// note. Every test asserts zero network requests and no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, switchMode, currentCase, currentReport, setCase } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function clinician() {
  const opened = await openPage(browser);
  await ready(opened.page);
  await switchMode(opened.page, 'clinician');
  return opened;
}

test('findings entry with search over HPO labels and synonyms, to the criteria verdict', async () => {
  const { context, page, requests, errors } = await clinician();
  const search = page.locator('oms-aid input[type=search]');
  await search.fill('truncal atax');
  const hits = page.locator('oms-aid ul.hits > li');
  assert.ok((await hits.count()) >= 1);
  assert.match(await hits.first().innerText(), /Truncal ataxia[\s\S]*HP:0002078[\s\S]*Counts for: Ataxia/);
  await page.locator('oms-aid button[data-add="HP:0002078"]').click();
  // Synonym search: the term's label need not contain the words (HPO's synonym of Limb ataxia).
  await search.fill('appendicular');
  const synonymHit = page.locator('oms-aid ul.hits > li', { hasText: 'Synonym:' }).first();
  assert.match(await synonymHit.innerText(), /Limb ataxia[\s\S]*HP:0002070[\s\S]*Synonym: Appendicular ataxia/);
  // Everyday words find the term too: "dancing eyes", even misspelt.
  await search.fill('dansing eyes');
  const layHit = page.locator('oms-aid ul.hits > li', { hasText: 'Everyday words' }).first();
  assert.match(await layHit.innerText(), /Opsoclonus[\s\S]*HP:0010543[\s\S]*Everyday words: "dancing eyes"/);
  await search.fill('opsoclonus');
  await page.locator('oms-aid button[data-add="HP:0010543"]').click();
  await search.fill('irritab');
  await page.locator('oms-aid button[data-add="HP:0000737"]').click();
  await search.fill('neuroblastoma');
  await page.locator('oms-aid button[aria-label="Add Neuroblastoma as absent"]').click();

  let k = await currentCase(page);
  assert.deepEqual(k.findings, { 'HP:0002078': 'present', 'HP:0010543': 'present', 'HP:0000737': 'present', 'HP:0003006': 'absent' });
  // "Truncal ataxia" counts for the motor item: the report says so and the radio shows it.
  assert.equal(await page.locator('oms-aid [data-criteria="genoa-2005"] input[data-item="motor"][value="present"]').isChecked(), true);
  const verdict = page.locator('oms-aid [data-testid="verdict-genoa-2005"]');
  assert.match(await verdict.innerText(), /Criteria met[\s\S]*does not exclude a mimic/);

  // Change a finding to absent, then remove it.
  await page.locator('oms-aid select[data-finding="HP:0010543"]').selectOption('absent');
  assert.equal((await currentCase(page)).findings['HP:0010543'], 'absent');
  assert.match(await verdict.innerText(), /Criteria not met|Indeterminate/);
  await page.locator('oms-aid button[aria-label="Remove Opsoclonus"]').click();
  assert.equal('HP:0010543' in (await currentCase(page)).findings, false);

  // Age, sex, onset, follow-up, exposures, history, antibodies.
  await page.locator('oms-aid div[data-mode] input[name=age]').fill('45');
  assert.match(await page.locator('oms-aid div[data-mode] [data-testid=age-readback]').innerText(), /./);
  await page.locator('oms-aid div[data-mode] input[name=age]').dispatchEvent('change');
  await page.locator('oms-aid div[data-mode] select[name=sex]').selectOption('male');
  await page.locator('oms-aid select[data-var="onset"]').selectOption('subacute');
  await page.locator('oms-aid select[data-var="exposure:drug-or-toxin"]').selectOption('absent');
  await page.locator('oms-aid select[data-var="history:spontaneous-recovery"]').selectOption('present');
  await page.locator('oms-aid summary', { hasText: 'Antibody results' }).click();
  await page.locator('oms-aid select[data-var="antibody:anti-Ri"]').selectOption('positive');
  k = await currentCase(page);
  assert.deepEqual(k.age, { years: 45 });
  assert.equal(k.sex, 'male');
  assert.equal(k.onset, 'subacute');
  assert.deepEqual(k.exposures, { 'drug-or-toxin': 'absent' });
  assert.deepEqual(k.history, { 'spontaneous-recovery': 'present' });
  assert.deepEqual(k.antibodies, { 'anti-Ri': 'positive' });
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a term more general than every feature: the search says how it counts, the explanation shows it as one line', async () => {
  const { context, page, requests, errors } = await clinician();
  const search = page.locator('oms-aid input[type=search]');
  await search.fill('involuntary eye');
  const hit = page.locator('oms-aid ul.hits > li', { hasText: 'HP:0012547' });
  assert.match(await hit.innerText(), /Abnormal involuntary eye movements[\s\S]*counted as at least one of those below it/);
  await page.locator('oms-aid button[data-add="HP:0012547"]').click();
  const report = await currentReport(page);
  const line = report.differential[0].evidence.find((e) => e.feature === 'HP:0012547');
  assert.equal(line.broader, true);
  assert.ok(line.parts.includes('HP:0010543') && line.parts.includes('HP:0031931'), 'it stands for opsoclonus and flutter');
  const first = page.locator('oms-aid ol[data-testid=differential] > li').first();
  await first.locator('summary', { hasText: 'Why' }).click();
  assert.match(await first.locator('table[data-testid=explanation]').innerText(),
    /Abnormal involuntary eye movements \(counted as at least one of: Opsoclonus, Ocular flutter/);
  // Oscillopsia (what an adult sees of such a movement) says what it is read as, and is then counted so.
  await search.fill('oscillopsia');
  const seen = page.locator('oms-aid ul.hits > li', { hasText: 'HP:0034773' });
  assert.match(await seen.innerText(), /Read as “Abnormal involuntary eye movements”: counted as at least one/);
  await page.locator('oms-aid button[data-add="HP:0034773"]').click();
  const after = await currentReport(page);
  assert.ok(after.warnings.some((w) => w.includes("'Oscillopsia' is read as HP:0012547")), after.warnings.join('\n'));
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a needed tumour the work-up does not order is explained beside the criteria, until dancing eyes are recorded', async () => {
  const { context, page, requests, errors } = await clinician();
  await setCase(page, { caseVersion: 1, age: { years: 2.5 }, onset: 'acute', exposures: ['recent-infection'],
    findings: { 'HP:0001251': 'present', 'HP:0000737': 'present', 'HP:0010543': 'absent', 'HP:0031931': 'absent' },
    history: { 'spontaneous-recovery': 'present' } });
  const note = page.locator('oms-aid [data-testid="not-sought-genoa-2005-tumour"]');
  assert.match(await page.locator('oms-aid [data-testid="verdict-genoa-2005"]').innerText(), /Indeterminate[\s\S]*Neuroblastic tumour/);
  assert.match(await note.innerText(), /does not order one[\s\S]*as soon as dancing eyes are seen/);
  let report = await currentReport(page);
  assert.equal(report.workup.find((w) => w.id === 'imaging-chest-abdomen-pelvis')?.status ?? 'not_indicated', 'not_indicated');
  // The clinician records the eye sign in the criteria panel: the scan is ordered and the note goes.
  await page.locator('oms-aid [data-criteria="genoa-2005"] input[data-item="eye"][value="present"]').check();
  await note.waitFor({ state: 'detached' });
  report = await currentReport(page);
  assert.equal(report.workup.find((w) => w.id === 'imaging-chest-abdomen-pelvis').status, 'recommended');
  assert.deepEqual(report.criteria.find((c) => c.id === 'genoa-2005').notSought, []);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

// A key sign not recorded never leaves the advice calmer than either answer would: the triage
// names it, for the clinician and (in the parent's words) for a family, and recording it removes
// the line.
test('an unrecorded key sign that either answer would make more urgent is named under the triage', async () => {
  const { context, page, requests, errors } = await clinician();
  const gait = { caseVersion: 1, age: { years: 12 }, findings: { 'HP:0001288': 'present' } };
  await setCase(page, gait);
  const line = page.locator('oms-aid [data-testid=triage] [data-testid=triage-either-way]');
  assert.match(await line.innerText(), /Not recorded: .*Ataxia.*present or absent/);
  assert.equal(await page.locator('oms-aid [data-testid=triage]').getAttribute('data-action'), 'soon');
  assert.ok((await currentReport(page)).triage.flags.includes('either-answer-soon'));
  await switchMode(page, 'patient');
  await setCase(page, gait);
  await page.locator('oms-aid [data-testid=start]').click();
  await page.locator('oms-aid [data-testid=to-results]').click();
  const lay = page.locator('oms-aid [data-testid=triage] [data-testid=triage-either-way]').first();
  assert.match(await lay.innerText(), /Not answered yet: .*Unsteadiness.*Whatever the answer to one of these, do not wait longer/);
  await switchMode(page, 'clinician');
  await setCase(page, { ...gait, findings: { ...gait.findings, 'HP:0001251': 'present', 'HP:0010543': 'absent', 'HP:0001336': 'absent' } });
  await line.waitFor({ state: 'detached' });
  assert.ok(!(await currentReport(page)).triage.eitherWay);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

// PNS-Care "definite" below its threshold of 8 (OMS with a consistent cancer, no antibody) says why.
test('a definite PNS-Care level below 8 names the OMS exception it rests on', async () => {
  const { context, page, requests, errors } = await clinician();
  await setCase(page, { caseVersion: 1, age: { years: 60 }, sex: 'female',
    findings: { 'HP:0010543': 'present', 'HP:0001336': 'present', 'HP:0001251': 'present', 'HP:0030357': 'present' } });
  assert.match(await page.locator('oms-aid [data-testid=pns]').innerText(), /Definite PNS[\s\S]*Score 7/);
  assert.match(await page.locator('oms-aid [data-testid=pns-oms-exception]').innerText(), /Definite at a score of 7: opsoclonus-myoclonus is the stated exception/);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('work-up checklist: a result re-evaluates; next questions answer in place', async () => {
  const { context, page, requests, errors } = await clinician();
  await setCase(page, { caseVersion: 1, age: { years: 2 }, findings: { 'HP:0010543': 'present', 'HP:0001251': 'present' } });
  const before = await currentReport(page);
  const id = before.workup.length ? before.workup.find((w) => w.status === 'recommended')?.id ?? before.workup[0].id : 'urine-catecholamines';
  const status = page.locator(`oms-aid select[data-var="test:${id}"]`);
  await status.first().selectOption('normal');
  const after = await currentReport(page);
  assert.equal((await currentCase(page)).tests[id], 'normal');
  assert.notEqual(after, before, 're-evaluated');
  if (after.workup.length) {
    const item = after.workup.find((w) => w.id === id);
    assert.equal(item.status, 'done_normal');
    assert.equal(await page.locator(`oms-aid [data-testid="wu-${id}"] [data-status]`).first().getAttribute('data-status'), 'done_normal');
  }
  await status.first().selectOption('');
  assert.equal((await currentCase(page)).tests?.[id], undefined);

  // Next questions are clickable: answering one records it and the list moves on.
  const nq = (await currentReport(page)).nextQuestions;
  if (nq.length) {
    const q = nq[0];
    await page.locator(`oms-aid [data-testid="nq-${q.feature}"] button`).first().click();
    const k = await currentCase(page);
    assert.notDeepEqual(k, { caseVersion: 1, age: { years: 2 }, findings: { 'HP:0010543': 'present', 'HP:0001251': 'present' } });
    assert.ok(!(await currentReport(page)).nextQuestions.some((x) => x.feature === q.feature), 'answered question leaves the list');
  } else {
    assert.match(await page.locator('oms-aid section[aria-labelledby$="-nq"]').innerText(), /No further question/);
  }

  // The differential explains itself.
  const dx = (await currentReport(page)).differential;
  if (dx.length) {
    await page.locator('oms-aid [data-testid=differential] > li').first().locator('summary').first().click();
    assert.match(await page.locator('oms-aid [data-testid=differential] > li').first().innerText(), /Pretest probability/);
  }

  // Severity: the report's note when the knowledge base ships no scale.
  const sev = (await currentReport(page)).severity;
  if (!sev?.scale) {
    const note = await page.locator('oms-aid [data-testid=severity-note]').innerText();
    if (sev?.note) assert.equal(note, sev.note);
    else assert.match(note, /No validated severity scale/);
  }
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

// A serious case prints on one page for the doctor (a second parents' audit: meningitis with
// papilloedema ran to two): the warning signs at the level of the advice, the others counted; the
// caution a recorded sign calls for printed under its test.
test('a meningitis with papilloedema prints on one page, with the scan-first caution', async () => {
  const { context, page, requests } = await openPage(browser);
  await ready(page);
  await switchMode(page, 'clinician');
  await setCase(page, { caseVersion: 1, age: { years: 5 }, findings: { 'HP:0001085': 'present', 'HP:0001251': 'present', 'HP:0001945': 'present', 'HP:0031179': 'present' } });
  await page.locator('oms-aid [data-testid=triage]').first().waitFor();
  const report = await currentReport(page);
  assert.equal(report.triage.action, 'emergency');
  await page.emulateMedia({ media: 'print' });
  const summary = await page.locator('oms-aid [data-testid=summary]').innerText();
  assert.match(summary, /CT scan of the head[\s\S]*Lumbar puncture[\s\S]*Before it \(a sign it names is recorded\): A brain scan comes before the lumbar puncture/);
  const lower = report.redFlags.filter((f) => f.action !== 'emergency').length;
  assert.ok(lower > 0);
  assert.match(await page.locator('oms-aid [data-testid=summary-other-flags]').innerText(), new RegExp(`and ${lower} at a lower level`));
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, 'one page');
  assert.deepEqual(requests, []);
  await context.close();
});
