// SPDX-License-Identifier: MIT
// Shared Playwright set-up: Debian's Chromium (no browser download is possible here), a fresh
// context per test, and a record of every network request and console error of the page.
import { chromium } from 'playwright-core';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const pageUrl = pathToFileURL(join(root, 'dist/oms-aid.html')).href;
export const distUrl = (name) => pathToFileURL(join(root, 'dist', name)).href;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A new page in a new context. `requests` collects every request of the page and its frames other
 * than the page's own document; blob: and data: URLs (downloads made in the page, never leaving
 * it) are not requests to anywhere and are left out. `errors` collects console errors and
 * uncaught exceptions. `init` (a function) runs in the page before its own script (a test's sentinels).
 */
export async function openPage(browser, url = pageUrl, contextOptions = {}, { init } = {}) {
  const context = await browser.newContext(contextOptions);
  if (init) await context.addInitScript(init); // runs in every document before the page's own script
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => {
    const u = r.url();
    if (u !== url && !u.startsWith('blob:') && !u.startsWith('data:')) requests.push(u);
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, requests, errors };
}

/** Waits until the element has rendered with its engine's first report (either mode). */
export async function ready(page) {
  await page.locator('oms-aid [data-mode][data-ready]').first().waitFor();
}

/** Switches the element to a mode through its visible switch. */
export async function switchMode(page, mode) {
  await page.locator(`oms-aid input[data-mode="${mode}"]`).check();
  await page.locator(`oms-aid div[data-mode="${mode}"][data-ready]`).waitFor();
}

/** The element focused now, looking through shadow roots: its tag, text, focus ring and target size. */
export async function focused(page) {
  return page.evaluate(() => {
    let a = document.activeElement;
    while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
    if (!a) return null;
    // A visually hidden input shows its focus on the label text next to it; a label is the target.
    const ring = getComputedStyle(a).opacity === '0' && a.nextElementSibling ? a.nextElementSibling : a;
    const s = getComputedStyle(ring);
    const r = (a.closest('label') ?? a).getBoundingClientRect();
    return { tag: a.tagName.toLowerCase(), type: a.type ?? null, name: a.name ?? null, value: a.value ?? null,
      text: (a.textContent || '').trim(), testid: a.dataset?.testid ?? null,
      answer: a.dataset?.answer ?? null, action: a.dataset?.action ?? null, step: a.dataset?.step ?? null,
      outlineStyle: s.outlineStyle, outlineWidth: parseFloat(s.outlineWidth), width: r.width, height: r.height };
  });
}

/** The element's current case, read through its public `case` property. */
export const currentCase = (page) => page.evaluate(() => document.querySelector('oms-aid').case);
/** Prefills the element's case through its JS API (`element.case = {…}`). */
export const setCase = (page, k) => page.evaluate((x) => { document.querySelector('oms-aid').case = x; }, k);

/** The element's latest report. */
export const currentReport = (page) => page.evaluate(() => document.querySelector('oms-aid').report);

/**
 * Test hook: merges report sections (a fixture) into every report the element's engine returns,
 * to test views of sections the knowledge base does not fill yet. The live engine still evaluates.
 */
export async function useReportFixture(page, fixture) {
  await page.evaluate((fx) => {
    const el = document.querySelector('oms-aid');
    const core = el._controller.core;
    el._controller.core = {
      ...core,
      evaluate(c, o) {
        const r = core.evaluate(c, o);
        return { ...r, ...fx, references: { ...r.references, ...fx.references } };
      },
    };
    el._controller.evaluate();
  }, fixture);
}

/**
 * Answers the patient question on screen with "No" (or "Not sure" where there is no "No": a test,
 * a categorical question, the duration). Returns the variable answered, or null on another step.
 */
export async function answerNo(page) {
  const h = page.locator('oms-aid h2[data-step]');
  if ((await h.getAttribute('data-step')) !== 'question') return null;
  const id = await h.getAttribute('data-variable');
  const no = page.locator('oms-aid section[aria-labelledby] button[data-answer="absent"]');
  if (await no.count()) await no.first().click();
  else await page.locator('oms-aid button[data-answer="unsure"]').first().click();
  return id;
}

/** Shows the patient question about one variable (as "Change" on the results page does). */
export async function showQuestion(page, id) {
  await page.evaluate((v) => document.querySelector('oms-aid')._act.edit(v), id);
  await page.locator(`oms-aid h2[data-variable="${id}"]`).waitFor();
}
