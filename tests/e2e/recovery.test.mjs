// SPDX-License-Identifier: MIT
// A real abort inside the WASM module (the module's own test hook, which calls abort()) while the
// page evaluates: the adapter discards the instance, the page says so in plain words, the user's
// case is kept, and a fresh instance evaluates it again without any action from the user. Then the
// page keeps working: a new answer gives a new report. Zero network requests, no console error.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, currentCase, currentReport, switchMode, setCase } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

const sample = { caseVersion: 1, age: { months: 20 }, sex: 'female', findings: { 'HP:0010543': 'present', 'HP:0001251': 'present' } };

test('an abort inside the engine keeps the case and the page recovers on a fresh instance', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  await switchMode(page, 'clinician');
  await setCase(page, sample);
  await page.waitForFunction(() => document.querySelector('oms-aid').report?.criteria?.length > 0);
  const before = await currentReport(page);

  // The next evaluation aborts the module for real (once), as a bug in the engine would.
  const seen = await page.evaluate(() => new Promise((resolve) => {
    const el = document.querySelector('oms-aid');
    const core = el._controller.core;
    const states = [];
    const original = core.evaluate;
    core.evaluate = (c) => {
      core.evaluate = original;
      core._forceAbortForTesting(); // throws CoreError internal after discarding the instance
      return original(c);
    };
    el.addEventListener('oms-aid-report', () => resolve(states), { once: true });
    const shown = new MutationObserver(() => {
      const alert = el.shadowRoot.querySelector('.error[role=alert]');
      if (alert) states.push(alert.textContent.trim());
    });
    shown.observe(el.shadowRoot, { subtree: true, childList: true, characterData: true });
    el._controller.evaluate();
  }));
  assert.ok(seen.some((s) => /Something went wrong inside the engine\. Your answers are kept/.test(s)),
    `the abort is explained while the engine restarts: ${JSON.stringify(seen)}`);

  // The same case, evaluated again by the new instance to the same report.
  assert.deepEqual(await currentCase(page), sample);
  const after = await currentReport(page);
  assert.deepEqual(after.criteria, before.criteria);
  assert.deepEqual(after.differential.map((d) => d.id), before.differential.map((d) => d.id));
  await page.waitForFunction(() => !document.querySelector('oms-aid').shadowRoot.querySelector('.error[role=alert]'));

  // And it keeps working: one more finding, one more report.
  await page.evaluate(() => {
    const el = document.querySelector('oms-aid');
    el.case = { ...el.case, findings: { ...el.case.findings, 'HP:0000737': 'present' } };
  });
  await page.waitForFunction(() => document.querySelector('oms-aid').report?.criteria?.[0]?.status === 'met');
  assert.deepEqual(requests, []);
  assert.deepEqual(errors.filter((e) => !/Aborted|abort/i.test(e)), []);
  await context.close();
});
