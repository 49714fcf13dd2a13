// SPDX-License-Identifier: MIT
// Opt-in storage of cases on this device (IndexedDB through idb-keyval). Nothing is written, and
// the database is not even created, until the user turns saving on. Records:
// {id, name, savedAt (ISO time), case}. No patient data ever goes to localStorage, sessionStorage
// or cookies.
import { createStore, get, set, del, clear, entries } from 'idb-keyval';

export const DB_NAME = 'oms-aid';
const STORE_NAME = 'cases';

/**
 * Whether the user turned saving on earlier (the database exists). Never creates it.
 * Browsers without indexedDB.databases() answer false: the user turns saving on again.
 */
export async function savingWasTurnedOn(factory) {
  try {
    const idb = arguments.length ? factory : globalThis.indexedDB;
    if (!idb?.databases) return false;
    // In a sandboxed frame without same-origin access, storage is denied: estimate() says so
    // cleanly, while databases() would leave an unhandled rejection inside Chrome.
    if (!arguments.length) await globalThis.navigator?.storage?.estimate?.();
    return (await idb.databases()).some((d) => d.name === DB_NAME);
  } catch {
    return false;
  }
}

/**
 * The store; opening it creates the database, so call it only after the user opted in.
 * @param {object} backend idb-keyval's functions (replaced by a Map in tests)
 */
export function openStorage(backend = { createStore, get, set, del, clear, entries }) {
  const store = backend.createStore(DB_NAME, STORE_NAME);
  return {
    /** Every saved case, newest first. */
    async list() {
      const all = (await backend.entries(store)).map(([, value]) => value);
      return all.sort((a, b) => (a.savedAt < b.savedAt ? 1 : a.savedAt > b.savedAt ? -1 : 0));
    },
    get: (id) => backend.get(id, store),
    /** Saves (or overwrites) a record; returns it. */
    async save({ id, name, case: caseObject }) {
      const record = {
        id: id ?? `case-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
        name,
        savedAt: new Date().toISOString(),
        case: structuredClone(caseObject),
      };
      await backend.set(record.id, record, store);
      return record;
    },
    remove: (id) => backend.del(id, store),
    removeAll: () => backend.clear(store),
  };
}
