// Every request the site makes: OData (/odata), OGC API - Features (/collections), search (/api/search), the
// mentor finder (/api/places/{id}/mentors) and the writes (/api/mentorships, the curation API) with an API key
// or the session cookie (same origin) and its antiforgery token. Every request says the interface's language
// (Accept-Language), so that the problems the API answers with (titles, details, field errors) are in it.
import { language } from './i18n/index.js';

export class ApiError extends Error {
  constructor(status, message, body = null) {
    super(message);
    this.status = status;
    this.body = body; // the problem details, when the API sent some
  }
}

export class Api {
  constructor(base) {
    this.base = base;
    // The antiforgery token of the signed-in person's session (session.js); sent with every write made
    // without a key, as the server requires of cookie-authenticated writes.
    this.xsrf = null;
  }

  url(path) {
    return this.base + path;
  }

  async json(urlOrPath, { signal } = {}) {
    const url = /^https?:/i.test(urlOrPath) ? urlOrPath : this.url(urlOrPath);
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'application/json', 'Accept-Language': language() }, signal });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, e.message || 'network error');
    }
    if (!res.ok) {
      let detail = `HTTP ${res.status}`;
      let body = null;
      try {
        body = await res.json();
        detail = body?.error?.message ?? body?.detail ?? body?.title ?? detail;
      } catch { /* not JSON */ }
      throw new ApiError(res.status, detail, body);
    }
    return res.json();
  }

  /**
   * A request that may write: JSON body, optional bearer key and If-Match. Never throws for an HTTP status:
   * resolves to { status, ok, etag, headers, body, detail } (body: the parsed JSON or null; detail: the
   * problem's detail or title). A network failure is an ApiError with status 0.
   */
  async send(method, path, { body, key, ifMatch, signal } = {}) {
    const headers = { Accept: 'application/json', 'Accept-Language': language() };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (key) headers.Authorization = `Bearer ${key}`;
    else if (this.xsrf && !['GET', 'HEAD'].includes(method)) headers['X-XSRF-TOKEN'] = this.xsrf;
    if (ifMatch) headers['If-Match'] = ifMatch;
    let res;
    try {
      res = await fetch(this.url(path), { method, headers, body: body === undefined ? undefined : JSON.stringify(body), signal, cache: 'no-store' });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, e.message || 'network error');
    }
    let parsed = null;
    const text = await res.text();
    if (text) {
      try { parsed = JSON.parse(text); } catch { /* not JSON */ }
    }
    const detail = res.ok ? null : (parsed?.detail ?? parsed?.error?.message ?? parsed?.title ?? `HTTP ${res.status}`);
    return { status: res.status, ok: res.ok, etag: res.headers.get('ETag'), headers: res.headers, body: parsed, detail };
  }

  /** Ranked mentors for a follower or peer; themes and tags are lists (empty: the place's stored interests). */
  mentors(placeId, query, opts) {
    return this.json(`/api/places/${encodeURIComponent(placeId)}/mentors?${mentorQuery(query)}`, opts);
  }

  /** The same ranking for any town of the gazetteer, from the town's point, population and country. */
  townMentors(geonamesId, query, opts) {
    return this.json(`/api/towns/${encodeURIComponent(geonamesId)}/mentors?${mentorQuery(query)}`, opts);
  }

  /** Towns of the gazetteer whose names begin like q (folded, typo-tolerant), best first. */
  towns(q, { limit = 5 } = {}, opts) {
    return this.json(`/api/towns?q=${encodeURIComponent(q)}&limit=${limit}`, opts);
  }

  /** A town with its nearest catalogue places and their practices. */
  town(geonamesId, opts) {
    return this.json(`/api/towns/${encodeURIComponent(geonamesId)}`, opts);
  }

  /** An OData query string; values are encoded, the $-names are kept as they are. */
  static query(params) {
    return Object.entries(params)
      .filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
      .join('&');
  }

  odata(path, params = {}, opts) {
    const q = Api.query(params);
    return this.json(`/odata/${path}${q ? '?' + q : ''}`, opts);
  }

  /** Every row of an entity set: the first page tells the count, the rest are fetched a few at a time. */
  async odataAll(set, params = {}, { pageSize = 200, parallel = 4, signal } = {}) {
    const base = { ...params, $orderby: params.$orderby ?? 'Id', $top: pageSize };
    const first = await this.odata(set, { ...base, $count: 'true' }, { signal });
    const rows = [...first.value];
    const total = first['@odata.count'] ?? rows.length;
    const skips = [];
    for (let skip = rows.length; skip < total; skip += pageSize) skips.push(skip);
    for (let i = 0; i < skips.length; i += parallel) {
      const pages = await Promise.all(skips.slice(i, i + parallel).map((skip) => this.odata(set, { ...base, $skip: skip }, { signal })));
      for (const p of pages) rows.push(...p.value);
    }
    return rows;
  }

  /** Every row of a query whose result the server pages by itself ($apply): follows @odata.nextLink. */
  async odataFollow(path, params = {}, { signal } = {}) {
    let page = await this.odata(path, params, { signal });
    const rows = [...page.value];
    while (page['@odata.nextLink']) {
      page = await this.json(this.rebase(page['@odata.nextLink']), { signal });
      rows.push(...page.value);
    }
    return rows;
  }

  /** Every feature of an OGC API - Features collection, following the `next` links. */
  async features(collection, params = {}, { signal } = {}) {
    const q = Api.query({ limit: 10000, ...params });
    let url = this.url(`/collections/${collection}/items?${q}`);
    const features = [];
    while (url) {
      const page = await this.json(url, { signal });
      features.push(...page.features);
      const next = page.links?.find((l) => l.rel === 'next')?.href;
      url = next && page.numberReturned > 0 ? this.rebase(next) : null;
    }
    return features;
  }

  /** A link the server wrote with its own host, re-pointed at the configured base (proxies, static hosts). */
  rebase(href) {
    try {
      const u = new URL(href);
      return this.url(u.pathname + u.search);
    } catch {
      return href;
    }
  }

  search(params, opts) {
    const sp = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) {
      if (Array.isArray(v)) v.forEach((x) => sp.append(k, x));
      else if (v !== undefined && v !== null && v !== '') sp.set(k, v);
    }
    return this.json(`/api/search?${sp}`, opts);
  }

  suggest(q, opts) {
    return this.json(`/api/search/suggest?q=${encodeURIComponent(q)}`, opts);
  }
}

function mentorQuery({ themes = [], tags = [], limit = 10 } = {}) {
  const sp = new URLSearchParams();
  if (themes.length) sp.set('themes', themes.join(','));
  if (tags.length) sp.set('tags', tags.join(','));
  sp.set('limit', String(limit));
  return sp;
}

/** An OData string literal: single quotes doubled. */
export const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
