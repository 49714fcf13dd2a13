// SPDX-License-Identifier: MIT
// Hostile content renders inert. Case files (native and Phenopacket) and saved records seeded
// straight into IndexedDB carry <script>, <img onerror>, javascript: URLs, "><svg onload>, 1 MB
// strings, control and bidi characters, wrong types and prototype-pollution keys. Every one is
// shown as text (clipped, control characters neutralised) or rejected with what and where, the
// current case is kept, and nothing runs: no dialog, no canary (window.__pwned), no network
// request, no console error, no Content-Security-Policy violation (the payloads never become
// markup, so the CSP has nothing to block), no element or handler attribute made from them, no
// polluted prototype. A last test proves the page's CSP itself blocks script injected at run time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import AxeBuilder from '@axe-core/playwright';
import { launch, openPage, ready, currentCase, switchMode, setCase } from './browser.mjs';

const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const CANARY = 'window.__pwned=1';
const sample = { caseVersion: 1, age: { months: 20 }, sex: 'female', findings: { 'HP:0010543': 'present', 'HP:0001251': 'present' } };

let browser;
before(async () => {
  browser = await launch();
});
after(async () => {
  await browser?.close();
});

/**
 * Runs in the page before its own script: records every securitypolicyviolation event reaching the
 * document (each distinct event once, with the listeners that saw it; watchShadow adds the
 * element's shadow root).
 */
function sentinel() {
  const seen = new Map();
  window.__csp = [];
  window.__cspRecord = (where) => (e) => {
    let entry = seen.get(e);
    if (!entry) {
      entry = { directive: e.violatedDirective, blocked: e.blockedURI, sample: e.sample, seenBy: [] };
      seen.set(e, entry);
      window.__csp.push(entry);
    }
    entry.seenBy.push(where);
  };
  document.addEventListener('securitypolicyviolation', window.__cspRecord('document'), true);
  // Writes (or, with value undefined, deletes) [key, value] records straight into the app's store.
  window.__writeRecords = async (records) => {
    const db = await new Promise((resolve, reject) => {
      const req = indexedDB.open('oms-aid');
      req.onupgradeneeded = () => req.result.createObjectStore('cases');
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
    await new Promise((resolve, reject) => {
      const tx = db.transaction('cases', 'readwrite');
      for (const [key, value] of records) {
        if (value === undefined) tx.objectStore('cases').delete(key);
        else tx.objectStore('cases').put(value, key);
      }
      tx.oncomplete = resolve;
      tx.onerror = () => reject(tx.error);
    });
    db.close();
  };
}

const watchShadow = (page) => page.evaluate(() => {
  document.querySelector('oms-aid').shadowRoot.addEventListener('securitypolicyviolation', window.__cspRecord('shadow'), true);
});

/** Opens the page with every sentinel: CSP events, dialogs, requests and console errors. */
async function open(width = 360) {
  const opened = await openPage(browser, undefined, { viewport: { width, height: 800 } }, { init: sentinel });
  opened.dialogs = [];
  opened.page.on('dialog', (d) => {
    opened.dialogs.push(d.message());
    d.dismiss().catch(() => {});
  });
  await ready(opened.page);
  await watchShadow(opened.page);
  return opened;
}

/** What would show that a payload did anything. */
const traces = (page) => page.evaluate(() => {
  const root = document.querySelector('oms-aid').shadowRoot;
  const handlers = [];
  const urls = [];
  for (const scope of [document, root]) {
    for (const el of scope.querySelectorAll('*')) {
      for (const a of el.attributes) {
        if (/^on/i.test(a.name)) handlers.push(`${el.tagName.toLowerCase()}[${a.name}]`);
        if (/^(href|src|action|formaction|xlink:href|srcdoc)$/i.test(a.name) && /^\s*javascript:/i.test(a.value)) urls.push(a.value);
      }
    }
  }
  return {
    pwned: window.__pwned,
    polluted: Object.prototype.polluted ?? ({}).polluted ?? Object.prototype.constructor.polluted,
    csp: window.__csp,
    handlers,
    urls,
    injected: root.querySelectorAll('script, img, iframe, object, embed, foreignObject').length,
    scripts: [...document.querySelectorAll('script')].map((e) => e.type || 'classic'),
  };
});

async function assertInert(opened, label) {
  const t = await traces(opened.page);
  assert.equal(t.pwned, undefined, `${label}: no payload ran`);
  assert.equal(t.polluted, undefined, `${label}: no prototype polluted`);
  assert.deepEqual(t.csp, [], `${label}: no CSP violation (nothing reached the point of being blocked)`);
  assert.deepEqual(t.handlers, [], `${label}: no event-handler attribute anywhere`);
  assert.deepEqual(t.urls, [], `${label}: no javascript: URL anywhere`);
  assert.equal(t.injected, 0, `${label}: no script, img, iframe, object or embed in the element`);
  assert.deepEqual(t.scripts, ['classic', 'application/octet-stream'], `${label}: only the page's own script and its engine's data block`);
  assert.deepEqual(opened.dialogs, [], `${label}: no dialog`);
  assert.deepEqual(opened.requests, [], `${label}: no network request`);
  assert.deepEqual(opened.errors, [], `${label}: no console error`);
}

/** The page neither scrolls sideways nor has a box wider than the viewport. */
async function assertLayout(page, selector, label) {
  const m = await page.evaluate((sel) => {
    const el = document.querySelector('oms-aid').shadowRoot.querySelector(sel);
    const r = el?.getBoundingClientRect();
    return { overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
      right: r ? r.right : 0, inner: el ? el.scrollWidth - el.clientWidth : 0, viewport: innerWidth };
  }, selector);
  assert.ok(m.overflow <= 0, `${label}: the page scrolls sideways by ${m.overflow}px`);
  assert.ok(m.right <= m.viewport, `${label}: ${selector} ends at ${m.right}px, past the ${m.viewport}px viewport`);
  assert.ok(m.inner <= 0, `${label}: ${selector} overflows its own box by ${m.inner}px`);
}

const importText = (page, name, text) =>
  page.locator('oms-aid input[type=file]').setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
const HIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/;

test('hostile case files: shown as text or rejected with what and where; the case is kept; nothing runs', async () => {
  const opened = await open(360);
  const { page } = opened;
  await setCase(page, sample);
  const msg = page.locator('oms-aid .msg');
  const alert = page.locator('oms-aid [data-testid=import-error]');

  // Accepted with warnings: every quoted payload appears literally, as text.
  const accepted = [
    ['markup.json', JSON.stringify({
      caseVersion: 1, '<script>window.__pwned=1</script>': 1,
      findings: { '<img src=x onerror=window.__pwned=1>': 'present', 'HP:0010543': 'present' },
      exposures: ['javascript:window.__pwned=1', '"><svg onload=window.__pwned=1>'],
    }), ['<script>window.__pwned=1</script>: unknown key ignored', "unknown exposure 'javascript:window.__pwned=1' ignored",
      'unknown exposure \'"><svg onload=window.__pwned=1>\' ignored', 'and 1 more'], { 'HP:0010543': 'present' }],
    ['pollution.json', '{"caseVersion":1,"__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted":"yes"}},' +
      '"findings":{"__proto__":"present","constructor":"absent","HP:0001251":"present"}}',
    ['__proto__: unknown key ignored', 'constructor: unknown key ignored'], { 'HP:0001251': 'present' }],
    ['phenopacket.json', JSON.stringify({
      id: '<script>window.__pwned=1</script>', subject: { id: '<img src=x onerror=window.__pwned=1>', sex: 'FEMALE' },
      phenotypicFeatures: [{ type: { id: 'HP:0010543', label: '<img src=x onerror=window.__pwned=1>' } },
        { type: { id: 'javascript:window.__pwned=1', label: '"><svg onload=window.__pwned=1>' } }],
      metaData: { created: '<svg onload=window.__pwned=1>' },
    }), ["'javascript:window.__pwned=1' is not an HPO id; ignored", 'Phenopacket'], { 'HP:0010543': 'present' }],
    ['many.json', JSON.stringify({ caseVersion: 1, findings: Object.fromEntries(Array.from({ length: 400 }, (_, i) => [`<b onclick=${CANARY}>${i}`, 'present'])) }),
      ['400 note(s)', 'and 397 more'], {}],
    [`"><img src=x onerror=${CANARY}>${'N'.repeat(2000)}.json`, JSON.stringify({ caseVersion: 1, findings: { 'HP:0001251': 'present' } }),
      [`Opened "><img src=x onerror=${CANARY}>NNNN`], { 'HP:0001251': 'present' }],
  ];
  for (const [name, text, expected, findings] of accepted) {
    await setCase(page, sample);
    await importText(page, name, text);
    await msg.filter({ hasText: `Opened ${name.slice(0, 30)}` }).waitFor();
    const shown = await msg.textContent();
    for (const part of expected) assert.ok(shown.includes(part), `${name}: "${part}" shown as text in: ${shown.slice(0, 300)}`);
    assert.ok(shown.length < 1000, `${name}: the message stays short (${shown.length} characters)`);
    assert.deepEqual((await currentCase(page)).findings, findings, `${name}: only the valid part is taken`);
    await assertLayout(page, '.msg', name);
    await assertInert(opened, name);
  }

  // Rejected: what is wrong and where; the current case is kept.
  const rejected = [
    ['findings-script.json', { caseVersion: 1, findings: `<script>${CANARY}</script>` }, /"findings": expected an object, got a string/],
    ['findings-null.json', { caseVersion: 1, findings: null }, /"findings": expected an object, got null/],
    ['findings-array.json', { caseVersion: 1, findings: [`<img src=x onerror=${CANARY}>`] }, /"findings": expected an object, got an array/],
    ['version-text.json', { caseVersion: '1' }, /"caseVersion": expected an integer, got a string/],
    ['age-markup.json', { caseVersion: 1, age: { years: `<img src=x onerror=${CANARY}>` } }, /"age\.years": expected a number, got a string/],
    ['visit-svg.json', { caseVersion: 1, visits: [{ date: `"><svg onload=${CANARY}>` }] }, /"visits\[0\]\.date"/],
    ['value-script.json', { caseVersion: 1, findings: { 'HP:0010543': '<script>alert(1)</script>' } },
      /"findings\.HP:0010543": '<script>alert\(1\)<\/script>' is not one of: present, absent, unknown/],
    ['long-key.json', { caseVersion: 1, findings: { [`<img src=x onerror=${CANARY}>${'k'.repeat(300)}`]: 'present' } }, /"findings": key is 3\d\d bytes; the limit is 200/],
    ['megabyte.json', { caseVersion: 1, sex: 'A'.repeat(1 << 20) }, /the top of the file": input is 10\d+ bytes; the limit is 1048576/],
    ['megabyte-name.json', { caseVersion: 1, findings: { ['B'.repeat(1 << 20)]: 'present' } }, /limit is 1048576/],
    ['control.json', { caseVersion: 1, sex: 'fe\u0000male\u001b[31m\u202e<svg onload=alert(1)>' }, /"sex": 'fe\\u0000male\\u001b\[31m\ufffd<svg onload=alert\(1\)>' is not one of/],
    ['pp-features.json', { subject: { id: 'x' }, phenotypicFeatures: `<script>${CANARY}</script>` }, /"phenotypicFeatures": expected an array, got a string/],
    ['pp-sex.json', { subject: { id: 'x', sex: { '<img src=x onerror=alert(1)>': 1 } }, phenotypicFeatures: [] }, /"subject\.sex": expected a string, got an object/],
    ['html.json', `<html><body><script>${CANARY}</script><img src=x onerror=${CANARY}></body></html>`, /not a valid JSON file/],
    ['number.json', 42, /problem/],
    ['null.json', null, /problem/],
  ];
  for (const [name, content, pattern] of rejected) {
    await setCase(page, sample);
    await importText(page, name, typeof content === 'string' ? content : JSON.stringify(content));
    await alert.waitFor();
    const shown = await alert.textContent();
    assert.match(shown, /could not be opened/, name);
    assert.match(shown, pattern, name);
    assert.match(shown, /current case has not been changed/, name);
    assert.doesNotMatch(shown, HIDDEN, `${name}: no control or bidi character on screen`);
    assert.ok(shown.length < 800, `${name}: the message is clipped (${shown.length} characters)`);
    assert.equal(await alert.getAttribute('role'), 'alert');
    assert.deepEqual(await currentCase(page), sample, `${name}: the case is kept`);
    await assertLayout(page, '[data-testid=import-error]', name);
    await assertInert(opened, name);
    await alert.locator('button').click();
    await alert.waitFor({ state: 'detached' });
  }

  // The imported cases' unknown ids and the host's odd keys render as text in both modes too.
  await setCase(page, { caseVersion: 1, findings: { 'HP:9999999': 'present', [`<img src=x onerror=${CANARY}>`]: 'present' },
    exposures: [`javascript:${CANARY}`] });
  await switchMode(page, 'clinician');
  const entry = await page.locator('oms-aid ul.findings').first().textContent();
  assert.ok(entry.includes('HP:9999999') && entry.includes(`<img src=x onerror=${CANARY}>`), entry);
  assert.match(await page.locator('oms-aid section.panel', { hasText: 'Notes about the input' }).textContent(), /not an HPO id/);
  await assertLayout(page, 'div[data-mode]', 'clinician');
  await switchMode(page, 'patient');
  await page.locator('oms-aid [data-testid=start]').click();
  await page.locator('oms-aid [data-testid=to-results]').click();
  assert.ok((await page.locator('oms-aid ul.answered').textContent()).includes(`javascript:${CANARY}`));
  await assertInert(opened, 'odd ids on screen');
  await opened.context.close();
});

const storedCount = (page) => page.evaluate(() => new Promise((resolve, reject) => {
  const req = indexedDB.open('oms-aid');
  req.onupgradeneeded = () => req.transaction.abort();
  req.onsuccess = () => {
    const count = req.result.transaction('cases').objectStore('cases').count();
    count.onsuccess = () => {
      req.result.close();
      resolve(count.result);
    };
    count.onerror = () => reject(count.error);
  };
  req.onerror = () => (req.error?.name === 'AbortError' ? resolve(0) : reject(req.error));
}));

/**
 * Stores the records a function builds, as another program could. The function is built in the
 * page (records with cycles and BigInt cannot be passed in), through a DevTools evaluation.
 */
const writeRecords = (page, build) => page.evaluate(`window.__writeRecords((${build})())`);

function hostileRecords() {
  const good = { caseVersion: 1, age: { months: 20 }, sex: 'female', findings: { 'HP:0010543': 'present', 'HP:0001251': 'present' } };
  const cyclic = { caseVersion: 1, findings: {} };
  cyclic.self = cyclic;
  const at = (day) => `2026-03-${String(day).padStart(2, '0')}T10:00:00.000Z`;
  const rec = (id, day, fields) => [id, { recordVersion: 1, id, name: id, savedAt: at(day), case: good, ...fields }];
  const { recordVersion, ...legacy } = rec('legacy', 19, { name: 'Saved before record versions', case: { caseVersion: 1, sex: 'male', findings: { 'HP:0001336': 'present' } } })[1];
  return [
    rec('good', 20, { name: 'Good record' }),
    ['legacy', legacy],
    rec('xss-name', 18, { name: '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>' }),
    rec('huge-name', 17, { name: 'A'.repeat(1 << 20) }),
    rec('control-name', 16, { name: 'Tab\there\u0000nul\u001b[31m\u202eevil' }),
    rec('pollution', 15, { name: 'javascript:window.__pwned=1', case: JSON.parse('{"caseVersion":1,"__proto__":{"polluted":"yes"},"findings":{"__proto__":"present","HP:0001251":"present"}}') }),
    rec('newer', 14, { recordVersion: 2, name: 'From a newer version' }),
    rec('name-number', 13, { name: 42 }),
    rec('no-case', 12, { name: 'No case', case: undefined }),
    rec('case-string', 11, { name: 'Case is a script', case: '<script>window.__pwned=1</script>' }),
    rec('rejected', 10, { name: 'Rejected by the engine', case: { caseVersion: 1, findings: { 'HP:0010543': '<img src=x onerror=alert(1)>' } } }),
    rec('cyclic', 9, { name: 'Cyclic', case: cyclic }),
    rec('bigint', 8, { name: 'BigInt', case: { caseVersion: 1n, findings: {} } }),
    rec('phenopacket', 7, { name: 'A Phenopacket', case: { subject: { id: 'x' }, phenotypicFeatures: [] } }),
    ['not-a-record', '<script>window.__pwned=1</script>'],
  ];
}
const GOOD = ['Good record', 'Saved before record versions', '<img src=x onerror="window.__pwned=1"><script>window.__pwned=1</script>',
  `${'A'.repeat(80)}…`, 'Tab\ufffdhere\ufffdnul\ufffd[31m\ufffdevil', 'javascript:window.__pwned=1'];
const BROKEN = [
  ['From a newer version', /saved by a newer version of this app \(record format 2; this version reads format 1\)/],
  ['Unnamed entry', /its "name" holds a number instead of text/],
  ['No case', /it holds no case/],
  ['Case is a script', /its case is text instead of a case/],
  ['Rejected by the engine', /problem at "findings\.HP:0010543": '<img src=x onerror=alert\(1\)>' is not one of: present, absent, unknown/],
  ['Cyclic', /problem at "the top of the file": the case cannot be written as JSON \(.*circular/i],
  ['BigInt', /cannot be written as JSON \(.*BigInt/],
  ['A Phenopacket', /expected a native case, not a Phenopacket/],
  ['Unnamed entry', /not a saved case \(it holds text\)/],
];

async function openSavedList(page) {
  const details = page.locator('oms-aid details.casemenu');
  if ((await details.getAttribute('open')) === null) await details.locator('summary').click();
  await page.locator('oms-aid button[data-action="saved"]').click();
  await page.locator('oms-aid [data-testid=saved-list] > li').first().waitFor();
}

const listed = (page) => page.locator('oms-aid [data-testid=saved-list] > li').evaluateAll((items) => items.map((li) => ({
  state: li.dataset.state, name: li.querySelector('strong').textContent, text: li.textContent.replace(/\s+/g, ' ').trim(),
  open: !!li.querySelector('button:not(.danger)'), remove: !!li.querySelector('button.danger'),
})));

test('hostile saved records: each bad one explained and deletable, the good ones open, nothing runs', async () => {
  const opened = await open(360);
  const { page } = opened;
  await writeRecords(page, hostileRecords);
  await page.reload(); // the element sees saving was turned on (the database exists)
  await ready(page);
  await watchShadow(page);
  await setCase(page, sample);
  await openSavedList(page);

  let items = await listed(page);
  assert.equal(items.length, GOOD.length + BROKEN.length, 'every record is listed');
  assert.deepEqual(items.filter((i) => i.state === 'ok').map((i) => i.name), GOOD, 'the good ones first, newest first, names as text');
  assert.ok(items.filter((i) => i.state === 'ok').every((i) => i.open && i.remove));
  const broken = items.filter((i) => i.state === 'broken');
  assert.deepEqual(broken.map((i) => i.name), BROKEN.map(([n]) => n));
  BROKEN.forEach(([name, why], i) => {
    assert.match(broken[i].text, /Cannot be opened\./, name);
    assert.match(broken[i].text, why, name);
    assert.ok(!broken[i].open && broken[i].remove, `${name}: no Open button, a Delete button`);
  });
  assert.equal(await page.locator('oms-aid [data-testid=saved-status]').textContent(),
    `${BROKEN.length} of the saved cases cannot be opened; the reason is shown with each. You can delete them.`);
  assert.equal(await page.locator('oms-aid [data-testid=saved-status]').getAttribute('role'), 'status');
  assert.doesNotMatch(items.map((i) => i.text).join('\n'), HIDDEN);
  await assertLayout(page, 'dialog', 'saved list');
  const axe = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  assert.deepEqual(axe.violations.map((v) => v.id), [], 'axe: the list with broken records');
  await assertInert(opened, 'listed');

  // The good ones open exactly as saved.
  const button = (label) => page.locator('oms-aid').getByRole('button', { name: label, exact: true });
  const openRecord = async (name) => {
    await button(`Open ${name}`).click();
    await page.locator('oms-aid .msg', { hasText: `Opened "${name}"` }).waitFor();
  };
  await openRecord(GOOD[2]);
  assert.ok((await page.locator('oms-aid .msg').textContent()).includes(GOOD[2]), 'the name as text');
  assert.deepEqual(await currentCase(page), { caseVersion: 1, age: { months: 20 }, sex: 'female', findings: { 'HP:0010543': 'present', 'HP:0001251': 'present' } });
  await openSavedList(page);
  await openRecord('Saved before record versions');
  assert.deepEqual(await currentCase(page), { caseVersion: 1, sex: 'male', findings: { 'HP:0001336': 'present' } }, 'an old record without recordVersion opens');
  await openSavedList(page);
  await openRecord(GOOD[3]);
  await openSavedList(page);
  await openRecord('javascript:window.__pwned=1');
  assert.equal((await currentCase(page)).findings['HP:0001251'], 'present');
  await assertInert(opened, 'opened');

  // A record damaged after it was listed: opening it says why, in the dialog; the case is kept.
  const before = await currentCase(page);
  await openSavedList(page);
  await writeRecords(page, () => [['good', { recordVersion: 1, id: 'good', name: 'Good record', savedAt: '2026-03-20T10:00:00.000Z', case: { caseVersion: 1, findings: { 'HP:0010543': 42 } } }]]);
  await button('Open Good record').click();
  const storageAlert = page.locator('oms-aid dialog[open] [data-testid=storage-error]');
  await storageAlert.waitFor();
  assert.equal(await storageAlert.getAttribute('role'), 'alert');
  assert.match(await storageAlert.textContent(), /The saved case "Good record" could not be opened\. Its case has a problem at "findings\.HP:0010543": expected a string, got a number\. Your current case has not been changed\./);
  assert.deepEqual(await currentCase(page), before);
  await page.locator('oms-aid [data-testid=saved-list] > li[data-state=broken]', { hasText: 'Good record' }).waitFor();
  const axe2 = await new AxeBuilder({ page }).withTags(TAGS).analyze();
  assert.deepEqual(axe2.violations.map((v) => v.id), [], 'axe: the alert in the dialog');

  // A record deleted after it was listed.
  await writeRecords(page, () => [['legacy', undefined]]);
  await button('Open Saved before record versions').click();
  await storageAlert.filter({ hasText: 'no longer on this device' }).waitFor();
  assert.deepEqual(await currentCase(page), before);

  // Broken records can be deleted one by one; the others stay.
  const total = await storedCount(page);
  await button('Delete Rejected by the engine').click();
  await page.locator('oms-aid li', { hasText: 'Rejected by the engine' }).waitFor({ state: 'detached' });
  await button('Delete Cyclic').click();
  await page.locator('oms-aid li', { hasText: 'Cyclic' }).waitFor({ state: 'detached' });
  assert.equal(await storedCount(page), total - 2);
  items = await listed(page);
  assert.equal(items.length, total - 2);

  // Delete all: the store is empty and the database gone.
  await page.locator('oms-aid button[data-action="delete-all"]').click();
  await page.locator('oms-aid button[data-action="delete-all-yes"]').click();
  await page.locator('oms-aid .msg', { hasText: 'All saved cases were deleted' }).waitFor();
  assert.equal(await storedCount(page), 0);
  assert.deepEqual(await page.evaluate(async () => (await indexedDB.databases()).map((d) => d.name)), []);
  await assertInert(opened, 'after deleting');
  await opened.context.close();
});

test("the page's CSP blocks script injected at run time (and the same injection runs without it)", async () => {
  const opened = await open(1280);
  const { page } = opened;
  const inject = () => {
    const root = document.querySelector('oms-aid')?.shadowRoot;
    // 1. Markup with a script: inert by HTML's own rules (no CSP check, no event).
    document.body.insertAdjacentHTML('beforeend', '<script>window.__pwned = 1</script>');
    // 2. A created script element with inline text: blocked by script-src.
    const s = document.createElement('script');
    s.textContent = 'window.__pwned = 2';
    document.body.append(s);
    // 3. An inline event handler (the image fails to decode): blocked by script-src-attr.
    document.body.insertAdjacentHTML('beforeend', '<img alt="" src="data:," onerror="window.__pwned = 3">');
    // 4. A javascript: URL followed: blocked.
    const a = document.createElement('a');
    a.href = 'javascript:window.__pwned = 4';
    document.body.append(a);
    a.click();
    // 5. A script element inside the element's shadow root.
    if (root) {
      const t = document.createElement('script');
      t.textContent = 'window.__pwned = 5';
      root.append(t);
    }
  };
  await page.evaluate(inject);
  await page.waitForFunction(() => window.__csp.length >= 4);
  await page.waitForTimeout(300); // any later event would be counted too
  const { pwned, csp } = await page.evaluate(() => ({ pwned: window.__pwned, csp: window.__csp }));
  assert.equal(pwned, undefined, 'no injected script ran');
  console.log(`# securitypolicyviolation events: ${csp.length} (${csp.map((v) => `${v.directive} seen by ${v.seenBy.join('+')}`).join('; ')})`);
  assert.equal(csp.length, 4, 'one violation for each blocked injection (2, 3, 4, 5)');
  assert.deepEqual(csp.map((v) => v.directive).sort(), ['script-src-attr', 'script-src-elem', 'script-src-elem', 'script-src-elem']);
  assert.deepEqual(csp.map((v) => v.blocked), ['inline', 'inline', 'inline', 'inline']);
  assert.deepEqual(csp.filter((v) => v.seenBy.includes('shadow')).map((v) => v.seenBy), [['document', 'shadow']],
    'the shadow root sees its own violation (once), the document every one');
  assert.equal(opened.errors.length, 4, 'Chromium logs each blocked script');
  for (const e of opened.errors) assert.match(e, /violates the following Content Security Policy directive 'script-src 'sha256-[^']+' 'wasm-unsafe-eval''/);
  assert.deepEqual(opened.dialogs, []);
  assert.deepEqual(opened.requests, []);
  // The element still works.
  await setCase(page, sample);
  assert.deepEqual(await currentCase(page), sample);
  await opened.context.close();

  // Control: the same injection in a page without a CSP does run (the checks above can fail).
  const context = await browser.newContext();
  const bare = await context.newPage();
  await bare.goto('about:blank');
  await bare.evaluate(inject);
  await bare.waitForFunction(() => window.__pwned !== undefined);
  assert.ok([2, 3, 4].includes(await bare.evaluate(() => window.__pwned)));
  await context.close();
});
