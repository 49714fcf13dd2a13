// SPDX-License-Identifier: MIT
// Patient mode: a short questionnaire in plain language (one question per screen, yes / no / not
// sure), then what the answers may mean. Every clinical sentence is the knowledge base's (from the
// report or the vocabulary); the UI's own words come from the message catalogue.
import { html, nothing } from 'lit';
import { answerOf } from '../controller.js';
import { choices, redFlags, sources, urgency, answerText, labelOf } from './common.js';
import { eyesIllustration, EYE_FEATURES } from './eyes.js';
import { MAX_QUESTIONS } from '../questionnaire.js';

function intro({ report, caseObject, t, uid, act }) {
  const age = caseObject.age ?? {};
  const unit = 'months' in age ? 'months' : 'years';
  return html`<section class="card narrow" aria-labelledby="${uid}-h">
    <h2 id="${uid}-h" tabindex="-1" data-step="intro">${t('p.intro.h')}</h2>
    <p>${t('p.intro.p1')}</p>
    <ul class="intro-list"><li>${t('p.intro.li1')}</li><li>${t('p.intro.li2')}</li><li>${t('p.intro.li3')}</li></ul>
    <div class="fields">
      <label class="field">${t('f.age')}
        <input type="number" inputmode="decimal" min="0" max="120" step="any" name="age" .value=${String(age[unit] ?? '')}
          @change=${(e) => act.setAge(e.target.value, unit)}></label>
      <label class="field">${t('f.ageUnit')}
        <select name="ageUnit" @change=${(e) => act.setAge(age[unit] ?? '', e.target.value)}>
          ${['years', 'months'].map((u) => html`<option value=${u} ?selected=${u === unit}>${t(`f.${u}`)}</option>`)}
        </select></label>
      <label class="field">${t('f.sex')}
        <select name="sex" @change=${(e) => act.setField('sex', e.target.value)}>
          ${['', 'female', 'male', 'other'].map((s) => html`<option value=${s} ?selected=${(caseObject.sex ?? '') === s}>${t(`sex.${s || 'none'}`)}</option>`)}
        </select></label>
    </div>
    <div class="nav"><button type="button" class="btn primary" data-testid="start" ?disabled=${!report} @click=${act.start}>${t(report ? 'p.start' : 'app.loading')}</button></div>
  </section>`;
}

function question({ report, caseObject, vocabulary, t, uid, flow, q, eyesPaused, act }) {
  const value = answerOf(caseObject, q.id);
  return html`${redFlags(report, t, { lay: true })}
    <section class="card narrow" aria-labelledby="${uid}-q">
      <p class="progress">${t('p.progress', { n: flow.position, max: MAX_QUESTIONS })}</p>
      <h2 id="${uid}-q" class="question" tabindex="-1" data-step="question" data-variable=${q.id}>${q.question}</h2>
      ${EYE_FEATURES.has(q.id) ? eyesIllustration({ vocabulary, paused: eyesPaused, onToggle: act.toggleEyes, t }) : nothing}
      ${q.help ? html`<p>${q.help}</p>` : nothing}
      ${choices({ id: q.id, kind: q.kind, value: value ?? (flow.skipped.has(q.id) ? 'unsure' : undefined), t, vocabulary, lay: true, big: true,
        onPick: act.answer, labelledby: `${uid}-q` })}
      ${q.why ? html`<details class="why"><summary>${t('p.why')}</summary><p>${q.why}</p></details>` : nothing}
      <div class="nav">
        <button type="button" class="btn" @click=${act.back}>${t('p.back')}</button>
        <button type="button" class="btn" data-testid="to-results" @click=${act.showResults}>${t('p.toResults')}</button>
      </div>
    </section>`;
}

/** The answers given so far, in plain language, each with a way to change it. */
function answered(p) {
  const { caseObject, vocabulary, t, act, termIndex, canAsk } = p;
  const rows = [];
  const add = (id, kind, value) => rows.push({ id, label: labelOf(id, vocabulary, true, termIndex), text: answerText(kind, value, t, vocabulary, true) });
  for (const [id, v] of Object.entries(caseObject.findings ?? {})) add(id, 'finding', v);
  const exposures = Array.isArray(caseObject.exposures)
    ? Object.fromEntries(caseObject.exposures.map((k) => [k, 'present'])) : caseObject.exposures ?? {};
  for (const [k, v] of Object.entries(exposures)) add(`exposure:${k}`, 'exposure', v);
  for (const [k, v] of Object.entries(caseObject.history ?? {})) add(`history:${k}`, 'history', v);
  if (caseObject.onset) rows.push({ id: 'onset', label: t('p.onset'), text: answerText('onset', caseObject.onset, t, vocabulary, true) });
  for (const [k, v] of Object.entries(caseObject.tests ?? {})) add(`test:${k}`, 'test', v);
  if (!rows.length) return html`<p>${t('p.noAnswers')}</p>`;
  return html`<ul class="plain answered">${rows.map((r) => html`<li><span>${r.label}: <strong>${r.text}</strong></span>
    ${canAsk(r.id) ? html`<button type="button" class="btn sm" aria-label=${t('p.changeLabel', { label: r.label })}
      @click=${() => act.edit(r.id)}>${t('p.change')}</button>` : nothing}</li>`)}</ul>`;
}

function results(p) {
  const { report, t, uid, act, hasMore } = p;
  const criteria = report?.criteria ?? [];
  const dx = (report?.differential ?? []).slice(0, 5);
  const team = report?.careTeam ?? [];
  const tests = (report?.workup ?? []).filter((w) => w.status === 'recommended' || w.status === 'pending');
  return html`<section class="card narrow" aria-labelledby="${uid}-r">
    <h2 id="${uid}-r" tabindex="-1" data-step="results">${t('r.h')}</h2>
    ${redFlags(report, t, { lay: true, level: 3 })}
    ${report?.redFlags?.length ? nothing : html`<p>${t('r.noFlags')}</p>`}
    <h3>${t('r.pattern')}</h3>
    ${criteria.map((c) => html`<div class="verdict v-${c.status}" role="status" data-testid="lay-verdict-${c.id}">
      <span>${t(`r.crit.${c.status}`)}</span>
      ${c.status === 'indeterminate' && c.needs?.length ? html`<span>${t('r.needs', { items: c.needs.join('; ') })}</span>` : nothing}
    </div>${sources(c, report, t)}`)}
    ${dx.length ? html`<h3>${t('r.possible')}</h3><p class="muted">${t('r.possibleNote')}</p>
      <ol class="dx-lay">${dx.map((d) => html`<li>${d.summary ? html`<details><summary>${d.lay || d.label}</summary><p>${d.summary}</p></details>`
        : d.lay || d.label}</li>`)}</ol>` : nothing}
    ${team.length ? html`<h3>${t('r.who')}</h3><ul class="plain list">${team.map((c) => html`<li>
      <strong>${c.role}</strong>${urgency(c.urgency, t)}<p>${c.reason}</p>${sources(c, report, t)}</li>`)}</ul>` : nothing}
    ${tests.length ? html`<h3>${t('r.tests')}</h3><ul class="plain list">${tests.map((w) => html`<li>
      <strong>${w.label}</strong>${urgency(w.urgency, t)}${w.status === 'pending' ? html` <span class="st">${t('status.pending')}</span>` : nothing}
      <p>${w.reason || w.looksFor}</p>${sources(w, report, t)}</li>`)}</ul>` : nothing}
    <h3>${t('r.answers')}</h3>
    ${answered(p)}
    <div class="nav">
      <button type="button" class="btn primary" data-testid="print" @click=${act.print}>${t('r.print')}</button>
      ${hasMore ? html`<button type="button" class="btn" @click=${act.resume}>${t('r.more')}</button>` : nothing}
      <button type="button" class="btn" @click=${act.restart}>${t('r.restart')}</button>
    </div>
    <p class="muted">${t('r.printHint')}</p>
  </section>`;
}

export function patientView(p) {
  if (p.flow.step === 'intro') return intro(p);
  if (p.flow.step === 'question' && p.q) return question(p);
  return results(p);
}
