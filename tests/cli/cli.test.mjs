// SPDX-License-Identifier: MIT
// The omsaid CLI on bad input (README "Hardening"): exit status 2, exactly one line on stderr naming
// the problem, its JSON path and its code, and nothing on stdout (never a partial report).
// The binary is build/omsaid, or $OMSAID_CLI (scripts/test also runs this against the ASan build).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.OMSAID_CLI ?? join(root, 'build', 'omsaid');
const tmp = mkdtempSync(join(tmpdir(), 'omsaid-cli-'));

function run(args, input) {
  const r = spawnSync(cli, args, { input, maxBuffer: 1 << 28 });
  // EPIPE: the CLI stopped reading (an input over the size limit) before node wrote it all.
  if (r.error && r.error.code !== 'EPIPE') throw r.error;
  return { status: r.status, signal: r.signal, stdout: r.stdout.toString('utf8'), stderr: r.stderr.toString('utf8'), rawErr: r.stderr };
}

// evaluate - < text: exit 2, one stderr line equal to (or matching) `expected`, no stdout.
function rejects(text, expected) {
  const r = run(['evaluate', '-'], typeof text === 'string' ? Buffer.from(text, 'utf8') : text);
  assert.equal(r.signal, null, 'killed by a signal');
  assert.equal(r.status, 2, `exit status (stderr: ${r.stderr})`);
  assert.equal(r.stdout, '', 'no partial report');
  const lines = r.stderr.split('\n');
  assert.equal(lines.length, 2, `one line on stderr: ${JSON.stringify(r.stderr.slice(0, 500))}`);
  assert.equal(lines[1], '');
  if (expected instanceof RegExp) assert.match(lines[0], expected);
  else assert.equal(lines[0], expected);
  return lines[0];
}

const full = {
  caseVersion: 1, age: { years: 1.5 }, sex: 'female', onset: 'acute',
  findings: { 'HP:0010543': 'present', 'HP:0001336': 'present', 'HP:0000737': 'present', 'HP:0003006': 'absent' },
  tests: { 'urine-catecholamines': 'normal' }, exposures: ['recent-infection'],
  antibodies: { 'anti-Ri': 'negative' }, followUpMonths: 2,
  visits: [{ date: '2026-01-01', severity: { gait: 2 } }],
};

// YYYY-MM-DD, `days` from today on the local calendar (as the CLI and the page read the clock).
function isoDay(days) {
  const d = new Date(Date.now() + days * 86400000);
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

test('a good case: exit 0, a JSON report on stdout, nothing on stderr', () => {
  const r = run(['evaluate', '-'], JSON.stringify(full));
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.equal(JSON.parse(r.stdout).reportVersion, 1);
});

test('wrong type: exit 2 and one line naming the path', () => {
  rejects('{"caseVersion": 1, "age": {"years": "two"}}',
    'omsaid: age.years: expected a number, got a string (wrong_type)');
});

test('input over 1 MB: the CLI stops reading at the limit', () => {
  const text = JSON.stringify({ caseVersion: 1, note: 'x'.repeat(1 << 20) });
  rejects(text, 'omsaid: input is more than 1048576 bytes; the limit is 1048576 (too_large)');
  rejects(Buffer.alloc(64 << 20, 0x20), 'omsaid: input is more than 1048576 bytes; the limit is 1048576 (too_large)');
  const r = run(['export', '--native', '-'], text);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'omsaid: input is more than 1048576 bytes; the limit is 1048576 (too_large)\n');
  // Exactly at the limit is not too large (it is then the case's own problem).
  const exact = '{"caseVersion": 1}' + ' '.repeat((1 << 20) - 18);
  assert.equal(run(['evaluate', '-'], exact).status, 0);
});

test('--jsonl: a line over 1 MB is an error on its own line', () => {
  const big = JSON.stringify({ caseVersion: 1, note: 'x'.repeat(1 << 20) });
  const r = run(['evaluate', '--jsonl', '-'], `{"caseVersion": 1}\n${big}\n{"caseVersion": 1}\n`);
  assert.equal(r.status, 2);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.equal(out.length, 3);
  assert.deepEqual(out[1].error, { code: 'too_large', message: `input is ${big.length} bytes; the limit is 1048576`, path: '', line: 2 });
});

test('nesting deeper than 32 levels', () => {
  rejects(`{"caseVersion": 1, "findings": ${'['.repeat(40)}${']'.repeat(40)}}`,
    /^omsaid: findings(\[0\]){31}: nested deeper than 32 levels \(too_deep\)$/);
});

test('too many findings', () => {
  const findings = {};
  for (let i = 0; i < 501; i++) findings[`HP:${String(i).padStart(7, '0')}`] = 'present';
  rejects(JSON.stringify({ caseVersion: 1, findings }), 'omsaid: findings: 501 entries; the limit is 500 (limit_exceeded)');
});

test('a key longer than 200 bytes where keys are ids', () => {
  rejects(JSON.stringify({ caseVersion: 1, tests: { ['x'.repeat(201)]: 'normal' } }),
    'omsaid: tests: key is 201 bytes; the limit is 200 (limit_exceeded)');
});

test('age out of range', () => {
  rejects('{"caseVersion": 1, "age": {"years": 131}}', 'omsaid: age.years: 131 is out of range (expected 0 to 130) (invalid_value)');
  rejects('{"caseVersion": 1, "age": {"years": -1}}', 'omsaid: age.years: -1 is out of range (expected 0 to 130) (invalid_value)');
});

test('a visit date in the future (the CLI passes today)', () => {
  const day = isoDay(2);
  rejects(JSON.stringify({ caseVersion: 1, visits: [{ date: day }] }),
    new RegExp(`^omsaid: visits\\[0\\]\\.date: ${day} is in the future \\(today is \\d{4}-\\d\\d-\\d\\d\\) \\(invalid_value\\)$`));
  assert.equal(run(['evaluate', '-'], JSON.stringify({ caseVersion: 1, visits: [{ date: isoDay(-1) }] })).status, 0);
});

test('an unknown enum value', () => {
  rejects('{"caseVersion": 1, "onset": "sudden"}', "omsaid: onset: 'sudden' is not one of: acute, subacute, chronic, unknown (invalid_value)");
});

test('a duplicate key', () => {
  rejects('{"caseVersion": 1, "sex": "male", "sex": "female"}', "omsaid: sex: duplicate key 'sex' in the same object (duplicate_id)");
});

test('contradictory findings, native and Phenopacket', () => {
  rejects('{"caseVersion": 1, "findings": {"HP:0001251": "absent", "HP:0002066": "present"}}',
    /^omsaid: findings\.HP:0001251: .* is absent but .* is present, .* \(contradiction\)$/);
  rejects(JSON.stringify({ phenotypicFeatures: [{ type: { id: 'HP:0010543' } }, { type: { id: 'HP:0010543' }, excluded: true }] }),
    "omsaid: phenotypicFeatures[1].type.id: 'HP:0010543' is listed both as observed and as excluded (contradiction)");
});

test('invalid UTF-8: the error line is valid UTF-8', () => {
  const line = rejects(Buffer.from([...Buffer.from('{"caseVersion": 1, "sex": "'), 0xff, 0x22, 0x7d]),
    /^omsaid: invalid JSON at line 1, column 28: .*ill-formed UTF-8 byte.* \(invalid_json\)$/);
  assert.ok(!line.includes('\ufffd\ufffd'));
  assert.doesNotThrow(() => new TextDecoder('utf-8', { fatal: true }).decode(run(['evaluate', '-'], Buffer.from([0x7b, 0xff])).rawErr));
});

test('a NUL byte', () => {
  rejects(Buffer.from('{"caseVersion": 1,\0 "sex": "male"}'), 'omsaid: invalid JSON at line 1, column 19: a NUL byte (JSON text cannot contain one) (invalid_json)');
  rejects(Buffer.from('{"caseVersion": 1, "sex": "ma\0le"}'), 'omsaid: invalid JSON at line 1, column 30: a NUL byte (JSON text cannot contain one) (invalid_json)');
  // Not the end of the input: what follows a NUL is not silently ignored.
  rejects(Buffer.from('{"caseVersion": 1}\0{"caseVersion": 7, garbage'), 'omsaid: invalid JSON at line 1, column 19: a NUL byte (JSON text cannot contain one) (invalid_json)');
});

test('huge numbers', () => {
  rejects('{"caseVersion": 1, "followUpMonths": 1e999}', /^omsaid: invalid JSON at line 1, column \d+: .*number overflow.* \(invalid_json\)$/);
  rejects('{"caseVersion": 1, "followUpMonths": 1e308}', 'omsaid: followUpMonths: 1e+308 is out of range (expected 0 to 1200) (invalid_value)');
});

test('control characters in keys and values are escaped on stderr', () => {
  const line = rejects('{"caseVersion": 1, "findings": {"HP:\\u001b[2J\\n": 1}}',
    'omsaid: findings.HP:\\u001b[2J\\u000a: expected a string, got a number (wrong_type)');
  assert.ok(!/[\x00-\x1f\x7f]/.test(line));
});

test('empty input and a missing file', () => {
  rejects('', 'omsaid: empty input, expected a JSON object (invalid_json)');
  const r = run(['evaluate', join(tmp, 'no-such-file.json')]);
  assert.equal(r.status, 2);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /^omsaid: .*no-such-file\.json: No such file or directory\n$/);
});

test('a file argument reads the same as stdin', () => {
  const f = join(tmp, 'case.json');
  writeFileSync(f, '{"caseVersion": 1, "sex": "F"}');
  const r = run(['evaluate', f]);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "omsaid: sex: 'F' is not one of: female, male, other, unknown (invalid_value)\n");
});

test('--jsonl: good, bad and blank lines; output line N answers input line N; exit 2', () => {
  const lines = [
    JSON.stringify(full),                              // 1 good
    '{"caseVersion": 1,',                              // 2 not JSON
    '',                                                // 3 empty
    '{"caseVersion": 1, "age": {"years": "two"}}',     // 4 wrong type
    '   \t',                                           // 5 blank
    '{"caseVersion": 1, "sex": "male"}\r',             // 6 good, CRLF
    '{"caseVersion": 1, "sex": "\\u001b[2J"}',         // 7 a control character
    '{"caseVersion": 1}',                              // 8 good, no final newline
  ];
  const r = run(['evaluate', '--jsonl', '-'], lines.join('\n'));
  assert.equal(r.status, 2);
  const out = r.stdout.split('\n');
  assert.equal(out.pop(), '', 'ends with a newline');
  assert.equal(out.length, lines.length, 'one output line per input line');
  assert.equal(JSON.parse(out[0]).reportVersion, 1);
  assert.deepEqual(JSON.parse(out[1]).error.code, 'invalid_json');
  assert.equal(JSON.parse(out[1]).error.line, 2);
  assert.equal(out[2], '');
  assert.deepEqual(JSON.parse(out[3]), { error: { code: 'wrong_type', message: 'expected a number, got a string', path: 'age.years', line: 4 } });
  assert.equal(out[4], '');
  assert.equal(JSON.parse(out[5]).reportVersion, 1);
  assert.equal(JSON.parse(out[6]).error.message, "'\\u001b[2J' is not one of: female, male, other, unknown");
  assert.equal(JSON.parse(out[7]).reportVersion, 1);
  const err = r.stderr.split('\n');
  assert.equal(err.pop(), '');
  assert.equal(err.length, 3, 'one stderr line per bad line');
  assert.match(err[0], /^omsaid: line 2: invalid JSON at line 1, column \d+: .* \(invalid_json\)$/);
  assert.equal(err[1], 'omsaid: line 4: age.years: expected a number, got a string (wrong_type)');
  assert.equal(err[2], "omsaid: line 7: sex: '\\u001b[2J' is not one of: female, male, other, unknown (invalid_value)");
});

test('--jsonl: only good and blank lines exit 0; an empty input gives no output', () => {
  let r = run(['evaluate', '--jsonl', '-'], '{"caseVersion": 1}\n\n{"caseVersion": 1}\n');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.stdout.split('\n').map((l) => (l ? 'report' : '')), ['report', '', 'report', '']);
  r = run(['evaluate', '--jsonl', '-'], '');
  assert.equal(r.status, 0);
  assert.equal(r.stdout, '');
});

test('--today sets the date visits may not be after; a bad date is a usage error', () => {
  const visit = JSON.stringify({ caseVersion: 1, visits: [{ date: '2026-12-06', severity: { gait: 1 } }] });
  let r = run(['evaluate', '--today', '2026-12-06', '-'], visit);
  assert.equal(r.status, 0, r.stderr);
  r = run(['evaluate', '--today', '2026-12-05', '-'], visit);
  assert.equal(r.status, 2);
  assert.equal(r.stderr, 'omsaid: visits[0].date: 2026-12-06 is in the future (today is 2026-12-05) (invalid_value)\n');
  r = run(['export', '--native', '--today', '2026-12-05', '-'], visit);
  assert.equal(r.status, 2);
  r = run(['evaluate', '--today', '2026-13-01', '-'], visit);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^omsaid: --today needs a date such as 2026-12-05, got '2026-13-01'\n/);
  // Without --today: today on the local calendar.
  r = run(['evaluate', '-'], JSON.stringify({ caseVersion: 1, visits: [{ date: isoDay(0), severity: { gait: 1 } }] }));
  assert.equal(r.status, 0, r.stderr);
});
