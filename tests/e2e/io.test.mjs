// SPDX-License-Identifier: MIT
// Export and import end to end: the case downloads as native JSON (and as a Phenopacket when the
// core can write one) without navigating away; importing the file back gives the same case and the
// same report; a bad file is explained (what and where) and never replaces the current case.
// Zero network requests (the downloads are blob: URLs made inside the page).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch, openPage, ready, currentCase, currentReport, setCase } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const sample = {
  caseVersion: 1,
  age: { years: 1.5 },
  sex: 'female',
  findings: { 'HP:0010543': 'present', 'HP:0001336': 'present', 'HP:0000737': 'present', 'HP:0003006': 'absent' },
  onset: 'acute',
  tests: { 'urine-catecholamines': 'normal' },
  exposures: { 'recent-infection': 'present' },
  history: { 'family-history-of-ataxia': 'absent' },
};

async function menu(page, action) {
  const details = page.locator('oms-aid details.casemenu');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  return page.locator(`oms-aid button[data-action="${action}"]`);
}

async function download(page, action) {
  const button = await menu(page, action);
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return { name: file.suggestedFilename(), text: readFileSync(await file.path(), 'utf8') };
}

async function importText(page, name, text) {
  await page.locator('oms-aid input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

async function newCase(page) {
  await (await menu(page, 'new')).click();
  await page.locator('oms-aid button[data-action="new-yes"]').click();
}

test('export as JSON, import it back: same case, same report', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  const url = page.url();
  await setCase(page, sample);
  const report = await currentReport(page);
  const file = await download(page, 'export-json');
  assert.match(file.name, /^oms-aid-case-\d{4}-\d{2}-\d{2}\.json$/);
  assert.deepEqual(JSON.parse(file.text), sample);
  assert.equal(page.url(), url, 'downloading does not navigate');

  await newCase(page);
  assert.deepEqual(await currentCase(page), { caseVersion: 1, findings: {} });
  await importText(page, file.name, file.text);
  await page.locator('oms-aid .msg', { hasText: 'Opened' }).waitFor();
  assert.deepEqual(await currentCase(page), sample);
  assert.deepEqual(await currentReport(page), report);
  assert.equal(await page.locator('oms-aid h2[data-step]').getAttribute('data-step'), 'results', 'patient mode shows the results of an opened case');
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('export as a Phenopacket and import it back: the same findings, verdict and ranking', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  await setCase(page, sample);
  await page.locator('oms-aid details.casemenu summary').click();
  assert.equal(await page.locator('oms-aid button[data-action="export-phenopacket"]').count(), 1, 'the page offers the Phenopacket export');
  const report = await currentReport(page);
  const file = await download(page, 'export-phenopacket');
  assert.match(file.name, /^oms-aid-phenopacket-.*\.json$/);
  const pp = JSON.parse(file.text);
  assert.ok(Array.isArray(pp.phenotypicFeatures));
  assert.ok(pp.phenotypicFeatures.some((f) => f.type?.id === 'HP:0010543'));
  await newCase(page);
  await importText(page, file.name, file.text);
  await page.locator('oms-aid .msg', { hasText: 'Phenopacket' }).waitFor();
  const back = await currentReport(page);
  assert.deepEqual(back.criteria, report.criteria);
  assert.deepEqual(back.differential.map((d) => d.id), report.differential.map((d) => d.id));
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('a bad import is explained and the current case is kept', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  await setCase(page, sample);
  const alert = page.locator('oms-aid [data-testid=import-error]');
  const cases = [
    ['broken.json', '{"caseVersion": 1, "findings": {', /not a valid JSON file/],
    ['value.json', '{"caseVersion": 1, "findings": {"HP:0010543": "perhaps"}}', /"findings\.HP:0010543".*perhaps/],
    ['missing.json', '{"findings": {}}', /caseVersion/],
    ['array.json', '[1, 2, 3]', /problem/],
  ];
  for (const [name, text, pattern] of cases) {
    await importText(page, name, text);
    await alert.waitFor();
    const message = await alert.innerText();
    assert.match(message, /could not be opened/, name);
    assert.match(message, pattern, name);
    assert.match(message, /current case has not been changed/, name);
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.deepEqual(await currentCase(page), sample, `${name}: the case is kept`);
    await alert.locator('button', { hasText: 'Dismiss' }).click();
    await alert.waitFor({ state: 'detached' });
  }
  // A good file after bad ones still works.
  await importText(page, 'good.json', JSON.stringify({ caseVersion: 1, findings: { 'HP:0001251': 'present' } }));
  await page.locator('oms-aid .msg', { hasText: 'Opened good.json' }).waitFor();
  assert.deepEqual((await currentCase(page)).findings, { 'HP:0001251': 'present' });
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});
