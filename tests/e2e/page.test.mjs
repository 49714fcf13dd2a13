// SPDX-License-Identifier: MIT
// The self-contained page from file://: answering the criteria reaches "criteria met", with zero
// network requests and no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function answer(page, itemId, value) {
  await page.locator(`oms-aid input[data-item="${itemId}"][value="${value}"]`).check();
}

test('criteria met from file:// with zero network requests', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  const verdict = page.locator('[data-testid="verdict-genoa-2005"]');
  await verdict.waitFor();
  assert.match(await verdict.innerText(), /Indeterminate/);
  await answer(page, 'eye', 'present');
  await answer(page, 'motor', 'present');
  assert.match(await verdict.innerText(), /Indeterminate/);
  assert.match(await verdict.innerText(), /Still needed to decide/);
  await answer(page, 'behaviour', 'present');
  assert.match(await verdict.innerText(), /Criteria met/);
  assert.match(await verdict.innerText(), /3 of 3/);
  await answer(page, 'behaviour', 'absent');
  await answer(page, 'tumour', 'absent');
  assert.match(await verdict.innerText(), /Criteria not met/);
  assert.deepEqual(requests, [], 'the page made network requests');
  assert.deepEqual(errors, [], 'console errors');
  await context.close();
});

test('the disclaimer is visible', async () => {
  const { context, page } = await openPage(browser);
  const disclaimer = page.locator('oms-aid .disclaimer');
  await disclaimer.waitFor();
  assert.ok(await disclaimer.isVisible());
  assert.match(await disclaimer.innerText(), /never replaces/);
  await context.close();
});
