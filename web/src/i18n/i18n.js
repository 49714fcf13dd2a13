// SPDX-License-Identifier: MIT
// Message catalogue lookup: t('criteria.count', {count: 2, required: 3}).
import en from './en.js';

const catalogues = { en };

export function translator(lang = 'en') {
  const catalogue = catalogues[lang] ?? catalogues.en;
  return (key, params = {}) => {
    const template = catalogue[key] ?? catalogues.en[key] ?? key;
    return template.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
  };
}

export const languages = Object.keys(catalogues);
