// SPDX-License-Identifier: MIT
// Patient mode: who is answering, the age (read back in words), their own words matched to findings
// they confirm, then one plain-language question per screen in the order the core decides (the
// report's patientQuestions: safety questions first), then one triage at the top and what the
// answers may mean in words a parent reads correctly. Every clinical sentence is the knowledge
// base's (from the report or the vocabulary); the UI's own words come from the message catalogue.
import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import { repeat } from 'lit/directives/repeat.js';
import { answerOf, exposuresObject, DURATION_UNITS } from '../controller.js';
import { choices, sources, answerText, labelOf, ageInWords, ageParts, triageBox, roleFlags, layExplanations, layLikelihood, visibleNeeds, layVerdicts, safetyNetHeadingKey, noSignReported, leftOutNotice, loweredLine } from './common.js';
import { eyesIllustration, EYE_FEATURES } from './eyes.js';
import { MAX_QUESTIONS } from '../questionnaire.js';
import { matchDescription } from '../words.js';

function ageFields({ caseObject, t, act, vocabulary, ageError }) {
  const age = caseObject.age ?? {};
  // Years and months side by side (1 year 8 months), so a toddler's age is hard to enter as years.
  const years = age.years ?? '', months = age.months ?? '';
  const read = (e) => {
    const box = e.target.closest('.agebox');
    act.setAgeParts(box.querySelector('input[name=ageYears]').value, box.querySelector('input[name=ageMonths]').value);
  };
  return html`<fieldset class="agebox"><legend>${t('f.age')}</legend>
    <div class="fields">
      <label class="field">${t('f.years')}<input type="number" inputmode="numeric" min="0" max="130" step="1" name="ageYears"
        .value=${live(String(years))} @change=${read}></label>
      <label class="field">${t('f.months')}<input type="number" inputmode="numeric" min="0" max="1560" step="1" name="ageMonths"
        .value=${live(String(months))} @change=${read}></label>
    </div>
    ${ageError ? html`<p class="error" role="alert" data-testid="age-out-of-range">${t('age.outOfRange')}</p>` : nothing}
    <p class="readback" data-testid="age-readback" aria-live="polite">${ageInWords(caseObject.age, t, vocabulary)}</p>
  </fieldset>`;
}

/** Whether the case's age is under the age from which a person answers for themselves. */
export function tooYoungToAnswer(caseObject, vocabulary) {
  const parts = ageParts(caseObject?.age);
  const min = vocabulary?.selfReportMinYears;
  return !!parts && typeof min === 'number' && parts.total / 12 < min;
}

// A baby cannot be "the patient" answering (a parents' audit): under the age from which the core
// puts the questions to the person themselves, that choice is unavailable, and says why.
function whoAnswers({ caseObject, t, act, uid, vocabulary }) {
  const who = caseObject.enteredBy ?? '';
  const young = tooYoungToAnswer(caseObject, vocabulary);
  return html`<fieldset class="who"><legend>${t('p.who')}</legend>
    ${['family', 'patient'].map((w) => html`<label class="choice"><input type="radio" name="${uid}-who" value=${w}
      .checked=${live(who === w)} ?disabled=${young && w === 'patient'} @change=${() => act.setField('enteredBy', w)}>${t(`who.${w}`)}</label>`)}
    ${young ? html`<p class="muted" data-testid="who-too-young">${t('who.tooYoung', { n: vocabulary.selfReportMinYears })}</p>` : nothing}
  </fieldset>`;
}

/** Their own words: a description matched, on this device, to findings they confirm one by one. */
function ownWords({ caseObject, vocabulary, t, act, uid }) {
  const note = caseObject.note ?? '';
  const age = ageParts(caseObject.age);
  const matches = matchDescription(note, vocabulary?.variables, { age: age ? age.total / 12 : undefined, sex: caseObject.sex });
  return html`<div class="ownwords">
    <label for="${uid}-note"><strong>${t('p.words.h')}</strong></label>
    <p class="muted" id="${uid}-note-help">${t('p.words.help')}</p>
    <textarea id="${uid}-note" name="note" rows="3" maxlength="2000" aria-describedby="${uid}-note-help"
      .value=${live(note)} @input=${(e) => act.setNote(e.target.value)}></textarea>
    ${note.length >= 1500 ? html`<p class="muted" data-testid="note-count" aria-live="polite">${t(note.length >= 2000 ? 'p.words.full' : 'p.words.count', { n: note.length, max: 2000 })}</p>` : nothing}
    ${!vocabulary ? nothing : matches.length ? html`<div data-testid="word-matches"><p>${t('p.words.found')}</p>
      <ul class="plain answered">${repeat(matches, (m) => m.id, (m) => {
        const value = answerOf(caseObject, m.id);
        return html`<li data-match=${m.id}><span>${t('p.words.match', { term: m.said, lay: m.lay })}${m.negated ? html` <em>${t('p.words.negated')}</em>` : nothing}${m.hedged && !m.negated ? html` <em data-testid="word-hedged">${t('p.words.hedged')}</em>` : nothing}${m.shared ? html` <em>${t('p.words.shared')}</em>` : nothing}</span>
          <span class="row" role="group" aria-label=${m.lay}>
            <button type="button" class="btn sm" aria-pressed=${value === 'present' ? 'true' : 'false'} data-answer="present"
              @click=${() => act.setAnswer(m.id, 'present')}>${t('p.words.yes')}</button>
            <button type="button" class="btn sm" aria-pressed=${value === 'absent' ? 'true' : 'false'} data-answer="absent"
              @click=${() => act.setAnswer(m.id, 'absent')}>${t('p.words.no')}</button>
            <button type="button" class="btn sm" aria-pressed=${value === 'unknown' ? 'true' : 'false'} data-answer="unknown"
              @click=${() => act.setAnswer(m.id, 'unknown')}>${t('tri.unknown')}</button>
          </span></li>`;
      })}</ul></div>` : note.trim().length >= 12 ? html`<p class="muted" data-testid="word-matches-none">${t('p.words.none')}</p>` : nothing}
  </div>`;
}

function intro(p) {
  const { caseObject, t, uid, act } = p;
  return html`<section class="card narrow" aria-labelledby="${uid}-h">
    <h2 id="${uid}-h" tabindex="-1" data-step="intro">${t('p.intro.h')}</h2>
    <p>${t('p.intro.p1')}</p>
    <ul class="intro-list"><li>${t('p.intro.li1')}</li><li>${t('p.intro.li2')}</li><li>${t('p.intro.li3')}</li></ul>
    ${whoAnswers(p)}
    ${ageFields(p)}
    <div class="fields">
      <label class="field">${t('f.sex')}
        <select name="sex" @change=${(e) => act.setField('sex', e.target.value)}>
          ${['', 'female', 'male', 'other'].map((s) => html`<option value=${s} .selected=${live((caseObject.sex ?? '') === s)}>${t(`sex.${s || 'none'}`)}</option>`)}
        </select></label>
    </div>
    ${ownWords(p)}
    <div class="nav"><button type="button" class="btn primary" data-testid="start" @click=${act.start}>${t('p.start')}</button></div>
  </section>`;
}

/** The answers of a categorical question (onset, course): its values in everyday words. */
function categorical({ q, caseObject, vocabulary, t, act, uid, flow }) {
  const values = (vocabulary?.variables ?? []).filter((v) => v.kind === q.kind);
  const current = answerOf(caseObject, q.kind);
  return html`<div class="answers-list" role="group" aria-labelledby="${uid}-q">
    ${values.map((v) => html`<button type="button" class="btn" aria-pressed=${current === v.key ? 'true' : 'false'} data-answer=${v.key}
      @click=${() => act.answer(q.kind, v.key)}>${v.lay || v.label}</button>`)}
    <button type="button" class="btn" aria-pressed=${current === undefined && flow.skipped.has(q.kind) ? 'true' : 'false'} data-answer="unsure"
      @click=${() => act.answer(q.kind, 'unsure')}>${t('tri.unknown')}</button>
  </div>`;
}

function durationAnswer({ caseObject, t, act, uid, flow }) {
  const d = caseObject.duration ?? {};
  const unit = DURATION_UNITS.find((u) => u in d) ?? 'days';
  const go = (e) => {
    const box = e.target.closest('.durationbox');
    const input = box.querySelector('input[name=duration]');
    const n = input.value;
    if (n === '' || !Number.isFinite(Number(n)) || Number(n) < 0) {
      // Said, not only focused: a "-5" typed is refused with a reason the browser shows by the box.
      input.setCustomValidity(t('p.duration.invalid'));
      input.reportValidity();
      input.focus();
      return;
    }
    input.setCustomValidity('');
    act.answerDuration(n, box.querySelector('select[name=durationUnit]').value);
  };
  return html`<div class="durationbox">
    <div class="fields" role="group" aria-labelledby="${uid}-q">
      <label class="field">${t('p.duration.n')}<input type="number" inputmode="numeric" min="0" step="1" name="duration"
        .value=${live(String(d[unit] ?? ''))} @keydown=${(e) => e.key === 'Enter' && go(e)} @input=${(e) => e.target.setCustomValidity('')}></label>
      <label class="field">${t('p.duration.unit')}<select name="durationUnit">
        ${DURATION_UNITS.map((u) => html`<option value=${u} .selected=${live(u === unit)}>${t(`f.${u}`)}</option>`)}</select></label>
    </div>
    <div class="row">
      <button type="button" class="btn primary" data-answer="duration" @click=${go}>${t('p.next')}</button>
      <button type="button" class="btn" data-answer="unsure" aria-pressed=${flow.skipped.has('duration') ? 'true' : 'false'}
        @click=${() => act.answer('duration', 'unsure')}>${t('tri.unknown')}</button>
    </div>
  </div>`;
}

function question(p) {
  const { report, caseObject, vocabulary, t, uid, flow, q, eyesPaused, act } = p;
  const value = answerOf(caseObject, q.id);
  let answers;
  if (q.kind === 'duration') answers = durationAnswer(p);
  else if (q.kind === 'onset' || q.kind === 'course') answers = categorical(p);
  else {
    answers = choices({ id: q.id, kind: q.kind, value: value ?? (flow.skipped.has(q.id) ? 'unsure' : undefined), t, vocabulary, lay: true, big: true,
      onPick: act.answer, labelledby: `${uid}-q` });
  }
  const alarm = ['emergency', 'urgent'].includes(report?.triage?.action);
  // Keyed by the question: a new question is a new subtree, so no answer button stays highlighted.
  return html`${alarm ? triageBox(report, t, { lay: true, level: 2 }) : nothing}
    ${repeat([q.id], (id) => id, () => html`<section class="card narrow" aria-labelledby="${uid}-q">
      <p class="progress">${t('p.progress', { n: flow.position, max: MAX_QUESTIONS })}</p>
      <h2 id="${uid}-q" class="question" tabindex="-1" data-step="question" data-variable=${q.id}>${q.question}</h2>
      ${EYE_FEATURES.has(q.id) ? eyesIllustration({ vocabulary, paused: eyesPaused, onToggle: act.toggleEyes, t, self: report?.selfReport === true }) : nothing}
      ${q.help ? html`<p>${q.help}</p>` : nothing}
      ${answers}
      ${q.why ? html`<details class="why"><summary>${t('p.why')}</summary><p>${q.why}</p></details>` : nothing}
      <div class="nav">
        <button type="button" class="btn" @click=${act.back}>${t('p.back')}</button>
        <button type="button" class="btn" data-testid="to-results" @click=${act.showResults}>${t('p.toResults')}</button>
      </div>
    </section>`)}`;
}

/** The answers given so far, in plain language, each with a way to change it. */
function answered(p) {
  const { caseObject, vocabulary, t, act, termIndex, canAsk } = p;
  const rows = [];
  const add = (id, kind, value) => rows.push({ id, label: labelOf(id, vocabulary, true, termIndex), text: answerText(kind, value, t, vocabulary, true) });
  for (const [id, v] of Object.entries(caseObject.findings ?? {})) add(id, 'finding', v);
  const exposures = exposuresObject(caseObject.exposures ?? {});
  for (const [k, v] of Object.entries(exposures)) add(`exposure:${k}`, 'exposure', v);
  for (const [k, v] of Object.entries(caseObject.history ?? {})) add(`history:${k}`, 'history', v);
  for (const kind of ['onset', 'course']) {
    if (caseObject[kind]) rows.push({ id: kind, label: vocabulary?.questions?.[kind]?.label ?? kind, text: answerText(kind, caseObject[kind], t, vocabulary, true) });
  }
  if (caseObject.duration) rows.push({ id: 'duration', label: vocabulary?.questions?.duration?.label ?? t('p.duration'), text: answerText('duration', caseObject.duration, t, vocabulary, true) });
  for (const [k, v] of Object.entries(caseObject.tests ?? {})) add(`test:${k}`, 'test', v);
  if (!rows.length) return html`<p>${t('p.noAnswers')}</p>`;
  return html`<ul class="plain answered">${repeat(rows, (r) => r.id, (r) => html`<li><span>${r.label}: <strong>${r.text}</strong></span>
    ${canAsk(r.id) ? html`<button type="button" class="btn sm" aria-label=${t('p.changeLabel', { label: r.label })}
      @click=${() => act.edit(r.id)}>${t('p.change')}</button>` : nothing}</li>`)}</ul>`;
}

function explanations({ report, caseObject, t, vocabulary }) {
  const dx = report?.differential ?? [];
  const shown = layExplanations(report, 6);
  const hidden = dx.length - shown.length;
  if (noSignReported(report)) return html`<h3>${t('r.possible')}</h3><p data-testid="lay-no-sign">${t('r.noSign')}</p>`;
  if (!shown.length) return nothing;
  return html`<h3>${t('r.possible')}</h3><p class="muted">${t('r.possibleNote')}</p>
    <ol class="dx-lay" data-testid="lay-differential">${shown.map((d) => {
      const line = html`<strong>${d.lay || d.label}</strong>: ${layLikelihood(d, report, caseObject, t, vocabulary)}`;
      return html`<li data-dx=${d.id}>${d.summary ? html`<details><summary>${line}</summary><p>${d.summary}</p></details>` : line}</li>`;
    })}</ol>
    ${hidden > 0 ? html`<p class="muted" data-testid="lay-hidden">${t('r.rarer', { n: hidden })}</p>` : nothing}`;
}

function pattern({ report, caseObject, vocabulary, t, hasMore }) {
  const sets = layVerdicts(report, caseObject);
  if (!sets.length) return nothing;
  return html`<h3>${t('r.pattern')}</h3>
    ${sets.map((c) => {
      const ask = visibleNeeds(c, vocabulary, caseObject);
      return html`<div class="verdict v-info" role="status" data-testid="lay-verdict-${c.id}">
        <span>${t(`r.crit.${c.status}`)}</span>
        ${c.status === 'indeterminate' ? html`<span>${ask.length ? t(hasMore ? 'r.needs' : 'r.needsTell', { items: ask.join('; ') }) : t('r.needsDoctor')}</span>` : nothing}
      </div>${sources(c, report, t, null, true)}`;
    })}`;
}

/**
 * One test to ask about: what it is for in everyday words (the test's own question text), then the
 * reason it is listed for this case, in the doctors' words, behind a disclosure.
 */
function testItem(w, { report, vocabulary, t }) {
  const why = vocabulary?.variables?.find((v) => v.id === `test:${w.id}`)?.why;
  const reason = w.reason || w.looksFor;
  return html`<li data-testid="lay-test-${w.id}">
    <strong>${w.lay || w.label}</strong>${w.status === 'pending' ? html` <span class="st">${t('status.pending')}</span>` : nothing}
    ${w.lay ? html`<p class="muted" data-testid="test-clinical-name">${t('r.testName', { label: w.label })}</p>` : nothing}
    <p>${why || reason}</p>
    ${why && reason ? html`<details><summary>${t('r.testReason')}</summary><p>${reason}</p></details>` : nothing}
    ${sources(w, report, t, null, true)}</li>`;
}

function results(p) {
  const { report, t, uid, act, hasMore } = p;
  if (p.stale) {
    return html`<section class="card narrow" aria-labelledby="${uid}-r">
      <h2 id="${uid}-r" tabindex="-1" data-step="results">${t('r.h')}</h2>
      <p class="error" role="alert" data-testid="results-stale">${t('error.stale')}</p>
      ${p.ageError ? ageFields(p) : nothing}
      ${answered(p)}</section>`;
  }
  const team = report?.careTeam ?? [];
  const tests = (report?.workup ?? []).filter((w) => w.status === 'recommended' || w.status === 'pending');
  const net = report?.safetyNet ?? [];
  return html`<section class="card narrow" aria-labelledby="${uid}-r">
    <h2 id="${uid}-r" tabindex="-1" data-step="results">${t('r.h')}</h2>
    ${leftOutNotice(p.without, t)}
    ${p.ageError && p.without?.length ? ageFields(p) : nothing}
    ${triageBox(report, t, { lay: true, level: 3, caseObject: p.caseObject })}
    ${loweredLine(p)}
    ${net.length ? html`<div class="safetynet" data-testid="safety-net"><h3>${t(safetyNetHeadingKey(report))}</h3>
      ${net.map((n) => html`<p>${n.lay}</p>${sources(n, report, t, null, true)}`)}</div>` : nothing}
    ${pattern(p)}
    ${explanations(p)}
    ${team.length ? html`<h3>${t('r.who')}</h3><ul class="plain list">${team.map((c) => html`<li>
      <strong>${c.role}</strong><p>${c.reason}</p>${roleFlags(c, report, t, { lay: true })}${sources(c, report, t, null, true)}</li>`)}</ul>` : nothing}
    ${tests.length ? html`<h3>${t('r.tests')}</h3><ul class="plain list">${tests.map((w) => testItem(w, p))}</ul>` : nothing}
    <h3>${t('r.answers')}</h3>
    ${answered(p)}
    ${ownWords(p)}
    <div class="nav">
      <button type="button" class="btn primary" data-testid="print" @click=${act.print}>${t('r.print')}</button>
      ${hasMore ? html`<button type="button" class="btn" @click=${act.resume}>${t('r.more')}</button>` : nothing}
      <button type="button" class="btn" data-testid="restart" @click=${act.askNew}>${t('r.restart')}</button>
    </div>
    <p class="muted">${t('r.printHint')}</p>
  </section>`;
}

/**
 * Started before the engine was ready (the first screen does not wait for it): a moment's status,
 * replaced by the first question as soon as the first report arrives.
 */
function preparing({ t, uid }) {
  return html`<section class="card narrow" aria-labelledby="${uid}-prep">
    <h2 id="${uid}-prep" tabindex="-1" data-step="preparing">${t('p.preparing.h')}</h2>
    <p role="status" aria-live="polite">${t('p.preparing')}</p>
  </section>`;
}

export function patientView(p) {
  if (p.flow.step === 'intro') return intro(p);
  if (!p.report) return preparing(p);
  if (p.flow.step === 'question' && p.q) return question(p);
  return results(p);
}

