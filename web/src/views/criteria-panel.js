// SPDX-License-Identifier: MIT
// The criteria panel: one fieldset per criterion item with present / absent / not known (as the
// report evaluates it), the verdict, what is still needed, and the evidence behind the rule. Renders the report only; sends
// intents to the controller.
import { html, nothing } from 'lit';
import { sources } from './common.js';

const STATES = ['present', 'absent', 'unknown'];

export function criteriaPanel({ report, t, onCriterion, uid }) {
  if (!report) return nothing;
  return report.criteria.map(
    (c) => html`
      <section class="panel" aria-labelledby="${uid}-${c.id}-h">
        <h3 id="${uid}-${c.id}-h">${t('criteria.heading')}</h3>
        <p class="muted">${c.label}</p>
        ${c.items.map((item) => {
          const value = item.status; // from the report: "Truncal ataxia" makes "ataxia" present
          return html`
            <fieldset class="tri">
              <legend>${item.label}</legend>
              ${STATES.map(
                (s) => html`<label class="choice">
                  <input type="radio" name="${uid}-${c.id}-${item.id}" value=${s}
                    data-item=${item.id} .checked=${value === s}
                    @change=${() => onCriterion(item, s)} />
                  ${t(`state.${s}`)}</label>`,
              )}
            </fieldset>`;
        })}
        <div class="verdict v-${c.status}" role="status" aria-live="polite" data-testid="verdict-${c.id}">
          <strong>${t(`criteria.status.${c.status}`)}</strong>
          <span>${t('criteria.count', { count: c.count, required: c.required })}</span>
          ${c.status === 'indeterminate' && c.needs.length
            ? html`<span>${t('criteria.needs', { items: c.needs.join('; ') })}</span>`
            : nothing}
        </div>
        ${sources(c, report, t)}
      </section>`,
  );
}
