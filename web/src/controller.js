// SPDX-License-Identifier: MIT
// Holds the case and the latest report; every change re-evaluates through the core. No DOM here:
// the views render `state` and call the methods below (tested with node --test and a stub core).
import { CoreError } from './core.js';

const FINDING_STATES = new Set(['present', 'absent', 'unknown']);

/** A fresh, empty case (native case JSON, DESIGN §4.1). */
export function emptyCase() {
  return { caseVersion: 1, findings: {} };
}

export class Controller {
  /**
   * @param {{evaluate(c: object): object}} core  the adapter from core.js (or a stub in tests)
   * @param {(state: object) => void} onChange     called after every evaluation
   */
  constructor(core, onChange = () => {}) {
    this.core = core;
    this.onChange = onChange;
    this.state = { case: emptyCase(), report: null, error: null };
  }

  /** Replaces the whole case (prefill, import) and evaluates it. */
  setCase(caseObject) {
    this.state = { ...this.state, case: structuredClone(caseObject) };
    return this.evaluate();
  }

  /** Sets one HPO finding; 'unknown' removes it from the case. */
  setFinding(term, value) {
    if (!FINDING_STATES.has(value)) throw new TypeError(`bad finding state ${value}`);
    const findings = { ...this.state.case.findings };
    if (value === 'unknown') delete findings[term];
    else findings[term] = value;
    this.state = { ...this.state, case: { ...this.state.case, findings } };
    return this.evaluate();
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
    this.state = { ...this.state, case: { ...this.state.case, findings } };
    return this.evaluate();
  }

  /** Re-evaluates the current case; keeps the case whatever happens. */
  evaluate() {
    try {
      const report = this.core.evaluate(this.state.case);
      this.state = { ...this.state, report, error: null };
    } catch (e) {
      if (!(e instanceof CoreError) && !(e && e.name === 'CoreError')) throw e;
      this.state = { ...this.state, error: { code: e.code, message: e.detail ?? e.message, path: e.path } };
    }
    this.onChange(this.state);
    return this.state;
  }
}
