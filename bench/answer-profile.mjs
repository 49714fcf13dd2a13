// SPDX-License-Identifier: MIT
// CPU profile of 21 answers in clinician mode (the bench's answer figure): self and inclusive time per
// function. Build with `node web/build.mjs --keep-names` first for readable names, then rebuild
// without it. Usage: node bench/answer-profile.mjs
import { launch, pageUrl } from '../tests/e2e/browser.mjs';
const browser = await launch();
const context = await browser.newContext();
const page = await context.newPage();
await page.goto(pageUrl);
await page.waitForFunction(() => window.document.querySelector('oms-aid')?.shadowRoot?.querySelector('[data-ready]'), null, { polling: 10 });
await page.evaluate(async () => { const el = document.querySelector('oms-aid'); el.setAttribute('mode', 'clinician'); await el.updateComplete; });
await page.waitForFunction(() => document.querySelector('oms-aid').shadowRoot.querySelector('button[data-answer="present"]'), null, { polling: 10 });
await page.waitForTimeout(1500);
const cdp = await context.newCDPSession(page);
await cdp.send('Profiler.enable');
await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
await cdp.send('Profiler.start');
const times = await page.evaluate(async (n) => {
  const el = document.querySelector('oms-aid'); const times = [];
  for (let i = 0; i < n; i++) {
    const b = el.shadowRoot.querySelector(`button[data-answer="${i % 2 ? 'absent' : 'present'}"]`);
    if (!b) throw new Error(`no answer button at answer ${i}`);
    const t0 = performance.now(); b.click(); await el.updateComplete; times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}, 21);
const { profile } = await cdp.send('Profiler.stop');
console.log('median', times[10].toFixed(1), 'min', times[0].toFixed(1));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map(); for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const counts = new Map(); let i = 0; for (const s of profile.samples) counts.set(s, (counts.get(s) ?? 0) + profile.timeDeltas[i++]);
const key = (n) => `${n.callFrame.functionName || '(anon)'}:${n.callFrame.lineNumber}`;
const self = new Map(), incl = new Map();
for (const [id, t] of counts) {
  const n = byId.get(id); self.set(key(n), (self.get(key(n)) ?? 0) + t);
  const seen = new Set(); let cur = id;
  while (cur) { const k = key(byId.get(cur)); if (!seen.has(k)) { incl.set(k, (incl.get(k) ?? 0) + t); seen.add(k); } cur = parent.get(cur); }
}
const top = (m, k = 30) => [...m].sort((a, b) => b[1] - a[1]).slice(0, k).map(([k, v]) => `${(v / 1000).toFixed(1).padStart(8)} ${k}`).join('\n');
console.log('SELF\n' + top(self)); console.log('INCL\n' + top(incl, 45));
await browser.close();
