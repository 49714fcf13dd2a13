// SPDX-License-Identifier: MIT
// Search over the HPO labels and synonyms the core ships (vocabulary().hpoTerms:
// [id, label, synonyms, featureIds, broader?, readAs?]) and the knowledge base's everyday words for its findings
// (vocabulary().variables[].layTerms: "dancing eyes" finds Opsoclonus). Every word of the query must
// appear in the label or in one synonym; exact and prefix matches of the label come first, then
// everyday words, then synonyms; terms the knowledge base uses before the others.
import { layHits } from './words.js';

/**
 * @param {Array} hpoTerms   vocabulary().hpoTerms
 * @param {string} query
 * @param {number} limit
 * @param {Array} variables  vocabulary().variables (for their everyday words), optional
 * @returns {{id: string, label: string, synonym: string|null, lay: string|null, features: string[], broader: boolean, readAs: string|null}[]}
 *   broader: the term is more general than every feature and counts as at least one of those below it;
 *   readAs: the id of such a term that this one is read as (Oscillopsia: Abnormal involuntary eye movements)
 */
export function searchTerms(hpoTerms, query, limit = 8, variables = []) {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const words = q.split(/\s+/);
  const has = (text) => words.every((w) => text.includes(w));
  const hits = [];
  const lay = new Map(layHits(query, variables).map((h) => [h.id, h.term]));
  for (const [id, label, synonyms, features, broader = false, readAs = null] of hpoTerms) {
    const l = label.toLowerCase();
    let score;
    let synonym = null;
    let layTerm = null;
    if (l === q || id.toLowerCase() === q) score = 0;
    else if (l.startsWith(q)) score = 1;
    else if (has(l)) score = 2;
    else if (lay.has(id)) {
      layTerm = lay.get(id);
      score = 2.5;
    } else {
      synonym = synonyms.find((s) => has(s.toLowerCase())) ?? null;
      if (!synonym) continue;
      score = 3;
    }
    hits.push({ id, label, synonym, lay: layTerm, features, broader, readAs, score });
  }
  hits.sort((a, b) => a.score - b.score || !a.features.length - !b.features.length ||
    a.label.length - b.label.length || (a.id < b.id ? -1 : 1));
  return hits.slice(0, limit).map(({ score, ...hit }) => hit);
}
