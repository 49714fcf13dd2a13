// SPDX-License-Identifier: MIT
// The case menu (new, save, saved cases, download as JSON or Phenopacket, open a file, print), the
// dialog behind it (opt-in saving, the list of saved cases with delete and delete all, confirm a
// new case), status messages and import errors that explain what was wrong.
import { html, nothing } from 'lit';

export function caseMenu({ t, canPhenopacket, act }) {
  return html`<details class="casemenu screen">
    <summary>${t('d.menu')}</summary>
    <div class="row">
      <button type="button" class="btn sm" data-action="save" @click=${act.openSave}>${t('d.save')}</button>
      <button type="button" class="btn sm" data-action="saved" @click=${act.openSaved}>${t('d.saved')}</button>
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
  const key = ['invalid_json', 'too_large', 'read_failed'].includes(error.code) ? `imp.${error.code}` : 'imp.invalid';
  return html`<div class="error screen" role="alert" data-testid="import-error">
    <p><strong>${t('imp.failed')}</strong></p>
    <p>${t(key, { message: error.message, path: error.path || t('imp.root') })}</p>
    <p>${t('imp.kept')}</p>
    <button type="button" class="btn sm" @click=${onDismiss}>${t('d.dismiss')}</button>
  </div>`;
}

function savedList({ t, saved, savingOn, confirmAll, act }) {
  if (!savingOn) return html`<p>${t('d.savingOff')}</p>`;
  return html`${saved.length ? html`<ul class="plain findings" data-testid="saved-list">${saved.map((r) => html`<li>
      <span><strong>${r.name}</strong><small>${t('d.savedAt', { date: r.savedAt.slice(0, 16).replace('T', ' ') })}</small></span>
      <span class="row">
        <button type="button" class="btn sm" aria-label=${t('d.openLabel', { name: r.name })} @click=${() => act.openRecord(r.id)}>${t('d.open')}</button>
        <button type="button" class="btn sm danger" aria-label=${t('d.deleteLabel', { name: r.name })} @click=${() => act.deleteRecord(r.id)}>${t('d.delete')}</button>
      </span></li>`)}</ul>` : html`<p>${t('d.noSaved')}</p>`}
    ${saved.length ? confirmAll
      ? html`<p role="alert">${t('d.deleteAllConfirm')}</p><div class="row">
          <button type="button" class="btn danger" data-action="delete-all-yes" @click=${act.deleteAll}>${t('d.deleteAllYes')}</button>
          <button type="button" class="btn" @click=${act.cancelDeleteAll}>${t('d.cancel')}</button></div>`
      : html`<button type="button" class="btn danger" data-action="delete-all" @click=${act.askDeleteAll}>${t('d.deleteAll')}</button>` : nothing}`;
}

export function dialogView(p) {
  const { dialog, t, uid, savingOn, defaultName, act } = p;
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
    ${dialog ? html`<h2 id="${uid}-dlg-h">${title}</h2>${body}` : nothing}
  </dialog>`;
}
