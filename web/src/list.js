// The list view: the places the filters keep, as a list of buttons. It is the keyboard and screen-reader
// alternative to the map canvas, and it also lists places without coordinates.
import { el, clear } from './dom.js';
import { t, tOr, countryName } from './i18n/index.js';
import { ROLE_COLOURS } from './map.js';

const STEP = 100;

export class PlaceList {
  constructor(root, { onOpen }) {
    this.root = root;
    this.onOpen = onOpen;
    this.places = [];
    this.shown = 0;
    this.heading = el('h2', { id: 'list-title', tabindex: '-1', text: t('list.title') });
    this.count = el('p', { class: 'muted' });
    this.ul = el('ul', { class: 'place-list', 'aria-labelledby': 'list-title' });
    this.more = el('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => this.showMore(true) });
    root.append(this.heading, this.count, this.ul, this.more);
  }

  set(places, practiceCounts) {
    this.places = places;
    this.practiceCounts = practiceCounts;
    this.shown = 0;
    clear(this.ul);
    this.count.textContent = places.length === 0 ? t('list.empty') : t('filters.places', { n: places.length });
    if (!this.root.hidden) this.showMore(false);
  }

  /** Renders lazily: nothing until the list is visible, then STEP items at a time. */
  render() {
    if (this.shown === 0) this.showMore(false);
  }

  showMore(moveFocus) {
    const start = this.shown;
    const slice = this.places.slice(start, start + STEP);
    for (const p of slice) {
      const n = this.practiceCounts?.get(p.id) ?? p.practiceCount;
      this.ul.append(el('li', {},
        el('button', { type: 'button', class: 'place-item', onclick: () => this.onOpen(p.id), dataset: { id: p.id } },
          el('span', { class: 'swatch', style: `background:${ROLE_COLOURS[p.role] ?? '#666'}`, 'aria-hidden': 'true' }),
          el('span', { class: 'place-name', text: p.name }),
          el('span', { class: 'place-meta', text: t('list.item', { country: countryName(p.country), role: tOr(`role.${p.role}`, p.role), practices: t('filters.practices', { n }) }) +
            (p.coordinates ? '' : ` · ${t('map.noCoordinates')}`) }))));
    }
    this.shown += slice.length;
    const rest = this.places.length - this.shown;
    this.more.hidden = rest <= 0;
    this.more.textContent = t('list.more', { n: Math.min(rest, STEP) });
    if (moveFocus && slice.length) this.ul.children[start]?.querySelector('button')?.focus();
  }
}
