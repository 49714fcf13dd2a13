// SPDX-License-Identifier: MIT
// The criteria panel: each criteria set the knowledge base holds, the ones that apply to the case's
// age first (an adult definition for adults; the paediatric Genoa set, labelled as such), with one
// fieldset per item (present / absent / not known, as the report evaluates it), the entered terms
// that made an item present, the verdict, what is still needed (and, for an item only tests answer
// that the work-up does not order, why not yet), and the evidence behind the rule.
// Renders the report only; sends intents to the controller.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { sources, labelOf } from './common.js';

const STATES = ['present', 'absent', 'unknown'];
const ORDER = { yes: 0, unknown: 1, no: 2 };

export function criteriaPanel({ report, t, onCriterion, uid, vocabulary, termIndex, disclosure = null }) {
  if (!report) return nothing;
  const sets = [...report.criteria].sort((a, b) => (ORDER[a.applies] ?? 1) - (ORDER[b.applies] ?? 1));
  return sets.map(
    (c) => html`
      <section class="panel" aria-labelledby="${uid}-${c.id}-h" data-criteria=${c.id} data-applies=${c.applies ?? 'yes'}>
        <h3 id="${uid}-${c.id}-h">${t('criteria.heading')} <small>${t(`criteria.population.${c.population ?? 'all'}`)}</small></h3>
        <p class="muted">${c.label}</p>
        ${c.applies === 'no' ? html`<p class="note" data-testid="criteria-not-applicable">${t(`criteria.notFor.${c.population}`)}</p>` : nothing}
        ${c.items.map((item) => {
          const value = item.status; // from the report: "Truncal ataxia" makes "ataxia" present
          const terms = item.terms ?? [];
          return html`
            <fieldset class="tri">
              <legend>${item.label}</legend>
              ${STATES.map(
                (s) => html`<label class="choice">
                  <input type="radio" name="${uid}-${c.id}-${item.id}" value=${s}
                    data-item=${item.id} .checked=${live(value === s)}
                    @change=${() => onCriterion(item, s)} />
                  ${t(`state.${s}`)}</label>`,
              )}
              ${terms.length ? html`<p class="muted" data-testid="terms-${c.id}-${item.id}">${t('criteria.from', {
                terms: terms.map((x) => `${labelOf(x, vocabulary, false, termIndex)} (${x})`).join('; ') })}</p>` : nothing}
            </fieldset>`;
        })}
        <div class="verdict v-${c.status}" role="status" aria-live="polite" data-testid="verdict-${c.id}">
          <strong>${t(`criteria.status.${c.status}`)}</strong>
          <span>${t('criteria.count', { count: c.count, required: c.required })}</span>
          ${c.status === 'indeterminate' && c.needs.length
            ? html`<span>${t('criteria.needs', { items: c.needs.join('; ') })}</span>`
            : nothing}
          ${c.status === 'met' ? html`<span>${t('criteria.metMimics')}</span>` : nothing}
        </div>
        ${sources(c, report, t, disclosure)}
        ${c.status === 'indeterminate' ? (c.notSought ?? []).map((n) => html`<div class="note" data-testid="not-sought-${c.id}-${n.item}">
          <p>${n.text}</p>${sources(n, report, t, disclosure)}</div>`) : nothing}
      </section>`,
  );
}
