// SPDX-License-Identifier: MIT
// The patient questionnaire as a small state machine, without DOM (tested with node --test): which
// screen is shown (intro, a question, the results), the trail of questions answered (for Back and
// for revisiting an answer from the results), and what "not sure" skipped this session. Answers go
// to the controller; which question comes next is the core's (questionnaire.js reads the report).
import { MAX_QUESTIONS, nextQuestion, questionFor } from './questionnaire.js';

const RANK = { emergency: 0, urgent: 1, soon: 2, routine: 3 };

export class PatientFlow {
  /** @param {import('./controller.js').Controller} controller */
  constructor(controller) {
    this.controller = controller;
    this.reset();
  }

  /** Back to the first screen, nothing answered this session. */
  reset(step = 'intro') {
    this.step = step;
    this.trail = [];      // the ids answered, in order
    this.review = null;   // the id being revisited, or null
    this.returnTo = null; // where a revisit returns ('results'), or null
    this.skipped = new Set();
    this.asked = new Map(); // id -> the question as it was asked (its wording can leave the report)
    // The most urgent advice shown during the questions (an emergency or urgent banner) when a later
    // answer made it less urgent: { from, id, value }, so the results can say why it fell.
    this.lowered = null;
  }

  start() {
    this.step = 'question';
    this.review = null;
    this.returnTo = null;
  }

  /**
   * Records an answer and moves on. 'unsure' for a test, an antibody or a categorical question
   * records nothing (skipped for this session); for a finding, "not sure" is an answer ('unknown').
   */
  answer(id, value) {
    const c = this.controller;
    const before = this.#level();
    if (value === 'unsure') {
      this.skipped.add(id);
      if (id === 'duration') c.setDuration(null);
      else c.setAnswer(id, null);
    } else {
      this.skipped.delete(id);
      c.setAnswer(id, value);
    }
    this.#noteLevel(before, id, value);
    this.#advance(id);
  }

  /** How long ago it started: a number and a unit (days, weeks, months). */
  answerDuration(n, unit) {
    this.skipped.delete('duration');
    const before = this.#level();
    this.controller.setDuration(n, unit);
    this.#noteLevel(before, 'duration', { n, unit });
    this.#advance('duration');
  }

  // The triage level of the current report, or null.
  #level() {
    return this.controller.state?.report?.triage?.action ?? null;
  }

  // An answer that takes the advice below an emergency or urgent banner shown before it is kept (the
  // first such fall from the most urgent level shown); once the level is back up, it is forgotten.
  #noteLevel(before, id, value) {
    const after = this.#level();
    if (!before || !after) return;
    if (this.lowered && RANK[after] <= RANK[this.lowered.from]) this.lowered = null;
    if (RANK[before] <= RANK.urgent && RANK[after] > RANK[before] &&
        (!this.lowered || RANK[before] < RANK[this.lowered.from])) {
      this.lowered = { from: before, id, value };
    }
  }

  /** The fall to report on the results: the banner's level and the answer that lowered it, or null. */
  loweredNow() {
    const now = this.#level();
    return this.lowered && now && RANK[now] > RANK[this.lowered.from] ? this.lowered : null;
  }

  /** The previous question (or the first screen from the first question). */
  back() {
    const i = this.review ? this.trail.indexOf(this.review) : this.trail.length;
    if (i > 0) {
      this.review = this.trail[i - 1];
      this.returnTo = null;
    } else {
      this.step = 'intro';
      this.review = null;
    }
  }

  showResults() {
    this.step = 'results';
    this.review = null;
    this.returnTo = null;
  }

  /** Revisit one answer from the results page, then return there. */
  edit(id) {
    this.step = 'question';
    this.review = id;
    this.returnTo = 'results';
  }

  // After an answer: back to the results (or on to the next revisited question) when revisiting,
  // else on to the next question.
  #advance(id) {
    if (this.review) {
      const i = this.trail.indexOf(this.review);
      const back = this.returnTo;
      this.review = back ? null : this.trail[i + 1] ?? null;
      this.step = back ?? 'question';
      this.returnTo = null;
    } else if (!this.trail.includes(id)) {
      this.trail.push(id);
    }
  }

  /** The question's number on screen (1-based). */
  get position() {
    return this.review ? this.trail.indexOf(this.review) + 1 : this.trail.length + 1;
  }

  /**
   * The question on screen (a revisited one, or the core's next), or null when there is none.
   * @param {object} report the current report   @param {object} vocabulary core.vocabulary()
   */
  question(report, vocabulary) {
    const k = this.controller.state.case;
    if (this.review) return this.wording(this.review, report, vocabulary);
    if (this.trail.length >= MAX_QUESTIONS) return null;
    const q = nextQuestion(report, vocabulary, k, this.skipped);
    if (q) this.asked.set(q.id, q);
    return q;
  }

  /** Whether there is a question left to ask. */
  hasMore(report, vocabulary) {
    return this.trail.length < MAX_QUESTIONS && !!nextQuestion(report, vocabulary, this.controller.state.case, this.skipped);
  }

  /** A question's wording (as asked, or from the report or the vocabulary), or null when none. */
  wording(id, report, vocabulary) {
    const entry = report?.patientQuestions?.find((x) => x.feature === id) ?? report?.nextQuestions?.find((x) => x.feature === id);
    const q = this.asked.get(id) ?? questionFor(id, vocabulary, entry);
    return q.question ? q : null;
  }
}
