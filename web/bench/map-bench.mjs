// Map benchmark (not a test): how long until the web map is usable, i.e. every place is on the map (markers
// and clusters drawn) and the map is idle. Loads the page in headless Chromium (Debian's /usr/bin/chromium,
// driven by playwright-core) and reads window.atlas.usableAt, which the app sets at that moment
// (performance.now(), so milliseconds since navigation start).
//
//   node bench/map-bench.mjs --url http://127.0.0.1:5090/ [--runs 7] [--width 1280 --height 800]
//
// Each run is a cold load in a fresh browser context (empty HTTP cache), followed by a warm reload in the
// same context (cached site and basemap). bench/map-bench.sh sets up the 10,000-place database and the API.
import { chromium } from 'playwright-core';

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
  if (a.startsWith('--')) acc.push([a.slice(2), all[i + 1]?.startsWith('--') || all[i + 1] === undefined ? 'true' : all[i + 1]]);
  return acc;
}, []));
const url = args.url ?? 'http://127.0.0.1:5080/';
const runs = Number(args.runs ?? 7);
const width = Number(args.width ?? 1280);
const height = Number(args.height ?? 800);
const executablePath = args.chromium ?? process.env.ATLAS_CHROMIUM ?? '/usr/bin/chromium';

const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', '--disable-dev-shm-usage'],
});

async function measure(page) {
  await page.waitForFunction(() => window.atlas?.usableAt || window.atlas?.errors?.length || document.querySelector('.map-status:not([hidden])'), null, { timeout: 60_000 });
  return page.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const res = (part) => performance.getEntriesByType('resource').find((r) => r.name.includes(part));
    const places = res('/collections/places/items');
    return {
      usable: window.atlas.usableAt,
      error: document.querySelector('.map-status:not([hidden])')?.textContent ?? null,
      onMap: window.atlas.map?.places?.features?.length ?? 0,
      domContentLoaded: nav.domContentLoadedEventEnd,
      placesRequest: places ? [places.startTime, places.responseEnd] : null,
      mapLoad: performance.getEntriesByName('atlas:map-load')[0]?.startTime ?? null,
    };
  });
}

const cold = [];
const warm = [];
let onMap = 0;
for (let i = 0; i < runs; i++) {
  const context = await browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  page.on('console', (m) => { if (m.type() === 'error') errors.push(m.text()); });
  await page.goto(url);
  const c = await measure(page);
  await page.reload();
  const w = await measure(page);
  await context.close();
  if (c.error || errors.length) {
    console.error('run', i + 1, 'failed:', c.error ?? errors.join('; '));
    process.exitCode = 1;
    break;
  }
  onMap = c.onMap;
  cold.push(c.usable);
  warm.push(w.usable);
  const f = (v) => (v == null ? '-' : Math.round(v));
  console.log(`run ${i + 1}: cold ${f(c.usable)} ms (DOMContentLoaded ${f(c.domContentLoaded)}, places request ${c.placesRequest?.map(f).join('-')}, map loaded ${f(c.mapLoad)}), warm ${f(w.usable)} ms; ${c.onMap} places on the map`);
}
await browser.close();

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (p) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { median: Math.round(q(0.5)), min: Math.round(s[0]), max: Math.round(s[s.length - 1]) };
};
if (cold.length) {
  const c = stats(cold);
  const w = stats(warm);
  console.log(`\n${onMap} places, ${cold.length} runs, ${width}x${height}`);
  console.log(`time until the map is usable, cold (empty cache): median ${c.median} ms (min ${c.min}, max ${c.max})`);
  console.log(`time until the map is usable, warm (cached site):  median ${w.median} ms (min ${w.min}, max ${w.max})`);
  console.log(`target 1500 ms: ${c.median <= 1500 ? 'met' : 'NOT met'} (cold median)`);
}
