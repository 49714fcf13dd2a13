// SPDX-License-Identifier: MIT
// Everyday words to findings, on the device (no DOM, no network; tested with node --test). A
// parent's own description ("her eyes keep darting around and she wobbles when she walks") is
// matched against the knowledge base's everyday words for each finding (layTerms) and its labels,
// tolerating typos and word endings; each match is offered to the parent to confirm, never entered
// on its own. The same matcher lets the clinician's search find "dancing eyes".

import { NOT_TYPOS } from './not-typos.js';

/** Lower case, accents, apostrophes and punctuation removed ("can't" → "cant"); "onto" is "on to". */
export function normalise(text) {
  return String(text ?? '')
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/['\u2018\u2019\u02bc]/g, '')
    .replace(/[^a-z0-9 ]+/g, ' ')
    .replace(/\bonto\b/g, 'on to')
    .replace(/\s+/g, ' ')
    .trim();
}

const ENDINGS = ['ing', 'ies', 'ied', 'es', 'ed', 's', 'y'];

/**
 * A word without its common English ending ("darting" → "dart", "wobbles" → "wobbl"). A stem
 * ending in a consonant and "le" loses the "e", so that "wobble", "wobbly", "wobbling" and the
 * misspelt "wobbley" are one word ("wobbl"), as are "stumble" and "stumbling".
 */
export function stem(word) {
  let w = word;
  for (const e of ENDINGS) {
    if (w.length - e.length >= 3 && w.endsWith(e)) {
      w = w.slice(0, -e.length);
      break;
    }
  }
  return w.length >= 5 && /[^aeiou]le$/.test(w) ? w.slice(0, -1) : w;
}

export const tokens = (text) => normalise(text).split(' ').filter(Boolean);

/**
 * The words of `text` as tokens() reads them, each with where it stands in `text` ({word, from,
 * to}), so that a match can quote the person's own words; null if the two readings differ (an
 * unusual character), when no words are quoted.
 */
export function wordsAt(text) {
  const s = String(text ?? '');
  const out = [];
  for (const m of s.matchAll(/[\p{L}\p{M}\p{N}'\u2018\u2019\u02bc]+/gu)) {
    for (const word of tokens(m[0])) out.push({ word, from: m.index, to: m.index + m[0].length });
  }
  const plain = tokens(s);
  return out.length === plain.length && out.every((w, i) => w.word === plain[i]) ? out : null;
}

/** Damerau-Levenshtein distance (adjacent swaps count once), stopping early above `max`. */
export function distance(a, b, max = 2) {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push(new Array(b.length + 1).fill(0));
    rows[i][0] = i;
  }
  for (let j = 0; j <= b.length; j++) rows[0][j] = j;
  for (let i = 1; i <= a.length; i++) {
    let best = max + 1;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, rows[i - 2][j - 2] + 1);
      rows[i][j] = d;
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
  }
  return rows[a.length][b.length];
}

/**
 * Whether a word someone wrote may be a typo of `b`: one letter away (sameWord), and not an English
 * word of its own ("cracked" is not "cranky": NOT_TYPOS).
 */
const typoOf = (a, b) => !NOT_TYPOS.has(a) && sameWord(a, b);

/** Whether two words are the same word, allowing for endings and one typo after the first letter. */
export function sameWord(a, b) {
  if (a === b) return true;
  const sa = stem(a), sb = stem(b);
  if (sa === sb) return true;
  const close = (x, y) => {
    const shorter = Math.min(x.length, y.length);
    // Typos rarely change the first letter; requiring it keeps "never" from reading as "fever".
    if (shorter < 4 || x[0] !== y[0]) return false;
    // A four-letter word is too often another word one letter away ("feel" and "fell", "week" and
    // "weak"): it may only gain or lose a last letter ("danc", the stem of "dancing", and "dance").
    if (shorter === 4) return Math.abs(x.length - y.length) === 1 && (x.startsWith(y) || y.startsWith(x));
    // One letter wrong, missing, extra or swapped: two let real words pass for each other
    // ("ingestion" and "infection", "screening" and "screaming").
    return distance(x, y, 1) <= 1;
  };
  return close(a, b) || close(sa, sb);
}

const FILLER = new Set(['a', 'an', 'the', 'his', 'her', 'their', 'my', 'our', 'of', 'to', 'is', 'are', 'and', 'keeps', 'keep']);
const CONJUNCTION = new Set(['and', 'or']);
// At most this many words joined by "and" or "or" between two words of a phrase (each lets it skip
// two more words: the joined word and the conjunction).
const MAX_JOINED = 3;
const SUBJECT = new Set(['i', 'he', 'she', 'it', 'we', 'they', 'you', 'his', 'her', 'my', 'our', 'their', 'your', 'the']);
const NEGATION = new Set(['no', 'not', 'never', 'without', 'doesnt', 'dont', 'didnt', 'hasnt', 'havent', 'isnt', 'wasnt', 'nor']);
// Words that start a new clause: a "no" before them does not reach the words after them ("no
// fever and jerks", "I don't know why her eyes dart").
const CLAUSE = new Set(['and', 'but', 'or', 'so', 'then', 'because', 'since', 'although', 'though', 'while', 'yet',
  'why', 'when', 'what', 'if', 'whether', 'that', 'know', 'sure', 'think']);

// Words that make what follows uncertain: "not sure if he had a fit", "maybe a seizure", "I don't
// know whether she fell", "she might have swallowed something". Read back to the start of the
// sentence (a hedge reaches across "if" and "whether", unlike a "not").
const HEDGE = new Set(['maybe', 'perhaps', 'possibly', 'unsure', 'might', 'wondering', 'wonder', 'unclear', 'uncertain']);
// Word sequences of doubt; "don't know" only before "if" or "whether" ("I don't know why her eyes
// dart" is sure of the eyes).
const HEDGE_RUNS = [['not', 'sure'], ['not', 'certain'], ['dont', 'know', 'if'], ['dont', 'know', 'whether'],
  ['no', 'idea', 'if'], ['no', 'idea', 'whether'], ['could', 'have'], ['may', 'have']];

// Whether words of doubt stand in the up to 8 words before `start`, in the same sentence.
function hedgedBefore(words, start, breaks = [], stops = []) {
  const back = wordsBefore(words, start, 8, breaks, stops);
  if (back.some((w) => HEDGE.has(w))) return true;
  return HEDGE_RUNS.some((run) => back.some((_, i) => run.every((w, k) => back[i + k] === w)));
}

/**
 * The up to `max` words before position `start`, back to the end of the previous sentence or a
 * comma before a new subject ("not smiling anymore, I'm vegan": the vegan diet is not negated; a
 * comma alone does not end it: "no fever, vomiting or jerks"), or to a word `ends` says ends it.
 */
function wordsBefore(words, start, max, breaks = [], stops = [], ends = () => false) {
  const out = [];
  for (let i = start - 1; i >= 0 && i >= start - max; i--) {
    if (ends(words[i]) || stops[i + 1]) break;
    if (breaks[i + 1] && SUBJECT.has(words[i + 1] === 'im' ? 'i' : words[i + 1])) break;
    out.unshift(words[i]);
  }
  return out;
}

/** The up to four words before position `start` in the same clause (where a "not" reaches). */
function clauseBefore(words, start, breaks = [], stops = []) {
  return wordsBefore(words, start, 4, breaks, stops, (w) => CLAUSE.has(w));
}

/**
 * Where a phrase occurs in a list of words: its words in order, each allowed to be separated from
 * the previous one by up to two filler-or-other words, a word joined to the next by "and" or "or"
 * not counted ("eyes keep darting" matches "darting eyes" only in that order; "eyes ... darting"
 * within the window matches "eyes darting"). Returns the index of its first word, or -1.
 */
export function findPhrase(words, phrase) {
  return findSpan(words, phrase)?.start ?? -1;
}

/** How far a word of the description is from a word of a phrase: 0 when the same word or ending, else its typo distance. */
const wordCost = (a, b) => (a === b || stem(a) === stem(b) ? 0 : Math.min(distance(a, b, 2), distance(stem(a), stem(b), 2)));

/**
 * Like findPhrase, with the span of words it covers: {start, end, typos, matched} (end exclusive;
 * typos: the letters changed in its words that matched only as a typo, so "concusion" is closer to
 * "concussion" than to "convulsion"; matched: the indexes of the words that matched the phrase's,
 * without the words skipped between them), or null.
 */
export function findSpan(words, phrase, same = sameWord) {
  const p = phrase.filter((w) => !FILLER.has(w));
  if (!p.length) return null;
  // "and" followed by a new subject between two of its words starts another clause ("he is wobbly
  // and his eyes dart" is not "wobbly eyes"; "I feel dizzy and sick" is still "feel sick"), unless
  // the phrase has an "and" of its own ("back and forth").
  const joins = !phrase.includes('and');
  for (let start = 0; start < words.length; start++) {
    if (!same(words[start], p[0])) continue;
    let at = start, ok = true, typos = wordCost(words[start], p[0]);
    const matched = [start];
    for (let k = 1; k < p.length && ok; k++) {
      ok = false;
      // Up to two other words between two of the phrase's, not counting a word joined to the next
      // by "and" or "or" ("her eyes keep darting and jerking" is "eyes ... jerking" too: the
      // two are said of the same eyes).
      for (let next = at + 1, joined = 0; next <= at + 3 + 2 * MAX_JOINED && next < words.length; next++) {
        if (next - 1 > at && CONJUNCTION.has(words[next - 1])) joined++;
        if (joins && next - 1 > at && words[next - 2] === 'and' && SUBJECT.has(words[next - 1])) break;
        // Two of its words joined by "and" alone are two things, not one: in "dancing eyes and jerks"
        // the jerks are a second thing seen, not the eyes jerking ("her eyes and head are shaking"
        // is still the eyes shaking).
        if (joins && next === at + 2 && CONJUNCTION.has(words[at + 1])) continue;
        if (next - at - 1 - 2 * joined > 2) continue;
        if (same(words[next], p[k])) {
          typos += wordCost(words[next], p[k]);
          at = next;
          matched.push(next);
          ok = true;
          break;
        }
      }
    }
    if (ok) return { start, end: at + 1, typos, matched };
  }
  return null;
}

// The stems of every word the vocabulary uses (labels, questions, help, everyday terms), once per
// vocabulary: a description word with one of these stems is a word, not a typo of another.
const knownCache = new WeakMap();
export function knownStems(variables) {
  if (!variables) return new Set();
  let known = knownCache.get(variables);
  if (!known) {
    known = new Set();
    for (const v of variables) {
      for (const text of [v.label, v.lay, v.question, v.help, ...(v.layTerms ?? [])]) for (const w of tokens(text)) known.add(stem(w));
    }
    knownCache.set(variables, known);
  }
  return known;
}

/** The phrases a finding is offered by in a description: its everyday terms, plain label and label. */
export const phrasesOf = (v) => [...(v.layTerms ?? []), v.lay, v.label].filter(Boolean);

/**
 * Whether a variable applies to a person ({age: years, sex}), by its `appliesTo` ({minAge, maxAge,
 * sexes}: from its appliesWhen in the knowledge base). What is not known about the person never
 * excludes it.
 */
export function appliesTo(v, person = {}) {
  const a = v?.appliesTo;
  if (!a) return true;
  const age = person.age;
  if (typeof age === 'number' && Number.isFinite(age)) {
    if (typeof a.minAge === 'number' && age < a.minAge) return false;
    if (typeof a.maxAge === 'number' && age >= a.maxAge) return false;
  }
  if (Array.isArray(a.sexes) && (person.sex === 'female' || person.sex === 'male') && !a.sexes.includes(person.sex)) return false;
  return true;
}

/**
 * The findings a description mentions, in the order mentioned: [{id, label, lay, term, said,
 * negated, shared}] (term: the everyday phrase matched; said: the person's own words it matched, as
 * written, or the phrase when they cannot be quoted; shared: the same words were matched to another
 * finding too, for the parent to choose).
 * `variables` are the vocabulary's; only those a parent can observe (observable) are offered.
 * `negated`: a "no", "not", "never" or "without" shortly before the words, in the same clause ("no
 * fever", "she does not have a fever"; not "no fever and jerks" for the jerks).
 * `hedged`: words of doubt earlier in the sentence ("not sure if he had a fit", "maybe a seizure",
 * "she might have swallowed something"): the person is offered "Not sure" as well as Yes and No.
 * `person` ({age: years, sex}, optional): findings that do not apply to them are not offered (a
 * lump in the breast for a man, a baby's feeding for an adult).
 */
export function matchDescription(text, variables, person = {}) {
  const words = tokens(text);
  if (!words.length) return [];
  const at = wordsAt(text);
  // breaks[i]: punctuation that ends a clause (, . ; : ! ?) stands between word i - 1 and word i;
  // not a comma followed by "they" or "it", which go on about the same thing ("her eyes, they keep
  // darting").
  const between = (i) => (i === 0 || at === null ? '' : String(text).slice(at[i - 1].to, at[i].from));
  const breaks = words.map((_, i) => /[.;:!?]/.test(between(i)) || (between(i).includes(',') && !['they', 'it'].includes(words[i])));
  // stops[i]: the end of a sentence (. ; ! ?) stands between word i - 1 and word i.
  const stops = words.map((_, i) => /[.;!?]/.test(between(i)));
  // A word the vocabulary itself uses, or another ending of one, is a word, not a typo of another:
  // "confusion" is not "concussion", "injection" not "infection", "starting" not "startles"; nor is
  // an English word near one of them ("cracked" is not "cranky": NOT_TYPOS). Only other words may
  // match with a typo.
  const known = knownStems(variables);
  const same = (a, b) => stem(a) === stem(b) || (!known.has(stem(a)) && typoOf(a, b));
  // Every occurrence of every phrase; where two overlap, the one covering more words wins ("not
  // sleeping" is poor sleep, not "sleepy"), so each word of the description counts for one finding
  // unless two findings claim exactly the same words with phrases as long (below).
  const candidates = [];
  for (const v of variables ?? []) {
    if (!v.observable || !appliesTo(v, person)) continue;
    for (const phrase of phrasesOf(v)) {
      const t = tokens(phrase);
      for (let from = 0; from < words.length; from++) {
        const span = findSpan(words.slice(from), t, same);
        if (!span) break;
        const start = from + span.start, end = from + span.end;
        // A phrase does not run across a comma or the end of a sentence ("he is wobbly, eyes
        // going back and forth" is not "wobbly eyes").
        if (!breaks.slice(start + 1, end).some(Boolean)) {
          candidates.push({ v, term: phrase, start, end, matched: span.matched.map((i) => from + i),
            size: t.filter((w) => !FILLER.has(w)).length, words: t.length, typos: span.typos });
        }
        from += span.start;
      }
    }
  }
  // Longer phrases first, then those with more words in all ("keeps falling" over "fall"), then
  // those matched with fewer typos ("concussion" is not "convulsion"; "concusion" is one letter from
  // "concussion" and from "confusion", two from "convulsion"). Words everyday speech uses
  // for two findings ("eyes shaking side to side": flutter or nystagmus) are offered as both, for
  // the parent to choose: a span taken by a phrase that ranks the same is not taken from it.
  const rank = (c) => `${c.size}|${c.words}|${c.typos}`;
  candidates.sort((a, b) => b.size - a.size || b.words - a.words || a.typos - b.typos || a.start - b.start || (a.v.id < b.v.id ? -1 : 1));
  const taken = new Map(); // "start:end" → rank of the phrase that took the span
  const takenBy = new Array(words.length).fill(null); // rank of the phrase that first took each word, null if free
  const found = new Map();
  for (const c of candidates) {
    const tie = taken.get(`${c.start}:${c.end}`) === rank(c);
    // Only the words that matched the phrase are taken, not those skipped between them: in "I feel
    // dizzy and sick", "feel ... sick" is nausea and "dizzy" is still free for dizziness. A phrase
    // that ranks the same as the one that took some of its words, and has a word of its own left,
    // is offered too ("eyes darting and jerking": "eyes darting" and "eyes ... jerking").
    const clash = c.matched.filter((i) => takenBy[i] !== null);
    const beside = clash.length < c.matched.length && clash.every((i) => takenBy[i] === rank(c));
    if (clash.length && !tie && !beside) continue;
    // A finding's words count for it each time they occur, also after it was found once: "my eyes
    // shake and the room seems to jump" is the eyes twice, not the eyes and a jerk.
    for (const i of c.matched) takenBy[i] ??= rank(c);
    taken.set(`${c.start}:${c.end}`, rank(c));
    if (found.has(c.v.id)) continue;
    const before = clauseBefore(words, c.start, breaks, stops);
    const said = at ? String(text).slice(at[c.start].from, at[c.end - 1].to) : c.term;
    found.set(c.v.id, { id: c.v.id, label: c.v.label, lay: c.v.lay ?? c.v.label, term: c.term, said, at: c.start,
      span: `${c.start}:${c.end}`, negated: before.some((w) => NEGATION.has(w)),
      hedged: hedgedBefore(words, c.start, breaks, stops) });
  }
  const perSpan = new Map();
  for (const m of found.values()) perSpan.set(m.span, (perSpan.get(m.span) ?? 0) + 1);
  return [...found.values()].sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
    .map(({ at, span, ...m }) => ({ ...m, shared: perSpan.get(span) > 1 }));
}

/**
 * For search: the features whose everyday words match a query ("dancing eyes" → Opsoclonus):
 * [{id, term}], every query word found in one of the feature's everyday terms (in any order).
 */
export function layHits(query, variables) {
  const q = tokens(query).filter((w) => !FILLER.has(w));
  if (!q.length) return [];
  const hits = [];
  for (const v of variables ?? []) {
    for (const term of v.layTerms ?? []) {
      const t = tokens(term);
      if (q.every((w) => t.some((x) => stem(w) === stem(x) || typoOf(w, x) || (w.length >= 3 && x.startsWith(w))))) {
        hits.push({ id: v.id, term });
        break;
      }
    }
  }
  return hits;
}
