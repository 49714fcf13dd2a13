// SPDX-License-Identifier: MIT
// Shared Playwright set-up: Debian's Chromium (no browser download is possible here), a fresh
// context per test, and a record of every network request and console error of the page.
import { chromium } from 'playwright-core';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const pageUrl = pathToFileURL(join(root, 'dist/oms-aid.html')).href;

export async function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A new page in a new context. `requests` collects every request other than the page's own
 * document; `errors` collects console errors and uncaught exceptions.
 */
export async function openPage(browser, url = pageUrl, contextOptions = {}) {
  const context = await browser.newContext(contextOptions);
  const page = await context.newPage();
  const requests = [];
  const errors = [];
  page.on('request', (r) => {
    if (r.url() !== url) requests.push(r.url());
  });
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(url);
  return { context, page, requests, errors };
}
