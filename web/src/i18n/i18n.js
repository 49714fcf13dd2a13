// SPDX-License-Identifier: MIT
// Message catalogue lookup: t('criteria.count', {count: 2, required: 3}).
import en from './en.js';

const catalogues = { en };

const cache = new Map();

/**
 * The lookup function for a language: the same function for the same language, so views can use
 * it as a dependency of `guard` (a new one per render would re-render every guarded part).
 */
export function translator(lang = 'en') {
  if (!cache.has(lang)) {
    const catalogue = catalogues[lang] ?? catalogues.en;
    cache.set(lang, (key, params = {}) => {
      const template = catalogue[key] ?? catalogues.en[key] ?? key;
      return template.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
    });
  }
  return cache.get(lang);
}

export const languages = Object.keys(catalogues);
