// SPDX-License-Identifier: MIT
// Holds the case and the latest report; every change re-evaluates through the core, synchronously
// (an answer is painted in the same frame). No DOM here: the views render `state` and call the
// methods below (tested with node --test and a stub core). No clinical logic either: answers are
// written into the native case JSON (DESIGN §4.1) by the shape of the variable id alone.
import { CoreError } from './core-error.js';

const TRI = ['present', 'absent', 'unknown'];
/** The answers each kind of variable takes, in the order the views offer them. */
export const CHOICES = {
  finding: TRI,
  exposure: TRI,
  history: TRI,
  test: ['abnormal', 'normal', 'pending', 'not_done'],
  antibody: ['positive', 'negative', 'pending', 'not_tested'],
  onset: ['acute', 'subacute', 'chronic', 'unknown'],
  course: ['improving', 'persistent', 'worsening', 'relapsing', 'episodic'],
};

/** Units a duration (time since onset) may be entered in, as the native case JSON reads them. */
export const DURATION_UNITS = ['days', 'weeks', 'months'];

/** A fresh, empty case (native case JSON, DESIGN §4.1). */
export function emptyCase() {
  return { caseVersion: 1, findings: {} };
}

/**
 * The kind and key of a variable id: 'HP:0001251', 'exposure:x', 'history:x', 'test:x',
 * 'antibody:x', 'onset:x', 'course:x', 'duration:x', or 'onset' / 'course' / 'duration' (the
 * question of a categorical kind as a whole).
 */
export function parseVariable(id) {
  if (id.startsWith('HP:')) return { kind: 'finding', key: id };
  const i = id.indexOf(':');
  return i < 0 ? { kind: id, key: '' } : { kind: id.slice(0, i), key: id.slice(i + 1) };
}

const FIELD = { finding: 'findings', exposure: 'exposures', history: 'history', test: 'tests', antibody: 'antibodies' };

/** Exposures as an object (the array form of an imported case means "listed = present"). */
export function exposuresObject(value) {
  if (!Array.isArray(value)) return { ...value };
  return Object.fromEntries(value.map((k) => [k, 'present']));
}

/**
 * The recorded answer for a variable, or undefined when it was never answered. For an onset
 * variable ('onset:acute') the answer is the case's onset value.
 */
export function answerOf(caseObject, id) {
  const { kind, key } = parseVariable(id);
  if (kind === 'onset') return caseObject.onset;
  if (kind === 'course') return caseObject.course;
  if (kind === 'duration') return caseObject.duration;
  const field = caseObject[FIELD[kind]];
  if (!field) return undefined;
  if (kind === 'exposure') return exposuresObject(field)[key];
  return field[key];
}

/** Returns a copy of the case with one answer set (null or undefined removes it). */
export function withAnswer(caseObject, id, value) {
  const { kind, key } = parseVariable(id);
  const next = structuredClone(caseObject);
  if (value != null && !CHOICES[kind]?.includes(value)) throw new TypeError(`bad answer ${value} for ${id}`);
  if (kind === 'onset' || kind === 'course') {
    if (value == null) delete next[kind];
    else next[kind] = value;
    return next;
  }
  if (kind === 'duration') throw new TypeError('a duration is set with setDuration');
  const name = FIELD[kind];
  const field = kind === 'exposure' ? exposuresObject(next[name] ?? {}) : { ...next[name] };
  if (value == null) delete field[key];
  else field[key] = value;
  if (Object.keys(field).length || name === 'findings') next[name] = field;
  else delete next[name];
  return next;
}

export class Controller {
  /**
   * @param {{evaluate(c: object): object, importCase?: Function, exportPhenopacket?: Function}|null} core
   *        the adapter from core.js (or a stub in tests); null until attach()
   * @param {(state: object) => void} onChange called after every evaluation
   */
  constructor(core, onChange = () => {}) {
    this.core = core;
    this.onChange = onChange;
    this.state = { case: emptyCase(), report: null, error: null, without: null };
  }

  /** Gives the controller its core when it was created without one (the page renders first). */
  attach(core) {
    this.core = core;
    return this.evaluate();
  }

  /** Replaces the whole case (prefill, import, reopen) and evaluates it. */
  setCase(caseObject) {
    return this._set(structuredClone(caseObject));
  }

  /** Starts again with an empty case. */
  newCase() {
    return this._set(emptyCase());
  }

  /** Sets one HPO finding; 'unknown' removes it from the case. */
  setFinding(term, value) {
    if (!TRI.includes(value)) throw new TypeError(`bad finding state ${value}`);
    const findings = { ...this.state.case.findings };
    if (value === 'unknown') delete findings[term];
    else findings[term] = value;
    return this._set({ ...this.state.case, findings });
  }

  /**
   * Sets the answer for any variable id (see parseVariable); null clears it. 'unknown' is kept
   * for findings, exposures and history ("not sure" is an answer: the question was asked).
   */
  setAnswer(id, value) {
    return this._set(withAnswer(this.state.case, id, value));
  }

  /**
   * Sets a criterion item of the report from one control: 'present' marks its first feature present,
   * 'absent' marks every feature absent, 'unknown' clears them all. The item's features come from
   * the report (the knowledge base), not from this code.
   */
  setCriterion(item, value) {
    const findings = { ...this.state.case.findings };
    for (const f of item.features) delete findings[f];
    if (value === 'present' && item.features.length) findings[item.features[0]] = 'present';
    if (value === 'absent') for (const f of item.features) findings[f] = 'absent';
    return this._set({ ...this.state.case, findings });
  }

  /** Sets the age ('years' or 'months'); an empty or invalid number removes it. */
  setAge(value, unit = 'years') {
    const next = { ...this.state.case };
    const n = typeof value === 'number' ? value : Number.parseFloat(value);
    if (value === '' || value == null || !Number.isFinite(n)) delete next.age;
    else next.age = { [unit === 'months' ? 'months' : 'years']: n };
    return this._set(next);
  }

  /**
   * Sets the age from whole years and months, as a parent enters it (1 year 8 months); both empty
   * removes it, one empty counts as 0.
   */
  setAgeParts(years, months) {
    const num = (v) => (v === '' || v == null ? null : Number(v));
    const y = num(years), m = num(months);
    const next = { ...this.state.case };
    if ((y === null && m === null) || [y, m].some((x) => x !== null && !Number.isFinite(x))) delete next.age;
    else {
      next.age = {};
      if (y !== null) next.age.years = y;
      if (m !== null) next.age.months = m;
    }
    return this._set(next);
  }

  /** Sets how long ago it started ({days|weeks|months: n}); an empty or invalid number removes it. */
  setDuration(value, unit = 'days') {
    const next = { ...this.state.case };
    const n = typeof value === 'number' ? value : Number.parseFloat(value);
    if (value === '' || value == null || !Number.isFinite(n) || !DURATION_UNITS.includes(unit)) delete next.duration;
    else next.duration = { [unit]: n };
    return this._set(next);
  }

  /** Sets a top-level field (sex, followUpMonths); '' or null removes it. */
  setField(name, value) {
    const next = { ...this.state.case };
    if (value === '' || value == null) delete next[name];
    else next[name] = value;
    return this._set(next);
  }

  /** Adds a visit {date, severity: {item: number}}, kept in date order. */
  addVisit(visit) {
    const visits = [...(this.state.case.visits ?? []), structuredClone(visit)];
    visits.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
    return this._set({ ...this.state.case, visits });
  }

  /** Removes the visit at an index. */
  removeVisit(index) {
    const visits = (this.state.case.visits ?? []).filter((_, i) => i !== index);
    const next = { ...this.state.case, visits };
    if (!visits.length) delete next.visits;
    return this._set(next);
  }

  /**
   * Reads a case file (native case JSON or, when the core supports it, a GA4GH Phenopacket; as
   * text or as an object) and, only if it is valid, makes the core's reading of it the current
   * case. A bad case never touches the current case.
   * @returns {{ok: true, format: string, warnings: string[]} | {ok: false, error: {code, message, path}}}
   */
  importCase(input) {
    let imported;
    try {
      imported = this._read(input);
    } catch (e) {
      if (!isCoreError(e)) throw e;
      return { ok: false, error: errorOf(e) };
    }
    const next = { ...imported.case };
    for (const [k, v] of Object.entries(next)) {
      if (k !== 'findings' && v && typeof v === 'object' && !Array.isArray(v) && !Object.keys(v).length) delete next[k];
    }
    this.setCase(next);
    return { ok: true, format: imported.format, warnings: imported.warnings ?? [] };
  }

  /**
   * Opens a case this app saved (a stored record's case) exactly as it was saved (an age in months
   * stays in months), once the core accepts it; a case the core rejects never replaces the current one.
   * @returns the same as importCase
   */
  openCase(caseObject) {
    let imported;
    try {
      imported = this.checkCase(caseObject);
    } catch (e) {
      if (!isCoreError(e)) throw e;
      return { ok: false, error: errorOf(e) };
    }
    this.setCase(caseObject);
    return { ok: true, format: imported.format, warnings: imported.warnings ?? [] };
  }

  /**
   * Whether openCase would accept a case object: returns the core's reading, or throws CoreError
   * (the storage checks every saved record with it).
   */
  checkCase(caseObject) {
    const imported = this._read(caseObject);
    if (imported.format !== 'native') throw new CoreError('wrong_type', 'expected a native case, not a Phenopacket');
    return imported;
  }

  /** Validates a case (text or object) with the core; returns {case, format, warnings} or throws CoreError. */
  _read(input) {
    let text = input;
    if (typeof input !== 'string') {
      if (!input || typeof input !== 'object' || Array.isArray(input)) {
        throw new CoreError('wrong_type', `expected a case object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`);
      }
      try {
        text = JSON.stringify(input);
      } catch (e) {
        throw new CoreError('invalid_json', `the case cannot be written as JSON (${e.message})`);
      }
    }
    if (!this.core) throw new CoreError('internal', 'the engine is not ready yet; try again in a moment');
    if (this.core.importCase) return this.core.importCase(text);
    let parsed;
    try {
      parsed = JSON.parse(text);
    } catch (e) {
      throw new CoreError('invalid_json', e.message);
    }
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new CoreError('wrong_type', 'expected a case object');
    }
    const report = this.core.evaluate(parsed); // validates; throws CoreError
    return { case: parsed, format: 'native', warnings: report.warnings ?? [] };
  }

  /** The current case as native case JSON text. */
  exportNative() {
    return JSON.stringify(this.state.case, null, 2) + '\n';
  }

  /** Whether the core can write Phenopackets. */
  get canExportPhenopacket() {
    return typeof this.core?.exportPhenopacket === 'function';
  }

  /** The current case as GA4GH Phenopacket v2 JSON text (throws CoreError on failure). */
  exportPhenopacket() {
    return JSON.stringify(this.core.exportPhenopacket(this.state.case), null, 2) + '\n';
  }

  /** Re-evaluates the current case; keeps the case whatever happens. Without a core: no report yet. */
  evaluate() {
    if (!this.core) {
      this.onChange(this.state);
      return this.state;
    }
    try {
      const report = this.core.evaluate(this.state.case);
      this.state = { ...this.state, report, error: null, without: null };
    } catch (e) {
      if (!isCoreError(e)) throw e;
      const error = errorOf(e);
      // An age or a time since onset the core cannot use (an age of 200, a duration longer than the
      // life): the rest of the case is evaluated without it, so the warning signs of the answers
      // are never hidden behind a typing mistake; the view says what was left out until it is
      // corrected. Any other problem leaves no current report.
      const without = [];
      let report = null;
      let problem = error;
      while (!report && problem) {
        const field = leftOutField(problem.path);
        if (!field || without.includes(field)) break;
        without.push(field);
        const rest = { ...this.state.case };
        for (const f of without) delete rest[f];
        try {
          report = this.core.evaluate(rest);
        } catch (e2) {
          if (!isCoreError(e2)) throw e2;
          problem = errorOf(e2);
        }
      }
      this.state = report ? { ...this.state, report, error, without } : { ...this.state, error, without: null };
    }
    this.onChange(this.state);
    return this.state;
  }

  _set(caseObject) {
    this.state = { ...this.state, case: caseObject };
    return this.evaluate();
  }
}

/** Fields a case is evaluated without when the core cannot use them (see evaluate). */
export const FIELDS_LEFT_OUT = ['age', 'duration'];

/** The field of FIELDS_LEFT_OUT a problem's path is in ('age' for "age.years"), or undefined. */
export function leftOutField(path = '') {
  return FIELDS_LEFT_OUT.find((f) => path === f || path.startsWith(`${f}.`));
}

function isCoreError(e) {
  return e instanceof CoreError || (e && e.name === 'CoreError');
}

function errorOf(e) {
  return { code: e.code, message: e.detail ?? e.message, path: e.path ?? '' };
}
