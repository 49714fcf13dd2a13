// SPDX-License-Identifier: MIT
// Every shipped knowledge-base file validates against the JSON Schema of its kind (data/schema/),
// every kind has a schema, and the schemas reject what they should.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Ajv2020 from 'ajv/dist/2020.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = join(root, 'data');
const schemaDir = join(dataDir, 'schema');
const readJson = (file) => JSON.parse(readFileSync(file, 'utf8'));

const ajv = new Ajv2020({ allErrors: true, strict: false });
ajv.addSchema(readJson(join(schemaDir, 'common.schema.json')), 'common.schema.json');
const validators = new Map();
for (const f of readdirSync(schemaDir).filter((f) => f.endsWith('.schema.json') && f !== 'common.schema.json')) {
  validators.set(f.replace('.schema.json', ''), ajv.compile(readJson(join(schemaDir, f))));
}
const dataFiles = readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort();

for (const file of dataFiles) {
  test(`${file} validates against its schema`, () => {
    const data = readJson(join(dataDir, file));
    const validate = validators.get(data.kind);
    assert.ok(validate, `no schema for kind '${data.kind}'`);
    const ok = validate(data);
    assert.ok(ok, JSON.stringify(validate.errors?.slice(0, 5), null, 1));
  });
}

test('every schema has a shipped file of its kind', () => {
  const kinds = new Set(dataFiles.map((f) => readJson(join(dataDir, f)).kind));
  for (const kind of validators.keys()) assert.ok(kinds.has(kind), `no data file of kind ${kind}`);
});

test('the schemas reject bad data', () => {
  const criteria = readJson(join(dataDir, 'criteria.json'));
  const bad = structuredClone(criteria);
  bad.criteria[0].evidence = 'U';
  delete bad.criteria[0].note;
  assert.equal(validators.get('criteria')(bad), false, 'U without a note');
  const badRule = structuredClone(criteria);
  badRule.criteria[0].rule.of[0].of[0] = { type: 'feature', id: 'not an id' };
  assert.equal(validators.get('criteria')(badRule), false, 'feature id not a variable id');
  const badVersion = structuredClone(criteria);
  badVersion.schemaVersion = 2;
  assert.equal(validators.get('criteria')(badVersion), false, 'schemaVersion 2');
  const refs = readJson(join(dataDir, 'references.json'));
  const noId = structuredClone(refs);
  delete noId.references[0].pmid; delete noId.references[0].doi; delete noId.references[0].url; delete noId.references[0].pmcid;
  assert.equal(validators.get('references')(noId), false, 'a reference without any identifier');
});
