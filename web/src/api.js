// Every request the site makes: OData (/odata), OGC API - Features (/collections) and search (/api/search).
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class Api {
  constructor(base) {
    this.base = base;
  }

  url(path) {
    return this.base + path;
  }

  async json(urlOrPath, { signal } = {}) {
    const url = /^https?:/i.test(urlOrPath) ? urlOrPath : this.url(urlOrPath);
    let res;
    try {
      res = await fetch(url, { headers: { Accept: 'application/json' }, signal });
    } catch (e) {
      if (e.name === 'AbortError') throw e;
      throw new ApiError(0, e.message || 'network error');
    }
    if (!res.ok) {
      let detail = `HTTP ${res.status}`;
      try {
        const body = await res.json();
        detail = body?.error?.message ?? body?.detail ?? body?.title ?? detail;
      } catch { /* not JSON */ }
      throw new ApiError(res.status, detail);
    }
    return res.json();
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

/** An OData string literal: single quotes doubled. */
export const lit = (s) => `'${String(s).replace(/'/g, "''")}'`;
