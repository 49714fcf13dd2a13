// SPDX-License-Identifier: MIT
// Embedding end to end (dist/embed-example.html): the element prefilled through its `case`
// property, `oms-aid-report` events reaching the host page, the `mode` attribute, host styles kept
// out by the Shadow DOM, and the self-contained page working inside a sandboxed iframe. The only
// loads are the example's own two files from disk: zero network requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, distUrl } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

test('the element in a host page, and the page in a sandboxed iframe', async () => {
  const { context, page, requests, errors } = await openPage(browser, distUrl('embed-example.html'));
  const aid = page.locator('#aid');
  const verdict = aid.locator('[data-testid="verdict-genoa-2005"]');
  await verdict.waitFor();
  assert.match(await verdict.innerText(), /Indeterminate/);
  assert.match(await page.locator('#log').innerText(), /^report \d+: criteria indeterminate \(2 of 3\)/);

  // Host → element: the case property, both ways.
  assert.deepEqual(await page.evaluate(() => document.getElementById('aid').case.findings), { 'HP:0010543': 'present', 'HP:0001251': 'present' });
  await aid.locator('[data-criteria="genoa-2005"] input[data-item="behaviour"][value="present"]').check();
  assert.match(await page.locator('#log').innerText(), /criteria met \(3 of 3\)/, 'the event carries the new report');
  await page.evaluate(() => { document.getElementById('aid').case = { caseVersion: 1, findings: {} }; });
  assert.match(await page.locator('#log').innerText(), /criteria indeterminate \(0 of 3\)/);

  // Host styles stay out of the element.
  const border = await aid.locator('fieldset.tri').first().evaluate((el) => getComputedStyle(el).borderTopStyle);
  assert.equal(border, 'solid');
  const font = await aid.locator('button, input').first().evaluate((el) => getComputedStyle(el).fontFamily);
  assert.doesNotMatch(font, /Comic/);

  // The mode attribute switches the view.
  await page.locator('#patient').click();
  await aid.locator('[data-testid=start]').waitFor();
  assert.equal(await aid.getAttribute('mode'), 'patient');
  await page.locator('#clinician').click();
  await verdict.waitFor();

  // The sandboxed iframe: the whole page works; saving is not offered there, and the menu says why
  // and what to do instead (download).
  const frame = page.frameLocator('iframe');
  await frame.locator('oms-aid [data-testid=start]').click();
  await frame.locator('oms-aid button[data-answer="absent"]').first().click();
  await frame.locator('oms-aid details.casemenu summary').click();
  const unavailable = frame.locator('oms-aid [data-testid=storage-unavailable]');
  await unavailable.waitFor();
  assert.match(await unavailable.innerText(), /not available here[\s\S]*Download case/);
  assert.equal(await frame.locator('oms-aid button[data-action="save"]').count(), 0, 'Save is not offered');
  assert.equal(await frame.locator('oms-aid button[data-action="saved"]').count(), 0);
  assert.equal(await frame.locator('oms-aid button[data-action="export-json"]').count(), 1, 'download is');

  const local = requests.filter((u) => u.startsWith('file://'));
  assert.deepEqual(requests, local, 'only files from disk');
  assert.deepEqual([...new Set(local.map((u) => u.split('/').pop()))].sort(), ['oms-aid.html', 'oms-aid.js']);
  assert.deepEqual(errors, []);
  await context.close();
});
