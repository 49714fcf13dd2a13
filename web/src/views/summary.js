// SPDX-License-Identifier: MIT
// The one-page summary for the doctor, shown only when printing (@media print): who entered the
// answers, the age, how long it has lasted, the answers as HPO-coded findings, the other answers,
// the note, and the assessment as the reader of that mode saw it (the parent's plain triage and
// words, or the clinician's figures), with its sources.
import { html, nothing } from 'lit';
import { exposuresObject } from '../controller.js';
import { pct, labelOf, answerText, ageWords, durationInWords, layExplanations, layLikelihood, layVerdicts, applicableCriteria, flagsShown, eitherWayLine, unsureLines, unaskedLines, noSignReported, leftOutNotice, safetyNetHeadingKey, triageLine, loweredLine } from './common.js';

export function summaryView({ report, caseObject: k, vocabulary, t, info, termIndex, today, mode, stale, without, flow }) {
  if (!report) return nothing;
  if (stale) return html`<section class="print-only summary" data-testid="summary"><p>${t('error.stale')}</p></section>`;
  const order = { present: 0, absent: 1, unknown: 2 };
  const findings = Object.entries(k.findings ?? {}).sort((a, b) => order[a[1]] - order[b[1]]);
  // What was seen (and what is not sure) in the table; what was answered "no" on one line, so the
  // summary stays on one page.
  const shown = findings.filter(([, v]) => v !== 'absent');
  const absent = findings.filter(([, v]) => v === 'absent');
  const exposures = exposuresObject(k.exposures ?? {});
  const other = [
    ...Object.entries(exposures).map(([x, v]) => [`exposure:${x}`, 'exposure', v]),
    ...Object.entries(k.history ?? {}).map(([x, v]) => [`history:${x}`, 'history', v]),
  ];
  const age = ageWords(k.age, t) || '—';
  // Answered "not sure" in this session (the case cannot record it) is not "not given".
  const notGiven = (kind) => t(flow?.skipped?.has(kind) ? 's.notSure' : 's.unknown');
  const lay = mode === 'patient';
  const who = k.enteredBy ? t(`s.by.${k.enteredBy}`) : t(lay ? 's.by.familyOrPatient' : 's.by.clinicianMode');
  const tests = (report.workup ?? []).filter((w) => w.status === 'recommended' || w.status === 'pending');
  // On one page: the warning signs at the level of the advice (as a family sees them); the others
  // are counted, and listed in the clinician view.
  const flags = flagsShown(report, true);
  const otherFlags = (report.redFlags ?? []).length - flags.length;
  const done = Object.entries(k.tests ?? {});
  const abs = Object.entries(k.antibodies ?? {});
  const cited = new Set();
  const cite = (item) => (item.sources ?? []).forEach((s) => cited.add(s));
  const criteria = applicableCriteria(report, k);
  criteria.forEach(cite);
  (report.redFlags ?? []).forEach(cite);
  tests.forEach(cite);
  // On one page: only the cautions a recorded sign calls for (the clinician view lists them all).
  const printedCautions = (w) => (w.cautions ?? []).filter((c) => c.applies === 'yes');
  tests.forEach((w) => printedCautions(w).forEach(cite));
  return html`<section class="print-only summary" data-testid="summary">
    <h2>${t('s.h')}</h2>
    ${leftOutNotice(without, t, { print: true })}
    <p>${t('s.meta', { date: today, kb: report.kbVersion, hpo: report.hpoVersion })} <strong data-testid="summary-who">${who}</strong></p>
    <p><strong>${t('f.age')}:</strong> ${age}; <strong>${t('f.sex')}:</strong> ${t(`sex.${k.sex && k.sex !== 'unknown' ? k.sex : 'none'}`)};
      <strong>${t('f.onset')}:</strong> ${k.onset ? answerText('onset', k.onset, t, vocabulary) : notGiven('onset')};
      <strong>${t('f.duration')}:</strong> <span data-testid="summary-duration">${k.duration ? durationInWords(k.duration, t) : notGiven('duration')}</span>;
      <strong>${t('f.course')}:</strong> <span data-testid="summary-course">${k.course ? answerText('course', k.course, t, vocabulary) : notGiven('course')}</span>
      ${k.followUpMonths != null ? html`; <strong>${t('f.followUp')}:</strong> ${k.followUpMonths}` : nothing}</p>
    ${k.note ? html`<p data-testid="summary-note"><strong>${t('s.note')}:</strong> ${k.note}</p>` : nothing}
    <h3>${t('s.findings')}</h3>
    ${shown.length ? html`<table><thead><tr><th>${t('s.term')}</th><th>${t('s.hpo')}</th><th>${t('s.answer')}</th></tr></thead>
      <tbody>${shown.map(([id, v]) => html`<tr><td>${labelOf(id, vocabulary, false, termIndex)}</td><td>${id}</td><td>${t(`s.state.${v}`)}</td></tr>`)}</tbody></table>`
      : nothing}
    ${absent.length ? html`<p data-testid="summary-absent"><strong>${t('s.answeredNo')}:</strong> ${absent.map(([id], i) => html`${i ? '; ' : ''}${labelOf(id, vocabulary, false, termIndex)} (${id})`)}</p>` : nothing}
    ${findings.length ? nothing : html`<p>${t('s.none')}</p>`}
    ${other.length || done.length || abs.length ? html`<div class="two"><ul>
      ${other.map(([id, kind, v]) => html`<li>${labelOf(id, vocabulary)}: ${answerText(kind, v, t, vocabulary)}</li>`)}
      ${done.map(([id, v]) => html`<li>${vocabulary?.tests?.find((x) => x.id === id)?.label ?? id}: ${t(`test.${v}`)}</li>`)}
      ${abs.map(([id, v]) => html`<li>${vocabulary?.antibodies?.find((x) => x.id === id)?.label ?? id}: ${t(`antibody.${v}`)}</li>`)}
    </ul></div>` : nothing}
    <h3>${t('s.assessment')}</h3>
    ${report.triage ? html`<p data-testid="summary-triage">${triageLine(report.triage, t, lay, report, k)}</p>` : nothing}
    ${lay ? loweredLine({ flow, caseObject: k, vocabulary, t, termIndex }, 'summary-lowered') : nothing}
    ${lay ? html`<ul data-testid="summary-lay">
        ${layVerdicts(report, k).map((c) => html`<li>${t(`r.crit.${c.status}`)}</li>`)}
        ${layExplanations(report, 4).map((d) => html`<li>${d.lay || d.label}: ${layLikelihood(d, report, k, t, vocabulary)}</li>`)}
        ${noSignReported(report) ? html`<li>${t('r.noSign')}</li>` : nothing}
      </ul>`
      : html`<ul data-testid="summary-clinical">
        ${criteria.map((c) => html`<li>${c.label}: <strong>${t(`criteria.status.${c.status}`)}</strong>
          (${t('criteria.count', { count: c.count, required: c.required })})${c.needs?.length ? html`; ${t('criteria.needs', { items: c.needs.join('; ') })}` : nothing}${(c.notSought ?? []).map((n) => html` ${n.text}`)}</li>`)}
        ${report.pnsCare ? html`<li>${t('pns.h')}: ${t(`pns.level.${report.pnsCare.level}`)}${report.pnsCare.applicable ? html`, ${t('pns.score', { score: report.pnsCare.score })}` : nothing}</li>` : nothing}
        ${(report.differential ?? []).length ? html`<li>${t('dx.h')}: ${report.differential.slice(0, 4).map((d) => `${d.label} ${pct(d.probability)}`).join('; ')}</li>` : nothing}
      </ul>`}
    ${flags.length ? html`<h3>${t('s.flags')}</h3><ul>${flags.map((f) => html`<li>${lay ? f.lay || f.message : f.message}</li>`)}</ul>${!lay && otherFlags > 0 ? html`<p data-testid="summary-other-flags"><small>${t('s.otherFlags', { n: otherFlags })}</small></p>` : nothing}${eitherWayLine(report.triage, t, lay)}` : nothing}
    ${unsureLines(report.triage, t, lay)}${lay ? unaskedLines(report.triage, t) : nothing}
    ${(report.safetyNet ?? []).length ? html`<h3>${t(safetyNetHeadingKey(report))}</h3>${report.safetyNet.map((n) => html`<p>${lay ? n.lay : n.message}</p>`)}` : nothing}
    ${tests.length ? html`<h3>${t('s.tests')}</h3><ul>${tests.map((w) => html`<li>${lay && w.lay ? `${w.lay} (${w.label})` : w.label}${w.status === 'pending' ? ` (${t('status.pending')})` : ''}${printedCautions(w).map((c) => html`<br><small data-testid="summary-caution">${t('wu.cautionYes')} ${c.text}</small>`)}</li>`)}</ul>` : nothing}
    ${(report.careTeam ?? []).length ? html`<h3>${t('ct.h')}</h3><p>${report.careTeam.map((c) => c.role).join('; ')}</p>` : nothing}
    <p><small>${t('s.sources')}: ${[...cited].map((id) => {
      const r = report.references?.[id];
      return `${id}${r?.pmid ? ` (PMID ${r.pmid})` : r?.doi ? ` (doi:${r.doi})` : ''}`;
    }).join('; ')}</small></p>
    <p><strong>${report.disclaimer}</strong></p>
    <p><small>${info?.hpoAttribution ?? ''}</small></p>
  </section>`;
}
