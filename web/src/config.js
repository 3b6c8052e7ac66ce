// Settings of the site. The API base URL comes from, in order: the ?api= query parameter, a
// <meta name="atlas-api" content="..."> in index.html, window.ATLAS_CONFIG.apiBase (public/config.js, which a
// static host can edit), or the site's own origin (the API serves the site at "/").
export function readConfig(win = window) {
  const file = win.ATLAS_CONFIG ?? {};
  const param = new URLSearchParams(win.location.search).get('api');
  const meta = win.document.querySelector('meta[name="atlas-api"]')?.getAttribute('content');
  let apiBase = [param, meta, file.apiBase].find((v) => typeof v === 'string' && v.trim() !== '') ?? '';
  apiBase = apiBase.trim().replace(/\/+$/, '');
  if (apiBase && !/^https?:\/\//i.test(apiBase) && !apiBase.startsWith('/')) apiBase = '';
  return {
    apiBase,
    initialView: file.initialView ?? { center: [15, 54], zoom: 3.3 },
    // How often (seconds) an open, visible map asks whether a publish changed the catalogue; 0 turns it off.
    pollSeconds: Number.isFinite(file.pollSeconds) && file.pollSeconds >= 0 ? file.pollSeconds : 30,
  };
}
