// The view as a URL: everything a shared link must reproduce lives in the hash, e.g.
// #map=6/58.38/26.73&place=ee-tartu& (or town=<GeoNames id>) &theme=energy,mobility&integrated=1&q=bike
// (&view=list&list=practices&sort=year: the list view on the practices, by year; &compare=id1,id2: the comparison;
// &lang=et: the interface language)
// Enum values are spelled as the JSON APIs answer them (snake_case: "spatial_planning"); see enumKey.
export const THEMES = ['energy', 'mobility', 'spatial_planning'];
export const ROLES = ['frontrunner', 'follower', 'peer'];
const LANGS = ['en', 'et', 'lv', 'lt', 'fi', 'pl']; // as i18n/index.js LANGUAGES (state.js stays free of the DOM)

/**
 * An enum value as the JSON APIs and data/ spell it (snake_case). OData answers its own member names
 * ("SpatialPlanning", "LeadPartner") and old links hold them too ("theme=SpatialPlanning"): both become "spatial_planning".
 */
export const enumKey = (v) => String(v ?? '').replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/-/g, '_').toLowerCase();

export function emptyState() {
  return {
    map: null, // { zoom, lat, lon }
    place: null,
    practice: null,
    network: null,
    town: null, // a GeoNames id (the town panel)
    themes: [],
    tags: [],
    roles: [],
    country: '',
    inNetwork: '', // the network filter (members only); `network` is the open network panel
    integrated: false,
    q: '',
    extent: false,
    view: 'map',
    list: 'places', // the list view's list: places or practices
    sort: 'title', // the practices list's order: title, place or year
    compare: [], // up to four place or practice ids side by side (compare.js)
    lang: '', // the interface language (i18n LANGUAGES), when the link says it
  };
}

const list = (v) => (v ? v.split(',').map((x) => x.trim()).filter(Boolean) : []);
const id = (v) => (v && /^[\w.-]{1,200}$/.test(v) ? v : null);

export function parseHash(hash) {
  const s = emptyState();
  const p = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const m = (p.get('map') ?? '').split('/').map(Number);
  if (m.length === 3 && m.every(Number.isFinite) && Math.abs(m[1]) <= 90 && Math.abs(m[2]) <= 180) {
    s.map = { zoom: Math.min(Math.max(m[0], 0), 22), lat: m[1], lon: m[2] };
  }
  s.place = id(p.get('place'));
  s.practice = id(p.get('practice'));
  s.network = id(p.get('network'));
  s.town = /^\d{1,12}$/.test(p.get('town') ?? '') ? p.get('town') : null;
  s.themes = [...new Set(list(p.get('theme')).map(enumKey))].filter((x) => THEMES.includes(x));
  s.tags = list(p.get('tag')).filter((x) => id(x));
  s.roles = [...new Set(list(p.get('role')).map(enumKey))].filter((x) => ROLES.includes(x));
  s.country = /^[A-Za-z]{2}$/.test(p.get('country') ?? '') ? p.get('country').toUpperCase() : '';
  s.inNetwork = id(p.get('net')) ?? '';
  s.integrated = p.get('integrated') === '1';
  s.q = (p.get('q') ?? '').slice(0, 200);
  s.extent = p.get('extent') === '1';
  s.view = p.get('view') === 'list' ? 'list' : 'map';
  s.list = p.get('list') === 'practices' ? 'practices' : 'places';
  s.sort = ['place', 'year'].includes(p.get('sort')) ? p.get('sort') : 'title';
  s.compare = [...new Set(list(p.get('compare')).filter((x) => id(x)))].slice(0, 4);
  s.lang = LANGS.includes(p.get('lang')) ? p.get('lang') : '';
  return s;
}

export function toHash(s) {
  const p = [];
  const add = (k, v) => p.push(`${k}=${encodeURIComponent(v).replace(/%2C/g, ',').replace(/%2F/g, '/')}`);
  if (s.map) add('map', `${s.map.zoom.toFixed(2)}/${s.map.lat.toFixed(4)}/${s.map.lon.toFixed(4)}`);
  if (s.place) add('place', s.place);
  if (s.practice) add('practice', s.practice);
  if (s.network) add('network', s.network);
  if (s.town) add('town', s.town);
  if (s.themes.length) add('theme', s.themes.join(','));
  if (s.tags.length) add('tag', s.tags.join(','));
  if (s.roles.length) add('role', s.roles.join(','));
  if (s.country) add('country', s.country);
  if (s.inNetwork) add('net', s.inNetwork);
  if (s.integrated) add('integrated', '1');
  if (s.q) add('q', s.q);
  if (s.extent) add('extent', '1');
  if (s.view === 'list') add('view', 'list');
  if (s.list === 'practices') add('list', 'practices');
  if (s.sort !== 'title') add('sort', s.sort);
  if (s.compare?.length) add('compare', s.compare.join(','));
  if (s.lang) add('lang', s.lang);
  return p.length ? '#' + p.join('&') : '';
}
