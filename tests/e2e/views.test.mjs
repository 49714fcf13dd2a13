// SPDX-License-Identifier: MIT
// Every report section rendered from a fixture (tests/web/fixtures/report-sections.json) merged into
// the live engine's report: PNS-Care, differential with probabilities and "why", aetiology,
// work-up with urgency / status / repeat and its collapsed "not indicated" group, next questions,
// red flags, care team, the severity chart with its data table and visit entry, evidence levels
// (U marked) with citations; and the patient results page built from the same sections.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { launch, openPage, ready, switchMode, currentCase, useReportFixture, root } from './browser.mjs';

const fixture = JSON.parse(readFileSync(join(root, 'tests/web/fixtures/report-sections.json'), 'utf8'));
delete fixture._comment;

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('clinician panels render every report section', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  await switchMode(page, 'clinician');
  await useReportFixture(page, fixture);
  const text = (sel) => page.locator(`oms-aid ${sel}`).first().innerText();

  assert.match(await text('[data-testid=pns]'), /Probable PNS[\s\S]*Score 6/);
  const dx = page.locator('oms-aid [data-testid=differential] > li');
  assert.equal(await dx.count(), 3);
  assert.match(await dx.nth(0).innerText(), /Opsoclonus-myoclonus syndrome[\s\S]*ORPHA:1183[\s\S]*82%/);
  assert.match(await dx.nth(2).innerText(), /<1%/);
  await dx.nth(0).locator('summary').first().click();
  const why = await dx.nth(0).innerText();
  assert.match(why, /Pretest probability 5%/);
  assert.match(why, /Opsoclonus[\s\S]*Present\s+90%\s+40/);
  assert.match(why, /Pretest probability 5%[\s\S]*From a secondary source/);
  assert.match(why, /Nystagmus[\s\S]*Absent\s+1\.6/);
  assert.match(why, /Unverified default/, 'U is marked');
  assert.match(await text('[data-testid=etiology]'), /Fixture aetiology A[\s\S]*60%/);

  const wu = page.locator('oms-aid [data-testid="wu-imaging-chest-abdomen-pelvis"]');
  assert.match(await wu.innerText(), /Urgent[\s\S]*Recommended[\s\S]*Fixture reason one[\s\S]*after 3 months, every 6 months, until 48 months/);
  await wu.locator('details.src summary').last().click(); // the item's own sources (its caution's come first)
  // The citations render on the disclosure's toggle event (asynchronous): wait for them.
  await wu.locator('details.src li', { hasText: 'A fixture reference' }).first().waitFor();
  assert.match(await wu.innerText(), /Verified in the primary source[\s\S]*A fixture reference[\s\S]*PMID 12345678[\s\S]*10\.0000\/fixture/);
  const link = wu.locator('a[href="https://pubmed.ncbi.nlm.nih.gov/12345678/"]');
  assert.equal(await link.getAttribute('rel'), 'noreferrer noopener');
  assert.equal(await link.getAttribute('target'), '_blank');
  assert.match(await page.locator('oms-aid [data-testid="wu-urine-catecholamines"]').innerText(), /Fixture note on the result/);
  const caution = page.locator('oms-aid [data-testid="caution-imaging-chest-abdomen-pelvis"]');
  assert.match(await caution.innerText(), /Before it \(a sign it names is recorded\): Fixture caution before the test/);
  assert.equal(await caution.getAttribute('data-applies'), 'yes');
  assert.equal(await page.locator('oms-aid [data-testid="wu-anti-gq1b"]').count(), 0, 'not indicated: collapsed (rendered when opened)');
  await page.locator('oms-aid summary', { hasText: 'Not indicated now' }).click();
  assert.match(await page.locator('oms-aid [data-testid="wu-anti-gq1b"]').textContent(), /Would be indicated depending on: Ophthalmoparesis; Areflexia/);
  assert.match(await text('summary:has-text("Not indicated now")'), /\(1\)/);
  await page.locator('oms-aid select[data-var="test:urine-catecholamines"]').selectOption('abnormal');
  assert.equal((await currentCase(page)).tests['urine-catecholamines'], 'abnormal');

  await page.locator('oms-aid [data-testid="nq-onset"] button[data-answer="subacute"]').click();
  assert.equal((await currentCase(page)).onset, 'subacute');
  await page.locator('oms-aid [data-testid="nq-exposure:drug-or-toxin"] button[data-answer="absent"]').click();
  assert.deepEqual((await currentCase(page)).exposures, { 'drug-or-toxin': 'absent' });
  assert.equal(await page.locator('oms-aid [data-testid="nq-exposure:drug-or-toxin"] button[aria-pressed=true]').getAttribute('data-answer'), 'absent');

  assert.match(await text('[data-testid=triage]'), /See a doctor urgently[\s\S]*Fixture triage message for clinicians[\s\S]*Fixture clinician red flag message[\s\S]*Urgent/);
  assert.match(await text('[data-testid=safety-net]'), /Fixture safety-netting for clinicians/);
  assert.match(await text('section[aria-labelledby$="-ct"]'), /Fixture role: paediatric neurologist[\s\S]*Urgent[\s\S]*Fixture care reason/);
  // A role names the raised warning signs it stands on, from the report's red flags (an id the
  // report does not hold is left out, never shown raw).
  assert.match(await text('section[aria-labelledby$="-ct"]'), /Fixture care reason[\s\S]*Because of:[\s\S]*Fixture clinician red flag message/);
  assert.deepEqual(await page.locator('oms-aid section[aria-labelledby$="-ct"] [data-testid=role-flags] li').evaluateAll((l) => l.map((x) => x.dataset.flag)), ['fixture-flag']);

  // Severity: chart with a point per visit and the same numbers in a table.
  assert.equal(await page.locator('oms-aid svg.chart circle.dot').count(), 3);
  assert.equal(await page.locator('oms-aid svg.chart').getAttribute('role'), 'img');
  const rows = await page.locator('oms-aid [data-testid=severity-table] tbody tr').allInnerTexts();
  assert.deepEqual(rows.map((r) => r.replace(/\s+/g, ' ').trim()), ['2026-01-10 9', '2026-02-20 6', '2026-04-01 2']);
  await page.locator('oms-aid input[name=date]').fill('2026-01-05');
  await page.locator('oms-aid input[name="sev-stance"]').fill('2');
  await page.locator('oms-aid input[name="sev-gait"]').fill('3');
  await page.locator('oms-aid button', { hasText: 'Add visit' }).click();
  assert.deepEqual((await currentCase(page)).visits, [{ date: '2026-01-05', severity: { stance: 2, gait: 3 } }]);
  await page.locator('oms-aid button[aria-label="Remove the visit of 2026-01-05"]').click();
  assert.equal((await currentCase(page)).visits, undefined);

  assert.match(await text('section[aria-labelledby$="-wn"]'), /outside the knowledge base/);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('patient results use the same sections in plain language', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  await useReportFixture(page, fixture);
  await page.locator('oms-aid [data-testid=start]').click();
  // The first question is the report's first next question, in its wording.
  const h = page.locator('oms-aid h2[data-step]');
  assert.equal(await h.getAttribute('data-variable'), 'HP:0000639');
  assert.equal(await h.innerText(), 'Fixture question about nystagmus?');
  assert.match(await page.locator('oms-aid [data-testid=red-flags]').innerText(), /Fixture plain-language red flag/);
  await page.locator('oms-aid .answers-big button[data-answer=absent]').click();
  assert.equal(await h.getAttribute('data-variable'), 'exposure:drug-or-toxin');
  await page.locator('oms-aid .answers-big button[data-answer=unknown]').click();
  // The onset question offers the knowledge base's onset wording.
  assert.equal(await h.getAttribute('data-variable'), 'onset');
  assert.match(await page.locator('oms-aid .answers-list').innerText(), /Started suddenly[\s\S]*Came on over days or weeks/);
  await page.locator('oms-aid .answers-list button[data-answer=acute]').click();
  assert.deepEqual(await currentCase(page), { caseVersion: 1, findings: { 'HP:0000639': 'absent' }, exposures: { 'drug-or-toxin': 'unknown' }, onset: 'acute' });
  assert.equal(await h.getAttribute('data-step'), 'results', 'the last of the core\'s questions leads to the results');
  const results = await page.locator('oms-aid section:has(h2[data-step=results])').innerText();
  assert.match(results, /See a doctor urgently[\s\S]*Fixture plain-language triage[\s\S]*Fixture plain-language red flag/);
  // Under an urgent triage the safety-netting is advice for after that visit, and says so.
  assert.match(results, /After the doctor has seen you: when to go back[\s\S]*Fixture plain-language safety-netting/);
  assert.match(results, /Possible explanations[\s\S]*Fixture lay label A: likely \(about 82 in 100\)[\s\S]*Fixture lay label B: possible/);
  assert.doesNotMatch(results, /82%/, 'no probabilities for parents');
  assert.match(results, /Specialists to ask about[\s\S]*Fixture role[\s\S]*Fixture care reason[\s\S]*Because of:[\s\S]*Fixture plain-language red flag/);
  assert.match(results, /Tests to ask the doctor about[\s\S]*Fixture lay test name[\s\S]*Doctors may call it: MRI or CT[\s\S]*Urine catecholamine/);
  // Each test in everyday words (its question's reason), the case's reason in the doctors' words behind a disclosure.
  assert.match(await page.locator('oms-aid [data-testid=lay-test-imaging-chest-abdomen-pelvis]').innerText(),
    /a scan from the neck to the pelvis is the best way to find one[\s\S]*Why it is listed here/);
  assert.doesNotMatch(results, /Anti-GQ1b/, 'not-indicated tests are not listed');
  assert.match(results, /Started suddenly/);
  await page.emulateMedia({ media: 'print' });
  const summary = await page.locator('oms-aid [data-testid=summary]').innerText();
  assert.match(summary, /HP:0000639/);
  assert.match(summary, /Warning signs[\s\S]*Fixture plain-language red flag/);
  assert.match(summary, /Fixture plain-language triage/);
  assert.match(summary, /Tests suggested[\s\S]*Fixture lay test name \(MRI or CT/);
  // A caution a recorded sign calls for is printed under its test, for the doctor.
  assert.match(summary, /Fixture lay test name[^\n]*\n?[^\n]*Before it \(a sign it names is recorded\): Fixture caution before the test/);
  assert.match(summary, /FixtureRef \(PMID 12345678\)/);
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, 'still one page with every section');
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});
