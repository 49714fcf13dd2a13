// SPDX-License-Identifier: MIT
// <oms-aid mode="patient|clinician" lang="en"> — the composition root: creates the core (once per
// page), a controller per element, and renders the views. Fires `oms-aid-report` (detail: the
// report) after every evaluation; `element.case = {...}` prefills a case and `element.case` reads it.
// Switching modes keeps the case: both modes render the same controller's state.
import { LitElement, html, nothing } from 'lit';
import { createOmsAid } from './core.js';
import { Controller, leftOutField } from './controller.js';
import { translator } from './i18n/i18n.js';
import { PatientFlow } from './flow.js';
import { searchTerms } from './search.js';
import { openStorage, savingWasTurnedOn, storageAvailable } from './storage.js';
import { styles } from './views/styles.js';
import { patientView, tooYoungToAnswer } from './views/patient.js';
import { clinicianView } from './views/clinician.js';
import { summaryView } from './views/summary.js';
import { caseMenu, dialogView, importError, storageError, recordName, recordProblemText } from './views/data.js';
import { plain } from './views/common.js';

// The knowledge base's disclaimer, put in by web/build.mjs, for the moment before the engine is
// ready (absent when the sources run unbundled, as in node --test).
// eslint-disable-next-line no-undef
const BUILT_IN_DISCLAIMER = typeof __OMSAID_DISCLAIMER__ === 'string' && __OMSAID_DISCLAIMER__ ? __OMSAID_DISCLAIMER__ : null;

/** A problem's path in the words of the form ("Age", "How long since it started"), or the path. */
function fieldName(path, t) {
  const field = leftOutField(path);
  return field ? t(`f.${field}`) : path;
}

let corePromise = null;
function sharedCore() {
  corePromise ??= createOmsAid();
  return corePromise;
}

let nextUid = 0;
const MAX_FILE = 5 << 20;
const MAX_WARNINGS_SHOWN = 3;

function today() {
  const d = new Date();
  const pad = (n) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}


export class OmsAid extends LitElement {
  static properties = {
    mode: { type: String, reflect: true },
    lang: { type: String },
  };

  static styles = styles;

  constructor() {
    super();
    this.mode = 'clinician';
    this.lang = 'en';
    this._uid = `oms${nextUid++}`;
    this._controller = new Controller(null, (state) => this._onState(state));
    this._state = this._controller.state;
    this._loadError = null;
    this._info = null;
    this._vocab = null;
    this._flow = new PatientFlow(this._controller);
    this._query = '';
    this._open = new Set(); // the disclosures open in the clinician view whose content is rendered on demand
    this._hits = [];
    this._dialog = null;
    this._saved = [];
    this._savingOn = false;
    this._storageOk = true; // until the probe says otherwise (a sandboxed frame has no storage)
    this._storage = null;
    this._savedId = null;
    this._savedName = '';
    this._msg = '';
    this._importError = null;
    this._storageError = '';
    this._retried = false;
    this._confirmAll = false;
    this._eyesPaused = typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
    this._focusStep = false;
    this._act = this._actions();
    // A `case` set on the element before this script defined it is an own property: adopt it.
    if (Object.hasOwn(this, 'case')) {
      const value = this.case;
      delete this.case;
      this.case = value;
    }
  }

  /** The current case (a copy). */
  get case() {
    return structuredClone(this._controller.state.case);
  }

  /** Prefills a case; evaluated now, or as soon as the engine is ready. */
  set case(value) {
    this._flow.reset();
    this._controller.setCase(value);
  }

  /** The latest report, or null. */
  get report() {
    return this._state?.report ?? null;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this._starting) return;
    this._starting = true;
    // The page renders first (the patient's first screen needs no engine); the engine, whose
    // decompression and compilation take a moment, starts once that first frame is painted.
    let started = false;
    const start = () => {
      if (started) return;
      started = true;
      sharedCore().then(
        (core) => {
          this._info = core.kbInfo();
          this._vocab = core.vocabulary();
          this._termIndex = new Map(this._vocab.hpoTerms.map((x) => [x[0], x[1]]));
          this._controller.attach(core);
        },
        (e) => {
          this._loadError = e;
          this.requestUpdate();
        },
      );
    };
    requestAnimationFrame(() => setTimeout(start));
    setTimeout(start, 200); // when frames are not painted (a hidden tab)
    savingWasTurnedOn().then((on) => {
      this._savingOn ||= on;
      this.requestUpdate();
    });
    storageAvailable().then((ok) => {
      this._storageOk = ok;
      this.requestUpdate();
    });
  }

  _onState(state) {
    // The parent started before the engine was ready ("Getting the questions ready" is shown).
    const preparing = this.mode === 'patient' && this._flow.step !== 'intro' && !this._state?.report;
    this._state = state;
    this.requestUpdate();
    // After an abort inside the engine (CoreError internal) the case is kept; evaluate it again once
    // a fresh engine instance is ready, once (an engine failing on this very case again stays shown).
    if (state.error?.code === 'internal') {
      const core = this._controller.core;
      if (!this._retried && core?.ready) {
        this._retried = true;
        core.ready().then(() => this._controller.evaluate(), () => {});
      }
    } else if (state.report && !state.error) {
      this._retried = false;
    }
    // The parent started before the engine was ready: the first question replaces "Getting the
    // questions ready" and takes the focus, as any new step does.
    if (state.report && preparing) this._focusStep = true;
    if (state.report && !state.error) {
      this._interactive();
      this.dispatchEvent(new CustomEvent('oms-aid-report', { detail: state.report, bubbles: true, composed: true }));
    }
  }

  _update(fn) {
    fn?.();
    this.requestUpdate();
  }

  _message(text) {
    this._msg = text;
    this.requestUpdate();
  }

  _actions() {
    const c = () => this._controller;
    const t = (...a) => translator(this.lang)(...a);
    // A flow step: the new screen's heading gets the focus (screen readers read it).
    const step = (fn) => {
      fn(this._flow);
      this._focusStep = true;
      this.requestUpdate();
    };
    // The store checks every record's case with the core (importCase) when listing and opening.
    const store = () => (this._storage ??= openStorage(undefined, { checkCase: (k) => c().checkCase(k) }));
    // A storage failure in plain words (announced as an alert); the current case is never touched.
    const failed = (e, what) => {
      const message = plain(e?.message ?? String(e), 200);
      const kind = e?.kind ?? 'failed';
      const key = kind === 'unavailable' ? 'd.storageFailed'
        : what === 'save' ? (kind === 'quota' ? 'd.quotaFailed' : 'd.saveFailed') : 'd.storeFailed';
      this._storageError = t(key, { message });
      this.requestUpdate();
    };
    const refreshList = async () => {
      this._saved = await store().list();
      this.requestUpdate();
    };
    return {
      // Case entry (both modes)
      setAnswer: (id, v) => c().setAnswer(id, v),
      setFinding: (id, v) => c().setFinding(id, v),
      setCriterion: (item, v) => c().setCriterion(item, v),
      setAge: (v, unit) => c().setAge(v, unit),
      // The unit chosen before any age is typed (months, then 18): kept for the number to come.
      setAgeUnit: (unit) => {
        this._ageUnit = unit;
        this.requestUpdate();
      },
      // An age under the one from which a person answers for themselves turns "the patient" into
      // "a parent or carer" (the choice is then unavailable, and the intro says why).
      setAgeParts: (years, months) => {
        c().setAgeParts(years, months);
        const k = c().state.case;
        if (k.enteredBy === 'patient' && tooYoungToAnswer(k, this._vocab)) c().setField('enteredBy', 'family');
      },
      setDuration: (v, unit) => c().setDuration(v, unit),
      setNote: (text) => c().setField('note', text),
      setField: (name, v) => c().setField(name, v),
      addVisit: (v) => c().addVisit(v),
      removeVisit: (i) => c().removeVisit(i),
      search: (q) => this._update(() => {
        this._query = q;
        this._hits = searchTerms(this._vocab?.hpoTerms ?? [], q, 8, this._vocab?.variables ?? []);
      }),
      // Patient questionnaire
      start: () => step((f) => f.start()),
      answer: (id, v) => step((f) => f.answer(id, v)),
      answerDuration: (n, unit) => step((f) => f.answerDuration(n, unit)),
      back: () => step((f) => f.back()),
      showResults: () => step((f) => f.showResults()),
      resume: () => step((f) => f.start()),
      edit: (id) => step((f) => f.edit(id)),
      toggleEyes: () => this._update(() => (this._eyesPaused = !this._eyesPaused)),
      print: () => window.print(),
      setMode: (m) => this._update(() => {
        this.mode = m;
      }),
      // Case file and storage
      askNew: () => this._update(() => (this._dialog = 'new')),
      newCase: () => {
        c().newCase();
        this._savedId = null;
        this._savedName = '';
        this._flow.reset();
        this._dialog = null;
        this._message(t('d.newDone'));
      },
      openSave: () => this._update(() => {
        this._storageError = '';
        this._dialog = 'save';
      }),
      save: async (name) => {
        const optIn = !this._savingOn;
        this._storageError = '';
        try {
          const rec = await store().save({ id: this._savedId, name, case: c().state.case }, { optIn });
          this._savingOn = true;
          this._savedId = rec.id;
          this._savedName = rec.name;
          this._dialog = null;
          this._message(t('d.savedDone', { name: plain(rec.name, 80) }));
        } catch (e) {
          if (optIn) this._storage = null; // a failed opt-in deleted the empty database: saving stays off
          this._dialog = null;
          failed(e, 'save');
        }
      },
      openSaved: async () => {
        this._confirmAll = false;
        this._storageError = '';
        this._update(() => (this._dialog = 'saved'));
        if (!this._savingOn) return;
        try {
          await refreshList();
        } catch (e) {
          failed(e, 'read');
        }
      },
      openRecord: async (id) => {
        this._storageError = '';
        try {
          const rec = await store().get(id);
          let problem = rec ? rec.problem : null;
          let result = null;
          if (rec && !problem) {
            result = c().openCase(rec.case); // validated again: keeps the current case if rejected
            if (!result.ok) problem = { code: 'case_rejected', ...result.error };
          }
          if (!rec || problem) {
            this._storageError = rec ? t('d.openFailed', { name: recordName(rec, t), problem: recordProblemText(problem, t) }) : t('d.goneFailed');
            await refreshList();
            return;
          }
          this._savedId = rec.id;
          this._savedName = rec.name.slice(0, 80);
          this._flow.reset('results');
          this._dialog = null;
          this._importError = null;
          this._message(t('d.openedDone', { name: recordName(rec, t) }));
        } catch (e) {
          failed(e, 'read');
        }
      },
      deleteRecord: async (id) => {
        this._storageError = '';
        try {
          await store().remove(id);
          if (this._savedId === id) this._savedId = null;
          await refreshList();
          this._message(t('d.deletedDone'));
        } catch (e) {
          failed(e, 'delete');
        }
      },
      askDeleteAll: () => this._update(() => (this._confirmAll = true)),
      cancelDeleteAll: () => this._update(() => (this._confirmAll = false)),
      deleteAll: async () => {
        this._storageError = '';
        try {
          await store().removeAll(); // empties the store, then deletes the database
          this._storage = null;
          this._savingOn = false;
          this._saved = [];
          this._savedId = null;
          this._confirmAll = false;
          this._message(t('d.deletedAllDone'));
        } catch (e) {
          failed(e, 'delete');
        }
      },
      dismissStorageError: () => this._update(() => (this._storageError = '')),
      closeDialog: () => this._update(() => (this._dialog = null)),
      dialogClosed: () => this._update(() => (this._dialog = null)),
      exportNative: () => this._download(`oms-aid-case-${today()}.json`, c().exportNative()),
      exportPhenopacket: () => {
        try {
          this._download(`oms-aid-phenopacket-${today()}.json`, c().exportPhenopacket());
        } catch (e) {
          this._message(t('d.exportFailed', { message: e.detail ?? e.message }));
        }
      },
      pickFile: () => this.renderRoot.querySelector('input[type=file]').click(),
      fileChosen: async (e) => {
        const file = e.target.files?.[0];
        e.target.value = '';
        if (!file) return;
        let result;
        if (file.size > MAX_FILE) {
          result = { ok: false, error: { code: 'file_too_large', message: `${file.size}`, path: '' } };
        } else {
          try {
            result = c().importCase(await file.text());
          } catch (err) {
            result = { ok: false, error: { code: 'read_failed', message: err.message, path: '' } };
          }
        }
        if (!result.ok) {
          this._importError = result.error;
          this._message('');
          return;
        }
        this._importError = null;
        this._savedId = null;
        this._flow.reset('results');
        // The core lists at most 100 warnings and then one "and N more warnings not listed".
        let w = result.warnings;
        let total = w.length;
        const capped = /^and (\d+) more warnings? not listed$/.exec(w[w.length - 1] ?? '');
        if (capped) {
          w = w.slice(0, -1);
          total = w.length + Number(capped[1]);
        }
        const shown = w.slice(0, MAX_WARNINGS_SHOWN).map((x) => plain(x, 160));
        if (total > shown.length) shown.push(t('imp.more', { n: total - shown.length }));
        this._message(t('imp.ok', { name: plain(file.name, 80), format: t(`imp.format.${result.format}`), n: total }) +
          (shown.length ? ` ${shown.join('; ')}` : ''));
      },
      dismissImportError: () => this._update(() => (this._importError = null)),
    };
  }

  _download(name, text) {
    const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    a.hidden = true;
    this.renderRoot.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
    this._message(translator(this.lang)('d.downloaded', { name }));
  }

  /**
   * Fires `oms-aid-interactive` once, on the first frame in which the element can be used: the
   * patient's first screen (it needs no engine) or, in clinician mode, the first report.
   */
  _interactive() {
    if (this._interactiveSent) return;
    this._interactiveSent = true;
    requestAnimationFrame(() => this.dispatchEvent(new CustomEvent('oms-aid-interactive', { bubbles: true, composed: true })));
  }

  updated() {
    if (this.mode === 'patient' && !this._loadError) this._interactive();
    const dlg = this.renderRoot.querySelector('dialog');
    if (dlg && this._dialog && !dlg.open) dlg.showModal();
    if (dlg && !this._dialog && dlg.open) dlg.close();
    if (this._focusStep) {
      // Focus the new screen's heading; a red-flag warning above it stays in view.
      this._focusStep = false;
      const heading = this.renderRoot.querySelector('[data-step]');
      heading?.focus({ preventScroll: true });
      (this.renderRoot.querySelector('div[data-mode] [data-testid=red-flags]') ?? heading)?.scrollIntoView?.({ block: 'nearest' });
    }
  }

  render() {
    const t = translator(this.lang);
    const uid = this._uid;
    const mode = this.mode === 'patient' ? 'patient' : 'clinician';
    const header = html`<header class="top screen">
      <div class="brand"><h1>${t('app.title')}</h1><p>${t('app.subtitle')}</p></div>
      <fieldset class="modes"><legend>${t('mode.label')}</legend>
        <div class="seg">${['patient', 'clinician'].map((m) => html`<label><input type="radio" name="${uid}-mode" value=${m}
          data-mode=${m} .checked=${mode === m} @change=${() => this._act.setMode(m)}><span>${t(`mode.${m}`)}</span></label>`)}</div>
      </fieldset>
    </header>`;
    if (this._loadError) {
      return html`${header}<p class="error" role="alert">${t('app.loadFailed', { message: this._loadError.message })}</p>`;
    }
    const { report, error, without } = this._state;
    const p = {
      report,
      caseObject: this._state.case,
      vocabulary: this._vocab,
      termIndex: this._termIndex,
      info: this._info,
      t,
      uid,
      act: this._act,
      flow: this._flow,
      query: this._query,
      hits: this._hits,
      eyesPaused: this._eyesPaused,
      today: today(),
      mode,
      // The case has a problem (an age of 222): the last report describes the case before the
      // change, so no result is shown from it (a stale "no urgent sign" is worse than none).
      stale: !!error && error.code !== 'internal' && !without?.length,
      // ... unless the problem was with the age or the time since onset: the report is then of the
      // case without them (never hiding a warning sign behind a typing mistake), and says so.
      without: without ?? [],
      // The core's problem is with the age (out of range, not a number): said beside the field in
      // plain words as well as in the banner above.
      ageError: !!error && leftOutField(error.path) === 'age',
      ageUnit: this._ageUnit,
      lang: this.lang,
      isOpen: (key) => this._open.has(key),
      setOpen: (key, open) => {
        if (open === this._open.has(key)) return;
        if (open) this._open.add(key);
        else this._open.delete(key);
        this.requestUpdate();
      },
    };
    if (mode === 'patient') {
      const f = this._flow;
      p.q = f.step === 'question' ? f.question(report, this._vocab) : null;
      p.hasMore = f.hasMore(report, this._vocab);
      p.canAsk = (id) => !!f.wording(id, report, this._vocab);
    }
    return html`
      ${header}
      <p class="disclaimer screen" role="note">${report?.disclaimer ?? this._info?.disclaimer ?? BUILT_IN_DISCLAIMER ?? t('app.loading')}</p>
      ${report ? caseMenu({ t, canPhenopacket: this._controller.canExportPhenopacket, storageOk: this._storageOk, act: this._act }) : nothing}
      <p class="msg screen" role="status">${this._msg}</p>
      ${this._dialog ? nothing : storageError(this._storageError, t, this._act.dismissStorageError)}
      ${importError(this._importError, t, this._act.dismissImportError)}
      ${error
        ? html`<p class="error screen" role="alert">${error.code === 'internal'
            ? t('error.internal')
            : t('error.input', { message: plain(error.path ? `${fieldName(error.path, t)}: ${error.message}` : error.message, 400) })}</p>`
        : nothing}
      <div class="screen" data-mode=${mode} ?data-ready=${!!report}>${mode === 'patient' ? patientView(p)
        : report ? clinicianView(p) : html`<p role="status">${t('app.loading')}</p>`}</div>
      ${summaryView(p)}
      ${dialogView({ dialog: this._dialog, t, uid, saved: this._saved, savingOn: this._savingOn, confirmAll: this._confirmAll, error: this._storageError,
        defaultName: this._savedName || t('d.defaultName', { date: today() }), act: this._act })}
      <footer class="screen">
        <p>${t('footer.privacy')}</p>
        ${this._info ? html`<p>${t('hpo.acknowledgement')}: ${this._info.hpoAttribution}</p>
          <p>${t('footer.kbVersion', { version: this._info.kbVersion })}</p>` : nothing}
      </footer>`;
  }
}

if (!customElements.get('oms-aid')) customElements.define('oms-aid', OmsAid);
