// SPDX-License-Identifier: MIT
// Patient mode end to end: the questionnaire (one question per screen, chosen by the engine), back
// and change, the results page, the printed one-page summary with HPO codes (print media and a real
// PDF), the eye-movement illustration and prefers-reduced-motion, red flags, and switching modes
// without losing the case. Every test asserts zero network requests.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, openPage, ready, switchMode, currentCase, currentReport } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

// The features a child with OMS would have (Genoa items eye, motor, behaviour); every other
// question is answered "No".
const YES = new Set(['HP:0010543', 'HP:0001336', 'HP:0001251', 'HP:0000737', 'HP:0000708', 'HP:0002360']);

const heading = (page) => page.locator('oms-aid h2[data-step]');

async function answerAll(page, max = 20) {
  const asked = [];
  for (let i = 0; i < max; i++) {
    const step = await heading(page).getAttribute('data-step');
    if (step !== 'question') return asked;
    const id = await heading(page).getAttribute('data-variable');
    asked.push(id);
    const buttons = page.locator('oms-aid .answers-big button');
    const offered = await buttons.evaluateAll((bs) => bs.map((b) => b.dataset.answer));
    // Yes to the OMS features, "not sure" to tests (nothing recorded), no or the second answer otherwise.
    const choice = YES.has(id) ? 'present' : offered.includes('unsure') ? 'unsure' : offered.includes('absent') ? 'absent' : offered[1];
    await page.locator(`oms-aid .answers-big button[data-answer="${choice}"]`).click();
    if (choice === 'unsure') {
      assert.equal((await currentCase(page)).tests?.[id.split(':')[1]], undefined, 'not sure records nothing');
      assert.notEqual(await heading(page).getAttribute('data-variable'), id, 'and the question is not asked again');
    }
  }
  return asked;
}

test('questionnaire to results to the printed summary', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  await page.locator('oms-aid input[name=age]').fill('2');
  await page.locator('oms-aid input[name=age]').dispatchEvent('change');
  await page.locator('oms-aid select[name=sex]').selectOption('female');
  await page.locator('oms-aid [data-testid=start]').click();
  assert.equal(await heading(page).getAttribute('data-step'), 'question');
  assert.match(await page.locator('oms-aid .progress').innerText(), /Question 1/);
  // The first question is the engine's: the report's first next question about something a
  // parent can observe (tests come later).
  const report = await currentReport(page);
  const first = await heading(page).getAttribute('data-variable');
  const observed = report.nextQuestions.find((q) => ['finding', 'exposure', 'history', 'onset'].includes(q.kind));
  if (observed) assert.equal(first, observed.feature);
  // Focus moves to each new question (screen readers read it).
  assert.equal(await page.evaluate(() => document.querySelector('oms-aid').shadowRoot.activeElement?.dataset.step), 'question');

  // Answer one, go back, the answer is shown pressed, change it.
  await page.locator(`oms-aid .answers-big button[data-answer="${YES.has(first) ? 'present' : 'absent'}"]`).click();
  await page.locator('oms-aid button', { hasText: 'Back' }).click();
  assert.equal(await heading(page).getAttribute('data-variable'), first);
  assert.equal(await page.locator('oms-aid .answers-big button[aria-pressed=true]').count(), 1);

  const asked = await answerAll(page);
  assert.ok(asked.length >= 2 && asked.length <= 15, `asked ${asked.length} questions: ${asked}`);
  assert.equal(await heading(page).getAttribute('data-step'), 'results');
  const k = await currentCase(page);
  assert.deepEqual(k.age, { years: 2 });
  assert.equal(k.sex, 'female');
  assert.equal(k.findings['HP:0010543'], 'present');

  // The plain-language verdict matches the engine's.
  const r = await currentReport(page);
  const lay = page.locator('oms-aid [data-testid="lay-verdict-genoa-2005"]');
  assert.match(await lay.innerText(), { met: /fit the pattern/, not_met: /do not fit/, indeterminate: /still missing/ }[r.criteria[0].status]);
  assert.match(await page.locator('oms-aid ul.answered').innerText(), /Chaotic, darting eye movements: Yes/);

  // Change an answer from the results page and come back to it.
  await page.locator('oms-aid button[aria-label^="Change the answer about Chaotic"]').click();
  assert.equal(await heading(page).getAttribute('data-variable'), 'HP:0010543');
  await page.locator('oms-aid .answers-big button[data-answer="present"]').click();
  assert.equal(await heading(page).getAttribute('data-step'), 'results');

  // Print: the button prints; in print media only the one-page summary shows, with HPO codes.
  await page.evaluate(() => {
    window.__printed = 0;
    window.print = () => window.__printed++;
  });
  await page.locator('oms-aid [data-testid=print]').click();
  assert.equal(await page.evaluate(() => window.__printed), 1);
  const summary = page.locator('oms-aid [data-testid=summary]');
  assert.equal(await summary.isVisible(), false, 'the summary is for print only');
  await page.emulateMedia({ media: 'print' });
  assert.equal(await summary.isVisible(), true);
  assert.equal(await heading(page).isVisible(), false, 'the screen view is hidden in print');
  assert.equal(await page.locator('oms-aid .casemenu').isVisible(), false);
  const text = await summary.innerText();
  assert.match(text, /Summary for the doctor/);
  assert.match(text, /HP:0010543/);
  assert.match(text, /Opsoclonus/);
  assert.match(text, /2 years/);
  assert.match(text, /never replaces/, 'the disclaimer is printed');
  const pdf = (await page.pdf({ format: 'A4' })).toString('latin1');
  assert.equal((pdf.match(/\/Type\s*\/Page[^s]/g) ?? []).length, 1, 'the summary fits on one page');
  await page.emulateMedia({ media: 'screen' });

  assert.deepEqual(requests, []);
  assert.deepEqual(errors, []);
  await context.close();
});

async function eyeAnimationState(page) {
  return page.evaluate(() => {
    const root = document.querySelector('oms-aid').shadowRoot;
    return [...root.querySelectorAll('.opso, .nyst')].flatMap((el) => el.getAnimations().map((a) => a.playState));
  });
}

async function toEyeQuestion(page) {
  await ready(page);
  await page.locator('oms-aid [data-testid=start]').click();
  // Whatever the engine asks first, the opsoclonus question has the illustration.
  await page.evaluate(() => {
    const el = document.querySelector('oms-aid');
    el.case = { caseVersion: 1, findings: {} };
  });
  await page.locator('oms-aid [data-testid=start]').click();
  for (let i = 0; i < 15 && (await heading(page).getAttribute('data-variable')) !== 'HP:0010543'; i++) {
    await page.locator('oms-aid .answers-big button').nth(1).click();
  }
  await page.locator('oms-aid figure.eyes').waitFor();
}

test('the eye illustration moves, can be paused, and starts paused with reduced motion', async () => {
  for (const reducedMotion of ['no-preference', 'reduce']) {
    const { context, page, requests } = await openPage(browser, undefined, { reducedMotion });
    await toEyeQuestion(page);
    const states = await eyeAnimationState(page);
    assert.equal(states.length, 4, 'both eyes of both panels are animated');
    const expected = reducedMotion === 'reduce' ? 'paused' : 'running';
    assert.ok(states.every((s) => s === expected), `${reducedMotion}: ${states}`);
    await page.locator('oms-aid figure.eyes button').click();
    const toggled = reducedMotion === 'reduce' ? 'running' : 'paused';
    assert.ok((await eyeAnimationState(page)).every((s) => s === toggled), 'the button toggles it');
    assert.match(await page.locator('oms-aid figure.eyes').innerText(), /Opsoclonus[\s\S]*Nystagmus/);
    assert.deepEqual(requests, []);
    await context.close();
  }
});

test('switching modes keeps the case, both ways', async () => {
  const { context, page, requests } = await openPage(browser);
  await ready(page);
  await page.locator('oms-aid [data-testid=start]').click();
  const first = await heading(page).getAttribute('data-variable');
  await page.locator('oms-aid .answers-big button[data-answer]').first().click();
  const answered = await currentCase(page);
  assert.notDeepEqual(answered, { caseVersion: 1, findings: {} }, `the answer to ${first} is in the case`);
  await switchMode(page, 'clinician');
  assert.deepEqual(await currentCase(page), answered);
  await page.locator('oms-aid input[data-item="motor"][value="present"]').check();
  const k = await currentCase(page);
  await switchMode(page, 'patient');
  assert.deepEqual(await currentCase(page), k);
  await page.locator('oms-aid [data-testid=to-results]').click().catch(() => {});
  await switchMode(page, 'clinician');
  assert.deepEqual(await currentCase(page), k);
  assert.deepEqual(requests, []);
  await context.close();
});

test('red flags from the report are shown at once, in plain language', async () => {
  const { context, page, requests } = await openPage(browser);
  await ready(page);
  await page.evaluate(() => {
    document.querySelector('oms-aid').case = { caseVersion: 1, age: { years: 3 }, findings: { 'HP:0004372': 'present', 'HP:0001251': 'present' } };
  });
  await page.locator('oms-aid [data-testid=start]').click();
  const report = await currentReport(page);
  const banner = page.locator('oms-aid [data-testid=red-flags]');
  if (report.redFlags.length) {
    await banner.first().waitFor();
    assert.match(await banner.first().innerText(), new RegExp(report.redFlags[0].lay.slice(0, 20).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
    assert.equal(await banner.first().getAttribute('role'), 'alert');
  } else {
    assert.equal(await banner.count(), 0);
  }
  assert.deepEqual(requests, []);
  await context.close();
});
