// SPDX-License-Identifier: MIT
// Accessibility and layout: axe-core (WCAG 2.0/2.1/2.2 A and AA rules) finds no violation in any
// mode and state tested, at phone (360 px) and desktop widths; nothing scrolls sideways at 360 px;
// the patient questionnaire and the clinician's term search work with the keyboard alone, with a
// visible focus ring on every control reached.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { launch, openPage, ready, switchMode, focused, currentCase, useReportFixture, root, showQuestion, setCase } from './browser.mjs';

const fixture = JSON.parse(readFileSync(join(root, 'tests/web/fixtures/report-sections.json'), 'utf8'));
delete fixture._comment;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const sample = { caseVersion: 1, age: { years: 2 }, sex: 'female', findings: { 'HP:0010543': 'present', 'HP:0001251': 'present', 'HP:0000737': 'present', 'HP:0003006': 'absent' } };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function check(page, state, width) {
  const result = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  const violations = result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(' | ')}`);
  assert.deepEqual(violations, [], `${state} at ${width}px`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 0, `${state} at ${width}px scrolls sideways by ${overflow}px`);
}

async function menu(page, action) {
  const details = page.locator('oms-aid details.casemenu');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.locator(`oms-aid button[data-action="${action}"]`).click();
}

for (const width of [360, 1280]) {
  test(`axe finds no violation in any state at ${width}px`, async () => {
    const { context, page, requests, errors } = await openPage(browser, undefined, { viewport: { width, height: 900 } });
    await ready(page);
    await check(page, 'patient intro', width);
    await page.locator('oms-aid [data-testid=start]').click();
    await check(page, 'patient question', width);
    // The questions of each kind: a categorical one, the duration, the illustrated one.
    for (const id of ['course', 'duration', 'HP:0010543']) {
      await showQuestion(page, id);
      for (const s of await page.locator('oms-aid section[aria-labelledby] details summary').all()) await s.click();
      await check(page, `patient question ${id}`, width);
    }
    // The intro with their own words matched.
    await page.locator('oms-aid button', { hasText: 'Back' }).click().catch(() => {});
    await page.evaluate(() => { const el = document.querySelector('oms-aid'); el.case = { caseVersion: 1, findings: {}, note: 'darting eyes and jerks, no fever' }; });
    await page.locator('oms-aid [data-testid=word-matches]').waitFor();
    await check(page, 'patient intro with own words matched', width);
    await setCase(page, sample);
    await useReportFixture(page, fixture);
    await page.locator('oms-aid [data-testid=start]').click();
    await page.locator('oms-aid [data-testid=to-results]').click();
    for (const s of await page.locator('oms-aid details.src summary').all()) await s.click();
    await check(page, 'patient results with every section', width);

    await switchMode(page, 'clinician');
    await check(page, 'clinician with every section', width);
    for (const s of await page.locator('oms-aid div[data-mode] summary').all()) await s.click();
    await page.locator('oms-aid input[type=search]').fill('ataxia');
    await check(page, 'clinician with search results and every disclosure open', width);
    await page.emulateMedia({ reducedMotion: 'reduce' });

    await page.locator('oms-aid details.casemenu summary').click();
    await check(page, 'case menu open', width);
    await menu(page, 'save');
    await check(page, 'save dialog (opt-in)', width);
    await page.keyboard.press('Escape');
    await menu(page, 'saved');
    await check(page, 'saved cases dialog', width);
    await page.keyboard.press('Escape');
    await page.locator('oms-aid input[type=file]').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from('{') });
    await page.locator('oms-aid [data-testid=import-error]').waitFor();
    await check(page, 'import error', width);
    assert.deepEqual(requests, []);
    assert.deepEqual(errors, []);
    await context.close();
  });
}

test('the live engine report in both modes, at both widths', async () => {
  for (const width of [360, 1280]) {
    const { context, page } = await openPage(browser, undefined, { viewport: { width, height: 900 } });
    await ready(page);
    await switchMode(page, 'clinician');
    await check(page, 'clinician, empty case', width);
    await setCase(page, sample);
    await check(page, 'clinician, live report', width);
    for (const s of await page.locator('oms-aid div[data-mode] summary').all()) await s.click();
    await check(page, 'clinician, live report, every disclosure open', width);
    await switchMode(page, 'patient');
    await page.locator('oms-aid [data-testid=start]').click();
    await page.locator('oms-aid [data-testid=to-results]').click();
    for (const s of await page.locator('oms-aid div[data-mode] summary').all()) await s.click();
    await check(page, 'patient results, live report, every disclosure open', width);
    await context.close();
  }
});

// Larger text (the browser's own font size doubled, WCAG 1.4.4 and 1.4.10): nothing scrolls
// sideways on a phone, in the questionnaire, the results with every disclosure open, or the
// clinician view. The evidence labels ("Verified in the primary source") once did not wrap.
test('doubled text size on a phone: nothing scrolls sideways', async () => {
  const { context, page, requests } = await openPage(browser, undefined, { viewport: { width: 360, height: 900 } });
  await ready(page);
  await page.evaluate(() => { document.documentElement.style.fontSize = '200%'; });
  const sideways = () => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  await page.locator('oms-aid [data-testid=start]').click();
  assert.ok(await sideways() <= 0, `question: ${await sideways()}px`);
  await setCase(page, sample);
  await page.locator('oms-aid [data-testid=start]').click();
  await page.locator('oms-aid [data-testid=to-results]').click();
  for (const s of await page.locator('oms-aid div[data-mode] summary').all()) await s.click();
  assert.ok(await sideways() <= 0, `results, every disclosure open: ${await sideways()}px`);
  await switchMode(page, 'clinician');
  for (const s of await page.locator('oms-aid div[data-mode] summary').all()) await s.click();
  assert.ok(await sideways() <= 0, `clinician, every disclosure open: ${await sideways()}px`);
  assert.deepEqual(requests, []);
  await context.close();
});

/** Presses Tab until the focused element matches, checking every stop has a visible focus ring. */
async function tabTo(page, match, limit = 60) {
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press('Tab');
    const f = await focused(page);
    assert.ok(f.outlineStyle !== 'none' && f.outlineWidth >= 2, `visible focus on ${f.tag} "${f.text.slice(0, 30)}"`);
    assert.ok((f.width >= 24 && f.height >= 24) || f.tag === 'a', `target size of ${f.tag} "${f.text.slice(0, 30)}": ${f.width}x${f.height}`);
    if (match(f)) return f;
  }
  throw new Error('not reached by keyboard');
}

test('the patient questionnaire with the keyboard alone', async () => {
  const { context, page, requests } = await openPage(browser);
  await ready(page);
  await tabTo(page, (f) => f.type === 'radio' && f.value === 'family');
  await page.keyboard.press('Space');
  await tabTo(page, (f) => f.name === 'ageYears');
  await page.keyboard.type('3');
  await tabTo(page, (f) => f.testid === 'start');
  await page.keyboard.press('Enter');
  let f = await focused(page);
  assert.equal(f.step, 'question', 'focus moves to the question');
  for (let i = 0; i < 3; i++) {
    await tabTo(page, (x) => x.answer === 'absent' || x.answer === 'unsure' || x.answer === 'acute');
    await page.keyboard.press('Enter');
    f = await focused(page);
    if (f.step !== 'question') break;
  }
  await tabTo(page, (x) => x.testid === 'to-results');
  await page.keyboard.press('Space');
  assert.equal((await focused(page)).step, 'results');
  await tabTo(page, (x) => x.testid === 'print');
  const k = await currentCase(page);
  assert.deepEqual(k.age, { years: 3 });
  assert.equal(k.enteredBy, 'family');
  assert.ok(Object.keys(k.findings).length + Object.keys(k.exposures ?? {}).length >= 1);
  assert.deepEqual(requests, []);
  await context.close();
});

test('clinician term search and the mode switch with the keyboard alone', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  await tabTo(page, (f) => f.type === 'radio' && f.value === 'patient');
  // The mode switch is a radio group: arrow keys move between the two modes.
  await page.keyboard.press('ArrowRight');
  await page.locator('oms-aid div[data-mode=clinician]').waitFor();
  await tabTo(page, (f) => f.type === 'search');
  await page.keyboard.type('truncal ataxia');
  await tabTo(page, (f) => f.tag === 'button' && f.text === 'Present');
  await page.keyboard.press('Enter');
  assert.deepEqual((await currentCase(page)).findings, { 'HP:0002078': 'present' });
  await context.close();
});
