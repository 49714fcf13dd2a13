// SPDX-License-Identifier: MIT
// Search over the HPO labels and synonyms the core ships (vocabulary().hpoTerms:
// [id, label, synonyms, featureIds]). Every word of the query must appear in the label or in one
// synonym; exact and prefix matches of the label come first, then terms the knowledge base uses.

/**
 * @returns {{id: string, label: string, synonym: string|null, features: string[]}[]}
 */
export function searchTerms(hpoTerms, query, limit = 8) {
  const q = query.trim().toLowerCase();
  if (q.length < 2) return [];
  const words = q.split(/\s+/);
  const has = (text) => words.every((w) => text.includes(w));
  const hits = [];
  for (const [id, label, synonyms, features] of hpoTerms) {
    const l = label.toLowerCase();
    let score;
    let synonym = null;
    if (l === q || id.toLowerCase() === q) score = 0;
    else if (l.startsWith(q)) score = 1;
    else if (has(l)) score = 2;
    else {
      synonym = synonyms.find((s) => has(s.toLowerCase())) ?? null;
      if (!synonym) continue;
      score = 3;
    }
    hits.push({ id, label, synonym, features, score });
  }
  hits.sort((a, b) => a.score - b.score || !a.features.length - !b.features.length ||
    a.label.length - b.label.length || (a.id < b.id ? -1 : 1));
  return hits.slice(0, limit).map(({ score, ...hit }) => hit);
}
