// SPDX-License-Identifier: MIT
// Opt-in storage end to end: nothing is stored (no IndexedDB database, no localStorage,
// sessionStorage or cookie) until the user turns saving on; then save, list, reopen after a reload,
// delete one, delete all (the store is left empty and the database deleted). Zero network requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, currentCase, setCase } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const databases = (page) => page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name));
const webStorage = (page) => page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length, cookie: document.cookie }));
/**
 * How many records the store holds, read without creating anything: when the database does not
 * exist, the open is aborted in its upgrade (so it is not created) and the answer is 0.
 */
const storedCount = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const req = indexedDB.open('oms-aid');
  req.onupgradeneeded = () => req.transaction.abort();
  req.onsuccess = () => {
    const db = req.result;
    const count = db.transaction('cases').objectStore('cases').count();
    count.onsuccess = () => {
      db.close();
      resolve(count.result);
    };
    count.onerror = () => reject(count.error);
  };
  req.onerror = () => (req.error?.name === 'AbortError' ? resolve(0) : reject(req.error));
}));

async function menu(page, action) {
  const details = page.locator('oms-aid details.casemenu');
  if (!(await details.getAttribute('open') !== null)) await details.locator('summary').click();
  await page.locator(`oms-aid button[data-action="${action}"]`).click();
}

async function saveAs(page, name) {
  await menu(page, 'save');
  const dialog = page.locator('oms-aid dialog[open]');
  await dialog.waitFor();
  await dialog.locator('input[name=name]').fill(name);
  await dialog.locator('button[data-action="save-confirm"]').click();
  await page.locator('oms-aid .msg', { hasText: `Saved "${name}"` }).waitFor();
}

test('save, reopen, delete and delete all, only after opting in', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  const first = { caseVersion: 1, age: { months: 20 }, findings: { 'HP:0010543': 'present', 'HP:0001251': 'present' }, exposures: { 'recent-infection': 'present' } };
  await setCase(page, first);
  assert.deepEqual(await databases(page), [], 'no database before opting in');

  // The saved-cases list says saving is off and creates nothing.
  await menu(page, 'saved');
  assert.match(await page.locator('oms-aid dialog[open]').innerText(), /Saving is off/);
  await page.keyboard.press('Escape');
  assert.deepEqual(await databases(page), []);

  // The save dialog explains the opt-in first.
  await menu(page, 'save');
  const dialog = page.locator('oms-aid dialog[open]');
  assert.match(await dialog.innerText(), /Saving is off[\s\S]*this device only/);
  assert.match(await dialog.locator('button[data-action="save-confirm"]').innerText(), /Turn on saving and save/);
  await dialog.locator('button', { hasText: 'Cancel' }).click();
  assert.deepEqual(await databases(page), [], 'cancel stores nothing');

  await saveAs(page, 'First child');
  assert.deepEqual(await databases(page), ['oms-aid']);
  await menu(page, 'new');
  await page.locator('oms-aid button[data-action="new-yes"]').click();
  assert.deepEqual(await currentCase(page), { caseVersion: 1, findings: {} });
  await page.evaluate(() => { document.querySelector('oms-aid').case = { caseVersion: 1, sex: 'male', findings: { 'HP:0001336': 'present' } }; });
  await saveAs(page, 'Second child');
  assert.equal(await storedCount(page), 2);

  // After a reload the saved cases are listed (saving stays on) and reopen intact.
  await page.reload();
  await ready(page);
  await menu(page, 'saved');
  const list = page.locator('oms-aid [data-testid=saved-list] > li');
  await list.nth(1).waitFor();
  assert.deepEqual((await list.allInnerTexts()).map((x) => x.split('\n')[0]), ['Second child', 'First child']);
  await page.locator('oms-aid button[aria-label="Open First child"]').click();
  await page.locator('oms-aid .msg', { hasText: 'Opened "First child"' }).waitFor();
  assert.deepEqual(await currentCase(page), first);

  await menu(page, 'saved');
  await page.locator('oms-aid button[aria-label="Delete Second child"]').click();
  await page.locator('oms-aid [data-testid=saved-list] > li').nth(1).waitFor({ state: 'detached' });
  assert.equal(await storedCount(page), 1);
  await page.locator('oms-aid button[data-action="delete-all"]').click();
  assert.match(await page.locator('oms-aid dialog[open]').innerText(), /cannot be undone/);
  await page.locator('oms-aid button[data-action="delete-all-yes"]').click();
  await page.locator('oms-aid .msg', { hasText: 'All saved cases were deleted' }).waitFor();
  // Delete all empties the store and deletes the database: saving is off until the user opts in again.
  assert.equal(await storedCount(page), 0, 'delete all leaves the store empty');
  assert.deepEqual(await databases(page), [], 'and the database is gone');
  assert.match(await page.locator('oms-aid dialog[open]').innerText(), /Saving is off/);
  await page.keyboard.press('Escape');
  await page.reload();
  await ready(page);
  await menu(page, 'save');
  assert.match(await page.locator('oms-aid dialog[open]').innerText(), /Saving is off[\s\S]*this device only/, 'opt-in asked again');
  await page.keyboard.press('Escape');
  assert.deepEqual(await databases(page), []);

  assert.deepEqual(await webStorage(page), { local: 0, session: 0, cookie: '' });
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

test('nothing is written without consent: answering, switching modes, importing, exporting, the dialogs, a reload', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  const nothingStored = async (step) => {
    assert.deepEqual(await databases(page), [], `${step}: no IndexedDB database`);
    assert.deepEqual(await webStorage(page), { local: 0, session: 0, cookie: '' }, `${step}: no web storage or cookie`);
    const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage);
    assert.equal(usage, 0, `${step}: the origin uses no storage`);
  };
  await nothingStored('opened');

  // Patient questionnaire: their own words, the age, three answers, then the results.
  await page.locator('oms-aid textarea[name=note]').fill('darting eyes and wobbly');
  await page.locator('oms-aid input[name=ageYears]').fill('2');
  await page.locator('oms-aid input[name=ageYears]').blur();
  await page.locator('oms-aid [data-testid=start]').click();
  for (let i = 0; i < 3; i++) {
    const step = page.locator('oms-aid h2[data-step]');
    if ((await step.getAttribute('data-step')) !== 'question') break;
    const variable = await step.getAttribute('data-variable');
    await page.locator('oms-aid section[aria-labelledby] button[data-answer]').first().click();
    await page.waitForFunction((v) => document.querySelector('oms-aid').shadowRoot.querySelector('h2[data-step]')?.dataset.variable !== v, variable);
  }
  await page.locator('oms-aid [data-testid=to-results]').click();
  assert.ok(Object.keys((await currentCase(page)).findings).length + Object.keys((await currentCase(page)).exposures ?? {}).length >= 1);
  await nothingStored('answered');

  // Clinician mode: a criterion answered in place.
  await page.locator('oms-aid input[data-mode="clinician"]').check();
  await page.locator('oms-aid [data-criteria="genoa-2005"] input[data-item="motor"][value="present"]').check();
  await nothingStored('clinician answer');

  // Import (a good file and a bad one) and export (JSON and Phenopacket).
  const input = page.locator('oms-aid input[type=file]');
  await input.setInputFiles({ name: 'case.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify({ caseVersion: 1, findings: { 'HP:0010543': 'present' } })) });
  await page.locator('oms-aid .msg', { hasText: 'Opened case.json' }).waitFor();
  await input.setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') });
  await page.locator('oms-aid [data-testid=import-error]').waitFor();
  await nothingStored('imported');
  await page.locator('oms-aid details.casemenu summary').click();
  for (const action of ['export-json', 'export-phenopacket']) {
    const [file] = await Promise.all([page.waitForEvent('download'), page.locator(`oms-aid button[data-action="${action}"]`).click()]);
    assert.ok((await file.path()).length);
  }
  await nothingStored('exported');

  // The saved-cases dialog and the save dialog, cancelled.
  await page.locator('oms-aid button[data-action="saved"]').click();
  assert.match(await page.locator('oms-aid dialog[open]').innerText(), /Saving is off/);
  await page.keyboard.press('Escape');
  await page.locator('oms-aid button[data-action="save"]').click();
  await page.locator('oms-aid dialog[open] button', { hasText: 'Cancel' }).click();
  await nothingStored('dialogs');
  await page.reload();
  await ready(page);
  await nothingStored('reloaded');

  // The opt-in is what creates the database.
  await saveAs(page, 'Consented');
  assert.deepEqual(await databases(page), ['oms-aid']);
  assert.equal(await storedCount(page), 1);
  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});
