// Compare: two to four practices or places side by side (themes, period, budget, KPIs, place size, networks).
// Chosen with the "Compare" toggles of the panels and the list rows; the URL hash keeps the choice
// (compare=id1,id2), so a shared link opens the comparison. Ids that are unknown or not published are left
// out with a short note. Catalogue text goes in as text only.
import { el, clear } from './dom.js';
import { t, tOr, formatNumber, countryName } from './i18n/index.js';
import { lit } from './api.js';
import { enumKey } from './state.js';
import { periodOf, budgetOf } from './panels.js';

export const COMPARE_MAX = 4;

export class Compare {
  /**
   * root: the (hidden) section that shows the comparison. onChange(ids) follows every change (the URL);
   * open(kind, id) opens a record's panel; announce(text) speaks to screen readers.
   */
  constructor(root, { api, onChange, open, announce }) {
    this.root = root;
    this.api = api;
    this.onChange = onChange;
    this.open = open;
    this.announce = announce;
    this.ids = [];
    this.records = new Map(); // id -> { kind, id, name, data }
    this.dropped = [];
    this.loading = null;
    this.heading = el('h2', { id: 'compare-title', tabindex: '-1' });
    this.body = el('div', { class: 'compare-body' });
    const close = el('button', { type: 'button', class: 'secondary', text: t('compare.close'), onclick: () => this.clear() });
    root.append(el('div', { class: 'compare-head' }, this.heading, close), this.body);
  }

  has(id) {
    return this.ids.includes(id);
  }

  /** A "Compare" toggle for a panel or a list row (aria-pressed follows the comparison wherever it changes). */
  toggleButton(kind, id, name) {
    const b = el('button', {
      type: 'button', class: 'secondary compare-toggle', 'aria-pressed': String(this.has(id)),
      'aria-label': t('compare.toggleLabel', { name }), dataset: { compareId: id },
      text: t('compare.toggle'),
    });
    b.addEventListener('click', () => this.toggle(kind, id, name));
    return b;
  }

  async toggle(kind, id, name) {
    if (this.has(id)) return this.remove(id);
    if (this.ids.length >= COMPARE_MAX) {
      this.announce(t('compare.full'));
      return;
    }
    this.ids = [...this.ids, id];
    this.dropped = [];
    this.changed();
    await this.load();
    this.announce(t('compare.added', { name: this.records.get(id)?.name ?? name, n: this.ids.length, max: COMPARE_MAX }));
  }

  remove(id) {
    const at = this.ids.indexOf(id);
    if (at < 0) return;
    const name = this.records.get(id)?.name ?? id;
    this.ids = this.ids.filter((x) => x !== id);
    this.changed();
    this.render();
    this.announce(t('compare.removed', { name }));
    // Focus stays in the table: the next column's remove button, or the heading.
    if (!this.root.hidden) (this.root.querySelectorAll('.compare-remove')[Math.min(at, this.ids.length - 1)] ?? this.heading).focus();
  }

  clear() {
    const had = this.ids.length > 0 || this.dropped.length > 0;
    this.ids = [];
    this.dropped = [];
    this.changed();
    this.render();
    if (had) this.announce(t('compare.cleared'));
  }

  /** The ids a link asks for (the URL hash): loaded, unknown or unpublished ones dropped with a note. */
  async set(ids) {
    const next = [...new Set(ids)].slice(0, COMPARE_MAX);
    if (next.join(',') === this.ids.join(',')) return;
    this.ids = next;
    this.dropped = [];
    await this.load();
  }

  changed() {
    this.syncToggles();
    this.onChange([...this.ids]);
  }

  syncToggles() {
    for (const b of document.querySelectorAll('.compare-toggle')) b.setAttribute('aria-pressed', String(this.has(b.dataset.compareId)));
  }

  /** Reads what is not read yet: published places and practices among the ids, two requests at most. */
  async load() {
    const missing = this.ids.filter((id) => !this.records.has(id));
    this.render();
    if (missing.length === 0) return;
    const ids = `(${missing.map(lit).join(',')})`;
    const task = Promise.all([
      this.api.odata('Places', {
        $filter: `Id in ${ids}`, $select: 'Id,Name,Country,Population,Role',
        $expand: "Memberships($select=InitiativeId;$expand=Initiative($select=Id,Name)),Practices($select=Id,Themes;$filter=Status eq 'Published')",
      }),
      this.api.odata('Practices', {
        $filter: `Id in ${ids}`,
        $select: 'Id,Title,Themes,PeriodLabel,StartDate,EndDate,BudgetAmount,BudgetCurrency,BudgetNote,Kpis,IsIntegrated',
        $expand: 'Place($select=Id,Name,Country,Population),Initiative($select=Id,Name)',
      }),
    ]);
    this.loading = task;
    let places, practices;
    try {
      [places, practices] = await task;
    } catch (e) {
      if (this.loading !== task) return;
      this.loading = null;
      this.render(t('compare.error', { detail: e.message }));
      return;
    }
    if (this.loading !== task) return;
    this.loading = null;
    for (const p of places.value) this.records.set(p.Id, { kind: 'place', id: p.Id, name: p.Name, data: p });
    for (const p of practices.value) this.records.set(p.Id, { kind: 'practice', id: p.Id, name: p.Title, data: p });
    const gone = this.ids.filter((id) => !this.records.has(id));
    if (gone.length) {
      this.dropped = gone;
      this.ids = this.ids.filter((id) => this.records.has(id));
      this.changed();
    }
    this.syncToggles();
    this.render();
  }

  render(error = null) {
    const show = this.ids.length > 0 || this.dropped.length > 0 || !!error;
    this.root.hidden = !show;
    document.body.classList.toggle('comparing', show);
    if (!show) return;
    this.heading.textContent = t('compare.title', { n: this.ids.length });
    const out = [];
    if (this.dropped.length) out.push(el('p', { class: 'compare-note', role: 'status', text: t('compare.dropped', { ids: this.dropped.join(', ') }) }));
    if (error) out.push(el('p', { class: 'error', role: 'alert', text: error }));
    const items = this.ids.map((id) => this.records.get(id)).filter(Boolean);
    if (this.loading && items.length < this.ids.length) out.push(el('p', { class: 'muted', text: t('panel.loading') }));
    if (items.length === 1) out.push(el('p', { class: 'muted small', text: t('compare.hint') }));
    if (items.length) out.push(this.table(items));
    clear(this.body).append(...out);
  }

  table(items) {
    const none = t('practice.none');
    const cell = (v) => (v === null || v === undefined || v === '' || (Array.isArray(v) && v.length === 0) ? el('span', { class: 'muted', text: none }) : v);
    const list = (xs) => (xs.length ? el('ul', { class: 'plain-list' }, xs.map((x) => el('li', {}, x))) : null);
    const themes = (r) => {
      const keys = r.kind === 'place' ? [...new Set((r.data.Practices ?? []).flatMap((p) => (p.Themes ?? []).map(enumKey)))] : (r.data.Themes ?? []).map(enumKey);
      return keys.map((k) => tOr(`theme.${k}`, k)).join(', ');
    };
    const placeOf = (r) => (r.kind === 'place' ? r.data : r.data.Place);
    const rows = [
      [t('compare.kind'), (r) => t(`type.${r.kind}`) + (r.kind === 'place' && r.data.Role ? ` (${tOr(`role.${enumKey(r.data.Role)}`, r.data.Role)})` : '')],
      [t('compare.place'), (r) => (r.kind === 'practice' ? r.data.Place?.Name ?? t('practices.noPlace') : r.data.Name)],
      [t('place.country'), (r) => countryName(placeOf(r)?.Country)],
      [t('place.population'), (r) => (placeOf(r)?.Population != null ? formatNumber(placeOf(r).Population) : null)],
      [t('compare.themes'), (r) => themes(r)],
      [t('compare.practices'), (r) => (r.kind === 'place' ? formatNumber((r.data.Practices ?? []).length) : null)],
      [t('practice.period'), (r) => (r.kind === 'practice' ? periodOf(r.data) : null)],
      [t('practice.budget'), (r) => (r.kind === 'practice' ? budgetOf(r.data) : null)],
      [t('compare.kpis'), (r) => list((r.data.Kpis ?? []).map((k) => `${k.Name}: ${k.Value}${k.Unit ? ' ' + k.Unit : ''}`))],
      [t('compare.networks'), (r) => list(r.kind === 'place'
        ? [...new Map((r.data.Memberships ?? []).map((m) => [m.InitiativeId, m.Initiative?.Name ?? m.InitiativeId])).values()]
        : r.data.Initiative ? [r.data.Initiative.Name] : [])],
    ];
    const head = el('tr', {}, el('td', {}), items.map((r) => el('th', { scope: 'col', dataset: { id: r.id } },
      el('button', { type: 'button', class: 'link compare-name', onclick: () => this.open(r.kind, r.id) }, r.name),
      el('button', { type: 'button', class: 'icon-button compare-remove', 'aria-label': t('compare.remove', { name: r.name }), title: t('compare.remove', { name: r.name }),
        onclick: () => this.remove(r.id) }, '×'))));
    const table = el('table', { class: 'compare-table' },
      el('caption', { class: 'visually-hidden', text: t('compare.caption', { names: items.map((r) => r.name).join(', ') }) }),
      el('thead', {}, head),
      el('tbody', {}, rows.map(([label, value]) => el('tr', {}, el('th', { scope: 'row', text: label }), items.map((r) => el('td', {}, cell(value(r))))))));
    // A phone scrolls the table sideways; the region takes focus so that the keyboard can scroll it too.
    return el('div', { class: 'compare-scroll', role: 'region', tabindex: '0', 'aria-label': t('compare.tableLabel') }, table);
  }
}
