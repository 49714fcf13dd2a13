// SPDX-License-Identifier: MIT
// Severity over visits: shown only when the knowledge base ships a rating scale (report.severity.scale);
// otherwise the report's note says why there is none. With a scale: visit entry (date and one score per
// item of the scale), an SVG chart of the report's totals over time and the same numbers as a table.
// Expected shape: severity = {scale: {label, items: [{id, label, min, max}], max?, sources, evidence},
// visits: [{date, total, items?}], note}.
import { html, nothing, svg } from 'lit';
import { sources } from './common.js';

function chart(points, max, t) {
  if (points.length < 1) return nothing;
  const W = 320;
  const H = 150;
  const L = 30;
  const B = 20;
  const days = points.map((v) => Date.parse(v.date) / 864e5);
  const d0 = Math.min(...days);
  const span = Math.max(...days) - d0 || 1;
  const top = max || Math.max(...points.map((v) => v.total), 1);
  const x = (i) => (points.length === 1 ? (L + W - 10) / 2 : L + ((days[i] - d0) / span) * (W - L - 10));
  const y = (v) => H - B - (v / top) * (H - B - 10);
  const line = points.map((v, i) => `${x(i).toFixed(1)},${y(v.total).toFixed(1)}`).join(' ');
  return html`<svg class="chart" viewBox="0 0 ${W} ${H}" role="img" aria-label=${t('sev.chart')}>
    ${svg`<line class="axis" x1=${L} y1=${H - B} x2=${W - 5} y2=${H - B}/><line class="axis" x1=${L} y1="8" x2=${L} y2=${H - B}/>
    <text x=${L - 4} y=${y(top) + 3} text-anchor="end">${top}</text><text x=${L - 4} y=${H - B + 3} text-anchor="end">0</text>
    <text x=${L} y=${H - 5}>${points[0].date}</text>
    ${points.length > 1 ? svg`<text x=${W - 5} y=${H - 5} text-anchor="end">${points[points.length - 1].date}</text>` : nothing}
    <polyline class="line" points=${line}/>
    ${points.map((v, i) => svg`<circle class="dot" cx=${x(i)} cy=${y(v.total)} r="3.5"/>`)}`}
  </svg>`;
}

export function severityPanel({ report, caseObject, t, uid, act, today }) {
  const sev = report?.severity;
  const scale = sev?.scale;
  const heading = html`<h3 id="${uid}-sev">${t('sev.h')}</h3>`;
  if (!scale) {
    return html`<section class="panel" aria-labelledby="${uid}-sev">${heading}
      <p class="muted" data-testid="severity-note">${sev?.note || t('sev.none')}</p>${sources({ ...sev, note: null }, report, t)}</section>`;
  }
  const items = scale.items ?? [];
  const points = (sev.visits ?? sev.trend ?? []).filter((v) => v && typeof v.total === 'number' && v.date);
  const visits = caseObject.visits ?? [];
  // No <form>: a sandboxed frame without allow-forms blocks even submissions that are handled here.
  const add = (e) => {
    const box = e.target.closest('.visit');
    const value = (name) => box.querySelector(`[name="${name}"]`).value;
    if (!value('date')) return;
    const severity = {};
    for (const it of items) if (value(`sev-${it.id}`) !== '') severity[it.id] = Number(value(`sev-${it.id}`));
    act.addVisit({ date: value('date'), severity });
  };
  return html`<section class="panel" aria-labelledby="${uid}-sev">${heading}
    <p><strong>${scale.label}</strong></p>${sources(scale, report, t)}
    ${chart(points, scale.max, t)}
    ${points.length ? html`<div class="scroll"><table data-testid="severity-table"><caption class="sr-only">${t('sev.table')}</caption>
      <thead><tr><th>${t('sev.date')}</th><th>${t('sev.total')}</th></tr></thead>
      <tbody>${points.map((v) => html`<tr><td>${v.date}</td><td>${v.total}</td></tr>`)}</tbody></table></div>` : nothing}
    ${visits.length ? html`<h4>${t('sev.visits')}</h4><ul class="plain findings">${visits.map((v, i) => html`<li>
      <span>${v.date}: ${Object.entries(v.severity ?? {}).map(([k, n]) => `${items.find((x) => x.id === k)?.label ?? k} ${n}`).join(', ')}</span>
      <button type="button" class="btn sm" aria-label=${t('sev.removeLabel', { date: v.date })} @click=${() => act.removeVisit(i)}>${t('c.removeShort')}</button></li>`)}</ul>` : nothing}
    <div class="visit" role="group" aria-labelledby="${uid}-sev-add">
      <h4 id="${uid}-sev-add">${t('sev.add')}</h4>
      <div class="fields">
        <label class="field">${t('sev.date')}<input type="date" name="date" max=${today} required></label>
        ${items.map((it) => html`<label class="field">${it.label}<input type="number" name="sev-${it.id}" min=${it.min ?? 0} max=${it.max ?? 100} step="1"></label>`)}
      </div>
      <button type="button" class="btn" @click=${add}>${t('sev.addButton')}</button>
    </div>
  </section>`;
}
