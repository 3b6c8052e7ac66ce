// The header's language menu (map, editor page, account pages): each language named in itself, the
// current one selected; choosing one goes through chooseLanguage (link, memory, page built again).
import { el } from './dom.js';
import { t, LANGUAGES, language, nativeName, chooseLanguage } from './i18n/index.js';

export function languageMenu() {
  const select = el('select', { id: 'lang-menu', class: 'lang-select' },
    LANGUAGES.map((code) => el('option', { value: code, lang: code, text: nativeName(code), selected: code === language() })));
  select.addEventListener('change', () => chooseLanguage(select.value));
  return el('div', { class: 'lang-menu' },
    el('label', { for: 'lang-menu', class: 'visually-hidden', text: t('settings.language') }), select);
}
