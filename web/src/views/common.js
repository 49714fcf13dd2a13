// SPDX-License-Identifier: MIT
// Pieces every view uses: the evidence level and citations behind a recommendation, urgency chips,
// answer buttons, red flags, percentages. They render report data only.
import { html, nothing } from 'lit';
import { AsyncDirective, directive } from 'lit/async-directive.js';
import { CHOICES, answerOf, exposuresObject, parseVariable } from '../controller.js';

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
 * The content of a <details> (the part's parent), rendered only while it is open: from the element's
 * own open state, updated on its toggle. A closed disclosure costs nothing when the view re-renders
 * (the citations behind every finding and test are most of the report's nodes), and an open one is
 * re-rendered with the view, so it never shows stale text.
 */
class WhileOpen extends AsyncDirective {
  render(body) {
    return nothing;
  }

  update(part, [body]) {
    this.body = body;
    const details = part.parentNode;
    if (details !== this.details) {
      this.detach();
      this.details = details;
      this.attach();
    }
    return details?.open ? body() : nothing;
  }

  onToggle = () => this.setValue(this.details?.open ? this.body() : nothing);

  attach() {
    this.details?.addEventListener('toggle', this.onToggle);
  }

  detach() {
    this.details?.removeEventListener('toggle', this.onToggle);
  }

  disconnected() {
    this.detach();
  }

  reconnected() {
    this.attach();
  }
}
export const whileOpen = directive(WhileOpen);

/** What a sources disclosure shows once open: what an unverified value means, the note, the citations. */
export function sourcesBody(item, report, t) {
  const ids = item?.sources ?? [];
  return html`${item?.evidence === 'U' ? html`<p>${t('ev.U.explain')}</p>` : nothing}
    ${item?.note ? html`<p>${item.note}</p>` : nothing}
    ${ids.length ? html`<ul>${ids.map((id) => html`<li>${citation(id, report?.references?.[id])}</li>`)}</ul>` : nothing}`;
}

/**
 * The evidence level (V verified, S secondary, U unverified default, marked) and the citations of
 * an item, in a disclosure so they never crowd the text. With `disclosure` ({isOpen, setOpen}: the
 * element's state of open disclosures, keyed by the content itself so it never shows stale text),
 * the disclosure stays open across views; without, it keeps its own state (whileOpen). Either way
 * the citations are rendered only while it is open, so a view with many items re-renders faster.
 */
export function sources(item, report, t, disclosure = null, lay = false) {
  const ids = item?.sources ?? [];
  if (!item?.evidence && !ids.length) return nothing;
  const body = () => sourcesBody(item, report, t);
  // A parent reads the level in everyday words ("From a review or guideline"), a clinician in the
  // knowledge base's ("From a secondary source"); the colours and the citations are the same.
  const level = item.evidence ? t(`ev.${lay ? 'lay.' : ''}${item.evidence}`) : '';
  const summary = html`<summary>${item.evidence ? html`<span class="ev ev-${item.evidence}">${level}</span> ` : nothing}${ids.length ? t('src.count', { n: ids.length }) : t('src.none')}</summary>`;
  if (!disclosure) return html`<details class="src">${summary}${whileOpen(body)}</details>`;
  const key = `src|${item.evidence}|${ids.join(',')}|${item.note ?? ''}`;
  const open = disclosure.isOpen(key);
  return html`<details class="src" ?open=${open} @toggle=${(e) => disclosure.setOpen(key, e.target.open)}>
    ${summary}${open ? body() : nothing}
  </details>`;
}

/**
 * What the report leaves out because the core could not use it (an age of 200): one notice, the
 * same on the parent's results, the clinician's assessment and the printed summary.
 */
export function leftOutNotice(without, t, { print = false } = {}) {
  if (!without?.length) return nothing;
  const fields = without.map((f) => t(`f.${f}`).toLowerCase()).join(t('error.and'));
  return print ? html`<p data-testid="summary-without"><strong>${t('error.without', { fields })}</strong></p>`
    : html`<p class="error" role="alert" data-testid="results-without">${t('error.without', { fields })}</p>`;
}

/** A small label for an urgency (emergency, urgent, soon, routine). */
export const urgency = (u, t) => (u ? html`<span class="chip u-${u}">${t(`urgency.${u}`)}</span>` : nothing);

/** "42%", "<1%", ">99%". */
export function pct(p) {
  if (typeof p !== 'number') return '';
  if (p > 0 && p < 0.01) return '<1%';
  // A posterior of exactly 1 is the rounding of one just below it: no explanation is certain.
  if (p > 0.99) return '>99%';
  return `${Math.round(p * 100)}%`;
}

/** The word for an answer: patient wording (Yes / No / Not sure) or the clinician's. */
export function answerText(kind, value, t, vocabulary, lay) {
  if (value === 'unsure') return t('tri.unknown');
  if (kind === 'onset' || kind === 'course') {
    if (value === 'unknown') return t(lay ? 'tri.unknown' : 'state.unknown');
    const v = vocabulary?.variables?.find((x) => x.id === `${kind}:${value}`);
    return v ? (lay ? v.lay : v.label) : value;
  }
  if (kind === 'duration') return durationInWords(value, t);
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
      ${sources(f, report, t, null, lay)}</li>`)}</ul>
  </section>`;
}

/** The label of a variable or HPO term, plain-language when asked. */
export function labelOf(id, vocabulary, lay, termIndex) {
  const v = vocabulary?.variables?.find((x) => x.id === id);
  if (v) return lay ? v.lay || v.label : v.label;
  return termIndex?.get(id) ?? plain(id, 80);
}

/** "1 year 8 months", "8 months", "20 years": an age object of the case in words. */
export function ageParts(age) {
  if (!age) return null;
  let total = (Number(age.years) || 0) * 12 + (Number(age.months) || 0) + (Number(age.days) || 0) / 30.4375;
  if (age.iso8601duration) return null;
  total = Math.round(total * 10) / 10;
  const years = Math.floor(total / 12);
  const months = Math.round(total - years * 12);
  return months === 12 ? { years: years + 1, months: 0, total } : { years, months, total };
}

/**
 * The age read back in words, with the age group it falls in (so "20" typed as years for a
 * 20-month-old shows "20 years (18 to 49 years)" at once); "not given" when empty.
 */
/** The age alone in words ("1 year 8 months"); '' when none. */
export function ageWords(age, t) {
  const p = ageParts(age);
  if (!p) return '';
  return p.years && p.months ? t('age.ym', { y: p.years, m: p.months, ys: p.years === 1 ? t('age.year') : t('age.yearsWord'), ms: p.months === 1 ? t('age.month') : t('age.monthsWord') })
    : p.years ? t('age.y', { y: p.years, ys: p.years === 1 ? t('age.year') : t('age.yearsWord') })
      : t('age.m', { m: p.months, ms: p.months === 1 ? t('age.month') : t('age.monthsWord') });
}

export function ageInWords(age, t, vocabulary) {
  // A negative number is no age: not read back as "10 months" (-2 months).
  if (age && ['years', 'months', 'days'].some((u) => Number(age[u]) < 0)) return t('age.notValid');
  const p = ageParts(age);
  if (!p) return t('age.none');
  const words = ageWords(age, t);
  const years = p.total / 12;
  if (years > 130) return t('age.readbackImpossible', { words });
  const band = (vocabulary?.ageBands ?? []).find((b) => years >= b.min && years < b.max);
  return band ? t('age.readback', { words, band: band.label }) : t('age.readbackNoBand', { words });
}

/** A duration object of the case ({days|weeks|months: n}) in words. */
export function durationInWords(d, t) {
  if (!d || typeof d !== 'object') return '';
  const parts = ['months', 'weeks', 'days'].filter((u) => d[u] != null).map((u) => `${d[u]} ${t(Number(d[u]) === 1 ? `f.one.${u}` : `f.${u}`)}`);
  return parts.join(' ') || '';
}

/**
 * The red flags to show: a parent sees the warning signs behind the triage only (a lower level's
 * "within a few days" beside "within 24 hours" would contradict it); a clinician sees every flag.
 * The screen and the printed summary both use it.
 */
export function flagsShown(report, lay) {
  const flags = report?.redFlags ?? [];
  const action = report?.triage?.action;
  return lay && action ? flags.filter((f) => f.action === action) : flags;
}

/**
 * The raised warning signs a care-team role stands on (its `flags`, ids of report.redFlags), as a
 * short list under the role: the referral says which signs in this case call for it.
 */
export function roleFlags(role, report, t, { lay }) {
  const byId = new Map((report?.redFlags ?? []).map((f) => [f.id, f]));
  const flags = (role?.flags ?? []).map((id) => byId.get(id)).filter(Boolean);
  if (!flags.length) return nothing;
  return html`<p class="why-label">${t('triage.why')}</p><ul class="role-flags" data-testid="role-flags">${flags.map((f) => html`<li data-flag=${f.id}>${lay ? f.lay || f.message : f.message}</li>`)}</ul>`;
}

/**
 * Whether a family's answers left the level undecided: no red flag, no sign this tool looks for, a
 * safety question answered "not sure", and no question answered yes or no at all. "No urgent sign
 * in your answers" would then read as reassurance the answers never gave (a parents' audit: every
 * answer "not sure"); with a "no" or a "yes" among them it is the usual heading, with the "not
 * sure" lines below it (a second audit: "none of your answers" beside a vomiting answered yes).
 */
export function undecidedForFamily(report, caseObject) {
  const triage = report?.triage;
  if (triage?.action !== 'routine' || !(triage.unsure ?? []).length || !noSignReported(report) || !caseObject) return false;
  const answers = [
    ...Object.values(caseObject.findings ?? {}),
    ...Object.values(exposuresObject(caseObject.exposures ?? {})),
    ...Object.values(caseObject.history ?? {}),
  ];
  return answers.every((v) => v === 'unknown');
}

/**
 * Whether a family stopped before the questions that could make it an emergency, with no sign and
 * no red flag in what they did answer: "No urgent sign in your answers" after 3 of 24 questions read
 * as reassurance (a second parents' audit).
 */
export function stoppedEarlyForFamily(report) {
  const triage = report?.triage;
  return triage?.action === 'routine' && noSignReported(report) && (triage.unasked ?? []).some((u) => u.action === 'emergency');
}

/** The triage heading and words for the reader ("We could not tell how urgent this is" above). */
function triageWords(report, t, lay, caseObject) {
  const triage = report.triage;
  if (lay && undecidedForFamily(report, caseObject)) return { heading: t('action.undecided'), words: t('triage.undecided') };
  if (lay && stoppedEarlyForFamily(report)) return { heading: t('action.undecided'), words: t('triage.stoppedEarly') };
  return { heading: t(`action.${triage.action}`), words: (lay ? triage.lay : triage.message) ?? '' };
}

/**
 * The overall triage (report.triage), once, at the top: its level as a heading, the plain or the
 * clinical message, and the red flags behind it. Colours mean what they say: red emergency, amber
 * urgent, blue soon, grey routine (never the green of good news).
 */
export function triageBox(report, t, { lay, level = 2, disclosure = null, caseObject = null } = {}) {
  const triage = report?.triage;
  if (!triage) return nothing;
  const action = triage.action;
  const flags = flagsShown(report, lay);
  const { heading, words } = triageWords(report, t, lay, caseObject);
  return html`<section class="urgent act-${action}" role=${action === 'routine' ? 'status' : 'alert'} data-testid="triage" data-action=${action}>
    ${level === 2 ? html`<h2>${heading}</h2>` : html`<h3>${heading}</h3>`}
    <p><strong>${words}</strong></p>
    ${flags.length ? html`<p class="why-label">${t('triage.why')}</p><ul data-testid="red-flags">${flags.map((f) => html`<li data-flag=${f.id}>${lay ? f.lay || f.message : html`${f.message}${urgency(f.action, t)}`}
      ${sources(f, report, t, disclosure, lay)}</li>`)}</ul>` : nothing}
    ${eitherWayLine(triage, t, lay)}
    ${unsureLines(triage, t, lay)}
    ${lay ? unaskedLines(triage, t) : nothing}
  </section>`;
}

/** The variables of a triage list (unsure, unasked, eitherWay) in the reader's words, as one line. */
const itemWords = (items, lay) => items.map((u) => (lay ? u.lay || u.label : u.label)).join('; ');

/**
 * The key signs not answered yet whose every answer brings this advice (the either-answer red
 * flags name them as "see below"): "Not answered yet: unsteadiness. Whatever the answer to one of
 * these, do not wait longer than this advice says." Only those at the triage's level: a parent
 * sees that level's flags only. The screen and the printed summary both use it.
 */
export function eitherWayLine(triage, t, lay) {
  const items = (triage.eitherWay ?? []).filter((u) => u.action === triage.action);
  if (!items.length) return nothing;
  return html`<p class="unsure" data-testid="triage-either-way">${t(lay ? 'eitherWay.lay' : 'eitherWay.clinician', {
    items: itemWords(items, lay),
  })}</p>`;
}

/**
 * What was answered "not sure" and would make it more urgent if it were so, most urgent first:
 * "You were not sure about: very drowsy or hard to wake. If it is happening, get emergency help".
 */
export function unsureLines(triage, t, lay) {
  return actionLines(triage?.unsure, 'unsure', 'triage-unsure', t, lay);
}

/**
 * For a family that went to the results before the safety questions (hard to wake, fits, a
 * poison, a knock to the head...): which were not asked, and what to do if one applies, so that
 * "nothing you told us needs urgent care" never reads as "nothing is urgent".
 */
export function unaskedLines(triage, t) {
  return actionLines(triage?.unasked, 'unasked', 'triage-unasked', t, true);
}

// Lines grouped by the action each item would bring, most urgent first.
function actionLines(list, key, testid, t, lay) {
  if (!list?.length) return nothing;
  const groups = ['emergency', 'urgent', 'soon']
    .map((action) => [action, list.filter((u) => u.action === action)])
    .filter(([, items]) => items.length);
  return html`${groups.map(([action, items]) => html`<p class="unsure" data-testid=${testid} data-action=${action}>${t(`${key}.${action}`, {
    items: itemWords(items, lay),
  })}</p>`)}`;
}

/**
 * The triage as one printed line: its level in bold, then its words, without saying the level twice
 * when the words begin with it ("Get emergency help now: call your local emergency number...").
 */
export function triageLine(triage, t, lay, report = { triage }, caseObject = null) {
  const { heading: head, words } = triageWords({ ...report, triage }, t, lay, caseObject);
  return words.startsWith(head) ? html`<strong>${head}</strong>${words.slice(head.length)}` : html`<strong>${head}:</strong> ${words}`;
}

/**
 * The heading of the safety-netting for a family. Under an emergency or urgent triage the advice
 * ("go back at once if ...", "a neurologist should see them soon") is for after that visit, and says
 * so: it never reads as a slower instruction beside "get emergency help now".
 */
export function safetyNetHeadingKey(report) {
  const action = report?.triage?.action;
  return action === 'emergency' || action === 'urgent' ? 'r.safetyNetAfter' : 'r.safetyNet';
}

/**
 * No sign was reported: the core shows nothing of its differential to a parent (every answer
 * "no" or "not sure"); with one sign the most likely is always above the 1-in-100 floor.
 */
export function noSignReported(report) {
  const dx = report?.differential ?? [];
  return dx.length > 0 && !dx.some((d) => d.layShown !== false);
}

/**
 * How likely an explanation is, in words a parent reads correctly: "likely — about 42 in 100". The
 * count is the core's (layInHundred), which never reads as the band above the words.
 */
export function likelihoodWords(d, t) {
  const n = d.layInHundred ?? Math.round((d.probability ?? 0) * 100);
  const words = t(`lk.${d.layLikelihood ?? 'unlikely'}`);
  if (n < 1) return t('lk.phraseBound', { words, count: t('lk.lessThanOne') });
  if (n > 99) return t('lk.phraseBound', { words, count: t('lk.moreThan99') });
  return t('lk.phrase', { words, count: t('lk.inHundred', { n }) });
}

/**
 * The explanations a parent is shown: the `most` likeliest the core lets a parent see, then any a
 * warning names ("can be OMS"), however unlikely, so the warning and the list never disagree.
 */
export function layExplanations(report, most) {
  const dx = report?.differential ?? [];
  const shown = dx.filter((d) => d.layShown !== false).slice(0, most);
  for (const d of dx) if (d.layNamed && !shown.includes(d)) shown.push(d);
  // A condition made only by what a clinician finds (a functional disorder, by positive signs on
  // examination) that no one has looked for yet is not "most likely" from a family's answers: it
  // comes after the others, worded as for a doctor to judge.
  // Likewise one whose defining finding was answered no: it may still lead the list (the rest of the
  // answers fit the others worse), but not as "likely" against the family's own answer.
  const apart = (d) => definingUnanswered(d).length > 0 || definingAbsent(d).length > 0;
  return [...shown.filter((d) => !apart(d)), ...shown.filter(apart)];
}

/** The findings that make the diagnosis (its `diagnosedBy`) still unanswered. */
export function definingUnanswered(d) {
  return d?.diagnosedBy?.needs ?? [];
}

/** The findings that make the diagnosis and were answered absent. */
export function definingAbsent(d) {
  return d?.diagnosedBy?.absent ?? [];
}

/**
 * An explanation's likelihood in words (or, for a condition made by positive findings not yet looked
 * for or answered no, why there is none), with, when the lead rests on the answers of no, that it does;
 * and for OMS, when the answers fit its criteria, that they
 * do: "fits the pattern" and "less likely" are then read together, not as a contradiction.
 */
export function layLikelihood(d, report, caseObject, t, vocabulary = null) {
  const quoted = (ids) => ids.map((id) => `"${labelOf(id, vocabulary, true)}"`).join(', ');
  const against = definingAbsent(d);
  if (against.length) return vocabulary ? t('lk.notFitItem', { items: quoted(against) }) : t('lk.notFit');
  const needs = definingUnanswered(d);
  if (needs.length) {
    // What a family can see for themselves is asked of them; the rest is for a doctor.
    const observable = needs.every((id) => vocabulary?.variables?.find((v) => v.id === id)?.observable);
    return observable ? t('lk.needsAnswer', { items: quoted(needs) }) : t('lk.examination');
  }
  const fits = d.id === 'oms' && layVerdicts(report, caseObject).some((c) => c.status === 'met');
  const words = fits ? `${likelihoodWords(d, t)}; ${t('r.fitsPattern')}` : likelihoodWords(d, t);
  // Ahead because of the answers of no, not because a sign points to it (the core's judgement).
  return d.layByElimination ? t('lk.byElimination', { words }) : words;
}

/**
 * The criteria verdicts a parent reads: one per set that applies to the age. Without an age every
 * set may apply; when they agree they read as one, and when they do not (a child's criteria not
 * yet met, an adult's met), one verdict says the age decides (status 'byAge'), rather than
 * "fits the pattern" beside "does not fit".
 */
export function layVerdicts(report, caseObject) {
  const sets = applicableCriteria(report, caseObject);
  if (sets.length < 2 || sets.every((c) => c.applies === 'yes')) return sets;
  const statuses = new Set(sets.map((c) => c.status));
  return statuses.size === 1 ? [sets[0]] : [{ id: 'by-age', status: 'byAge' }];
}

/** The criteria sets that apply to the case (its age), or every set when the age is unknown. */
export function applicableCriteria(report, caseObject) {
  const all = report?.criteria ?? [];
  const applying = all.filter((c) => c.applies === 'yes');
  if (applying.length) return applying;
  return caseObject?.age ? all.filter((c) => c.applies !== 'no') : all;
}

/**
 * What a parent could still answer for an indeterminate criteria set: for each needed item with a
 * sign a parent can observe, those signs in everyday words (a tumour found is for the doctor to say).
 */
export function visibleNeeds(criterion, vocabulary, caseObject = null) {
  const out = [];
  const answered = caseObject?.findings ?? {};
  for (const id of criterion.needsItems ?? []) {
    const item = criterion.items?.find((i) => i.id === id);
    // A sign already answered "no" is not asked for again: after "no darting eyes", only the
    // side-to-side bursts are left to look for.
    const seen = (item?.features ?? []).filter((f) => answered[f] !== 'absent')
      .map((f) => vocabulary?.variables?.find((v) => v.id === f)).filter((v) => v?.observable);
    if (!item || !seen.length) continue;
    // In everyday words: the item's signs a family can see ("Chaotic, darting eye movements or bursts
    // of fast side-to-side eye movements"), not its clinical label ("Opsoclonus or ocular flutter").
    const words = seen.map((v, i) => (i === 0 ? v.lay || v.label : lowerFirst(v.lay || v.label)));
    out.push(words.length < 2 ? words[0] : `${words.slice(0, -1).join(', ')}${words.length > 2 ? ',' : ''} or ${words.at(-1)}`);
  }
  return out;
}

function lowerFirst(text) {
  return /^[A-Z][a-z]/.test(text) ? text[0].toLowerCase() + text.slice(1) : text;
}

// The advice fell during the questions (an urgent banner, then "within a few days"): which answer
// lowered it, and that the earlier advice stands if that answer is unsure (a parents' audit: 15 of
// 240 journeys ended less urgent than the banner, without a word).
export function loweredLine({ flow, caseObject: k, vocabulary, t, termIndex }, testid = 'triage-lowered') {
  const fall = flow?.loweredNow?.();
  if (!fall) return nothing;
  const { kind } = parseVariable(fall.id);
  const value = answerOf(k, fall.id);
  const label = ['onset', 'course', 'duration'].includes(kind) ? vocabulary?.questions?.[kind]?.label ?? kind : labelOf(fall.id, vocabulary, true, termIndex);
  const answer = value == null ? t('tri.unknown') : answerText(kind, value, t, vocabulary, true);
  return html`<p class="unsure" data-testid=${testid}>${t('r.lowered', { level: t(`action.${fall.from}`), label, answer })}</p>`;
}
