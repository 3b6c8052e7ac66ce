// Builds the static site into dist/: the app bundle (esbuild), MapLibre's worker and CSS, the offline
// basemap (Natural Earth countries from world-atlas, TopoJSON -> GeoJSON with topojson-client) and the
// static files from public/. Works offline once `npm ci` has run. Usage: node build.mjs [--dev]
import { build } from 'esbuild';
import { feature, mesh } from 'topojson-client';
import { GeoJSONVT } from '@maplibre/geojson-vt';
import { fromGeojsonVt } from '@maplibre/vt-pbf';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const dev = process.argv.includes('--dev');
const started = Date.now();

fs.rmSync(dist, { recursive: true, force: true });
fs.mkdirSync(path.join(dist, 'assets'), { recursive: true });
fs.mkdirSync(path.join(dist, 'basemap'), { recursive: true });

// 1. The application: ES modules. MapLibre is a chunk of its own, imported when the map starts, so the
//    small app module runs (and asks the API for the places) while the browser still parses MapLibre.
//    MapLibre resolves its worker next to the module that contains it (import.meta.url), so the worker is
//    copied beside the chunks.
await build({
  // The map, the editor page (editor.html) and the account pages (signin.html, request-access.html,
  // account/invitation/, account/reset/, account/: their HTML is made in step 4); modules they share (i18n, DOM helpers, the API client) land in
  // a common chunk.
  entryPoints: { app: path.join(here, 'src/main.js'), editor: path.join(here, 'src/editor.js'), account: path.join(here, 'src/account.js') },
  bundle: true,
  splitting: true,
  format: 'esm',
  target: ['es2022'],
  minify: !dev,
  sourcemap: true,
  outdir: path.join(dist, 'assets'),
  chunkNames: '[name]-[hash]',
  legalComments: 'linked',
  logLevel: 'warning',
});
const maplibre = path.join(here, 'node_modules/maplibre-gl/dist');
fs.copyFileSync(path.join(maplibre, 'maplibre-gl-worker.mjs'), path.join(dist, 'assets/maplibre-gl-worker.mjs'));
fs.copyFileSync(path.join(maplibre, 'maplibre-gl.css'), path.join(dist, 'assets/maplibre-gl.css'));
fs.copyFileSync(path.join(here, 'node_modules/maplibre-gl/LICENSE.txt'), path.join(dist, 'assets/maplibre-gl.LICENSE.txt'));

// 2. The basemap: Natural Earth 1:50m countries (world-atlas), clipped to the map's extent (Europe and its
//    neighbours), cut into vector tiles for zoom 0-6 (MapLibre over-zooms beyond): a layer `land` of country
//    polygons and a layer `borders` of their outlines (borders and coasts, each drawn once). Only the tiles
//    in view are loaded, so the basemap costs little at start. Tiles are named .bin so that any static
//    server (including the API's) serves them without configuration; an empty tile is an empty file.
const EXTENT = [-45, 20, 75, 82]; // must contain the map's maxBounds; src/map.js has the same numbers
const topo = JSON.parse(fs.readFileSync(path.join(here, 'node_modules/world-atlas/countries-50m.json'), 'utf8'));
const countries = feature(topo, topo.objects.countries);
const round = (v) => Math.round(v * 1000) / 1000;
function ringBox(ring, box) {
  for (const [x, y] of ring) { box[0] = Math.min(box[0], x); box[1] = Math.min(box[1], y); box[2] = Math.max(box[2], x); box[3] = Math.max(box[3], y); }
  return box;
}
const intersects = (b) => b[0] <= EXTENT[2] && b[2] >= EXTENT[0] && b[1] <= EXTENT[3] && b[3] >= EXTENT[1];
function cleanRing(ring) {
  const out = [];
  for (const [x, y] of ring) {
    const p = [round(x), round(y)];
    const last = out[out.length - 1];
    if (!last || last[0] !== p[0] || last[1] !== p[1]) out.push(p);
  }
  return out.length >= 4 ? out : null;
}
// A ring that crosses the antimeridian (Russia's Chukotka) is unwrapped first, then every ring is clipped to
// the extent (Sutherland-Hodgman against each edge of the rectangle).
function unwrap(ring) {
  let min = Infinity, max = -Infinity;
  for (const [x] of ring) { min = Math.min(min, x); max = Math.max(max, x); }
  return max - min > 180 ? ring.map(([x, y]) => [x < 0 ? x + 360 : x, y]) : ring;
}
function clipRing(ring) {
  const edges = [
    (p) => p[0] >= EXTENT[0], (p) => p[0] <= EXTENT[2], (p) => p[1] >= EXTENT[1], (p) => p[1] <= EXTENT[3],
  ];
  const cut = [
    (a, b) => [EXTENT[0], a[1] + ((EXTENT[0] - a[0]) * (b[1] - a[1])) / (b[0] - a[0])],
    (a, b) => [EXTENT[2], a[1] + ((EXTENT[2] - a[0]) * (b[1] - a[1])) / (b[0] - a[0])],
    (a, b) => [a[0] + ((EXTENT[1] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), EXTENT[1]],
    (a, b) => [a[0] + ((EXTENT[3] - a[1]) * (b[0] - a[0])) / (b[1] - a[1]), EXTENT[3]],
  ];
  let pts = ring.slice(0, -1);
  for (let e = 0; e < 4 && pts.length; e++) {
    const inside = edges[e];
    const out = [];
    for (let i = 0; i < pts.length; i++) {
      const a = pts[i], b = pts[(i + 1) % pts.length];
      if (inside(a)) {
        out.push(a);
        if (!inside(b)) out.push(cut[e](a, b));
      } else if (inside(b)) out.push(cut[e](a, b));
    }
    pts = out;
  }
  if (pts.length < 3) return null;
  return [...pts, pts[0]];
}
const features = [];
for (const f of countries.features) {
  if (!f.geometry) continue;
  const polys = f.geometry.type === 'Polygon' ? [f.geometry.coordinates] : f.geometry.coordinates;
  const kept = polys
    .map((poly) => poly.map(unwrap))
    .filter((poly) => intersects(ringBox(poly[0], [Infinity, Infinity, -Infinity, -Infinity])))
    .map((poly) => poly.map(clipRing).filter(Boolean).map(cleanRing).filter(Boolean))
    .filter((poly) => poly.length > 0);
  if (kept.length === 0) continue;
  features.push({ type: 'Feature', properties: { name: f.properties.name }, geometry: { type: 'MultiPolygon', coordinates: kept } });
}
const land = { type: 'FeatureCollection', features };
const lines = [];
for (const line of mesh(topo, topo.objects.countries).coordinates) {
  let part = [];
  for (const [x, y] of line) {
    const prev = part[part.length - 1];
    if (prev && Math.abs(prev[0] - x) > 180) { lines.push(part); part = []; }
    part.push([x, y]);
  }
  lines.push(part);
}
const borders = { type: 'FeatureCollection', features: lines
  .filter((l) => l.length > 1 && intersects(ringBox(l, [Infinity, Infinity, -Infinity, -Infinity])))
  .map((l) => ({ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: l } })) };
const MAX_TILE_ZOOM = 6;
const vt = (data) => new GeoJSONVT(data, { maxZoom: MAX_TILE_ZOOM, indexMaxZoom: MAX_TILE_ZOOM, indexMaxPoints: 0, tolerance: 3, extent: 4096, buffer: 64 });
const landIndex = vt(land);
const borderIndex = vt(borders);
const lon2x = (lon, z) => Math.floor(((lon + 180) / 360) * 2 ** z);
const lat2y = (lat, z) => Math.floor(((1 - Math.log(Math.tan((lat * Math.PI) / 180) + 1 / Math.cos((lat * Math.PI) / 180)) / Math.PI) / 2) * 2 ** z);
let tiles = 0, tileBytes = 0;
for (let z = 0; z <= MAX_TILE_ZOOM; z++) {
  for (let x = lon2x(EXTENT[0], z); x <= Math.min(lon2x(EXTENT[2], z), 2 ** z - 1); x++) {
    fs.mkdirSync(path.join(dist, `basemap/tiles/${z}/${x}`), { recursive: true });
    for (let y = lat2y(EXTENT[3], z); y <= Math.min(lat2y(EXTENT[1], z), 2 ** z - 1); y++) {
      const layers = {};
      const l = landIndex.getTile(z, x, y);
      const b = borderIndex.getTile(z, x, y);
      if (l) layers.land = l;
      if (b) layers.borders = b;
      const bytes = Object.keys(layers).length ? fromGeojsonVt(layers, { version: 2, extent: 4096 }) : new Uint8Array(0);
      fs.writeFileSync(path.join(dist, `basemap/tiles/${z}/${x}/${y}.bin`), bytes);
      tiles++;
      tileBytes += bytes.length;
    }
  }
}
fs.copyFileSync(path.join(here, 'node_modules/world-atlas/LICENSE'), path.join(dist, 'basemap/world-atlas.LICENSE.txt'));

// 3. Static files (index.html, editor.html, config.js, styles, icons).
fs.cpSync(path.join(here, 'public'), dist, { recursive: true });

// 4. The account pages' HTML: one shell each, the same but for the title, the page account.js builds and, in a
//    folder (the paths Accounts:InvitationPath and Accounts:ResetPath name), a <base> back to the site's root.
//    Without JavaScript there is no language menu, so the noscript line is in all six languages.
const accountPages = [
  { file: 'signin.html', title: 'Sign in', page: 'signin' },
  { file: 'request-access.html', title: 'Request access', page: 'request-access' },
  { file: 'account/index.html', title: 'Your account', page: 'account' },
  { file: 'account/invitation/index.html', title: 'Invitation', page: 'invitation' },
  { file: 'account/reset/index.html', title: 'New password', page: 'reset' },
];
const noscript = [
  ['', 'This page needs JavaScript.'], ['et', 'See leht vajab JavaScripti.'], ['lv', 'Šai lapai nepieciešams JavaScript.'],
  ['lt', 'Šiam puslapiui reikia JavaScript.'], ['fi', 'Tämä sivu tarvitsee JavaScriptin.'], ['pl', 'Ta strona wymaga JavaScriptu.'],
].map(([lang, text]) => `<p${lang ? ` lang="${lang}"` : ''}>${text}</p>`).join('');
for (const { file, title, page } of accountPages) {
  const depth = file.split('/').length - 1;
  const base = depth ? `  <base href="${'../'.repeat(depth)}">\n` : '';
  fs.mkdirSync(path.dirname(path.join(dist, file)), { recursive: true });
  fs.writeFileSync(path.join(dist, file), `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
${base}  <title>${title} — FrontrunnerAtlas</title>
  <meta name="robots" content="noindex">
  <!-- The API base URL: empty means this site's own origin. Also settable in config.js or with ?api=. -->
  <meta name="atlas-api" content="">
  <link rel="icon" href="favicon.svg" type="image/svg+xml">
  <link rel="stylesheet" href="styles.css">
  <script src="config.js"></script>
  <script type="module" src="assets/account.js"></script>
</head>
<body class="account" data-page="${page}">
  <div id="account"><noscript>${noscript}</noscript></div>
</body>
</html>
`);
}

const size = (p) => (fs.statSync(path.join(dist, p)).size / 1024).toFixed(0) + ' KiB';
console.log(`web: built dist/ in ${Date.now() - started} ms (app.js ${size('assets/app.js')}, ` +
  `basemap ${features.length} countries in ${tiles} tiles, ${(tileBytes / 1024).toFixed(0)} KiB)`);
