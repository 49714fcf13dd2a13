// SPDX-License-Identifier: MIT
// Opt-in storage of cases on this device (IndexedDB through idb-keyval). Nothing is written, and
// the database is not even created, until the user turns saving on. No patient data ever goes to
// localStorage, sessionStorage or cookies.
//
// Records: {recordVersion: 1, id, name, savedAt (ISO time), case}. A record written before
// recordVersion existed (no such field) is read as version 1 when it is otherwise valid. Every
// record is checked when it is listed or opened: a value of the wrong shape, a record of a newer
// version, or a case the core rejects is reported for that record only (the others still list and
// open), and can be deleted.
//
// A failed write leaves nothing behind: IndexedDB writes one record per transaction (a quota error
// aborts it, and the previous version of the record, if any, stays), a new record that failed is
// deleted again, and when the very first save (the opt-in) fails, the database is deleted so that
// saving stays off. "Delete all" empties the store and deletes the database: saving is off again
// until the user opts in anew.
import { get, set, del, clear, entries } from 'idb-keyval';

export const DB_NAME = 'oms-aid';
const STORE_NAME = 'cases';
/** The record format written by save(). */
export const RECORD_VERSION = 1;
/** Longest name kept on save (the dialog's field allows 80 characters). */
export const MAX_NAME = 200;

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
 * Whether this page may store anything on the device at all (a frame sandboxed without
 * allow-same-origin may not). Creates nothing: it asks for the storage estimate, which such a frame
 * is refused.
 */
export async function storageAvailable() {
  try {
    if (!globalThis.indexedDB) return false;
    await globalThis.navigator?.storage?.estimate?.();
    return true;
  } catch {
    return false;
  }
}

const promised = (request) => new Promise((resolve, reject) => {
  request.onsuccess = () => resolve(request.result);
  request.onerror = () => reject(request.error);
});

/**
 * idb-keyval's createStore, plus: the connection closes when another page deletes or upgrades the
 * database (so "delete all" in one tab is not blocked by another), a database that exists without
 * the store gets it, and close() for deleting the database from this page.
 */
function createStore(dbName, storeName) {
  let dbp;
  const open = (version) => {
    const request = version ? indexedDB.open(dbName, version) : indexedDB.open(dbName);
    request.onupgradeneeded = () => {
      if (!request.result.objectStoreNames.contains(storeName)) request.result.createObjectStore(storeName);
    };
    return promised(request).then((db) => {
      if (db.objectStoreNames.contains(storeName)) return db;
      db.close();
      return open(db.version + 1);
    });
  };
  const getDB = () => {
    if (dbp) return dbp;
    dbp = open();
    dbp.then((db) => {
      db.onclose = () => (dbp = undefined);
      db.onversionchange = () => {
        db.close();
        dbp = undefined;
      };
    }, () => (dbp = undefined));
    return dbp;
  };
  const store = (mode, callback) => getDB().then((db) => callback(db.transaction(storeName, mode).objectStore(storeName)));
  store.close = async () => {
    const db = await dbp?.catch(() => null);
    db?.close();
    dbp = undefined;
  };
  return store;
}

/** Deletes the database; resolves once deleted, or once the deletion waits only for other pages. */
function deleteDatabase(name) {
  return new Promise((resolve, reject) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve(true);
    request.onblocked = () => resolve(false);
    request.onerror = () => reject(request.error);
  });
}

/** The browser's IndexedDB through idb-keyval. Tests pass their own (an in-memory Map). */
export const indexedDbBackend = {
  createStore,
  get,
  set,
  del,
  clear,
  entries,
  close: (store) => store.close(),
  deleteDatabase,
};

/** What kind of value something is, for messages: 'number', 'array', 'null', 'missing', ... */
export function kindOf(value) {
  if (value === undefined) return 'missing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value === 'object' ? 'object' : typeof value; // string, number, boolean, bigint, ...
}

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Checks the shape of a stored value (not its case: see openStorage's checkCase).
 * @returns {null | {code: string, field?: string, kind?: string, version?: number}} the first problem
 *   codes: not_a_record (kind), newer_version (version), bad_field (field, kind), no_case, bad_case (kind)
 */
export function recordProblem(key, value) {
  if (!isObject(value)) return { code: 'not_a_record', kind: kindOf(value) };
  const version = Object.hasOwn(value, 'recordVersion') ? value.recordVersion : RECORD_VERSION;
  if (!Number.isInteger(version) || version < 1) return { code: 'bad_field', field: 'recordVersion', kind: kindOf(version) };
  if (version > RECORD_VERSION) return { code: 'newer_version', version };
  if (value.id !== key) return { code: 'bad_field', field: 'id', kind: kindOf(value.id) };
  if (typeof value.name !== 'string') return { code: 'bad_field', field: 'name', kind: kindOf(value.name) };
  if (typeof value.savedAt !== 'string' || Number.isNaN(Date.parse(value.savedAt))) {
    return { code: 'bad_field', field: 'savedAt', kind: kindOf(value.savedAt) };
  }
  if (!Object.hasOwn(value, 'case') || value.case == null) return { code: 'no_case' };
  if (!isObject(value.case)) return { code: 'bad_case', kind: kindOf(value.case) };
  return null;
}

/** A failure of the store, with a kind the UI explains: 'quota', 'unavailable' or 'failed'. */
export class StorageError extends Error {
  constructor(kind, cause) {
    super(cause?.message || String(cause ?? kind));
    this.name = 'StorageError';
    this.kind = kind;
    this.cause = cause;
  }
}

function storageError(e) {
  if (e instanceof StorageError) return e;
  const names = [e?.name, e?.inner?.name, e?.cause?.name];
  if (names.includes('QuotaExceededError')) return new StorageError('quota', e);
  if (names.some((n) => n === 'SecurityError' || n === 'InvalidStateError')) return new StorageError('unavailable', e);
  return new StorageError('failed', e);
}

const newId = () => `case-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

/**
 * The store; opening it creates the database, so call it only after the user opted in.
 * @param {object} backend idb-keyval's functions plus close and deleteDatabase (a Map in tests)
 * @param {{checkCase?: (caseObject: object) => void}} options checkCase throws (a CoreError) when
 *        the core rejects a stored case; without it only the record's shape is checked
 */
export function openStorage(backend = indexedDbBackend, { checkCase } = {}) {
  const store = backend.createStore(DB_NAME, STORE_NAME);

  /** {id, name, savedAt, case, problem}: problem is null, or why the record cannot be opened. */
  const check = (key, value) => {
    let problem = recordProblem(key, value);
    if (!problem && checkCase) {
      try {
        checkCase(value.case);
      } catch (e) {
        // An engine restarting after an abort (code internal) says nothing about the record.
        if (e?.code === 'internal') problem = null;
        else if (e?.code) problem = { code: 'case_rejected', path: e.path ?? '', message: e.detail ?? e.message };
        else problem = { code: 'unreadable', message: e?.message ?? String(e) };
      }
    }
    const ok = isObject(value);
    return {
      id: key,
      name: ok && typeof value.name === 'string' ? value.name : null,
      savedAt: ok && typeof value.savedAt === 'string' ? value.savedAt : null,
      case: problem ? null : value.case,
      problem,
    };
  };

  const wrap = (fn) => async (...args) => {
    try {
      return await fn(...args);
    } catch (e) {
      throw storageError(e);
    }
  };

  const api = {
    /** Every stored record, checked: the good ones newest first, then those that cannot be opened. */
    list: wrap(async () => {
      const all = (await backend.entries(store)).map(([key, value]) => check(key, value));
      const rank = (r) => (r.problem ? 1 : 0);
      const at = (r) => r.savedAt ?? '';
      return all.sort((a, b) => rank(a) - rank(b) || (at(a) < at(b) ? 1 : at(a) > at(b) ? -1 : 0));
    }),
    /** One record, checked as in list(); null when there is none under that id. */
    get: wrap(async (id) => {
      const value = await backend.get(id, store);
      return value === undefined ? null : check(id, value);
    }),
    /**
     * Saves (or overwrites) a record; returns it. On failure throws StorageError and leaves the
     * store as it was; with optIn (the save that turned saving on), an empty database is deleted.
     */
    save: wrap(async ({ id, name, case: caseObject }, { optIn = false } = {}) => {
      const record = {
        recordVersion: RECORD_VERSION,
        id: id ?? newId(),
        name: String(name ?? '').slice(0, MAX_NAME),
        savedAt: new Date().toISOString(),
        case: structuredClone(caseObject),
      };
      try {
        await backend.set(record.id, record, store);
      } catch (e) {
        if (id == null) await backend.del(record.id, store).catch(() => {});
        if (optIn) {
          const left = await backend.entries(store).catch(() => null);
          if (left && !left.length) await api.destroy().catch(() => {});
        }
        throw e;
      }
      return record;
    }),
    remove: wrap((id) => backend.del(id, store)),
    /** Deletes every record, then the database itself (saving is off until the user opts in again). */
    removeAll: wrap(async () => {
      await backend.clear(store);
      await api.destroy();
    }),
    /** Closes this page's connection and deletes the database; this store is unusable afterwards. */
    destroy: wrap(async () => {
      await backend.close?.(store);
      await backend.deleteDatabase?.(DB_NAME);
    }),
  };
  return api;
}
