// SPDX-License-Identifier: MIT
// The one-page summary for the doctor, shown only when printing (@media print): the answers as
// HPO-coded findings, the other answers, and the report's assessment with its sources.
import { html, nothing } from 'lit';
import { pct, labelOf, answerText } from './common.js';

export function summaryView({ report, caseObject: k, vocabulary, t, info, termIndex, today }) {
  if (!report) return nothing;
  const order = { present: 0, absent: 1, unknown: 2 };
  const findings = Object.entries(k.findings ?? {}).sort((a, b) => order[a[1]] - order[b[1]]);
  const exposures = Array.isArray(k.exposures) ? Object.fromEntries(k.exposures.map((x) => [x, 'present'])) : k.exposures ?? {};
  const other = [
    ...Object.entries(exposures).map(([x, v]) => [`exposure:${x}`, 'exposure', v]),
    ...Object.entries(k.history ?? {}).map(([x, v]) => [`history:${x}`, 'history', v]),
  ];
  const age = k.age ? ('months' in k.age ? t('s.months', { n: k.age.months }) : t('s.years', { n: k.age.years })) : t('s.unknown');
  const tests = (report.workup ?? []).filter((w) => w.status === 'recommended' || w.status === 'pending');
  const done = Object.entries(k.tests ?? {});
  const abs = Object.entries(k.antibodies ?? {});
  const cited = new Set();
  const cite = (item) => (item.sources ?? []).forEach((s) => cited.add(s));
  report.criteria.forEach(cite);
  (report.redFlags ?? []).forEach(cite);
  tests.forEach(cite);
  return html`<section class="print-only summary" data-testid="summary">
    <h2>${t('s.h')}</h2>
    <p>${t('s.meta', { date: today, kb: report.kbVersion, hpo: report.hpoVersion })}</p>
    <p><strong>${t('f.age')}:</strong> ${age}; <strong>${t('f.sex')}:</strong> ${t(`sex.${k.sex && k.sex !== 'unknown' ? k.sex : 'none'}`)};
      <strong>${t('f.onset')}:</strong> ${k.onset ? answerText('onset', k.onset, t, vocabulary) : t('s.unknown')}
      ${k.followUpMonths != null ? html`; <strong>${t('f.followUp')}:</strong> ${k.followUpMonths}` : nothing}</p>
    <h3>${t('s.findings')}</h3>
    ${findings.length ? html`<table><thead><tr><th>${t('s.term')}</th><th>${t('s.hpo')}</th><th>${t('s.answer')}</th></tr></thead>
      <tbody>${findings.map(([id, v]) => html`<tr><td>${labelOf(id, vocabulary, false, termIndex)}</td><td>${id}</td><td>${t(`s.state.${v}`)}</td></tr>`)}</tbody></table>`
      : html`<p>${t('s.none')}</p>`}
    ${other.length || done.length || abs.length ? html`<div class="two"><ul>
      ${other.map(([id, kind, v]) => html`<li>${labelOf(id, vocabulary)}: ${answerText(kind, v, t, vocabulary)}</li>`)}
      ${done.map(([id, v]) => html`<li>${vocabulary?.tests?.find((x) => x.id === id)?.label ?? id}: ${t(`test.${v}`)}</li>`)}
      ${abs.map(([id, v]) => html`<li>${vocabulary?.antibodies?.find((x) => x.id === id)?.label ?? id}: ${t(`antibody.${v}`)}</li>`)}
    </ul></div>` : nothing}
    <h3>${t('s.assessment')}</h3>
    <ul>
      ${report.criteria.map((c) => html`<li>${c.label}: <strong>${t(`criteria.status.${c.status}`)}</strong>
        (${t('criteria.count', { count: c.count, required: c.required })})${c.needs?.length ? html`; ${t('criteria.needs', { items: c.needs.join('; ') })}` : nothing}</li>`)}
      ${report.pnsCare ? html`<li>${t('pns.h')}: ${t(`pns.level.${report.pnsCare.level}`)}${report.pnsCare.applicable ? html`, ${t('pns.score', { score: report.pnsCare.score })}` : nothing}</li>` : nothing}
      ${(report.differential ?? []).length ? html`<li>${t('dx.h')}: ${report.differential.slice(0, 4).map((d) => `${d.label} ${pct(d.probability)}`).join('; ')}</li>` : nothing}
    </ul>
    ${(report.redFlags ?? []).length ? html`<h3>${t('s.flags')}</h3><ul>${report.redFlags.map((f) => html`<li><strong>${t(`urgency.${f.action}`)}:</strong> ${f.message}</li>`)}</ul>` : nothing}
    ${tests.length ? html`<h3>${t('s.tests')}</h3><ul>${tests.map((w) => html`<li>${w.label} (${t(`urgency.${w.urgency}`)}${w.status === 'pending' ? `, ${t('status.pending')}` : ''})</li>`)}</ul>` : nothing}
    ${(report.careTeam ?? []).length ? html`<h3>${t('ct.h')}</h3><p>${report.careTeam.map((c) => c.role).join('; ')}</p>` : nothing}
    <p><small>${t('s.sources')}: ${[...cited].map((id) => {
      const r = report.references?.[id];
      return `${id}${r?.pmid ? ` (PMID ${r.pmid})` : r?.doi ? ` (doi:${r.doi})` : ''}`;
    }).join('; ')}</small></p>
    <p><strong>${report.disclaimer}</strong></p>
    <p><small>${info?.hpoAttribution ?? ''}</small></p>
  </section>`;
}
