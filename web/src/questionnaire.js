// SPDX-License-Identifier: MIT
// The patient questionnaire's order, without DOM (tested with node --test). The engine decides
// what to ask: the next question is the first of the report's nextQuestions that has not been
// answered yet and is about something a parent can observe (signs, what happened before, how it
// started); then the unanswered features of criterion items the report still needs; then the
// engine's questions about tests and antibodies. The wording (question, help, why) comes from the
// report or the knowledge base's vocabulary; nothing clinical is decided here.
import { answerOf, parseVariable } from './controller.js';

/** A questionnaire stays short: after this many answers the results are shown. */
export const MAX_QUESTIONS = 15;

/** What a parent observes; questions about tests and antibodies come after these. */
const OBSERVED = new Set(['finding', 'exposure', 'history', 'onset']);
const RESULTS = new Set(['test', 'antibody']);

/** A question to show, from a nextQuestions entry or a variable id, with the vocabulary's wording. */
export function questionFor(id, vocabulary, entry = {}) {
  const v = vocabulary?.variables?.find((x) => x.id === id) ?? {};
  const kind = entry.kind ?? v.kind ?? parseVariable(id).kind;
  return {
    id,
    kind,
    label: entry.label ?? v.label ?? id,
    lay: v.lay ?? entry.label ?? id,
    question: entry.question ?? v.question ?? '',
    help: entry.help ?? v.help ?? '',
    why: entry.why ?? v.why ?? '',
  };
}

/** Whether a variable has been answered in this case (or skipped with "not sure" this session). */
export function isAnswered(caseObject, id, skipped = new Set()) {
  return skipped.has(id) || answerOf(caseObject, id) !== undefined;
}

/**
 * The next question for the patient flow, or null when there is nothing more to ask.
 * @param {object} report      the current report
 * @param {object} vocabulary  core.vocabulary()
 * @param {object} caseObject  the current case
 * @param {Set<string>} skipped ids answered "not sure" where the case cannot record it
 */
export function nextQuestion(report, vocabulary, caseObject, skipped = new Set()) {
  if (!report) return null;
  const fromEngine = (kinds) => {
    for (const entry of report.nextQuestions ?? []) {
      const q = questionFor(entry.feature, vocabulary, entry);
      if (kinds.has(q.kind) && q.question && !isAnswered(caseObject, q.id, skipped)) return q;
    }
    return null;
  };
  const fromCriteria = () => {
    for (const criterion of report.criteria ?? []) {
      for (const item of criterion.items ?? []) {
        if (item.status !== 'unknown') continue;
        for (const feature of item.features ?? []) {
          const q = questionFor(feature, vocabulary);
          if (q.question && !isAnswered(caseObject, feature, skipped)) return q;
        }
      }
    }
    return null;
  };
  return fromEngine(OBSERVED) ?? fromCriteria() ?? fromEngine(RESULTS);
}
