// The list view: the places the filters keep, or the practices they keep, as lists of buttons. It is the keyboard
// and screen-reader alternative to the map canvas, and it also lists places without coordinates and the practices
// of no place (which the map cannot show).
import { el, clear } from './dom.js';
import { t, tOr, countryName } from './i18n/index.js';
import { ROLE_COLOURS } from './map.js';

const STEP = 100;

/** A heading, a count, a list rendered lazily STEP items at a time, and a "Show more" button. */
class LazyList {
  constructor(root, { id, title, listClass, compareButton }) {
    this.root = root;
    this.compareButton = compareButton; // (item) => a "Compare" toggle beside the row, or nothing
    this.items = [];
    this.shown = 0;
    this.heading = el('h2', { id, tabindex: '-1', text: title });
    this.count = el('p', { class: 'muted list-count' });
    this.ul = el('ul', { class: listClass, 'aria-labelledby': id });
    this.more = el('button', { type: 'button', class: 'secondary', hidden: true, onclick: () => this.showMore(true) });
  }

  setItems(items, countText) {
    this.items = items;
    this.shown = 0;
    clear(this.ul);
    this.count.textContent = countText;
    if (!this.root.hidden) this.showMore(false);
  }

  /** Renders lazily: nothing until the list is visible, then STEP items at a time. */
  render() {
    if (this.shown === 0) this.showMore(false);
  }

  showMore(moveFocus) {
    const start = this.shown;
    const slice = this.items.slice(start, start + STEP);
    for (const x of slice) this.ul.append(el('li', {}, this.itemElement(x), this.compareButton?.(x)));
    this.shown += slice.length;
    const rest = this.items.length - this.shown;
    this.more.hidden = rest <= 0;
    this.more.textContent = t('list.more', { n: Math.min(rest, STEP) });
    if (moveFocus && slice.length) this.ul.children[start]?.querySelector('button')?.focus();
  }
}

export class PlaceList extends LazyList {
  constructor(root, { onOpen, compareButton }) {
    super(root, { id: 'list-title', title: t('list.title'), listClass: 'place-list', compareButton: compareButton && ((p) => compareButton('place', p.id, p.name)) });
    this.onOpen = onOpen;
    root.append(this.heading, this.count, this.ul, this.more);
  }

  /** practiceCounts: place id -> the practices there that the filters keep (null: the place's own count). */
  set(places, practiceCounts) {
    this.practiceCounts = practiceCounts;
    this.setItems(places, places.length === 0 ? t('list.empty') : t('filters.places', { n: places.length }));
  }

  itemElement(p) {
    const n = this.practiceCounts?.get(p.id) ?? p.practiceCount;
    return el('button', { type: 'button', class: 'place-item', onclick: () => this.onOpen(p.id), dataset: { id: p.id } },
      el('span', { class: 'swatch', style: `background:${ROLE_COLOURS[p.role] ?? '#666'}`, 'aria-hidden': 'true' }),
      el('span', { class: 'place-name', text: p.name }),
      el('span', { class: 'place-meta', text: t('list.item', { country: countryName(p.country), role: tOr(`role.${p.role}`, p.role), practices: t('filters.practices', { n }) }) +
        (p.coordinates ? '' : ` · ${t('map.noCoordinates')}`) }));
  }
}

export const PRACTICE_SORTS = ['title', 'place', 'year'];

export class PracticeList extends LazyList {
  constructor(root, { onOpen, placeById, onSort, compareButton }) {
    super(root, { id: 'practice-list-title', title: t('practices.title'), listClass: 'practice-list', compareButton: compareButton && ((p) => compareButton('practice', p.id, p.title)) });
    this.onOpen = onOpen;
    this.placeById = placeById;
    this.sortBy = 'title';
    this.practices = [];
    this.sort = el('select', { id: 'practice-sort' }, PRACTICE_SORTS.map((k) => el('option', { value: k, text: t(`practices.sort.${k}`) })));
    this.sort.addEventListener('change', () => {
      this.setSort(this.sort.value);
      onSort?.(this.sortBy);
    });
    root.append(this.heading, this.count,
      el('div', { class: 'sort-row' }, el('label', { for: 'practice-sort', text: t('practices.sortBy') }), this.sort),
      this.ul, this.more);
  }

  setSort(key) {
    this.sortBy = PRACTICE_SORTS.includes(key) ? key : 'title';
    this.sort.value = this.sortBy;
    this.set(this.practices);
  }

  set(practices) {
    this.practices = practices;
    const placeName = (p) => this.placeById().get(p.placeId)?.name ?? null;
    const byTitle = (a, b) => (a.title ?? '').localeCompare(b.title ?? '');
    // Practices of no place, or of no known year, come last.
    const last = (x, y, cmp) => (x == null ? (y == null ? 0 : 1) : y == null ? -1 : cmp(x, y));
    const order = {
      title: byTitle,
      place: (a, b) => last(placeName(a), placeName(b), (x, y) => x.localeCompare(y)) || byTitle(a, b),
      year: (a, b) => last(a.year, b.year, (x, y) => x - y) || byTitle(a, b),
    }[this.sortBy];
    this.setItems([...practices].sort(order), practices.length === 0 ? t('practices.empty') : t('filters.practices', { n: practices.length }));
  }

  itemElement(p) {
    const place = this.placeById().get(p.placeId);
    const meta = [place ? `${place.name} · ${countryName(place.country)}` : t('practices.noPlace'), p.year ?? null].filter(Boolean).join(' · ');
    return el('button', { type: 'button', class: 'place-item practice-item', onclick: () => this.onOpen(p.id), dataset: { id: p.id } },
      el('span', { class: 'place-name practice-title', text: p.title }),
      el('span', { class: 'place-meta practice-meta', text: meta }));
  }
}
