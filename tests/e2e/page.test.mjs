// SPDX-License-Identifier: MIT
// The self-contained page from file://: it opens in patient mode; in clinician mode, answering the
// criteria reaches "criteria met"; zero network requests and no console error; the disclaimer is
// visible in both modes; the strict CSP is in place.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { pathToFileURL } from 'node:url';
import { launch, openPage, ready, switchMode, root, pageUrl } from './browser.mjs';

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

async function answer(page, itemId, value) {
  await page.locator(`oms-aid [data-criteria="genoa-2005"] input[data-item="${itemId}"][value="${value}"]`).check();
}

test('criteria met from file:// with zero network requests', async () => {
  const { context, page, requests, errors } = await openPage(browser);
  await ready(page);
  assert.equal(await page.locator('oms-aid').getAttribute('mode'), 'patient', 'the public page opens in patient mode');
  await switchMode(page, 'clinician');
  const verdict = page.locator('[data-testid="verdict-genoa-2005"]');
  await verdict.waitFor();
  assert.match(await verdict.innerText(), /Indeterminate/);
  await answer(page, 'eye', 'present');
  await answer(page, 'motor', 'present');
  assert.match(await verdict.innerText(), /Indeterminate/);
  assert.match(await verdict.innerText(), /Still needed to decide/);
  await answer(page, 'behaviour', 'present');
  assert.match(await verdict.innerText(), /Criteria met/);
  assert.match(await verdict.innerText(), /Criteria present: 3 \(3 needed\)/);
  await answer(page, 'behaviour', 'absent');
  await answer(page, 'tumour', 'absent');
  assert.match(await verdict.innerText(), /Criteria not met/);
  assert.deepEqual(requests, [], 'the page made network requests');
  assert.deepEqual(errors, [], 'console errors');
  await context.close();
});

test('the disclaimer is visible in both modes', async () => {
  const { context, page } = await openPage(browser);
  await ready(page);
  const disclaimer = page.locator('oms-aid .disclaimer');
  for (const mode of ['patient', 'clinician']) {
    await switchMode(page, mode);
    assert.ok(await disclaimer.isVisible(), mode);
    assert.match(await disclaimer.innerText(), /never replaces/);
  }
  await context.close();
});

test('the page carries a strict Content Security Policy', () => {
  const html = readFileSync(join(root, 'dist/oms-aid.html'), 'utf8');
  const csp = html.match(/http-equiv="Content-Security-Policy" content="([^"]+)"/)[1];
  assert.match(csp, /default-src 'none'/);
  assert.match(csp, /script-src 'sha256-[^']+' 'wasm-unsafe-eval'(;|$)/);
  assert.match(csp, /style-src 'sha256-[^']+' 'sha256-[^']+'(;|$)/, 'the page and the element styles, by hash');
  assert.match(csp, /connect-src 'none'/);
  assert.doesNotMatch(html, /\sstyle="/, 'no inline style attributes');
  const scripts = [...html.matchAll(/<script([^>]*)>([^]*?)<\/script>/g)];
  assert.deepEqual(scripts.map((m) => m[1]), ['', ' type="application/octet-stream" id="oms-aid-wasm"'],
    "one inline script, no external one, then the engine's bytes as a data block (never executed)");
  assert.ok(scripts[0][2].length < 250_000, `the script holds no engine bytes (${scripts[0][2].length} characters)`);
  assert.match(scripts[1][2], /^[A-Za-z0-9+/]+=*$/, 'the data block is base64 only');
});

test('a page that lost its engine block says so rather than waiting for ever', async () => {
  const html = readFileSync(join(root, 'dist/oms-aid.html'), 'utf8');
  const cut = html.replace(/<script type="application\/octet-stream" id="oms-aid-wasm">[^<]*<\/script>/, '');
  assert.notEqual(cut, html);
  const dir = mkdtempSync(join(tmpdir(), 'oms-aid-'));
  writeFileSync(join(dir, 'cut.html'), cut);
  const { context, page, requests } = await openPage(browser, pathToFileURL(join(dir, 'cut.html')).href);
  const alert = page.locator('oms-aid p.error[role="alert"]');
  await alert.waitFor({ timeout: 20000 });
  assert.match(await alert.innerText(), /lost its engine.*download it again/);
  assert.deepEqual(requests, []);
  await context.close();
});

test('styles still apply where constructable stylesheets are missing (a <style> allowed by hash)', async () => {
  const context = await browser.newContext();
  await context.addInitScript(() => {
    delete Document.prototype.adoptedStyleSheets;
  });
  const page = await context.newPage();
  const violations = [];
  page.on('console', (m) => {
    if (/Content Security Policy/.test(m.text())) violations.push(m.text());
  });
  await page.goto(pageUrl);
  await ready(page);
  assert.equal(await page.locator('oms-aid style').count(), 1, 'Lit fell back to a <style> element');
  const radius = await page.locator('oms-aid [data-testid=start]').evaluate((el) => getComputedStyle(el).borderTopLeftRadius);
  assert.equal(radius, '8px', 'the element is styled');
  assert.deepEqual(violations, []);
  await context.close();
});

test('works with the network off, and after "Save page as" (the rendered page written back to disk)', async () => {
  const offline = await openPage(browser, pageUrl, { offline: true });
  await ready(offline.page);
  await switchMode(offline.page, 'clinician');
  await offline.page.locator('oms-aid [data-criteria="genoa-2005"] input[data-item="eye"][value="present"]').check();
  assert.match(await offline.page.locator('[data-testid="verdict-genoa-2005"]').innerText(), /Indeterminate/);
  // "Save page as, complete" saves the live DOM: the element is re-created from it.
  const html = await offline.page.content();
  await offline.context.close();
  const dir = mkdtempSync(join(tmpdir(), 'oms-aid-'));
  const saved = join(dir, 'saved copy.html');
  writeFileSync(saved, html);
  const copy = await openPage(browser, pathToFileURL(saved).href, { offline: true });
  await ready(copy.page);
  assert.equal(await copy.page.locator('oms-aid').getAttribute('mode'), 'clinician', 'saved in clinician mode');
  await copy.page.locator('oms-aid [data-criteria="genoa-2005"] input[data-item="motor"][value="present"]').check();
  assert.match(await copy.page.locator('[data-testid="verdict-genoa-2005"]').innerText(), /Criteria present: 1 \(3 needed\)/);
  await switchMode(copy.page, 'patient');
  await copy.page.locator('oms-aid [data-testid=start]').click();
  assert.equal(await copy.page.locator('oms-aid h2[data-step]').getAttribute('data-step'), 'question');
  assert.deepEqual(copy.requests, []);
  assert.deepEqual(copy.errors, []);
  await copy.context.close();
});
