// SPDX-License-Identifier: MIT
// Shared by scripts/influence and tests/web/influence.test.mjs: the numbers of the differential in
// a stable order, and a digest of them and of the cases, so a committed list of influential
// numbers can be checked against the data it was computed from.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The cases of a directory that state their true diagnosis, each at first presentation and, where
 * the case gives it, after the work-up: [{ id, truth, input }].
 */
export function caseInputs(dir) {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(join(dir, f), 'utf8')))
    .filter((c) => c.truth?.diagnosis && !c.expect?.error)
    .flatMap((c) => [{ id: c.id, truth: c.truth.diagnosis, input: c.input },
      ...(c.inputAfterWorkup ? [{ id: `${c.id} (after work-up)`, truth: c.truth.diagnosis, input: c.inputAfterWorkup }] : [])]);
}

/** Every number of diagnoses.json: [{ diagnosis, index, kind, key, value, entry }]. */
export function numbers(kb) {
  return kb.diagnoses.flatMap((dx, i) => [
    ...dx.pretest.map((p, j) => ({ diagnosis: dx.id, index: i, kind: 'pretest', j, key: `pretest:${p.ageBand}`, value: p.weight, entry: p })),
    ...dx.features.map((f, j) => ({ diagnosis: dx.id, index: i, kind: 'features', j,
      key: f.ageBands ? `${f.feature} [${f.ageBands.join(',')}]` : f.feature, value: f.frequency, entry: f })),
  ]);
}

/** A digest of every number with its evidence level, and of the case inputs. */
export function digest(kb, caseInputs) {
  const h = createHash('sha256');
  for (const n of numbers(kb)) h.update(`${n.diagnosis}|${n.key}|${n.value}|${n.entry.evidence}\n`);
  h.update(JSON.stringify(caseInputs));
  return h.digest('hex').slice(0, 16);
}

/** The words an influential unverified number's note must contain (followed by the reason). */
export const NO_PUBLISHED_NUMBER = /No published number\b[^.]*?:/;
