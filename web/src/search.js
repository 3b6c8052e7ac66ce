// The search box: suggestions while typing (an ARIA combobox), results with highlighted fragments, a toggle
// for the visible map extent. It uses /api/search; where that service is missing (HTTP 404) it falls back
// to a basic OData `contains` search so the box still works.
import { el, clear, safeHighlight, markText, debounce } from './dom.js';
import { t, countryName, formatNumber } from './i18n/index.js';
import { lit } from './api.js';

const SIZE = 20;

export class Search {
  constructor({ form, input, listbox, results, extentToggle, api, catalogue, getFilters, getBbox, onChoose, onQueryChange, announce }) {
    Object.assign(this, { form, input, listbox, results, extentToggle, api, catalogue, getFilters, getBbox, onChoose, onQueryChange, announce });
    this.options = [];
    this.active = -1;
    this.suggestCtrl = null;
    this.searchCtrl = null;
    this.basic = false;
    this.page = 1;
    this.lastQuery = '';

    this.debouncedSuggest = debounce(() => this.suggest(), 120);
    input.addEventListener('input', () => {
      if (input.value.trim().length >= 2) this.debouncedSuggest();
      else this.closeSuggestions();
    });
    input.addEventListener('keydown', (e) => this.onKey(e));
    // The search field's own clear button (or Escape in it) empties the query: the results go too.
    input.addEventListener('search', () => {
      if (input.value.trim() === '' && this.lastQuery) this.run('');
    });
    input.addEventListener('blur', () => setTimeout(() => {
      if (!this.listbox.contains(document.activeElement)) this.closeSuggestions();
    }, 150));
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      this.closeSuggestions();
      this.run(input.value.trim());
    });
    extentToggle.addEventListener('change', () => {
      this.onQueryChange?.();
      if (this.lastQuery) this.run(this.lastQuery);
    });
  }

  // ---------------------------------------------------------------- suggestions

  async suggest() {
    const q = this.input.value.trim();
    if (q.length < 2) return this.closeSuggestions();
    this.suggestCtrl?.abort();
    const ctrl = (this.suggestCtrl = new AbortController());
    // Towns of the gazetteer come beside the catalogue's suggestions; a failure there leaves them out.
    const towns = this.api.towns(q, { limit: 5 }, { signal: ctrl.signal }).catch(() => []);
    let items;
    try {
      items = this.basic ? this.localSuggest(q) : await this.api.suggest(q, { signal: ctrl.signal });
    } catch (e) {
      if (e.name === 'AbortError') return;
      if (e.status === 404 || e.status === 503) {
        // 404: no search service; 503: its index is still being built. Both: suggest from what is loaded.
        if (e.status === 404) this.basic = true;
        items = this.localSuggest(q);
      } else return this.closeSuggestions();
    }
    const townItems = (await towns).map((x) => ({ id: String(x.geonamesId), type: 'town', title: x.name, town: x }));
    if (ctrl.signal.aborted || this.input.value.trim() !== q) return;
    this.renderSuggestions(items.slice(0, 8), q, townItems);
  }

  /** Suggestions from what the map already loaded (place names and practice titles). */
  localSuggest(q) {
    const lower = q.toLowerCase();
    const out = [];
    for (const p of this.catalogue.places) if (p.name.toLowerCase().includes(lower) || (p.localName ?? '').toLowerCase().includes(lower)) out.push({ id: p.id, type: 'place', title: p.name, placeId: p.id });
    for (const p of this.catalogue.practices) if ((p.title ?? '').toLowerCase().includes(lower)) out.push({ id: p.id, type: 'practice', title: p.title, placeId: p.placeId });
    for (const n of this.catalogue.networks) if (n.name.toLowerCase().includes(lower)) out.push({ id: n.id, type: 'initiative', title: n.name, placeId: null });
    return out;
  }

  /** The catalogue's suggestions, then a "Towns" group (ARIA groups in one listbox; the arrows run through both). */
  renderSuggestions(items, q, towns = []) {
    clear(this.listbox);
    this.options = [...items, ...towns];
    this.active = -1;
    this.input.removeAttribute('aria-activedescendant');
    if (this.options.length === 0) return this.closeSuggestions();
    const option = (s, i, meta) => {
      const li = el('li', { role: 'option', id: `suggestion-${i}`, class: 'suggestion', 'aria-selected': 'false', dataset: { type: s.type } },
        el('span', { class: 'suggestion-title' }, markText(s.title, q)),
        el('span', { class: 'suggestion-meta', text: meta }));
      li.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the input
      li.addEventListener('click', () => this.choose(s));
      return li;
    };
    const catalogueOptions = items.map((s, i) => {
      const place = s.placeId ? this.catalogue.placeById.get(s.placeId) : null;
      return option(s, i, [t(`type.${s.type}`), place && s.type !== 'place' ? place.name : null].filter(Boolean).join(' · '));
    });
    const townOptions = towns.map((s, i) => option(s, items.length + i, [countryName(s.town.country),
      s.town.population != null ? t('town.inhabitants', { n: formatNumber(s.town.population) }) : null, s.town.placeId ? t('search.catalogue') : null].filter(Boolean).join(' · ')));
    if (townOptions.length === 0) this.listbox.append(...catalogueOptions);
    else {
      const group = (id, label, options) => el('li', { role: 'group', 'aria-labelledby': id, class: 'suggestion-group' },
        el('div', { id, class: 'suggestion-group-label', role: 'presentation', text: label }),
        el('ul', { role: 'none' }, options));
      if (catalogueOptions.length) this.listbox.append(group('suggestions-catalogue', t('search.catalogue'), catalogueOptions));
      this.listbox.append(group('suggestions-towns', t('search.towns'), townOptions));
    }
    this.listbox.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.announce?.(t('search.suggestionsCount', { n: this.options.length }));
  }

  closeSuggestions() {
    this.suggestCtrl?.abort();
    this.listbox.hidden = true;
    clear(this.listbox);
    this.options = [];
    this.active = -1;
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }

  onKey(e) {
    const open = !this.listbox.hidden && this.options.length > 0;
    if (e.key === 'ArrowDown' && open) {
      e.preventDefault();
      this.setActive((this.active + 1) % this.options.length);
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      this.setActive(this.active <= 0 ? this.options.length - 1 : this.active - 1);
    } else if (e.key === 'Enter' && open && this.active >= 0) {
      e.preventDefault();
      this.choose(this.options[this.active]);
    } else if (e.key === 'Escape') {
      if (open) {
        e.preventDefault();
        this.closeSuggestions();
      }
    }
  }

  setActive(i) {
    this.active = i;
    const options = [...this.listbox.querySelectorAll('[role=option]')];
    options.forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
    const li = options[i];
    this.input.setAttribute('aria-activedescendant', li.id);
    li.scrollIntoView({ block: 'nearest' });
  }

  choose(item) {
    this.closeSuggestions();
    this.onChoose(item);
  }

  // ---------------------------------------------------------------- results

  params(q, page) {
    const f = this.getFilters();
    const p = { q, page, size: SIZE };
    if (f.themes.length) p.theme = f.themes;
    if (f.tags.length) p.tag = f.tags;
    if (f.roles.length) p.role = f.roles;
    if (f.country) p.country = f.country;
    if (f.inNetwork) p.initiative = f.inNetwork;
    if (this.extentToggle.checked) p.bbox = this.getBbox();
    return p;
  }

  /** True when the results shown are not those of this query with the filters as they are now. */
  stale(q) {
    return q !== this.lastQuery || (!!q && this.filtersKey() !== this.lastFiltersKey);
  }

  filtersKey() {
    const { page, ...rest } = this.params(this.lastQuery, 1);
    return JSON.stringify({ ...rest, q: undefined });
  }

  async run(q, page = 1) {
    this.lastQuery = q;
    this.lastFiltersKey = this.filtersKey();
    this.page = page;
    this.onQueryChange?.();
    if (!q) {
      clear(this.results);
      this.results.hidden = true;
      return;
    }
    this.searchCtrl?.abort();
    const ctrl = (this.searchCtrl = new AbortController());
    this.results.hidden = false;
    this.results.setAttribute('aria-busy', 'true');
    if (page === 1) clear(this.results).append(el('p', { class: 'muted', text: t('search.searching') }));
    let res = null;
    let error = null;
    this.usedBasic = this.basic;
    try {
      res = this.basic ? await this.basicSearch(q, page, ctrl.signal) : await this.api.search(this.params(q, page), { signal: ctrl.signal });
    } catch (e) {
      error = e;
    }
    // 404: there is no search service (use the basic search from now on); 503: its index is being built.
    if (error && error.name !== 'AbortError' && (error.status === 404 || error.status === 503) && !this.basic) {
      if (error.status === 404) this.basic = true;
      this.usedBasic = true;
      try {
        res = await this.basicSearch(q, page, ctrl.signal);
        error = null;
      } catch (e) {
        error = e;
      }
    }
    if (ctrl.signal.aborted || error?.name === 'AbortError') return;
    this.results.removeAttribute('aria-busy');
    if (error) {
      clear(this.results).append(el('p', { class: 'error', role: 'alert', text: t('search.error', { detail: error.message }) }));
      return;
    }
    this.render(q, res, page);
  }

  render(q, res, page) {
    let list = this.results.querySelector('ol.results');
    if (page === 1) {
      clear(this.results);
      const heading = el('h2', { id: 'results-title', tabindex: '-1', text: res.total > 0 ? t('search.resultsFor', { n: res.total, q }) : t('search.none', { q }) });
      this.results.append(heading);
      if (this.usedBasic) this.results.append(el('p', { class: 'muted small', text: t('search.basic') }));
      if (res.fuzzy && res.total > 0) this.results.append(el('p', { class: 'muted small', text: t('search.fuzzy') }));
      if (res.didYouMean) {
        const [before, after] = t('search.didYouMean', { q: '\u0000' }).split('\u0000');
        this.results.append(el('p', { class: 'did-you-mean' }, before,
          el('button', { type: 'button', class: 'link', onclick: () => { this.input.value = res.didYouMean; this.run(res.didYouMean); } }, res.didYouMean), after));
      }
      list = el('ol', { class: 'results', 'aria-labelledby': 'results-title' });
      this.results.append(list);
      this.announce?.(heading.textContent);
    }
    this.results.querySelector('.more')?.remove();
    for (const hit of res.hits ?? []) list.append(this.hitElement(hit, q));
    if (page * (res.size || SIZE) < res.total) {
      this.results.append(el('button', { type: 'button', class: 'more secondary', onclick: () => this.run(q, page + 1) }, t('search.more')));
    }
  }

  hitElement(hit, q) {
    const place = hit.placeId ? this.catalogue.placeById.get(hit.placeId) : null;
    const meta = [t(`type.${hit.type}`), place && hit.type !== 'place' ? t('search.in', { place: place.name }) : null,
      place ? countryName(place.country) : null].filter(Boolean).join(' · ');
    return el('li', { class: 'result' },
      el('button', { type: 'button', class: 'result-button', onclick: () => this.onChoose(hit) },
        el('span', { class: 'result-title' }, hit.titleMarked ?? hit.title),
        el('span', { class: 'result-meta', text: meta })),
      (hit.highlights ?? []).length ? el('div', { class: 'fragments' }, hit.highlights.slice(0, 3).map((h) => el('p', { class: 'fragment' }, hit.local ? markText(h, q) : safeHighlight(h)))) : null,
      // The thesaurus concept the query met: why a text in another language was found.
      (hit.concepts ?? []).length ? el('p', { class: 'result-via muted', text: t('search.viaConcept', { labels: hit.concepts.map((c) => c.label).join(', ') }) }) : null);
  }

  /** The fallback: OData `contains` over titles, names and summaries; marks are made as DOM nodes. */
  async basicSearch(q, page, signal) {
    const s = lit(q.toLowerCase());
    const c = (field) => `contains(tolower(${field}),${s})`;
    const [practices, places, networks] = await Promise.all([
      this.api.odataAll('Practices', { $filter: `${c('Title')} or ${c('Summary')}`, $select: 'Id,Title,Summary,PlaceId' }, { signal }),
      this.api.odataAll('Places', { $filter: `${c('Name')} or ${c('LocalName')}`, $select: 'Id,Name,Country' }, { signal }),
      this.api.odataAll('Initiatives', { $filter: `${c('Name')} or ${c('Summary')}`, $select: 'Id,Name,Summary' }, { signal }),
    ]);
    const hits = [
      ...places.map((p) => ({ id: p.Id, type: 'place', title: p.Name, placeId: p.Id, highlights: [] })),
      ...practices.map((p) => ({ id: p.Id, type: 'practice', title: p.Title, placeId: p.PlaceId, highlights: p.Summary ? [p.Summary] : [] })),
      ...networks.map((n) => ({ id: n.Id, type: 'initiative', title: n.Name, placeId: null, highlights: n.Summary ? [n.Summary] : [] })),
    ].map((h) => ({ ...h, local: true, titleMarked: markText(h.title, q) }));
    const bbox = this.extentToggle.checked ? this.getBbox().split(',').map(Number) : null;
    const inBox = (h) => {
      if (!bbox) return true;
      const c2 = h.placeId ? this.catalogue.placeById.get(h.placeId)?.coordinates : null;
      return !!c2 && c2[0] >= bbox[0] && c2[0] <= bbox[2] && c2[1] >= bbox[1] && c2[1] <= bbox[3];
    };
    const kept = hits.filter(inBox);
    return { total: kept.length, page, size: SIZE, fuzzy: false, didYouMean: null, hits: kept.slice((page - 1) * SIZE, page * SIZE) };
  }
}
