// t(key, vars): the interface string for key in the current language, with {placeholders} filled in.
// Plural entries ({ one, other, ... }) choose their form from vars.n with Intl.PluralRules.
// English is in the bundle (every other catalogue falls back to it key by key); the other languages are
// chunks of their own, loaded once by initLanguage() before a page builds itself.
import en from './en.js';

/** The interface languages, in the menu's order. */
export const LANGUAGES = ['en', 'et', 'lv', 'lt', 'fi', 'pl'];
const loaders = {
  en: async () => ({ default: en }),
  et: () => import('./et.js'),
  lv: () => import('./lv.js'),
  lt: () => import('./lt.js'),
  fi: () => import('./fi.js'),
  pl: () => import('./pl.js'),
};
const STORE = 'atlas.lang';

const catalogues = { en };
let lang = 'en';
let strings = en;
let plural = new Intl.PluralRules(lang);

/** A language code as the menu knows it ("et-EE" -> "et"), or null. */
export function supported(code) {
  const base = String(code ?? '').toLowerCase().split('-')[0];
  return LANGUAGES.includes(base) ? base : null;
}

/** The language of the link (#lang=xx), else the one chosen before in this browser, else the browser's first supported one, else English. */
export function requestedLanguage() {
  const fromHash = supported(new URLSearchParams(location.hash.replace(/^#/, '')).get('lang'));
  if (fromHash) return fromHash;
  try {
    const stored = supported(localStorage.getItem(STORE));
    if (stored) return stored;
  } catch { /* storage disabled */ }
  for (const l of navigator.languages ?? [navigator.language]) {
    const s = supported(l);
    if (s) return s;
  }
  return 'en';
}

/** A language's catalogue (for the tests of completeness too). */
export async function loadCatalogue(code) {
  if (!loaders[code]) throw new Error(`unknown language ${code}`);
  catalogues[code] ??= (await loaders[code]()).default;
  return catalogues[code];
}

/** Loads and sets the requested language; a catalogue that fails to load leaves English. */
export async function initLanguage(code = requestedLanguage()) {
  try {
    await loadCatalogue(code);
  } catch (e) {
    console.warn(e);
  }
  setLanguage(catalogues[code] ? code : 'en');
  return lang;
}

export function setLanguage(code) {
  if (!catalogues[code]) return false;
  lang = code;
  strings = catalogues[code];
  plural = new Intl.PluralRules(code);
  numberFormats.clear();
  document.documentElement.lang = code;
  return true;
}

export const language = () => lang;
export const languages = () => [...LANGUAGES];

/**
 * The person chose a language: remembered in this browser, written into the link's hash (beside the view)
 * as a new history entry, and the page is built again from that link, so the open view comes back as it was.
 */
export function chooseLanguage(code) {
  const next = supported(code);
  if (!next || next === lang) return;
  try { localStorage.setItem(STORE, next); } catch { /* storage disabled: the link still says it */ }
  history.pushState(null, '', location.pathname + location.search + withLanguage(location.hash, next));
  location.reload();
}

/** A link to another page of the site that keeps a language other than English (one from a shared link too). */
export const linkTo = (path) => (lang === 'en' ? path : `${path}#lang=${lang}`);

/** A hash with lang=code set (the rest kept as it is). */
export function withLanguage(hash, code) {
  const parts = String(hash ?? '').replace(/^#/, '').split('&').filter((x) => x && !x.startsWith('lang='));
  parts.push(`lang=${code}`);
  return '#' + parts.join('&');
}

/** A language's own name for itself ("eesti", "suomi"), for the menu. */
export function nativeName(code) {
  try {
    const n = new Intl.DisplayNames([code], { type: 'language' }).of(code) ?? code;
    return n.charAt(0).toLocaleUpperCase(code) + n.slice(1);
  } catch {
    return code;
  }
}

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

/** An amount of money: in its currency as this language writes it, or the number and the code when the code is no ISO 4217 one. */
export function formatMoney(amount, currency) {
  if (currency && /^[A-Z]{3}$/.test(currency)) {
    try {
      return formatNumber(amount, { style: 'currency', currency, maximumFractionDigits: Number.isInteger(amount) ? 0 : 2 });
    } catch { /* an unknown code: below */ }
  }
  return `${formatNumber(amount)} ${currency ?? ''}`.trim();
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

/** An instant with its time of day, in this language and the browser's time zone. */
export function formatDateTime(d) {
  return new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'short' }).format(d);
}
