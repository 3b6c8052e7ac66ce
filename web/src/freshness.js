// An open map follows publishing: when a reviewer publishes or unpublishes a record, the counts change without
// a reload.
//
// Why polling /api/catalogue/version with If-None-Match (and not server-sent events): it is one small GET that
// answers a bodiless 304 while nothing changed, it works through every proxy and static host the site may sit
// behind, holds no connection open per tab on the server, and needs nothing to reconnect; a hidden tab does not
// ask at all and asks once as soon as it is shown again. A publish shows within one interval (config pollSeconds).

/**
 * Watches the catalogue's version; calls onChange() (awaited, never twice at once) when it differs from the
 * one first seen. Returns a function that stops watching.
 */
export function watchCatalogue(api, { seconds, onChange }) {
  if (!(seconds > 0)) return () => {};
  let etag = null;
  let timer = null;
  let busy = false;
  let stopped = false;

  async function check() {
    if (busy || stopped || document.visibilityState !== 'visible') return;
    busy = true;
    try {
      const headers = { Accept: 'application/json' };
      if (etag) headers['If-None-Match'] = etag;
      // no-store: the browser's cache must not answer for the server; the 304 comes back to us as it is.
      const res = await fetch(api.url('/api/catalogue/version'), { headers, cache: 'no-store' });
      const next = res.headers.get('ETag');
      if (res.status === 200 && next) {
        const changed = etag !== null && next !== etag;
        etag = next;
        if (changed) await onChange();
      }
    } catch {
      // Offline or the API is restarting: the next tick tries again.
    } finally {
      busy = false;
    }
  }

  const schedule = () => {
    clearInterval(timer);
    timer = setInterval(check, seconds * 1000);
  };
  const onVisible = () => {
    if (document.visibilityState === 'visible') check();
  };
  document.addEventListener('visibilitychange', onVisible);
  schedule();
  check();
  return () => {
    stopped = true;
    clearInterval(timer);
    document.removeEventListener('visibilitychange', onVisible);
  };
}
