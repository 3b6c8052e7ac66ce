// t(key, vars): the interface string for key in the current language, with {placeholders} filled in.
// Plural entries ({ one, other, ... }) choose their form from vars.n with Intl.PluralRules.
import en from './en.js';

const catalogues = { en };
let lang = 'en';
let strings = en;
let plural = new Intl.PluralRules(lang);

export function setLanguage(code) {
  if (!catalogues[code]) return false;
  lang = code;
  strings = catalogues[code];
  plural = new Intl.PluralRules(code);
  document.documentElement.lang = code;
  return true;
}

export const language = () => lang;
export const languages = () => Object.keys(catalogues);

export function t(key, vars = {}) {
  let s = strings[key] ?? en[key];
  if (s === undefined) return key;
  if (typeof s === 'object') s = s[plural.select(vars.n ?? 0)] ?? s.other;
  return s.replace(/\{(\w+)\}/g, (m, name) => (name in vars ? String(vars[name]) : m));
}

/** Like t(), but only when the key exists (for labels of enumerations the catalogue may extend). */
export function tOr(key, fallback) {
  return key in strings || key in en ? t(key) : fallback;
}

const numberFormats = new Map();
export function formatNumber(n, options = {}) {
  const k = JSON.stringify(options);
  if (!numberFormats.has(k)) numberFormats.set(k, new Intl.NumberFormat(lang, options));
  return numberFormats.get(k).format(n);
}

export function countryName(code) {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([lang], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function languageName(code) {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([lang], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function formatDate(iso) {
  if (!iso) return '';
  // A date ("2026-05-01") or an instant ("2026-11-30T22:40:00+00:00"): the day, as this language writes it.
  const d = new Date(String(iso).includes('T') ? iso : iso + 'T00:00:00Z');
  if (Number.isNaN(d.getTime())) return iso;
  return new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(d);
}
