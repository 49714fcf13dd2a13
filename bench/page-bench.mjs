#!/usr/bin/env node
// SPDX-License-Identifier: MIT
// Page timings in Debian's Chromium (same browser run, median of N):
//  - startup: navigation to the first interactive render of dist/oms-aid.html from file:// (the
//    first report rendered: its oms-aid-report event and the next animation frame), against a
//    blank page's load in the same run;
//  - answer: from a click on an answer to the updated report rendered (the element's update
//    complete), in clinician mode, toggling one finding;
//  - phone: the same startup with Chromium's CPU slowed 4x (CDP Emulation.setCPUThrottlingRate),
//    a mid-range phone's speed: navigation to the first report rendered (phoneStartupMs); to the
//    first screen usable (phoneFirstScreenMs: the later of the element's oms-aid-interactive event,
//    fired on the first frame in which it can be used — the patient's first screen, whose Start
//    works before the engine is ready — and the first contentful paint, when that frame is on the
//    screen; phoneInteractiveMs and phoneFirstPaintMs are the two apart: with software compositing
//    the paint is presented 100-400 ms after the frame that draws it); and the longest main-thread
//    task until the first report (phoneLongestTaskMs: how long a tap may wait while the engine
//    starts).
// Prints {"startupMs", "blankMs", "startupRatio", "answerMs", "phoneStartupMs", "phoneFirstScreenMs",
// "phoneInteractiveMs", "phoneFirstPaintMs", "phoneLongestTaskMs"} (medians).
import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { launch, root, pageUrl } from '../tests/e2e/browser.mjs';

const runs = Number(process.argv[2] ?? 10);
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dir = join(root, 'build/bench');
mkdirSync(dir, { recursive: true });
const blankFile = join(dir, 'blank.html');
writeFileSync(blankFile, '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>blank</title></head><body><p>blank</p></body></html>\n');
const blankUrl = pathToFileURL(blankFile).href;

const browser = await launch();
const context = await browser.newContext();
await context.addInitScript(() => {
  addEventListener('oms-aid-report', () => requestAnimationFrame(() => { window.__ready ??= performance.now(); }), { capture: true });
  addEventListener('load', () => requestAnimationFrame(() => { window.__loaded ??= performance.now(); }));
  addEventListener('oms-aid-interactive', () => { window.__interactive ??= performance.now(); }, { capture: true });
  try {
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) if (e.name === 'first-contentful-paint') window.__fcp ??= e.startTime;
    }).observe({ type: 'paint', buffered: true });
  } catch { /* no Paint Timing API: the interactive event alone */ }
  window.__longest = 0;
  try {
    new PerformanceObserver((list) => {
      if (window.__ready) return;
      for (const e of list.getEntries()) window.__longest = Math.max(window.__longest, e.duration);
    }).observe({ type: 'longtask', buffered: true });
  } catch { /* no Long Tasks API: reported as 0 */ }
});

async function timeOpen(url, flag, throttle = 1, more = null) {
  const page = await context.newPage();
  if (throttle > 1) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  }
  await page.goto(url);
  const t = await page.waitForFunction((f) => window[f], flag, { polling: 5, timeout: 30000 }).then((h) => h.jsonValue());
  if (more) more.push(await page.evaluate(() => ({ interactive: window.__interactive, fcp: window.__fcp ?? 0, longest: window.__longest })));
  await page.close();
  return t;
}

const blank = [], app = [];
for (let i = 0; i < runs; i++) {
  blank.push(await timeOpen(blankUrl, '__loaded'));
  app.push(await timeOpen(pageUrl, '__ready'));
}

// A phone: the CPU slowed 4x.
const phone = [], phoneMore = [];
for (let i = 0; i < Math.max(3, Math.ceil(runs / 2)); i++) phone.push(await timeOpen(pageUrl, '__ready', 4, phoneMore));

// Answer -> updated report rendered, in clinician mode.
const page = await context.newPage();
await page.goto(pageUrl);
await page.waitForFunction(() => window.__ready, null, { polling: 5 });
const answerMs = await page.evaluate(async (n) => {
  const el = document.querySelector('oms-aid');
  el.setAttribute('mode', 'clinician');
  await el.updateComplete;
  const times = [];
  for (let i = 0; i < n; i++) {
    const value = i % 2 ? 'absent' : 'present';
    const button = el.shadowRoot.querySelector(`button[data-answer="${value}"]`);
    if (!button) throw new Error('no answer button in clinician mode');
    const t0 = performance.now();
    button.click();
    await el.updateComplete;
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}, 21);
await browser.close();
const result = { startupMs: median(app), blankMs: median(blank), startupRatio: median(app) / median(blank), answerMs, phoneStartupMs: median(phone),
  phoneFirstScreenMs: median(phoneMore.map((m) => Math.max(m.interactive, m.fcp))), phoneInteractiveMs: median(phoneMore.map((m) => m.interactive)),
  phoneFirstPaintMs: median(phoneMore.map((m) => m.fcp)), phoneLongestTaskMs: median(phoneMore.map((m) => m.longest)) };
console.log(JSON.stringify(result));
