// SPDX-License-Identifier: MIT
// Clinician mode: case entry on one side (age, sex, onset, HPO findings with search, exposures and
// history, antibodies), the assessment on the other (red flags, criteria, PNS-Care, next questions,
// differential with its "why", aetiology, work-up checklist, care team, severity, references).
import { html, nothing, svg } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { answerOf, CHOICES, DURATION_UNITS } from '../controller.js';
import { criteriaPanel } from './criteria-panel.js';
import { choices, triageBox, roleFlags, sources, sourcesBody, urgency, pct, citation, labelOf, ageInWords, whileOpen, leftOutNotice } from './common.js';
import { severityPanel } from './severity.js';

/**
 * A select for one variable ('' = not recorded). Each option's selectedness is bound to the case
 * (live: compared with the DOM, not the last render), so a row that moves or is reused shows
 * exactly what the case holds, never a value left over from another row.
 */
function select(id, kind, value, label, p, testid = id) {
  const { t, vocabulary, act } = p;
  const opts = CHOICES[kind];
  const categorical = kind === 'onset' || kind === 'course';
  const text = (c) => (categorical && c !== 'unknown' ? labelOf(`${kind}:${c}`, vocabulary) : kind === 'finding' || kind === 'exposure' || kind === 'history' ? t(`state.${c}`) : t(`${kind}.${c}`));
  const uidFor = `${p.uid}-s-${testid.replace(/[^\w-]/g, '_')}`;
  return html`<label for=${uidFor}>${label}</label>
    <select id=${uidFor} data-var=${testid} @change=${(e) => act.setAnswer(id, e.target.value || null)}>
      <option value="" .selected=${live(value == null)}>${t('opt.unset')}</option>
      ${opts.map((c) => html`<option value=${c} .selected=${live(value === c)}>${text(c)}</option>`)}
    </select>`;
}

/** How long since onset: a number and its unit, bound to the case (both places show the same). */
function durationInputs(p) {
  const { caseObject: k, t, act } = p;
  const d = k.duration ?? {};
  const dUnit = DURATION_UNITS.find((u) => u in d) ?? 'days';
  return html`<label class="field">${t('f.duration')}<input type="number" min="0" step="any" name="duration"
        .value=${live(String(d[dUnit] ?? ''))} @change=${(e) => act.setDuration(e.target.value, e.target.closest('.fields').querySelector('select[name=durationUnit]').value)}></label>
      <label class="field">${t('f.durationUnit')}<select name="durationUnit" @change=${(e) => act.setDuration(d[dUnit] ?? '', e.target.value)}>
        ${DURATION_UNITS.map((u) => html`<option value=${u} .selected=${live(u === dUnit)}>${t(`f.${u}`)}</option>`)}</select></label>`;
}

/** The duration as a next question: the same inputs, grouped under the question. */
function durationFields(p, labelledby) {
  return html`<div class="fields" role="group" aria-labelledby=${labelledby} data-testid="nq-duration-fields">${durationInputs(p)}</div>`;
}

function patientFields(p) {
  const { caseObject: k, t, act, vocabulary } = p;
  const age = k.age ?? {};
  const unit = 'months' in age && !('years' in age) ? 'months' : 'years' in age ? 'years' : p.ageUnit ?? 'years';
  return html`<fieldset class="group"><legend>${t('c.patient')}</legend>
    <div class="fields">
      <label class="field">${t('f.age')}<input type="number" min="0" max="130" step="any" name="age"
        .value=${live(String(age[unit] ?? ''))} @change=${(e) => act.setAge(e.target.value, e.target.closest('.fields').querySelector('select[name=ageUnit]').value)}></label>
      <label class="field">${t('f.ageUnit')}<select name="ageUnit" @change=${(e) => (age[unit] == null ? act.setAgeUnit(e.target.value) : act.setAge(age[unit], e.target.value))}>
        ${['years', 'months'].map((u) => html`<option value=${u} .selected=${live(u === unit)}>${t(`f.${u}`)}</option>`)}</select></label>
      <label class="field">${t('f.sex')}<select name="sex" @change=${(e) => act.setField('sex', e.target.value)}>
        ${['', 'female', 'male', 'other'].map((s) => html`<option value=${s} .selected=${live((k.sex ?? '') === s)}>${t(`sex.${s || 'none'}`)}</option>`)}</select></label>
      <label class="field">${t('f.followUp')}<input type="number" min="0" max="1200" step="any" name="followUpMonths"
        .value=${live(String(k.followUpMonths ?? ''))} @change=${(e) => act.setField('followUpMonths', e.target.value === '' ? null : Number(e.target.value))}></label>
    </div>
    <p class="readback" data-testid="age-readback">${ageInWords(k.age, t, vocabulary)}</p>
    <div class="fields">
      ${durationInputs(p)}
      <label class="field">${t('f.enteredBy')}<select name="enteredBy" @change=${(e) => act.setField('enteredBy', e.target.value)}>
        ${['', 'family', 'patient', 'clinician'].map((w) => html`<option value=${w} .selected=${live((k.enteredBy ?? '') === w)}>${t(`who.${w || 'none'}`)}</option>`)}</select></label>
    </div>
    <div class="kv">${select('onset', 'onset', k.onset, t('f.onset'), p, 'onset')}
      ${select('course', 'course', k.course, t('f.course'), p, 'course')}</div>
    ${k.note ? html`<p class="case-note" data-testid="case-note"><strong>${t('s.note')}${k.enteredBy && k.enteredBy !== 'unknown' ? ` (${t(`who.${k.enteredBy}`)})` : ''}:</strong> ${k.note}</p>` : nothing}
  </fieldset>`;
}

function findingsEntry(p) {
  const { caseObject: k, t, act, uid, hits, query, vocabulary, termIndex } = p;
  const findings = Object.entries(k.findings ?? {});
  const featureLabel = (f) => labelOf(f, vocabulary, false, termIndex);
  const byCategory = new Map();
  for (const v of vocabulary?.variables ?? []) {
    if (v.kind !== 'finding') continue;
    if (!byCategory.has(v.category)) byCategory.set(v.category, []);
    byCategory.get(v.category).push(v);
  }
  return html`<fieldset class="group"><legend>${t('c.findings')}</legend>
    <label for="${uid}-search">${t('c.search')}</label>
    <input id="${uid}-search" type="search" autocomplete="off" spellcheck="false" .value=${query}
      aria-describedby="${uid}-search-n" @input=${(e) => act.search(e.target.value)}>
    <p id="${uid}-search-n" class="muted" aria-live="polite">${query.trim().length >= 2 ? t('c.hits', { n: hits.length }) : t('c.searchHint')}</p>
    <ul class="plain hits" aria-label=${t('c.results')}>${repeat(hits, (h) => h.id, (h) => html`<li>
      <span>${h.label} <code>${h.id}</code>
        ${h.synonym ? html`<small>${t('c.synonym', { s: h.synonym })}</small>` : nothing}
        ${h.lay ? html`<small>${t('c.lay', { s: h.lay })}</small>` : nothing}
        <small>${h.features.length ? t('c.countsFor', { labels: h.features.map(featureLabel).join(', ') }) : h.readAs ? t('c.readAs', { label: featureLabel(h.readAs) }) : h.broader ? t('c.broader') : t('c.outside')}</small></span>
      <span class="row">
        <button type="button" class="btn sm" data-add=${h.id} aria-label=${t('c.addPresent', { label: h.label })} @click=${() => act.setFinding(h.id, 'present')}>${t('state.present')}</button>
        <button type="button" class="btn sm" aria-label=${t('c.addAbsent', { label: h.label })} @click=${() => act.setFinding(h.id, 'absent')}>${t('state.absent')}</button>
      </span></li>`)}</ul>
    <h4>${t('c.inCase', { n: findings.length })}</h4>
    ${findings.length ? nothing : html`<p class="muted">${t('c.noFindings')}</p>`}
    <ul class="plain findings">${repeat(findings, ([id]) => id, ([id, v]) => html`<li>
      <span>${featureLabel(id)} <code>${id}</code></span>
      <span class="row">
        <select aria-label=${featureLabel(id)} data-finding=${id} @change=${(e) => act.setAnswer(id, e.target.value)}>
          ${CHOICES.finding.map((c) => html`<option value=${c} .selected=${live(v === c)}>${t(`state.${c}`)}</option>`)}</select>
        <button type="button" class="btn sm" aria-label=${t('c.remove', { label: featureLabel(id) })} @click=${() => act.setAnswer(id, null)}>${t('c.removeShort')}</button>
      </span></li>`)}</ul>
    <details><summary>${t('c.kbFindings')}</summary>
      ${guard([k.findings, vocabulary, t], () => [...byCategory].map(([cat, vars]) => html`<h4>${t(`cat.${cat}`)}</h4>
        <div class="kv">${vars.map((v) => select(v.id, 'finding', k.findings?.[v.id], v.label, p))}</div>`))}
    </details>
  </fieldset>`;
}

// The course answers "improving on its own" (the core reads each from the other, and the course
// decides when both are given and disagree). Say so beside the two controls, so the history select
// left unset, or set against the course, never looks like the answer the engine used.
const COURSE_RECOVERY = { improving: 'present', persistent: 'absent', worsening: 'absent' };

function courseAnswersRecovery(p) {
  const { caseObject: k, t, vocabulary } = p;
  const implied = COURSE_RECOVERY[k.course];
  if (!implied) return nothing;
  const given = answerOf(k, 'history:spontaneous-recovery');
  const key = given == null || given === 'unknown' ? 'c.courseFills' : given === implied ? 'c.courseAgrees' : 'c.courseOverrides';
  return html`<p class="muted" data-testid="course-recovery">${t(key, {
    course: labelOf(`course:${k.course}`, vocabulary),
    item: labelOf('history:spontaneous-recovery', vocabulary),
    state: t(`state.${implied}`),
  })}</p>`;
}

function otherEntry(p) {
  const { caseObject: k, t, vocabulary } = p;
  const vars = (kind) => (vocabulary?.variables ?? []).filter((v) => v.kind === kind);
  return html`<fieldset class="group"><legend>${t('c.exposures')}</legend>
      <div class="kv">${[...vars('exposure'), ...vars('history')].map((v) => select(v.id, v.kind, answerOf(k, v.id), v.label, p))}</div>
      ${courseAnswersRecovery(p)}
    </fieldset>
    <fieldset class="group"><legend>${t('c.antibodies')}</legend>
      <details><summary>${t('c.antibodiesShow', { n: Object.keys(k.antibodies ?? {}).length })}</summary>
        <div class="kv">${guard([k.antibodies, vocabulary, t], () => (vocabulary?.antibodies ?? []).map((a) => select(`antibody:${a.id}`, 'antibody', k.antibodies?.[a.id], a.label, p)))}</div>
      </details>
    </fieldset>`;
}

function pnsPanel(p) {
  const { report, t, uid } = p;
  const pns = report?.pnsCare;
  return html`<section class="panel" aria-labelledby="${uid}-pns"><h3 id="${uid}-pns">${t('pns.h')}</h3>
    ${!pns ? html`<p class="muted">${t('pns.none')}</p>`
      : html`<div class="verdict lv-${pns.level}" role="status" data-testid="pns">
          <strong>${t(`pns.level.${pns.level}`)}</strong>${pns.applicable ? html`<span>${t('pns.score', { score: pns.score })}</span>` : nothing}</div>
        ${pns.note ? html`<p class="muted">${pns.note}</p>` : nothing}
        ${pns.omsException ? html`<p class="muted" data-testid="pns-oms-exception">${t('pns.omsException', { score: pns.score })}${pns.levelBasis ? sources(pns.levelBasis, report, t, p) : nothing}</p>` : nothing}
        ${pns.parts?.length ? html`<div class="scroll"><table><thead><tr><th>${t('pns.part')}</th><th>${t('pns.points')}</th></tr></thead>
          <tbody>${pns.parts.map((x) => html`<tr><td>${x.label}${sources(x, report, t, p)}</td><td>${x.points}</td></tr>`)}</tbody></table></div>` : nothing}`}
  </section>`;
}

function nextQuestionsPanel(p) {
  const { report, caseObject, t, uid, vocabulary, act } = p;
  const list = report?.nextQuestions ?? [];
  return html`<section class="panel" aria-labelledby="${uid}-nq"><h3 id="${uid}-nq">${t('nq.h')}</h3>
    ${list.length ? html`<p class="muted">${t('nq.note')}</p>` : html`<p class="muted">${t('nq.none')}</p>`}
    <ol>${repeat(list, (q) => q.feature, (q, i) => html`<li data-testid="nq-${q.feature}">
      <p id="${uid}-nq${i}"><strong>${q.label}</strong>${q.question ? html` — ${q.question}` : nothing}</p>
      ${q.why ? html`<p class="muted">${q.why}</p>` : nothing}
      ${q.kind === 'duration' ? durationFields(p, `${uid}-nq${i}`)
        : choices({ id: q.feature, kind: q.kind, value: answerOf(caseObject, q.feature), t, vocabulary, onPick: act.setAnswer, labelledby: `${uid}-nq${i}` })}
    </li>`)}</ol>
  </section>`;
}

const bar = (p) => svg`<svg viewBox="0 0 100 8" preserveAspectRatio="none" aria-hidden="true">
  <rect class="bar-track" width="100" height="8" rx="2"/><rect class="bar-fill" width=${Math.max(0, Math.min(1, p)) * 100} height="8" rx="2"/></svg>`;

const lr = (x) => (typeof x !== 'number' ? '' : x >= 10 ? x.toFixed(0) : x >= 1 ? x.toFixed(1) : x.toFixed(2));

const after = (x) => (typeof x !== 'number' ? '' : pct(x));

/** A finding of the explanation: its label, and for a group which members were answered how; for a
 * broader term, the features it stands for. */
function findingLabel(e, p) {
  const { t, vocabulary, termIndex } = p;
  if (!e.parts?.length) return e.label ?? e.feature;
  if (e.feature.startsWith('group:')) {
    const parts = e.parts.map((id) => labelOf(id, vocabulary, false, termIndex));
    return html`${e.label} <small>(${parts.join(', ')})</small>`;
  }
  const key = e.broader ? 'dx.atLeastOne' : 'dx.oneOf';
  return html`${e.label} <small>(${t(key, { values: e.parts.map((id) => labelOf(id, vocabulary, false, termIndex)).join(', ') })})</small>`;
}

/** A finding counted at part weight (the onset tempo beside the time since onset): the weight, and why. */
function weight(e, p) {
  if (typeof e.weight !== 'number') return nothing;
  const { report, t } = p;
  if (!e.weightBasis?.note) return html`<div><small>${t('dx.weight', { w: e.weight })}</small></div>`;
  return html`<details class="src"><summary><small>${t('dx.weight', { w: e.weight })}</small></summary>
    ${whileOpen(() => sourcesBody(e.weightBasis, report, t))}</details>`;
}

/** The "why" of one diagnosis: its pretest, then every finding with its ratio and the probability after it. */
function explanation(d, p) {
  const { report, t } = p;
  // What the findings present alone give (the answers of no left out), when the answers of no moved it.
  const fromPresent = typeof d.fromPresent === 'number' && pct(d.fromPresent) !== pct(d.probability)
    ? html`<p data-testid="from-present">${t(d.layByElimination ? 'dx.fromPresentLead' : 'dx.fromPresent', { p: pct(d.fromPresent) })}</p>` : nothing;
  return html`${typeof d.pretest === 'number' ? html`<p>${t('dx.pretest', { p: pct(d.pretest) })}</p>${sources(d.pretestBasis, report, t)}` : nothing}
    ${fromPresent}
    ${d.evidence?.length ? html`<p class="muted">${t('dx.read')}</p><div class="scroll"><table data-testid="explanation"><thead><tr><th>${t('dx.finding')}</th><th>${t('dx.state')}</th><th>${t('dx.freq')}</th><th>${t('dx.lr')}</th><th>${t('dx.after')}</th></tr></thead>
      <tbody>${d.evidence.map((e) => html`<tr><td>${findingLabel(e, p)}${sources(e, report, t)}${weight(e, p)}</td><td>${e.state ? t(`state.${e.state}`) : ''}</td>
        <td>${typeof e.frequency === 'number' ? pct(e.frequency) : ''}</td><td>${lr(e.lr)}</td><td>${after(e.after)}</td></tr>`)}</tbody></table></div>`
      : html`<p class="muted">${t('dx.noEvidence')}</p>`}`;
}

/** What makes a diagnosis (positive findings, not absent ones), and which of it the case lacks. */
function diagnosedBy(by, p) {
  const { report, t, vocabulary } = p;
  const names = (ids) => ids.map((id) => labelOf(id, vocabulary)).join('; ');
  return html`<p class="muted" data-testid="diagnosed-by"><small>${t('dx.diagnosedBy', { items: names(by.features ?? []) })}
    ${by.needs?.length ? html` <strong data-testid="diagnosed-by-needs">${by.needs.length === by.features?.length ? t('dx.needsAll') : t('dx.needs', { items: names(by.needs) })}</strong>` : nothing}</small></p>
    ${sources(by, report, t)}`;
}

/**
 * A ranked list (the differential, or the causes of OMS). The "why" of each entry is rendered only
 * while it is open (it is the largest part of the view, and an answer re-renders the view).
 */
function rankedList(items, p, testid, start = 1) {
  const { report, t } = p;
  return html`<ol class="dx" start=${start} data-testid=${testid}>${repeat(items, (d) => d.id, (d) => html`<li data-dx=${d.id}>
    <div class="dxrow"><span>${d.label}${d.xrefs?.length ? html` <small>${d.xrefs.join(' · ')}</small>` : nothing}</span>
      <span class="pct">${pct(d.probability)}</span>${bar(d.probability)}</div>
    ${d.diagnosedBy ? diagnosedBy(d.diagnosedBy, p) : nothing}
    ${d.evidence?.length || typeof d.pretest === 'number' ? html`<details ?open=${p.isOpen(`${testid}:${d.id}`)}
        @toggle=${(e) => p.setOpen(`${testid}:${d.id}`, e.target.open)}><summary>${t('dx.why')}</summary>
      ${p.isOpen(`${testid}:${d.id}`) ? explanation(d, p) : nothing}
    </details>` : nothing}
  </li>`)}</ol>`;
}

function differentialPanel(p) {
  const { report, t, uid } = p;
  const dx = report?.differential ?? [];
  const et = report?.omsEtiology ?? [];
  return html`<section class="panel" aria-labelledby="${uid}-dx"><h3 id="${uid}-dx">${t('dx.h')}</h3>
      ${dx.length ? html`<p class="muted">${t('dx.note')}</p>${rankedList(dx.slice(0, 5), p, 'differential')}
        ${dx.length > 5 ? html`<details ?open=${p.isOpen('dx-more')} @toggle=${(e) => p.setOpen('dx-more', e.target.open)}><summary>${t('dx.more', { n: dx.length - 5 })}</summary>
          ${p.isOpen('dx-more') ? rankedList(dx.slice(5), p, 'differential-more', 6) : nothing}</details>` : nothing}`
        : html`<p class="muted">${t('dx.none')}</p>`}
    </section>
    ${et.length ? html`<section class="panel" aria-labelledby="${uid}-et"><h3 id="${uid}-et">${t('et.h')}</h3>
      <p class="muted" data-testid="etiology-note">${t('et.note', { p: pct(dx.find((d) => d.id === 'oms')?.probability ?? 0) })}</p>
      ${rankedList(et, p, 'etiology')}</section>` : nothing}`;
}

function repeatText(r, t) {
  if (!r) return '';
  const parts = [];
  if (r.afterMonths != null) parts.push(t('wu.after', { n: r.afterMonths }));
  if (r.everyMonths != null) parts.push(t('wu.every', { n: r.everyMonths }));
  if (r.untilMonths != null) parts.push(t('wu.until', { n: r.untilMonths }));
  return t('wu.repeat', { when: parts.join(', ') });
}

function workupItem(w, p) {
  const { caseObject, t, report } = p;
  return html`<li class="wu" data-testid="wu-${w.id}">
    <div class="wu-head"><span><strong>${w.label}</strong>${urgency(w.urgency, t)}</span>
      ${w.status ? html`<span class="st st-${w.status}" data-status=${w.status}>${t(`status.${w.status}`)}</span>` : nothing}</div>
    ${w.reason ? html`<p>${w.reason}</p>` : nothing}
    ${(w.notes ?? []).map((n) => html`<p class="note"><strong>${n.text}</strong></p>${sources(n, report, t, p)}`)}
    ${(w.cautions ?? []).map((c) => html`<p class="caution" data-testid="caution-${w.id}" data-applies=${c.applies}><strong>${t(c.applies === 'yes' ? 'wu.cautionYes' : 'wu.caution')}</strong> ${c.text}</p>${sources(c, report, t, p)}`)}
    ${w.needs?.length ? html`<p class="muted">${t(w.status === 'recommended' ? 'wu.needsCase' : 'wu.needs', { items: w.needs.join('; ') })}</p>` : nothing}
    ${w.repeat ? html`<p>${repeatText(w.repeat, t)}</p>` : nothing}
    ${w.note ? html`<p class="muted">${w.note}</p>` : nothing}
    <div class="kv">${select(`test:${w.id}`, 'test', caseObject.tests?.[w.id], html`${t('wu.result')}<span class="sr-only">${t('wu.resultOf', { label: w.label })}</span>`, p, `test:${w.id}`)}</div>
    ${w.looksFor && w.looksFor !== w.reason ? html`<details><summary>${t('wu.looksFor')}</summary><p>${w.looksFor}</p></details>` : nothing}
    ${sources(w, report, t, p)}
  </li>`;
}

function workupPanel(p) {
  const { report, vocabulary, t, uid } = p;
  const items = report?.workup?.length ? report.workup : (vocabulary?.tests ?? []);
  const active = items.filter((w) => w.status !== 'not_indicated');
  const other = items.filter((w) => w.status === 'not_indicated');
  return html`<section class="panel" aria-labelledby="${uid}-wu"><h3 id="${uid}-wu">${t('wu.h')}</h3>
    <p class="muted">${t('wu.note')}</p>
    <ul class="plain">${repeat(active, (w) => w.id, (w) => workupItem(w, p))}</ul>
    ${other.length ? html`<details ?open=${p.isOpen('wu-other')} @toggle=${(e) => p.setOpen('wu-other', e.target.open)}><summary>${t('wu.other', { n: other.length })}</summary>
      ${p.isOpen('wu-other') ? html`<ul class="plain">${repeat(other, (w) => w.id, (w) => workupItem(w, p))}</ul>` : nothing}</details>` : nothing}
  </section>`;
}

function safetyNetPanel(p) {
  const { report, t, uid } = p;
  const net = report?.safetyNet ?? [];
  if (!net.length) return nothing;
  return html`<section class="panel" aria-labelledby="${uid}-sn" data-testid="safety-net"><h3 id="${uid}-sn">${t('sn.h')}</h3>
    ${net.map((n) => html`<p>${n.message}</p>${sources(n, report, t, p)}`)}</section>`;
}

function careTeamPanel(p) {
  const { report, t, uid } = p;
  const team = report?.careTeam ?? [];
  if (!team.length) return nothing;
  return html`<section class="panel" aria-labelledby="${uid}-ct"><h3 id="${uid}-ct">${t('ct.h')}</h3>
    <ul class="plain list">${team.map((c) => html`<li><strong>${c.role}</strong>${urgency(c.urgency, t)}<p>${c.reason}</p>${roleFlags(c, report, t, { lay: false })}${sources(c, report, t, p)}</li>`)}</ul>
  </section>`;
}

function notesPanel({ report, t, uid }) {
  const warnings = report?.warnings ?? [];
  const refs = Object.entries(report?.references ?? {});
  return html`${warnings.length ? html`<section class="panel" aria-labelledby="${uid}-wn"><h3 id="${uid}-wn">${t('warnings.heading')}</h3>
      <ul>${warnings.map((w) => html`<li>${w}</li>`)}</ul></section>` : nothing}
    ${refs.length ? html`<section class="panel" aria-labelledby="${uid}-rf"><h3 id="${uid}-rf">${t('refs.h')}</h3>
      <details><summary>${t('refs.show', { n: refs.length })}</summary>
        ${whileOpen(() => html`<ol>${repeat(refs, ([id]) => id, ([id, r]) => html`<li><strong>${id}</strong>: ${citation(id, r)}</li>`)}</ol>`)}</details></section>` : nothing}`;
}

export function clinicianView(p) {
  const { t, uid } = p;
  return html`<div class="cols">
    <section aria-labelledby="${uid}-entry">
      <h2 id="${uid}-entry">${t('c.entry')}</h2>
      ${patientFields(p)}
      ${findingsEntry(p)}
      ${otherEntry(p)}
    </section>
    <section aria-labelledby="${uid}-assess">
      <h2 id="${uid}-assess">${t('c.assessment')}</h2>
      ${p.stale ? html`<p class="error" role="alert" data-testid="assessment-stale">${t('error.stale')}</p>` : html`${leftOutNotice(p.without, t)}${assessment(p)}`}
    </section>
  </div>`;
}

function assessment(p) {
  const { report, t, uid, act } = p;
  return html`${triageBox(report, t, { level: 3, disclosure: p })}
      ${safetyNetPanel(p)}
      ${criteriaPanel({ report, t, uid, onCriterion: act.setCriterion, caseObject: p.caseObject, vocabulary: p.vocabulary, termIndex: p.termIndex, disclosure: p })}
      ${pnsPanel(p)}
      ${nextQuestionsPanel(p)}
      ${differentialPanel(p)}
      ${workupPanel(p)}
      ${careTeamPanel(p)}
      ${severityPanel(p)}
      ${notesPanel(p)}`;
}
