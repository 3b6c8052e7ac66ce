// The MapLibre map: an offline basemap of Natural Earth countries, the places as a clustered GeoJSON source
// coloured by role, cluster badges (HTML, showing each cluster's share of roles and its count), and
// highlight layers for the selected place and a network's members, and town names from the API's vector tiles
// (/tiles/towns, the gazetteer). The style has no glyphs URL on purpose: MapLibre then draws the letters itself
// with the browser's fonts (TinySDF), which works offline and covers every script of Europe's town names, so no
// glyph files are fetched or shipped. The online tile layer is only added when the user turns it on.
import { t, formatNumber } from './i18n/index.js';

export const ROLE_COLOURS = { frontrunner: '#c84f00', follower: '#0067a5', peer: '#00805f' };
export const MENTOR_LINE_COLOUR = '#4b2a7b';
const EMPTY = { type: 'FeatureCollection', features: [] };
const MAX_BOUNDS = [[-40, 24], [70, 78]]; // inside the basemap's extent
const BASEMAP_EXTENT = [-45, 20, 75, 82]; // the tiles build.mjs writes

export class AtlasMap {
  constructor(container, { config, onPlaceClick, onMoveEnd, insets }) {
    this.container = container;
    this.insets = insets ?? (() => ({ top: 0, right: 0, bottom: 0, left: 0 })); // parts of the map covered by panels
    this.config = config;
    this.onPlaceClick = onPlaceClick;
    this.onMoveEnd = onMoveEnd;
    this.clusterMarkers = new Map();
    this.dataVersion = 0;
  }

  /** Resolves once the style and the basemap are loaded. */
  async init(view) {
    // MapLibre is loaded here, in parallel with the first data requests (see build.mjs).
    const { Map: MapLibreMap, Marker, Popup, NavigationControl, ScaleControl, AttributionControl, LngLatBounds } = await import('maplibre-gl');
    Object.assign(this, { Marker, Popup, LngLatBounds });
    // Not new URL(): it would percent-encode the braces of the template.
    const townsUrl = (this.config.apiBase || location.origin) + '/tiles/towns/{z}/{x}/{y}.mvt';
    const tilesUrl = document.baseURI.replace(/[?#].*$/, '').replace(/[^/]*$/, '') + 'basemap/tiles/{z}/{x}/{y}.bin';
    const map = new MapLibreMap({
      container: this.container,
      center: view ? [view.lon, view.lat] : this.config.initialView.center,
      zoom: view ? view.zoom : this.config.initialView.zoom,
      minZoom: 2,
      maxZoom: 16,
      maxBounds: MAX_BOUNDS,
      renderWorldCopies: false,
      dragRotate: false,
      pitchWithRotate: false,
      touchPitch: false,
      attributionControl: false,
      fadeDuration: 0,
      style: {
        version: 8,
        sources: {
          countries: { type: 'vector', tiles: [tilesUrl], minzoom: 0, maxzoom: 6, bounds: BASEMAP_EXTENT, attribution: t('map.attribution') },
          places: {
            type: 'geojson',
            data: EMPTY,
            cluster: true,
            clusterRadius: 44,
            clusterMaxZoom: 11,
            clusterProperties: {
              frontrunner: ['+', ['case', ['==', ['get', 'role'], 'frontrunner'], 1, 0]],
              follower: ['+', ['case', ['==', ['get', 'role'], 'follower'], 1, 0]],
              peer: ['+', ['case', ['==', ['get', 'role'], 'peer'], 1, 0]],
            },
          },
          towns: { type: 'vector', tiles: [townsUrl], minzoom: 0, maxzoom: 14, bounds: BASEMAP_EXTENT, attribution: t('map.townsAttribution') },
          highlight: { type: 'geojson', data: EMPTY },
          selected: { type: 'geojson', data: EMPTY },
          'mentor-lines': { type: 'geojson', data: EMPTY },
        },
        layers: [
          { id: 'sea', type: 'background', paint: { 'background-color': '#c9dfec' } },
          { id: 'land', type: 'fill', source: 'countries', 'source-layer': 'land', paint: { 'fill-color': '#f6f3ec', 'fill-antialias': false } },
          { id: 'borders', type: 'line', source: 'countries', 'source-layer': 'borders', paint: { 'line-color': '#a09a8c', 'line-width': ['interpolate', ['linear'], ['zoom'], 2, 0.4, 8, 1.2] } },
          // Town names (the API thins the tiles by population per zoom); larger towns win a collision.
          {
            id: 'town-labels', type: 'symbol', source: 'towns', 'source-layer': 'towns', minzoom: 5,
            layout: {
              'text-field': ['get', 'name'],
              'text-font': ['sans-serif'],
              'text-size': ['interpolate', ['linear'], ['zoom'], 5, 11, 10, 13, 14, 15],
              'symbol-sort-key': ['-', 0, ['coalesce', ['get', 'population'], 0]],
              'text-padding': 4,
              'text-max-width': 8,
            },
            paint: { 'text-color': '#3d3a33', 'text-halo-color': 'rgba(255,255,255,0.85)', 'text-halo-width': 1.4 },
          },
          // Lines from a follower to its mentor candidates (the mentor finder), under the markers; the best
          // ranked is drawn widest.
          {
            id: 'mentor-lines', type: 'line', source: 'mentor-lines',
            layout: { 'line-cap': 'round' },
            paint: {
              'line-color': MENTOR_LINE_COLOUR,
              'line-opacity': 0.85,
              'line-width': ['interpolate', ['linear'], ['get', 'rank'], 1, 4, 10, 1.5],
              'line-dasharray': [2, 1.5],
            },
          },
          // Each line carries its rank, midway.
          {
            id: 'mentor-ranks', type: 'symbol', source: 'mentor-lines',
            layout: { 'symbol-placement': 'line-center', 'text-field': ['to-string', ['get', 'rank']], 'text-font': ['sans-serif'], 'text-size': 13, 'text-allow-overlap': true },
            paint: { 'text-color': '#ffffff', 'text-halo-color': MENTOR_LINE_COLOUR, 'text-halo-width': 2.5 },
          },
          {
            id: 'places', type: 'circle', source: 'places', filter: ['!', ['has', 'point_count']],
            paint: {
              'circle-color': ['match', ['get', 'role'], 'frontrunner', ROLE_COLOURS.frontrunner, 'follower', ROLE_COLOURS.follower, ROLE_COLOURS.peer],
              'circle-radius': ['interpolate', ['linear'], ['zoom'], 3, ['match', ['get', 'role'], 'frontrunner', 7, 5.5], 10, ['match', ['get', 'role'], 'frontrunner', 11, 9]],
              'circle-stroke-color': '#ffffff',
              'circle-stroke-width': 1.5,
            },
          },
          {
            id: 'highlight', type: 'circle', source: 'highlight',
            paint: {
              'circle-color': ['match', ['get', 'role'], 'frontrunner', ROLE_COLOURS.frontrunner, 'follower', ROLE_COLOURS.follower, ROLE_COLOURS.peer],
              'circle-radius': 8, 'circle-stroke-color': '#1b1b1b', 'circle-stroke-width': 3,
            },
          },
          {
            id: 'selected', type: 'circle', source: 'selected',
            paint: { 'circle-radius': 16, 'circle-color': 'rgba(0,0,0,0)', 'circle-stroke-color': '#1b1b1b', 'circle-stroke-width': 3 },
          },
        ],
      },
    });
    this.map = map;
    map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
    map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
    map.addControl(new AttributionControl({ compact: false }), 'bottom-right');

    const canvas = map.getCanvas();
    canvas.setAttribute('aria-label', t('map.label'));
    canvas.setAttribute('role', 'img');

    this.popup = new Popup({ closeButton: false, closeOnClick: false, offset: 12, className: 'place-tooltip' });
    map.on('mouseenter', 'places', (e) => {
      map.getCanvas().style.cursor = 'pointer';
      const f = e.features?.[0];
      if (f) this.popup.setLngLat(f.geometry.coordinates).setText(f.properties.name).addTo(map);
    });
    map.on('mouseleave', 'places', () => {
      map.getCanvas().style.cursor = '';
      this.popup.remove();
    });
    map.on('click', 'places', (e) => {
      // Places can share a point (a city and its region): then a small menu lets the user choose.
      const seen = new Map();
      for (const f of e.features ?? []) if (!seen.has(f.properties.id)) seen.set(f.properties.id, f);
      const features = [...seen.values()];
      if (features.length === 1) this.onPlaceClick?.(features[0].properties.id);
      else if (features.length > 1) this.chooser(features);
    });
    map.on('click', 'highlight', (e) => {
      const f = e.features?.[0];
      if (f) this.onPlaceClick?.(f.properties.id);
    });
    map.on('mouseenter', 'highlight', (e) => {
      map.getCanvas().style.cursor = 'pointer';
      const f = e.features?.[0];
      if (f) this.popup.setLngLat(f.geometry.coordinates).setText(f.properties.name).addTo(map);
    });
    map.on('mouseleave', 'highlight', () => {
      map.getCanvas().style.cursor = '';
      this.popup.remove();
    });
    map.on('render', () => this.updateClusterMarkers());
    map.on('moveend', () => {
      this.onMoveEnd?.(this.view());
      this.refreshLineEnds();
    });

    map.once('load', () => performance.mark('atlas:map-load'));
    // A tile or source that fails (e.g. the online tile layer while offline) is reported, not fatal.
    map.on('error', (e) => {
      const msg = String(e.error?.message ?? e.error ?? 'map error');
      window.atlas?.errors?.push(msg);
      console.warn('map:', msg);
    });
    // The places can go in as soon as the style is there; the basemap tiles load meanwhile.
    await new Promise((resolve) => (map.isStyleLoaded() ? resolve() : map.once('style.load', () => resolve())));
  }

  chooser(features) {
    this.popup.remove();
    const menu = document.createElement('div');
    menu.className = 'chooser';
    const title = document.createElement('p');
    title.textContent = t('map.samePoint', { n: features.length });
    const ul = document.createElement('ul');
    const popup = new this.Popup({ closeButton: true, closeOnClick: true, offset: 12, maxWidth: '280px' });
    for (const f of features) {
      const li = document.createElement('li');
      const b = document.createElement('button');
      b.type = 'button';
      b.className = 'link';
      b.textContent = f.properties.name;
      b.addEventListener('click', () => {
        popup.remove();
        this.onPlaceClick?.(f.properties.id);
      });
      li.append(b);
      ul.append(li);
    }
    menu.append(title, ul);
    popup.setLngLat(features[0].geometry.coordinates).setDOMContent(menu).addTo(this.map);
    ul.querySelector('button')?.focus();
  }

  /** Replaces the places shown; resolves when the map has drawn them and is idle. */
  async setPlaces(geojson) {
    this.places = geojson;
    await this.pushPlaces();
    await this.idle();
    await this.refreshLineEnds();
  }

  /** The clustered source holds the filtered places except the highlighted ones, drawn on top instead. */
  pushPlaces() {
    this.dataVersion++;
    for (const m of this.clusterMarkers.values()) m.remove();
    this.clusterMarkers.clear();
    const hidden = this.highlighted ?? new Set();
    const data = hidden.size === 0 ? this.places
      : { type: 'FeatureCollection', features: this.places.features.filter((f) => !hidden.has(f.properties.id)) };
    return this.map.getSource('places').setData(data ?? EMPTY);
  }

  /**
   * Resolves (with nothing) when the map has stopped moving and drawn everything. Checked every 50 ms rather than
   * by waiting for one 'idle' event: that event fires only after a render, so a wait that starts just after the
   * last render (the map idle, but loaded() not yet true) would never end.
   */
  idle() {
    return new Promise((resolve) => {
      const settled = () => this.map.loaded() && !this.map.isMoving() && this.map.areTilesLoaded();
      const check = () => {
        if (!settled()) {
          this.map.triggerRepaint();
          setTimeout(check, 50);
          return;
        }
        // Give the render loop one frame to settle; anything started in it is waited for too.
        requestAnimationFrame(() => (settled() ? resolve() : setTimeout(check, 50)));
      };
      check();
    });
  }

  updateClusterMarkers() {
    const map = this.map;
    if (!map.getSource('places') || !map.isSourceLoaded('places')) return;
    const seen = new Set();
    for (const f of map.querySourceFeatures('places', { filter: ['has', 'point_count'] })) {
      const p = f.properties;
      const key = `${this.dataVersion}:${p.cluster_id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      if (!this.clusterMarkers.has(key)) {
        const marker = new this.Marker({ element: this.clusterElement(p) }).setLngLat(f.geometry.coordinates);
        this.clusterMarkers.set(key, marker);
      }
      const marker = this.clusterMarkers.get(key);
      if (!marker._map) marker.addTo(map);
    }
    for (const [key, marker] of this.clusterMarkers) {
      if (!seen.has(key)) {
        marker.remove();
        this.clusterMarkers.delete(key);
      }
    }
  }

  clusterElement(p) {
    const n = p.point_count;
    const a = (p.frontrunner / n) * 100;
    const b = a + (p.follower / n) * 100;
    const size = Math.round(Math.min(54, 26 + Math.log2(n) * 4));
    const div = document.createElement('div');
    div.className = 'cluster';
    div.setAttribute('aria-hidden', 'true');
    div.title = t('map.clusterLabel', { n });
    div.style.width = div.style.height = `${size}px`;
    div.style.background = `conic-gradient(${ROLE_COLOURS.frontrunner} 0 ${a}%, ${ROLE_COLOURS.follower} ${a}% ${b}%, ${ROLE_COLOURS.peer} ${b}% 100%)`;
    const label = document.createElement('span');
    label.textContent = formatNumber(n, { notation: n >= 10000 ? 'compact' : 'standard' });
    div.append(label);
    const id = p.cluster_id;
    div.addEventListener('click', async (e) => {
      e.stopPropagation();
      const zoom = await this.map.getSource('places').getClusterExpansionZoom(id);
      const marker = [...this.clusterMarkers.values()].find((m) => m.getElement() === div);
      this.map.easeTo({ center: marker ? marker.getLngLat() : this.map.getCenter(), zoom: Math.min(zoom + 0.1, 16) });
    });
    return div;
  }

  setHighlight(places) {
    const before = this.highlighted ?? new Set();
    this.highlighted = new Set(places.filter((p) => p.coordinates).map((p) => p.id));
    this.map.getSource('highlight')?.setData(pointsOf(places));
    this.container.classList.toggle('dimmed', places.length > 0);
    if (this.places && (before.size > 0 || this.highlighted.size > 0)) this.pushPlaces();
  }

  /**
   * Lines from one place (or town) to others ({ id, name, coordinates } each; rank = position in the list), or
   * none (null). A line ends at its target's marker or, while that marker is merged into a cluster, at the
   * cluster (recomputed after every move). The data stays readable as this.mentorLines.
   */
  setMentorLines(from, targets = []) {
    this.lineSeeker = from?.coordinates ? from : null;
    this.lineTargets = this.lineSeeker ? targets.filter((p) => p.coordinates) : [];
    this.drawMentorLines(new Map());
    if (this.lineTargets.length) this.refreshLineEnds();
    return this.lineTargets.length;
  }

  drawMentorLines(clustered) {
    const features = this.lineTargets.map((p, i) => ({
      type: 'Feature', id: i,
      geometry: { type: 'LineString', coordinates: [this.lineSeeker.coordinates, clustered.get(p.id) ?? p.coordinates] },
      properties: { from: this.lineSeeker.id, to: p.id, name: p.name, rank: p.rank ?? i + 1, clustered: clustered.has(p.id) },
    }));
    this.mentorLines = { type: 'FeatureCollection', features };
    this.map?.getSource('mentor-lines')?.setData(this.mentorLines);
  }

  /** Which targets sit in a cluster now, and where that cluster is drawn. */
  async refreshLineEnds() {
    const map = this.map;
    if (!map || !this.lineTargets?.length) return;
    const wanted = new Set(this.lineTargets.map((p) => p.id));
    const source = map.getSource('places');
    const clustered = new Map();
    const seen = new Set();
    const version = this.lineTargets;
    await Promise.all(map.querySourceFeatures('places', { filter: ['has', 'point_count'] }).map(async (f) => {
      const id = f.properties.cluster_id;
      if (seen.has(id)) return;
      seen.add(id);
      const leaves = await source.getClusterLeaves(id, Infinity, 0).catch(() => []);
      for (const leaf of leaves) if (wanted.has(leaf.properties.id)) clustered.set(leaf.properties.id, f.geometry.coordinates);
    }));
    if (version === this.lineTargets) this.drawMentorLines(clustered);
  }

  setSelected(place) {
    this.selected = place;
    this.map.getSource('selected')?.setData(pointsOf(place ? [place] : []));
  }

  /**
   * True when the map already shows this center and zoom (and stands still). Flying or fitting to where the
   * map is degenerates inside MapLibre into an ease with a NaN center ("Invalid LngLat object"), so such a
   * move is skipped.
   */
  isAt(center, zoom) {
    if (!center || this.map.isMoving()) return false;
    const c = this.map.getCenter();
    const [lng, lat] = Array.isArray(center) ? center : [center.lng, center.lat];
    return Math.abs(zoom - this.map.getZoom()) < 1e-3 && Math.abs(lng - c.lng) < 1e-6 && Math.abs(lat - c.lat) < 1e-6;
  }

  flyTo(coordinates, minZoom = 7) {
    if (!coordinates) return;
    const i = this.insets();
    if (i.left === i.right && i.top === i.bottom && this.isAt(coordinates, Math.max(this.map.getZoom(), minZoom))) return;
    this.map.flyTo({ center: coordinates, zoom: Math.max(this.map.getZoom(), minZoom), essential: true,
      offset: [(i.left - i.right) / 2, (i.top - i.bottom) / 2] });
  }

  fitTo(places, { animate = true, maxZoom = 9 } = {}) {
    const pts = places.filter((p) => p.coordinates);
    if (pts.length === 0) return;
    if (pts.length === 1 && animate) return this.flyTo(pts[0].coordinates);
    const b = new this.LngLatBounds(pts[0].coordinates, pts[0].coordinates);
    for (const p of pts) b.extend(p.coordinates);
    const c = this.map.getContainer();
    const pad = Math.max(20, Math.min(80, Math.round(Math.min(c.clientWidth, c.clientHeight) / 8)));
    const i = this.insets();
    const padding = { top: pad + i.top, right: pad + i.right, bottom: pad + i.bottom, left: pad + i.left };
    if (c.clientHeight - padding.top - padding.bottom < 40 || c.clientWidth - padding.left - padding.right < 40) Object.assign(padding, { top: 10, right: 10, bottom: 10, left: 10 });
    const camera = this.map.cameraForBounds(b, { padding, maxZoom });
    if (camera && this.isAt(camera.center, camera.zoom)) return;
    this.map.fitBounds(b, { padding, maxZoom, duration: animate ? undefined : 0 });
  }

  view() {
    const c = this.map.getCenter();
    return { zoom: this.map.getZoom(), lat: c.lat, lon: c.lng };
  }

  jumpTo(view) {
    this.map.jumpTo({ center: [view.lon, view.lat], zoom: view.zoom });
  }

  /** The visible extent as minLon,minLat,maxLon,maxLat. */
  bbox() {
    const b = this.map.getBounds();
    const r = (v) => Math.round(v * 1e4) / 1e4;
    return [Math.max(-180, r(b.getWest())), Math.max(-90, r(b.getSouth())), Math.min(180, r(b.getEast())), Math.min(90, r(b.getNorth()))].join(',');
  }

  project(coordinates) {
    return this.map.project(coordinates);
  }

  resize() {
    this.map?.resize();
  }
}

function pointsOf(places) {
  return {
    type: 'FeatureCollection',
    features: places.filter((p) => p.coordinates).map((p, i) => ({
      type: 'Feature', id: i, geometry: { type: 'Point', coordinates: p.coordinates }, properties: { id: p.id, name: p.name, role: p.role },
    })),
  };
}
