// SPDX-License-Identifier: MIT
// The case menu (new, save, saved cases, download as JSON or Phenopacket, open a file, print), the
// dialog behind it (opt-in saving, the list of saved cases with delete and delete all, confirm a
// new case), status messages and import errors that explain what was wrong. Saved cases that cannot
// be opened are listed with the reason and a delete button. Every text that came from a file or
// the store goes through plain() (clipped, control characters neutralised) and into text bindings.
import { html, nothing } from 'lit';
import { plain } from './common.js';

export function caseMenu({ t, canPhenopacket, storageOk = true, act }) {
  return html`<details class="casemenu screen">
    <summary>${t('d.menu')}</summary>
    ${storageOk ? nothing : html`<p class="muted" data-testid="storage-unavailable">${t('d.noStorage')}</p>`}
    <div class="row">
      ${storageOk ? html`<button type="button" class="btn sm" data-action="save" @click=${act.openSave}>${t('d.save')}</button>
      <button type="button" class="btn sm" data-action="saved" @click=${act.openSaved}>${t('d.saved')}</button>` : nothing}
      <button type="button" class="btn sm" data-action="export-json" @click=${act.exportNative}>${t('d.exportJson')}</button>
      ${canPhenopacket ? html`<button type="button" class="btn sm" data-action="export-phenopacket" @click=${act.exportPhenopacket}>${t('d.exportPhenopacket')}</button>` : nothing}
      <button type="button" class="btn sm" data-action="import" @click=${act.pickFile}>${t('d.import')}</button>
      <button type="button" class="btn sm" data-action="print" @click=${act.print}>${t('d.print')}</button>
      <button type="button" class="btn sm danger" data-action="new" @click=${act.askNew}>${t('d.new')}</button>
      <input type="file" accept=".json,application/json" hidden @change=${act.fileChosen}>
    </div>
  </details>`;
}

/** Explains an import error in words, with where in the file the problem is. */
export function importError(error, t, onDismiss) {
  if (!error) return nothing;
  const key = ['invalid_json', 'file_too_large', 'read_failed', 'internal'].includes(error.code) ? `imp.${error.code}` : 'imp.invalid';
  return html`<div class="error screen" role="alert" data-testid="import-error">
    <p><strong>${t('imp.failed')}</strong></p>
    <p>${t(key, { message: plain(error.message, 300), path: error.path ? plain(error.path, 120) : t('imp.root') })}</p>
    <p>${t('imp.kept')}</p>
    <button type="button" class="btn sm" @click=${onDismiss}>${t('d.dismiss')}</button>
  </div>`;
}

/** A storage failure (saving, reading, deleting) in plain words, announced; the case is kept. */
export function storageError(text, t, onDismiss) {
  if (!text) return nothing;
  return html`<div class="error screen" role="alert" data-testid="storage-error">
    <p>${text}</p>
    <button type="button" class="btn sm" @click=${onDismiss}>${t('d.dismiss')}</button>
  </div>`;
}

const KINDS = ['missing', 'null', 'array', 'object', 'string', 'number', 'boolean', 'bigint'];

/** Why a saved record cannot be opened, in words (storage.js recordProblem and checkCase). */
export function recordProblemText(problem, t) {
  const kind = t(`kind.${KINDS.includes(problem.kind) ? problem.kind : 'other'}`);
  switch (problem.code) {
    case 'not_a_record': return t('rec.not_a_record', { kind });
    case 'newer_version': return t('rec.newer_version', { version: problem.version });
    case 'bad_field': return t('rec.bad_field', { field: problem.field, kind, expected: t(`rec.expect.${problem.field}`) });
    case 'no_case': return t('rec.no_case');
    case 'bad_case': return t('rec.bad_case', { kind });
    case 'case_rejected': return t('rec.case_rejected', { path: plain(problem.path || t('imp.root'), 120), message: plain(problem.message, 300) });
    default: return t('rec.unreadable', { message: plain(problem.message, 300) });
  }
}

/** A saved time (ISO, UTC) as the user's local date and time. */
export function localTime(iso, t) {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return plain(iso, 40);
  try {
    return new Intl.DateTimeFormat(t('locale'), { dateStyle: 'medium', timeStyle: 'short' }).format(d);
  } catch {
    return d.toLocaleString();
  }
}

/** The name a record is listed under (clipped; a placeholder when it has none). */
export const recordName = (r, t) => (typeof r.name === 'string' && r.name.trim() ? plain(r.name, 80) : t('rec.untitled'));

function savedItem(r, { t, act }) {
  const name = recordName(r, t);
  return html`<li data-state=${r.problem ? 'broken' : 'ok'}>
    <span class="rec"><strong>${name}</strong>${r.problem
      ? html`<small class="problem">${t('rec.cannotOpen')} ${recordProblemText(r.problem, t)}</small>`
      : html`<small>${t('d.savedAt', { date: localTime(r.savedAt, t) })}</small>`}</span>
    <span class="row">
      ${r.problem ? nothing : html`<button type="button" class="btn sm" aria-label=${t('d.openLabel', { name })} @click=${() => act.openRecord(r.id)}>${t('d.open')}</button>`}
      <button type="button" class="btn sm danger" aria-label=${t('d.deleteLabel', { name })} @click=${() => act.deleteRecord(r.id)}>${t('d.delete')}</button>
    </span></li>`;
}

function savedList(p) {
  const { t, saved, savingOn, confirmAll, act } = p;
  if (!savingOn) return html`<p>${t('d.savingOff')}</p>`;
  const broken = saved.filter((r) => r.problem).length;
  return html`<p role="status" class="muted" data-testid="saved-status">${broken ? t('rec.brokenSummary', { n: broken }) : ''}</p>
    ${saved.length ? html`<ul class="plain findings saved" data-testid="saved-list">${saved.map((r) => savedItem(r, p))}</ul>` : html`<p>${t('d.noSaved')}</p>`}
    ${saved.length ? confirmAll
      ? html`<p role="alert">${t('d.deleteAllConfirm')}</p><div class="row">
          <button type="button" class="btn danger" data-action="delete-all-yes" @click=${act.deleteAll}>${t('d.deleteAllYes')}</button>
          <button type="button" class="btn" @click=${act.cancelDeleteAll}>${t('d.cancel')}</button></div>`
      : html`<button type="button" class="btn danger" data-action="delete-all" @click=${act.askDeleteAll}>${t('d.deleteAll')}</button>` : nothing}`;
}

export function dialogView(p) {
  const { dialog, t, uid, savingOn, defaultName, act, error } = p;
  let title = '';
  let body = nothing;
  // No <form>: a sandboxed frame without allow-forms blocks even submissions that are handled here.
  const save = (e) => act.save(e.target.closest('dialog').querySelector('input[name=name]').value.trim() || defaultName);
  if (dialog === 'save') {
    title = t('d.saveH');
    body = html`${savingOn ? html`<p>${t('d.saveOn')}</p>` : html`<p>${t('d.optIn1')}</p><p>${t('d.optIn2')}</p>`}
      <div class="fields"><label class="field">${t('d.name')}<input name="name" .value=${defaultName} maxlength="80"
        @keydown=${(e) => e.key === 'Enter' && save(e)}></label></div>
      <div class="row"><button type="button" class="btn primary" data-action="save-confirm" @click=${save}>${t(savingOn ? 'd.saveButton' : 'd.optInButton')}</button>
        <button type="button" class="btn" @click=${act.closeDialog}>${t('d.cancel')}</button></div>`;
  } else if (dialog === 'saved') {
    title = t('d.savedH');
    body = html`${savedList(p)}<div class="nav"><button type="button" class="btn" @click=${act.closeDialog}>${t('d.close')}</button></div>`;
  } else if (dialog === 'new') {
    title = t('d.newH');
    body = html`<p>${t('d.newText')}</p><div class="row">
      <button type="button" class="btn danger" data-action="new-yes" @click=${act.newCase}>${t('d.newYes')}</button>
      <button type="button" class="btn" @click=${act.closeDialog}>${t('d.cancel')}</button></div>`;
  }
  return html`<dialog class="screen" aria-labelledby="${uid}-dlg-h" @close=${act.dialogClosed}>
    ${dialog ? html`<h2 id="${uid}-dlg-h">${title}</h2>${storageError(error, t, act.dismissStorageError)}${body}` : nothing}
  </dialog>`;
}
