// SPDX-License-Identifier: MIT
// The patient questionnaire's order, without DOM (tested with node --test). The core decides what
// to ask a parent (the report's patientQuestions: the safety questions first, then what a parent
// can observe that best separates the leading explanations, appropriate to age and sex); this
// module only picks the first one not answered yet and words it from the report or the vocabulary.
import { answerOf, parseVariable } from './controller.js';

/** A questionnaire stays short: after this many answers the results are shown. The core's safety
 *  questions (at most 20, fewer at any one age) always come first, so the cap never crowds them out;
 *  24 leaves at least four for what best separates the leading explanations. */
export const MAX_QUESTIONS = 24;

const CATEGORICAL = new Set(['onset', 'course', 'duration']);

/**
 * A question to show, from a report's question entry (worded for the person) or, without one, a
 * variable id with the vocabulary's general wording. A categorical kind (onset, course, duration)
 * is asked once, under its kind's name.
 */
export function questionFor(id, vocabulary, entry = {}) {
  const parsed = parseVariable(id);
  const kind = entry.kind ?? vocabulary?.variables?.find((x) => x.id === id)?.kind ?? parsed.kind;
  if (CATEGORICAL.has(kind)) {
    const q = vocabulary?.questions?.[kind] ?? {};
    const words = entry.question !== undefined ? entry : q;
    return {
      id: kind,
      kind,
      label: entry.label ?? q.label ?? kind,
      lay: entry.label ?? q.label ?? kind,
      question: words.question ?? '',
      help: words.help ?? '',
      why: words.why ?? '',
    };
  }
  const v = vocabulary?.variables?.find((x) => x.id === id) ?? {};
  // A report's entry is worded for this person (an adult's words where the general ones speak of a
  // child): its help and why are taken as they are, absent meaning none, never the general ones.
  const words = entry.question !== undefined ? entry : v;
  return {
    id,
    kind,
    label: entry.label ?? v.label ?? id,
    lay: v.lay ?? entry.label ?? id,
    question: words.question ?? '',
    help: words.help ?? '',
    why: words.why ?? '',
  };
}

/** Whether a variable has been answered in this case (or skipped with "not sure" this session). */
export function isAnswered(caseObject, id, skipped = new Set()) {
  return skipped.has(id) || answerOf(caseObject, id) !== undefined;
}

/**
 * The next question for the patient flow: the first of the report's patientQuestions not answered
 * yet, or null when there is nothing more to ask.
 * @param {object} report      the current report
 * @param {object} vocabulary  core.vocabulary()
 * @param {object} caseObject  the current case
 * @param {Set<string>} skipped ids answered "not sure" where the case cannot record it
 */
export function nextQuestion(report, vocabulary, caseObject, skipped = new Set()) {
  for (const entry of report?.patientQuestions ?? []) {
    const q = questionFor(entry.feature, vocabulary, entry);
    if (q.question && !isAnswered(caseObject, q.id, skipped)) return q;
  }
  return null;
}
