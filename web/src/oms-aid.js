// SPDX-License-Identifier: MIT
// <oms-aid mode="patient|clinician" lang="en"> — the composition root: creates the core (once per
// page), a controller per element, and renders the views. Fires `oms-aid-report` (detail: the
// report) after every evaluation; `element.case = {...}` prefills a case.
import { LitElement, html, css, nothing } from 'lit';
import { createOmsAid } from './core.js';
import { Controller } from './controller.js';
import { translator } from './i18n/i18n.js';
import { criteriaPanel } from './views/criteria-panel.js';

let corePromise = null;
function sharedCore() {
  corePromise ??= createOmsAid();
  return corePromise;
}

let nextUid = 0;

export class OmsAid extends LitElement {
  static properties = {
    mode: { type: String, reflect: true },
    lang: { type: String },
    _state: { state: true },
    _loadError: { state: true },
    _info: { state: true },
  };

  static styles = css`
    :host { display: block; font: 16px/1.5 system-ui, sans-serif; color: #1a1a1a; background: #fff;
      max-width: 60rem; margin: 0 auto; padding: 1rem; box-sizing: border-box; }
    *, *::before, *::after { box-sizing: inherit; }
    h1 { font-size: 1.5rem; margin: 0 0 .25rem; }
    h2 { font-size: 1.2rem; margin: 0 0 .5rem; }
    .muted { color: #4a4a4a; margin: 0 0 1rem; }
    .panel { border: 1px solid #c8c8c8; border-radius: 8px; padding: 1rem; margin: 1rem 0; }
    fieldset.tri { border: 1px solid #d6d6d6; border-radius: 6px; margin: 0 0 .75rem; padding: .5rem .75rem; }
    legend { font-weight: 600; padding: 0 .25rem; }
    .choice { display: inline-flex; align-items: center; gap: .35rem; margin: .25rem 1rem .25rem 0; min-height: 44px; cursor: pointer; }
    input[type=radio] { width: 1.2rem; height: 1.2rem; margin: 0; }
    input:focus-visible { outline: 3px solid #0b57d0; outline-offset: 2px; }
    .verdict { display: flex; flex-wrap: wrap; gap: .5rem 1rem; padding: .75rem; border-radius: 6px; margin-top: .5rem; }
    .verdict-met { background: #e3f1e6; border: 1px solid #1e6b34; }
    .verdict-not_met { background: #f2f2f2; border: 1px solid #595959; }
    .verdict-indeterminate { background: #fff4d6; border: 1px solid #8a5a00; }
    .evidence { font-size: .875rem; color: #4a4a4a; }
    cite { font-style: normal; text-decoration: underline dotted; }
    .error { background: #fde7e7; border: 1px solid #a61b1b; padding: .75rem; border-radius: 6px; }
    .disclaimer { border-left: 4px solid #a61b1b; background: #fff6f6; padding: .75rem 1rem; margin: 1rem 0; }
    footer { font-size: .8rem; color: #4a4a4a; margin-top: 2rem; }
  `;

  constructor() {
    super();
    this.mode = 'clinician';
    this.lang = 'en';
    this._uid = `oms${nextUid++}`;
    this._pendingCase = null;
    this._controller = null;
    this._state = null;
    this._loadError = null;
    this._info = null;
  }

  /** The current case (a copy). */
  get case() {
    return this._controller ? structuredClone(this._controller.state.case) : this._pendingCase;
  }

  /** Prefills a case; evaluated as soon as the engine is ready. */
  set case(value) {
    if (this._controller) this._controller.setCase(value);
    else this._pendingCase = structuredClone(value);
  }

  /** The latest report, or null. */
  get report() {
    return this._state?.report ?? null;
  }

  connectedCallback() {
    super.connectedCallback();
    if (this._controller || this._starting) return;
    this._starting = true;
    sharedCore().then(
      (core) => {
        this._info = core.kbInfo();
        this._controller = new Controller(core, (state) => this._onState(state));
        if (this._pendingCase) this._controller.setCase(this._pendingCase);
        else this._controller.evaluate();
      },
      (e) => {
        this._loadError = e;
      },
    );
  }

  _onState(state) {
    this._state = state;
    if (state.report && !state.error) {
      this.dispatchEvent(new CustomEvent('oms-aid-report', { detail: state.report, bubbles: true, composed: true }));
    }
  }

  render() {
    const t = translator(this.lang);
    const header = html`<header><h1>${t('app.title')}</h1><p class="muted">${t('app.subtitle')}</p></header>`;
    if (this._loadError) {
      return html`${header}<p class="error" role="alert">${t('app.loadFailed', { message: this._loadError.message })}</p>`;
    }
    if (!this._state) return html`${header}<p role="status">${t('app.loading')}</p>`;
    const { report, error } = this._state;
    return html`
      ${header}
      <aside class="disclaimer" aria-label=${t('disclaimer.heading')}>${report?.disclaimer ?? this._info?.disclaimer}</aside>
      ${error
        ? html`<p class="error" role="alert">${error.code === 'internal'
            ? t('error.internal')
            : t('error.input', { message: error.path ? `${error.path}: ${error.message}` : error.message })}</p>`
        : nothing}
      ${criteriaPanel({
        report,
        caseObject: this._state.case,
        t,
        uid: this._uid,
        onCriterion: (item, value) => this._controller.setCriterion(item, value),
      })}
      <footer>
        <p>${t('hpo.acknowledgement')}: ${this._info?.hpoAttribution}</p>
        <p>${t('footer.kbVersion', { version: this._info?.kbVersion })}</p>
      </footer>`;
  }
}

if (!customElements.get('oms-aid')) customElements.define('oms-aid', OmsAid);
