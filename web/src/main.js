// FrontrunnerAtlas web map: wires the map, the filters, the search box, the list view and the detail panel
// to one state that the URL hash holds (see state.js).
import { readConfig } from './config.js';
import { Api } from './api.js';
import { Catalogue } from './data.js';
import { AtlasMap, ROLE_COLOURS } from './map.js';
import { Panels } from './panels.js';
import { Search } from './search.js';
import { PlaceList, PracticeList } from './list.js';
import { el, clear, $, debounce } from './dom.js';
import { t, formatNumber, countryName, initLanguage, language, loadCatalogue, LANGUAGES, linkTo } from './i18n/index.js';
import { languageMenu } from './langmenu.js';
import { THEMES, ROLES, parseHash, toHash } from './state.js';
import { getKey, setKey } from './key.js';
import { exportLinks } from './export.js';
import { accountBox, loadSession, actorChanged } from './session.js';
import { watchCatalogue } from './freshness.js';
import { Compare } from './compare.js';

// The interface language (the link's lang=, else the one chosen before, else the browser's) before anything is built.
await initLanguage();
const config = readConfig();
const api = new Api(config.apiBase);
const catalogue = new Catalogue(api);
let state = readHash(location.hash);
let result = null; // the last Catalogue.apply()
let opener = null; // the element focus returns to when the panel closes

const atlas = (window.atlas = { config, state, catalogue, ready: false, indexReady: false, usableAt: null, errors: [] });
// The interface catalogues, for the test that every language has every key (LanguageTests).
atlas.i18n = { languages: LANGUAGES, load: loadCatalogue };

// ------------------------------------------------------------------ the page

document.title = t('app.title');
document.querySelector('meta[name=description]')?.setAttribute('content', t('app.description'));
const ui = buildPage();
// Who is signed in (the header says so; asking a mentor then needs no key); anonymous visitors are not asked.
atlas.sessionReady = loadSession(api).then((me) => {
  atlas.session = me;
  ui.account.show(me);
  return me;
});
const compare = new Compare(ui.compareView, {
  api, announce: (msg) => announce(msg),
  onChange: (ids) => { state.compare = ids; writeUrl(false); },
  open: (kind, id) => (kind === 'place' ? openPlace(id) : openPractice(id)),
});
const compareButton = (kind, id, name) => compare.toggleButton(kind, id, name);
const panels = new Panels(ui.detail, { api, catalogue, actions: {
  compareButton,
  openPlace: (id) => openPlace(id), openPractice: (id) => openPractice(id), openNetwork: (id) => openNetwork(id), close: () => closePanel(),
  openSettings: () => openSettings(),
  showMentorLines: (from, targets) => showMentorLines(from, targets),
  clearMentorLines: () => atlasMap.map && atlasMap.setMentorLines(null),
} });
const list = new PlaceList(ui.placeListView, { onOpen: (id) => openPlace(id), compareButton });
const practiceList = new PracticeList(ui.practiceListView, {
  onOpen: (id) => openPractice(id), placeById: () => catalogue.placeById, compareButton,
  onSort: (key) => { state.sort = key; writeUrl(false); },
});
const phone = window.matchMedia('(max-width: 760px)');
const atlasMap = new AtlasMap(ui.map, {
  config,
  // On a phone the open panel is a sheet over the lower 62% of the map: aim above it.
  insets: () => ({ top: 0, right: 0, left: 0,
    bottom: phone.matches && document.body.classList.contains('detail-open') ? Math.round(ui.mapArea.clientHeight * 0.62) : 0 }),
  onPlaceClick: (id) => openPlace(id),
  onMoveEnd: debounce((view) => {
    state.map = view;
    writeUrl(false);
    if (state.q && ui.extent.checked) search.run(state.q);
  }, 250),
});
atlas.map = atlasMap;
const search = new Search({
  form: ui.searchForm, input: ui.searchInput, listbox: ui.suggestions, results: ui.results, extentToggle: ui.extent,
  api, catalogue, getFilters: () => state, getBbox: () => atlasMap.bbox(),
  onChoose: (item) => choose(item),
  onQueryChange: () => {
    state.q = search.lastQuery;
    state.extent = ui.extent.checked;
    writeUrl(false);
  },
  announce: (msg) => announce(msg),
});

function buildPage() {
  const root = $('#app');
  clear(root);
  const live = el('div', { id: 'live', class: 'visually-hidden', role: 'status', 'aria-live': 'polite', 'aria-atomic': 'true' });
  const skip = el('a', { class: 'skip-link', href: '#list-title', onclick: (e) => { e.preventDefault(); setView('list', true); } }, t('app.skipToList'));

  // Header: title, search, view switch, filters button (phone).
  const searchInput = el('input', {
    id: 'search', type: 'search', autocomplete: 'off', spellcheck: 'false', placeholder: t('search.placeholder'),
    role: 'combobox', 'aria-autocomplete': 'list', 'aria-expanded': 'false', 'aria-controls': 'suggestions',
  });
  const suggestions = el('ul', { id: 'suggestions', role: 'listbox', 'aria-label': t('search.suggestions'), hidden: true });
  const searchForm = el('form', { class: 'search', role: 'search', 'aria-label': t('search.label') },
    el('label', { for: 'search', class: 'visually-hidden', text: t('search.label') }),
    el('div', { class: 'search-box' }, searchInput, suggestions),
    el('button', { type: 'submit', class: 'primary', text: t('search.submit') }));
  const extent = el('input', { type: 'checkbox', id: 'extent' });
  const filtersButton = el('button', { type: 'button', class: 'secondary filters-toggle', 'aria-expanded': 'false', 'aria-controls': 'sidebar', text: t('view.filters') });
  const mapButton = el('button', { type: 'button', class: 'segment', 'aria-pressed': 'true', text: t('view.map') });
  const listButton = el('button', { type: 'button', class: 'segment', 'aria-pressed': 'false', text: t('view.list') });
  const account = accountBox(api, { onSignOut: () => { atlas.session = null; } });
  const header = el('header', { class: 'top' },
    el('div', { class: 'brand' }, el('h1', { text: t('app.title') }), el('p', { class: 'tagline', text: t('app.tagline') })),
    searchForm,
    el('div', { class: 'view-switch', role: 'group', 'aria-label': t('view.switch') }, mapButton, listButton),
    filtersButton,
    account.box,
    languageMenu());

  // Sidebar: summary, filters, search results, settings.
  const summary = el('p', { class: 'summary', id: 'summary', text: t('app.loading') });
  const filters = el('form', { id: 'filters', class: 'filters', 'aria-labelledby': 'filters-title', 'aria-busy': 'true', onsubmit: (e) => e.preventDefault() });
  // Export of the current view (the open-data endpoints with the filters) and the link to share it.
  const exportLink = (id, text) => el('a', { id, class: 'export-link', download: '', text });
  const share = el('button', { type: 'button', id: 'share', class: 'secondary', text: t('share.copy') });
  const exportSection = el('section', { class: 'export', 'aria-labelledby': 'export-title' },
    el('h2', { id: 'export-title', text: t('export.title') }),
    el('ul', { class: 'plain-list' },
      el('li', {}, exportLink('export-practices-csv', t('export.practicesCsv'))),
      el('li', {}, exportLink('export-places-csv', t('export.placesCsv'))),
      el('li', {}, exportLink('export-places-geojson', t('export.placesGeoJson')),
        el('span', { id: 'export-geojson-hint', class: 'muted small', hidden: true, text: ' ' + t('export.geojsonHint') }))),
    share);
  const results = el('section', { id: 'results', class: 'results-panel', 'aria-label': t('search.results'), hidden: true });
  // The API key for asking a mentor: this tab's sessionStorage only, never the URL.
  const apiKey = el('input', { type: 'password', id: 'api-key', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'api-key-hint', value: getKey() });
  const forgetKey = el('button', { type: 'button', class: 'secondary', text: t('settings.forgetKey') });
  const settings = el('details', { class: 'settings' },
    el('summary', { text: t('settings.title') }),
    el('label', { for: 'api-key', class: 'field-label', text: t('settings.apiKey') }),
    el('div', { class: 'key-row' }, apiKey, forgetKey),
    el('div', { id: 'api-key-hint', class: 'muted small' },
      el('p', { text: t('settings.apiKeyHint') }),
      el('p', {}, t('settings.apiKeyHow'), ' ', el('code', { text: 'dotnet run --project api -- keys create --role place-representative --place <id>' }))),
    el('p', { class: 'small editor-link' }, el('a', { href: linkTo('editor.html'), text: t('settings.editor') })));
  // On a phone the sidebar is a drawer: this button (shown there only) closes it.
  const closeDrawerButton = el('button', { type: 'button', class: 'secondary drawer-close', text: t('view.closeFilters') });
  const sidebar = el('aside', { id: 'sidebar', class: 'sidebar', 'aria-label': t('filters.title') },
    closeDrawerButton,
    el('div', { class: 'extent-toggle check' }, extent, el('label', { for: 'extent', text: t('search.extent') })),
    results,
    el('h2', { id: 'filters-title', text: t('filters.title') }),
    summary,
    filters,
    exportSection,
    settings);

  // Map, legend, list view, detail panel.
  // Hidden until the places are drawn: the browser then composites the canvas once instead of on every
  // intermediate frame (which costs much when WebGL runs in software).
  const map = el('div', { id: 'map', class: 'map loading' });
  const legend = el('details', { class: 'legend', open: window.matchMedia('(min-width: 761px)').matches },
    el('summary', { class: 'legend-title', text: t('legend.title') }),
    el('ul', {},
      ROLES.map((r) => el('li', {}, el('span', { class: `dot dot-${r}`, style: `background:${ROLE_COLOURS[r]}`, 'aria-hidden': 'true' }), t(`role.${r}`))),
      el('li', {}, el('span', { class: 'dot pie', 'aria-hidden': 'true',
        style: `background:conic-gradient(${ROLE_COLOURS.frontrunner} 0 33%, ${ROLE_COLOURS.follower} 33% 66%, ${ROLE_COLOURS.peer} 66% 100%)` }), t('legend.cluster')),
      el('li', {}, el('span', { class: 'dot ring', 'aria-hidden': 'true' }), t('legend.highlight'))));
  const status = el('div', { class: 'map-status', hidden: true });
  // Until the places are drawn: seen (the map is hidden meanwhile) and heard (a status; the region is busy).
  const loading = el('div', { id: 'map-loading', class: 'map-loading', role: 'status' },
    el('span', { class: 'spinner', 'aria-hidden': 'true' }), el('span', { text: t('map.loadingPlaces') }));
  // The list view holds two lists, places and practices (every practice, also those of no place), one at a time.
  const placesListButton = el('button', { type: 'button', class: 'segment', 'aria-pressed': 'true', 'aria-controls': 'place-list-view', text: t('list.title') });
  const practicesListButton = el('button', { type: 'button', class: 'segment', 'aria-pressed': 'false', 'aria-controls': 'practice-list-view', text: t('practices.title') });
  const placeListView = el('div', { id: 'place-list-view' });
  const practiceListView = el('div', { id: 'practice-list-view', hidden: true });
  const listView = el('section', { id: 'list-view', class: 'list-view', 'aria-label': t('view.list'), hidden: true },
    el('div', { class: 'view-switch list-switch', role: 'group', 'aria-label': t('list.switch') }, placesListButton, practicesListButton),
    placeListView, practiceListView);
  const mapArea = el('div', { class: 'map-area', role: 'region', 'aria-label': t('map.region'), 'aria-busy': 'true' }, map, legend, status, loading);
  // Two to four practices or places side by side (compare.js), over the lower part of the map or list.
  const compareView = el('section', { id: 'compare', class: 'compare', 'aria-labelledby': 'compare-title', hidden: true });
  const detail = el('section', { id: 'detail', class: 'detail', 'aria-labelledby': 'detail-title', hidden: true });
  const main = el('main', { id: 'main' }, sidebar, el('div', { class: 'stage' }, mapArea, listView, compareView), detail);

  root.append(skip, header, main, live);

  mapButton.addEventListener('click', () => setView('map', true));
  listButton.addEventListener('click', () => setView('list', true));
  placesListButton.addEventListener('click', () => setList('places', true));
  practicesListButton.addEventListener('click', () => setList('practices', true));
  filtersButton.addEventListener('click', () => {
    if (document.body.classList.contains('sidebar-open')) closeDrawer(true);
    else openDrawer(true);
  });
  closeDrawerButton.addEventListener('click', () => closeDrawer(true));
  // A tap outside the open drawer (but not on the button that toggles it) closes it.
  // touchstart too: a touch screen does not always send pointer events before the map takes the gesture.
  const outside = (e) => {
    if (!document.body.classList.contains('sidebar-open') || sidebar.contains(e.target) || filtersButton.contains(e.target)) return;
    // The search form shows its results in the drawer: a tap there keeps it open.
    if (searchForm.contains(e.target)) return;
    closeDrawer(false);
  };
  for (const type of ['pointerdown', 'touchstart']) document.addEventListener(type, outside, { capture: true, passive: true });
  // On a phone the results are in the drawer: a search opens it, or the results would be drawn off screen.
  searchForm.addEventListener('submit', () => {
    if (!phone.matches || !searchInput.value.trim()) return;
    openDrawer(false);
    results.scrollIntoView({ block: 'start' });
  });
  share.addEventListener('click', async () => {
    try {
      await navigator.clipboard.writeText(location.href);
      announce(t('share.copied'));
    } catch {
      announce(t('share.failed'));
    }
  });
  // A new key may change what the open panel offers (a mentor's answer form).
  apiKey.addEventListener('input', () => { setKey(apiKey.value); actorChanged(); });
  apiKey.addEventListener('change', () => { apiKey.value = setKey(apiKey.value); });
  forgetKey.addEventListener('click', () => { apiKey.value = setKey(''); actorChanged(); apiKey.focus(); });
  // Escape closes the panel from inside it, or from the map or the page itself (not from a form field).
  document.addEventListener('keydown', (e) => {
    if (e.key !== 'Escape' || e.defaultPrevented) return;
    if (document.body.classList.contains('sidebar-open') && !ui.searchForm.contains(document.activeElement)) {
      e.preventDefault();
      closeDrawer(true);
      return;
    }
    if (ui.detail.hidden) return;
    const a = document.activeElement;
    // Not while typing in a field of the panel (the mentor request form): Escape there must not lose the text.
    if (ui.detail.contains(a) && a.matches('textarea, select, input:not([type=checkbox]):not([type=radio])')) return;
    if (ui.detail.contains(a) || !a || a === document.body || a === atlasMap.map?.getCanvas() || ui.mapArea.contains(a)) closePanel();
  });
  return { live, summary, filters, results, searchForm, searchInput, suggestions, extent, sidebar, map, mapArea, listView, placeListView, practiceListView, placesListButton, practicesListButton, detail, status, mapButton, listButton, filtersButton, settings, apiKey, account, loading, compareView };
}

/** The phone's filter drawer; focusFirst moves focus into it (opened by its button, not by a search). */
function openDrawer(focusFirst) {
  document.body.classList.add('sidebar-open');
  ui.filtersButton.setAttribute('aria-expanded', 'true');
  if (focusFirst) ui.sidebar.querySelector('input, select, button:not(.drawer-close)')?.focus();
}

/** Closes the drawer; focus goes back to the Filters button when it was in the drawer (or asked for). */
function closeDrawer(focusButton) {
  if (!document.body.classList.contains('sidebar-open')) return;
  const wasInside = ui.sidebar.contains(document.activeElement);
  document.body.classList.remove('sidebar-open');
  ui.filtersButton.setAttribute('aria-expanded', 'false');
  if (focusButton || wasInside) ui.filtersButton.focus();
}

/** Opens Settings (in the drawer on a phone) with the API key field focused. */
function openSettings() {
  if (phone.matches) openDrawer(false);
  ui.settings.open = true;
  ui.apiKey.focus();
  ui.apiKey.scrollIntoView({ block: 'nearest' });
}

/** The mentor finder's lines: from the follower to each candidate; the map shows them all. */
function showMentorLines(from, targets) {
  if (!atlasMap.map) return;
  const n = atlasMap.setMentorLines(from, targets);
  if (n > 0) atlasMap.fitTo([from, ...targets].filter((p) => p.coordinates), { maxZoom: 8 });
}

// ------------------------------------------------------------------ filters

function buildFilters() {
  const f = ui.filters;
  clear(f);
  f.removeAttribute('aria-busy');
  const check = (name, value, label, checked, swatch) => {
    const id = `f-${name}-${value}`;
    return el('div', { class: 'check' },
      el('input', { type: 'checkbox', id, name, value, checked }),
      el('label', { for: id }, swatch ? el('span', { class: 'swatch', style: `background:${swatch}`, 'aria-hidden': 'true' }) : null,
        el('span', { text: label }), ' ', el('span', { class: 'count', dataset: { count: `${name}:${value}` } })));
  };
  f.append(
    el('fieldset', {}, el('legend', { text: t('filters.themes') }),
      THEMES.map((x) => check('theme', x, t(`theme.${x}`), state.themes.includes(x)))),
    el('div', { class: 'check' },
      el('input', { type: 'checkbox', id: 'f-integrated', name: 'integrated', value: '1', checked: state.integrated, 'aria-describedby': 'f-integrated-hint' }),
      el('label', { for: 'f-integrated' }, el('span', { text: t('filters.integrated') }), ' ', el('span', { class: 'count', dataset: { count: 'integrated:1' } }))),
    el('p', { id: 'f-integrated-hint', class: 'muted small hint', text: t('filters.integratedHint') }),
    el('fieldset', {}, el('legend', { text: t('filters.roles') }),
      ROLES.map((r) => check('role', r, t(`role.${r}`), state.roles.includes(r), ROLE_COLOURS[r]))),
    el('label', { for: 'f-country', class: 'field-label', text: t('filters.country') }),
    el('select', { id: 'f-country', name: 'country' },
      el('option', { value: '', text: t('filters.anyCountry') }),
      catalogue.countries.map((c) => ({ c, name: countryName(c) })).sort((a, b) => a.name.localeCompare(b.name, language()))
        .map(({ c, name }) => el('option', { value: c, text: name, selected: state.country === c }))),
    el('label', { for: 'f-network', class: 'field-label', text: t('filters.network') }),
    el('select', { id: 'f-network', name: 'network' },
      el('option', { value: '', text: t('filters.anyNetwork') }),
      catalogue.networks.map((n) => el('option', { value: n.id, text: t('filters.networkOption', { name: n.name, n: n.members }), selected: state.inNetwork === n.id }))),
    el('details', { class: 'tags', open: state.tags.length > 0 || undefined },
      el('summary', { text: t('filters.tags') }),
      el('fieldset', {}, el('legend', { class: 'visually-hidden', text: t('filters.tags') }),
        catalogue.tags.map((x) => check('tag', x.id, x.label, state.tags.includes(x.id))))),
    el('button', { type: 'button', class: 'secondary reset', onclick: () => resetFilters() }, t('filters.reset')));
  f.addEventListener('change', () => {
    readFilters();
    refresh(true);
    writeUrl(false);
    followFilters();
  });
}

function readFilters() {
  const f = ui.filters;
  const checked = (name) => [...f.querySelectorAll(`input[name="${name}"]:checked`)].map((i) => i.value);
  state.themes = checked('theme');
  state.roles = checked('role');
  state.tags = checked('tag');
  state.integrated = f.querySelector('#f-integrated').checked;
  state.country = f.querySelector('#f-country').value;
  state.inNetwork = f.querySelector('#f-network').value;
}

function syncFilterControls() {
  const f = ui.filters;
  if (!catalogue.indexReady) return;
  for (const i of f.querySelectorAll('input[name="theme"]')) i.checked = state.themes.includes(i.value);
  for (const i of f.querySelectorAll('input[name="role"]')) i.checked = state.roles.includes(i.value);
  for (const i of f.querySelectorAll('input[name="tag"]')) i.checked = state.tags.includes(i.value);
  f.querySelector('#f-integrated').checked = state.integrated;
  f.querySelector('#f-country').value = state.country;
  f.querySelector('#f-network').value = catalogue.networkById.has(state.inNetwork) ? state.inNetwork : '';
}

function resetFilters() {
  Object.assign(state, { themes: [], tags: [], roles: [], country: '', integrated: false, inNetwork: '' });
  syncFilterControls();
  refresh(true);
  writeUrl(false);
  followFilters();
}

/** The search results follow the filters at once, as the counts do. */
function followFilters() {
  if (search.lastQuery && search.stale(search.lastQuery)) search.run(search.lastQuery);
}

/** Re-filters: markers, list, counts and the live region follow at once. */
async function refresh(announceIt) {
  if (state.inNetwork) {
    try {
      await catalogue.loadMembers(state.inNetwork);
    } catch (e) {
      atlas.errors.push(String(e));
    }
  }
  result = catalogue.apply(state);
  list.set(result.places, catalogue.indexReady ? result.practiceCounts : null);
  practiceList.set(result.practices);
  const placesText = t('filters.places', { n: result.places.length });
  const practicesText = t('filters.practices', { n: result.practiceCount });
  const offMap = result.places.filter((p) => !p.coordinates).length;
  ui.summary.textContent = t('filters.summary', { places: placesText, practices: practicesText });
  ui.summary.dataset.places = String(result.places.length);
  ui.summary.dataset.onMap = String(result.places.length - offMap);
  ui.summary.dataset.practices = String(result.practiceCount);
  for (const span of ui.filters.querySelectorAll('[data-count]')) {
    const [name, value] = span.dataset.count.split(':');
    const n = name === 'theme' ? result.themeCounts[value] : name === 'role' ? result.roleCounts[value]
      : name === 'tag' ? result.tagCounts[value] ?? 0 : result.integratedCount;
    span.textContent = `(${formatNumber(n ?? 0)})`;
    span.closest('.check')?.classList.toggle('zero', !n);
  }
  updateExports();
  if (announceIt) announce(t('filters.live', { places: placesText, practices: practicesText }) + (offMap ? ' ' + t('filters.offMap', { n: offMap }) : ''));
  await atlasMap.setPlaces(Catalogue.geojson(result.places));
}

/** The export links follow the filters (GeoJSON only where its parameters can say them). */
function updateExports() {
  const links = exportLinks(api, state);
  $('#export-practices-csv').href = links.practicesCsv;
  $('#export-places-csv').href = links.placesCsv;
  const geo = $('#export-places-geojson');
  if (links.placesGeoJson) geo.href = links.placesGeoJson;
  else geo.removeAttribute('href');
  geo.setAttribute('aria-disabled', String(!links.placesGeoJson));
  $('#export-geojson-hint').hidden = !!links.placesGeoJson;
}

const announce = (() => {
  let timer;
  return (msg) => {
    clearTimeout(timer);
    timer = setTimeout(() => { ui.live.textContent = msg; }, 200);
  };
})();

// ------------------------------------------------------------------ views and panels

function setView(view, focus) {
  state.view = view;
  const list_ = view === 'list';
  ui.listView.hidden = !list_;
  ui.mapArea.hidden = list_;
  ui.mapButton.setAttribute('aria-pressed', String(!list_));
  ui.listButton.setAttribute('aria-pressed', String(list_));
  if (list_) setList(state.list, false);
  else atlasMap.resize();
  if (focus) (list_ ? currentList().heading : atlasMap.map?.getCanvas())?.focus();
  writeUrl(false);
}

const currentList = () => (state.list === 'practices' ? practiceList : list);

/** Places or practices in the list view. */
function setList(which, focus) {
  state.list = which === 'practices' ? 'practices' : 'places';
  const practices = state.list === 'practices';
  ui.placeListView.hidden = practices;
  ui.practiceListView.hidden = !practices;
  ui.placesListButton.setAttribute('aria-pressed', String(!practices));
  ui.practicesListButton.setAttribute('aria-pressed', String(practices));
  if (practiceList.sortBy !== state.sort) practiceList.setSort(state.sort);
  currentList().render();
  if (focus) currentList().heading.focus();
  writeUrl(false);
}

function rememberOpener() {
  const a = document.activeElement;
  if (a && a !== document.body && !ui.detail.contains(a)) opener = a;
}

async function openPlace(id, { push = true, fly = true, focus = true } = {}) {
  if (!id) return;
  rememberOpener();
  document.body.classList.add('detail-open');
  Object.assign(state, { place: id, practice: null, network: null, town: null });
  atlasMap.setHighlight([]);
  writeUrl(push);
  const place = catalogue.placeById.get(id);
  atlasMap.setSelected(place ?? null);
  if (place?.coordinates && fly) atlasMap.flyTo(place.coordinates);
  const data = await panels.showPlace(id);
  if (data && focus) panels.focusTitle();
}

async function openPractice(id, { push = true, fly = true, focus = true } = {}) {
  if (!id) return;
  rememberOpener();
  document.body.classList.add('detail-open');
  Object.assign(state, { practice: id, network: null, town: null });
  atlasMap.setHighlight([]);
  const known = catalogue.practices.find((p) => p.id === id);
  if (known) state.place = known.placeId;
  writeUrl(push);
  const data = await panels.showPractice(id);
  if (data) {
    state.place = data.PlaceId;
    writeUrl(false);
    const place = catalogue.placeById.get(data.PlaceId);
    atlasMap.setSelected(place ?? null);
    if (place?.coordinates && fly) atlasMap.flyTo(place.coordinates);
    if (focus) panels.focusTitle();
  }
}

/** The network panel; its members are highlighted on the map. */
async function openNetwork(id, { push = true, fly = true, focus = true } = {}) {
  if (!id) return;
  rememberOpener();
  document.body.classList.add('detail-open');
  Object.assign(state, { network: id, place: null, practice: null, town: null });
  writeUrl(push);
  atlasMap.setSelected(null);
  const data = await panels.showNetwork(id);
  if (data) {
    const members = [...new Set((data.Memberships ?? []).map((m) => m.PlaceId))].map((pid) => catalogue.placeById.get(pid)).filter(Boolean);
    atlasMap.setHighlight(members);
    if (fly) atlasMap.fitTo(members);
    if (focus) panels.focusTitle();
  }
}

/** A town of the gazetteer (a catalogue place or not): fly there and open its panel. */
async function openTown(geonamesId, { push = true, fly = true, focus = true, known = null } = {}) {
  if (!geonamesId) return;
  rememberOpener();
  document.body.classList.add('detail-open');
  Object.assign(state, { town: String(geonamesId), place: null, practice: null, network: null });
  atlasMap.setHighlight([]);
  writeUrl(push);
  const mark = (x) => ({ id: `town-${x.geonamesId}`, name: x.name, role: 'town', coordinates: [x.longitude, x.latitude] });
  if (known) {
    atlasMap.setSelected(mark(known));
    if (fly) atlasMap.flyTo(mark(known).coordinates, 9);
  }
  const data = await panels.showTown(geonamesId);
  if (data) {
    atlasMap.setSelected(mark(data));
    if (fly && !known) atlasMap.flyTo(mark(data).coordinates, 9);
    if (focus) panels.focusTitle();
  }
}

function closePanel({ push = true } = {}) {
  panels.hide();
  document.body.classList.remove('detail-open');
  Object.assign(state, { place: null, practice: null, network: null, town: null });
  atlasMap.setSelected(null);
  atlasMap.setHighlight([]);
  writeUrl(push);
  const target = opener && document.contains(opener) && !opener.closest('[hidden]') ? opener : (state.view === 'list' ? currentList().heading : atlasMap.map.getCanvas());
  target?.focus();
  opener = null;
}

/** A suggestion or a search result: fly there and open it. */
function choose(item) {
  // On a phone the drawer that holds the results would hide the map and the panel.
  if (phone.matches) closeDrawer(false);
  if (item.type === 'place') return openPlace(item.id);
  if (item.type === 'practice') return openPractice(item.id);
  if (item.type === 'initiative') return openNetwork(item.id);
  if (item.type === 'town') return openTown(item.id, { known: item.town });
  if (item.type === 'event') {
    if (item.placeId) return openPlace(item.placeId);
    return api.odata(`Events(${encodeURIComponent(`'${String(item.id).replace(/'/g, "''")}'`)})`, { $select: 'Id,InitiativeId' })
      .then((e) => (e.InitiativeId ? openNetwork(e.InitiativeId) : null)).catch(() => null);
  }
  return item.placeId ? openPlace(item.placeId) : null;
}

// ------------------------------------------------------------------ URL

function writeUrl(push) {
  const hash = toHash(state);
  const url = location.pathname + location.search + hash;
  if (url === location.pathname + location.search + location.hash) return;
  history[push ? 'pushState' : 'replaceState'](null, '', url || location.pathname);
}

/** Brings the page to what the URL says (a shared link, Back/Forward). */
async function applyState({ fromLoad = false } = {}) {
  syncFilterControls();
  ui.searchInput.value = state.q;
  ui.extent.checked = state.extent;
  setView(state.view, false);
  await refresh(!fromLoad);
  if (!fromLoad && state.map) atlasMap.jumpTo(state.map);
  const fly = !state.map;
  if (state.practice) await openPractice(state.practice, { push: false, fly, focus: !fromLoad });
  else if (state.place) await openPlace(state.place, { push: false, fly, focus: !fromLoad });
  else if (state.network) await openNetwork(state.network, { push: false, fly, focus: !fromLoad });
  else if (state.town) await openTown(state.town, { push: false, fly, focus: !fromLoad });
  else if (!ui.detail.hidden) {
    panels.hide();
    document.body.classList.remove('detail-open');
    atlasMap.setSelected(null);
    atlasMap.setHighlight([]);
  }
  if (state.q && search.stale(state.q)) search.run(state.q);
  else if (!state.q && search.lastQuery) search.run('');
  compare.set(state.compare);
}

/**
 * The view a hash says; its language stays in the link once it is not English (or was asked for), so a
 * shared link opens in the same language. A link in another language builds the page again in it.
 */
function readHash(hash) {
  const s = parseHash(hash);
  if (!s.lang && language() !== 'en') s.lang = language();
  return s;
}
const otherLanguage = (s) => s.lang && s.lang !== language();

window.addEventListener('popstate', () => {
  state = atlas.state = readHash(location.hash);
  if (otherLanguage(state)) location.reload();
  else applyState();
});
window.addEventListener('hashchange', () => {
  const next = readHash(location.hash);
  if (otherLanguage(next)) return location.reload();
  if (toHash(next) === toHash(state)) return;
  state = atlas.state = next;
  applyState();
});

// ------------------------------------------------------------------ start

async function start() {
  // From the start: a publish while the page loads is seen at the first check after it.
  atlas.stopWatching = watchCatalogue(api, { seconds: config.pollSeconds, onChange: () => reloadCatalogue() });
  // The practice index waits until the map is drawn, unless the link filters on practices or a network.
  const needsIndex = state.themes.length || state.tags.length || state.integrated || state.inNetwork;
  const loadIndex = () => catalogue.loadIndex().catch((e) => { atlas.errors.push(String(e)); throw e; });
  let indexLoad = needsIndex ? loadIndex() : null;
  try {
    await Promise.all([atlasMap.init(state.map), catalogue.loadPlaces(), indexLoad]);
  } catch (e) {
    fail(e);
    return;
  }
  performance.mark('atlas:data');
  if (!state.map && !state.place && !state.practice && !state.network && !state.town) atlasMap.fitTo(catalogue.places, { animate: false, maxZoom: 6 });
  await refresh(false);
  ui.map.classList.remove('loading');
  doneLoading();
  atlas.ready = true;
  atlas.usableAt = performance.now();
  document.body.dataset.map = 'ready';
  try {
    await (indexLoad ?? loadIndex());
  } catch (e) {
    fail(e);
    return;
  }
  buildFilters();
  atlas.indexReady = true;
  await applyState({ fromLoad: true });
  document.body.dataset.index = 'ready';
  announce(ui.summary.textContent);
}

/** A publish or unpublish elsewhere: the places and the practice index again, then markers, list and counts. */
async function reloadCatalogue() {
  if (!atlas.indexReady) return;
  try {
    await Promise.all([catalogue.loadPlaces(), catalogue.loadIndex()]);
  } catch (e) {
    atlas.errors.push(String(e));
    return;
  }
  catalogue.membersByNetwork.clear();
  await refresh(false);
  announce(t('app.updated', { summary: ui.summary.textContent }));
}

function doneLoading() {
  ui.loading.remove();
  ui.mapArea.removeAttribute('aria-busy');
}

function fail(e) {
  console.warn(e);
  doneLoading();
  const webgl = /webgl/i.test(String(e?.message ?? e));
  ui.status.hidden = false;
  clear(ui.status).append(el('p', { role: 'alert', text: webgl ? t('app.webglError') : t('app.loadError', { detail: e?.message ?? String(e) }) }));
  ui.summary.textContent = '';
}

start();
