// SPDX-License-Identifier: MIT
// Pieces every view uses: the evidence level and citations behind a recommendation, urgency chips,
// answer buttons, red flags, percentages. They render report data only.
import { html, nothing } from 'lit';
import { CHOICES } from '../controller.js';

// Control characters and bidirectional overrides (which can reorder what follows them on screen).
const HIDDEN = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/**
 * Text that came from outside (a saved name, a file name, a message quoting a file), made safe to
 * show: at most `max` characters (then "…"), control and bidi characters shown as "\ufffd". Lit
 * renders it as text in any case; this keeps it readable and the layout intact.
 */
export function plain(value, max = 200) {
  let s;
  try {
    s = typeof value === 'string' ? value : String(value);
  } catch {
    s = '';
  }
  if (s.length > max) s = `${s.slice(0, max).replace(/[\ud800-\udbff]$/, '')}…`;
  return s.replace(HIDDEN, '\ufffd');
}

/** A plain link to a public page: opens a new tab, sends no referrer; nothing is fetched until clicked. */
const link = (href, text) => html`<a href=${href} rel="noreferrer noopener" target="_blank">${text}</a>`;

/** One reference: citation text, then PMID / DOI / address. */
export function citation(id, ref) {
  if (!ref) return html`${id}`;
  return html`${ref.citation}
    ${ref.pmid ? html` PMID ${link(`https://pubmed.ncbi.nlm.nih.gov/${ref.pmid}/`, ref.pmid)}.` : nothing}
    ${ref.doi ? html` doi:${link(`https://doi.org/${ref.doi}`, ref.doi)}` : nothing}
    ${ref.url && !ref.pmid && !ref.doi ? link(ref.url, ref.url) : nothing}`;
}

/**
 * The evidence level (V verified, S secondary, U unverified default, marked) and the citations of
 * an item, in a disclosure so they never crowd the text.
 */
export function sources(item, report, t) {
  const ids = item?.sources ?? [];
  if (!item?.evidence && !ids.length) return nothing;
  return html`<details class="src">
    <summary>${item.evidence ? html`<span class="ev ev-${item.evidence}">${t(`ev.${item.evidence}`)}</span> ` : nothing}${ids.length ? t('src.count', { n: ids.length }) : t('src.none')}</summary>
    ${item.evidence === 'U' ? html`<p>${t('ev.U.explain')}</p>` : nothing}
    ${item.note ? html`<p>${item.note}</p>` : nothing}
    ${ids.length ? html`<ul>${ids.map((id) => html`<li>${citation(id, report?.references?.[id])}</li>`)}</ul>` : nothing}
  </details>`;
}

/** A small label for an urgency (emergency, urgent, soon, routine). */
export const urgency = (u, t) => (u ? html`<span class="chip u-${u}">${t(`urgency.${u}`)}</span>` : nothing);

/** "42%", "<1%", ">99%". */
export function pct(p) {
  if (typeof p !== 'number') return '';
  if (p > 0 && p < 0.01) return '<1%';
  if (p < 1 && p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}

/** The word for an answer: patient wording (Yes / No / Not sure) or the clinician's. */
export function answerText(kind, value, t, vocabulary, lay) {
  if (value === 'unsure') return t('tri.unknown');
  if (kind === 'onset') {
    if (value === 'unknown') return t(lay ? 'tri.unknown' : 'state.unknown');
    const v = vocabulary?.variables?.find((x) => x.id === `onset:${value}`);
    return v ? (lay ? v.lay : v.label) : value;
  }
  if (kind === 'test' || kind === 'antibody') return t(`${kind}.${value}`);
  return t(`${lay ? 'tri' : 'state'}.${value}`);
}

/**
 * Toggle buttons for the answers of one variable; the recorded answer is pressed. For parents, a
 * test or antibody question also offers "Not sure" ('unsure': nothing is recorded).
 */
export function choices({ id, kind, value, t, vocabulary, lay, onPick, labelledby, big }) {
  const base = CHOICES[kind] ?? CHOICES.finding;
  const options = lay && (kind === 'test' || kind === 'antibody') ? [...base, 'unsure'] : base;
  return html`<div class=${big ? `answers-big n${options.length}` : 'choices'} role="group" aria-labelledby=${labelledby}>
    ${options.map(
      (c) => html`<button type="button" class="btn ${big ? '' : 'sm'}" aria-pressed=${value === c ? 'true' : 'false'}
        data-answer=${c} @click=${() => onPick(id, c)}>${answerText(kind, c, t, vocabulary, lay)}</button>`,
    )}
  </div>`;
}

/** The raised red flags, most urgent first (the report's order), with what to do. */
export function redFlags(report, t, { lay, level = 2 } = {}) {
  const flags = report?.redFlags ?? [];
  if (!flags.length) return nothing;
  const top = flags[0].action;
  const heading = t(`action.${top}`);
  return html`<section class="urgent act-${top}" role="alert" data-testid="red-flags">
    ${level === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
    <ul>${flags.map((f) => html`<li><strong>${t(`urgency.${f.action}`)}:</strong> ${lay ? f.lay || f.message : f.message}
      ${sources(f, report, t)}</li>`)}</ul>
  </section>`;
}

/** The label of a variable or HPO term, plain-language when asked. */
export function labelOf(id, vocabulary, lay, termIndex) {
  const v = vocabulary?.variables?.find((x) => x.id === id);
  if (v) return lay ? v.lay || v.label : v.label;
  return termIndex?.get(id) ?? plain(id, 80);
}
