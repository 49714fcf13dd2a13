// SPDX-License-Identifier: MIT
// The adapter between JavaScript and the WebAssembly core: the only module that imports the
// Emscripten output (DESIGN §4.4).
//
//   const core = await createOmsAid();
//   const report = core.evaluate({ caseVersion: 1, findings: { 'HP:0010543': 'present' } });
//
// A bad case throws CoreError {code, message, path}. If the module aborts (a bug: the core never
// aborts on input by design), the instance is discarded, a spare instance takes over at once, a new
// spare is built in the background, and CoreError {code: 'internal'} is thrown: the caller keeps its
// case and can simply evaluate again.
import factory from '../generated/omsaid_core.cjs';
import { CoreError } from './core-error.js';

export { CoreError };

let compiled = null; // Promise<WebAssembly.Module>, compiled once per page

function compile() {
  // The .wasm bytes are inlined by web/build.mjs (no fetch, no file path: works from file:// and
  // under a CSP with connect-src 'none'); in the page they follow the script in a data block, so
  // wait until it is parsed.
  compiled ??= Promise.resolve(factory.wasmBytesReady?.()).then(() => WebAssembly.compile(factory.wasmBytes));
  return compiled;
}

async function instantiate() {
  const module = await compile();
  return factory({
    instantiateWasm(imports, receive) {
      WebAssembly.instantiate(module, imports).then((instance) => receive(instance, module));
      return {};
    },
    print() {},
    printErr() {},
  });
}

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

const decoder = new TextDecoder();

// The bindings return a Uint8Array view of UTF-8 bytes in the module's memory, valid until the
// next call: decode at once.
function text(view) {
  return decoder.decode(view);
}

function unwrap(view) {
  const result = JSON.parse(text(view));
  if (!result.ok) {
    const e = result.error;
    throw new CoreError(e.code, e.message, e.path);
  }
  return result;
}

/**
 * Creates the core. Resolves when the first instance is ready.
 * @returns {Promise<{evaluate(caseInput: object|string, options?: {today?: string}): object,
 *                    kbInfo(): object, ready(): Promise<void>}>}
 */
export async function createOmsAid() {
  let current = await instantiate();
  let spare = null;
  let spareBuilding = null;
  let vocabularyCache = null;

  const buildSpare = () => {
    spareBuilding ??= instantiate().then(
      (m) => {
        spare = m;
        spareBuilding = null;
      },
      () => {
        spareBuilding = null;
      },
    );
    return spareBuilding;
  };

  // Promotes the spare when there is no current instance (after an abort).
  const take = () => {
    if (!current && spare) {
      current = spare;
      spare = null;
      buildSpare();
    }
  };

  // Runs fn on the current instance; on an abort, swaps in the spare and reports CoreError internal.
  const call = (fn) => {
    take();
    if (!current) {
      buildSpare();
      throw new CoreError('internal', 'the engine is restarting; try again in a moment');
    }
    try {
      return fn(current);
    } catch (e) {
      if (e instanceof CoreError) throw e;
      current = null;
      take();
      if (!current) buildSpare();
      const what = e && e.message ? e.message : String(e);
      throw new CoreError('internal', `internal error in the engine (${what}); it was restarted and your case is kept`);
    }
  };

  // The spare is built once the page is idle, so it never delays the first answer (an abort before
  // that builds one on demand).
  if (typeof requestIdleCallback === 'function') requestIdleCallback(buildSpare, { timeout: 2000 });
  else setTimeout(buildSpare, 0);

  return {
    /** Evaluates a case (an object, or JSON text) and returns the report object. */
    evaluate(caseInput, options = {}) {
      const input = typeof caseInput === 'string' ? caseInput : JSON.stringify(caseInput);
      if (input === undefined) throw new CoreError('wrong_type', 'expected a case object', '');
      const result = call((m) => unwrap(m._evaluate(input, options.today ?? today())));
      return result.report;
    },
    /** Like evaluate, but returns the report as JSON text (no parsing in JS; for bulk use). */
    evaluateText(caseInput, options = {}) {
      const input = typeof caseInput === 'string' ? caseInput : JSON.stringify(caseInput);
      if (input === undefined) throw new CoreError('wrong_type', 'expected a case object', '');
      const envelope = call((m) => text(m._evaluate(input, options.today ?? today())));
      if (envelope.startsWith('{"ok":true,"report":')) return envelope.slice(20, -1);
      const e = JSON.parse(envelope).error;
      throw new CoreError(e.code, e.message, e.path);
    },
    /**
     * Validates a case given as native case JSON or as a GA4GH Phenopacket v2 (object or text) and
     * returns {case: native case object, format: 'native'|'phenopacket', warnings: [...]}.
     * Throws CoreError (with the JSON path) on bad input.
     */
    importCase(caseInput, options = {}) {
      const input = typeof caseInput === 'string' ? caseInput : JSON.stringify(caseInput);
      if (input === undefined) throw new CoreError('wrong_type', 'expected a case', '');
      const r = call((m) => unwrap(m._importCase(input, options.today ?? today())));
      return { case: r.case, format: r.format, warnings: r.warnings };
    },
    /** The case as a GA4GH Phenopacket v2 object. */
    exportPhenopacket(caseInput, options = {}) {
      const input = typeof caseInput === 'string' ? caseInput : JSON.stringify(caseInput);
      if (input === undefined) throw new CoreError('wrong_type', 'expected a case', '');
      const id = options.id ?? 'oms-aid-case';
      return call((m) => unwrap(m._exportPhenopacket(input, id, options.created ?? new Date().toISOString()))).phenopacket;
    },
    /** Versions, disclaimer and the HPO acknowledgement. */
    kbInfo() {
      const info = call((m) => unwrap(m._kbInfo()));
      delete info.ok;
      return info;
    },
    /**
     * The knowledge base's vocabulary: variables (findings, exposures, history, onsets, tests,
     * antibodies) with labels and plain-language questions, tests, antibodies, age bands, and HPO
     * terms as [id, label, synonyms, featureIds] for term search. Computed once.
     */
    vocabulary() {
      vocabularyCache ??= call((m) => unwrap(m._vocabulary())).vocabulary;
      return vocabularyCache;
    },
    /** Resolves when a spare instance is ready (tests use it after a forced abort). */
    async ready() {
      take();
      if (!current) {
        await buildSpare();
        take();
      }
      if (!spare) await buildSpare();
    },
    /** Test hook: aborts the current instance for real. */
    _forceAbortForTesting() {
      call((m) => m._forceAbortForTesting());
    },
  };
}
