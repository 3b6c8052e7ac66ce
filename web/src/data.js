// The catalogue as the map needs it: places from the OGC places collection (GeoJSON with role and practice
// counts), and a small index of practices, networks and tags from OData to filter and count in the browser,
// so that markers and counts follow the filters at once. A network's members load when it is chosen.
import { THEMES, ROLES, enumKey } from './state.js';
import { lit } from './api.js';

export class Catalogue {
  constructor(api) {
    this.api = api;
    this.places = [];
    this.placeById = new Map();
    this.practices = [];
    this.practicesByPlace = new Map();
    this.networks = [];
    this.networkById = new Map();
    this.membersByNetwork = new Map();
    this.tags = [];
    this.tagById = new Map();
    this.indexReady = false;
  }

  async loadPlaces(signal) {
    const features = await this.api.features('places', {}, { signal });
    this.places = features.map((f) => ({
      id: String(f.id),
      name: f.properties.name ?? String(f.id),
      localName: f.properties.localName ?? null,
      country: f.properties.country ?? '',
      role: enumKey(f.properties.role ?? 'peer'),
      kind: f.properties.kind ?? '',
      population: f.properties.population ?? null,
      practiceCount: f.properties.practiceCount ?? 0,
      coordinates: f.geometry?.type === 'Point' ? f.geometry.coordinates : null,
    }));
    this.places.sort((a, b) => a.name.localeCompare(b.name));
    this.placeById = new Map(this.places.map((p) => [p.id, p]));
    this.countries = [...new Set(this.places.map((p) => p.country).filter(Boolean))].sort();
  }

  async loadIndex(signal) {
    const [practices, networks, memberCounts, tags] = await Promise.all([
      this.api.odataAll('Practices', { $select: 'Id,Title,PlaceId,InitiativeId,Themes,Tags,IsIntegrated,StartDate' }, { signal }),
      this.api.odataAll('Initiatives', { $select: 'Id,Name,Kind' }, { signal }),
      // Members per network, counted by the server ($apply); the members themselves load when needed.
      this.api.odataFollow('Memberships', { $apply: 'groupby((InitiativeId),aggregate(PlaceId with countdistinct as Members))' }, { signal }),
      this.api.odataAll('Tags', { $select: 'Id,Label' }, { signal }),
    ]);
    this.practices = practices.map((p) => ({
      id: p.Id, title: p.Title, placeId: p.PlaceId, initiativeId: p.InitiativeId ?? null, themes: (p.Themes ?? []).map(enumKey), tags: p.Tags ?? [],
      integrated: !!p.IsIntegrated, year: p.StartDate ? Number(String(p.StartDate).slice(0, 4)) : null,
    }));
    this.practicesByPlace = new Map();
    for (const p of this.practices) {
      if (!this.practicesByPlace.has(p.placeId)) this.practicesByPlace.set(p.placeId, []);
      this.practicesByPlace.get(p.placeId).push(p);
    }
    const counts = new Map(memberCounts.map((r) => [r.InitiativeId, r.Members]));
    this.networks = networks
      .map((n) => ({ id: n.Id, name: n.Name, kind: enumKey(n.Kind), members: counts.get(n.Id) ?? 0 }))
      .sort((a, b) => a.name.localeCompare(b.name));
    this.networkById = new Map(this.networks.map((n) => [n.id, n]));
    const used = new Set(this.practices.flatMap((p) => p.tags));
    this.tags = tags.map((t) => ({ id: t.Id, label: t.Label })).filter((t) => used.has(t.id)).sort((a, b) => a.label.localeCompare(b.label));
    this.tagById = new Map(tags.map((t) => [t.Id, { id: t.Id, label: t.Label }]));
    this.indexReady = true;
  }

  /** The places that belong to a network (loaded once per network, then kept). */
  async loadMembers(networkId, signal) {
    if (!networkId || this.membersByNetwork.has(networkId)) return this.membersByNetwork.get(networkId);
    const rows = await this.api.odataAll('Memberships', { $filter: `InitiativeId eq ${lit(networkId)}`, $select: 'Id,PlaceId' }, { signal });
    const members = new Set(rows.map((r) => r.PlaceId));
    this.membersByNetwork.set(networkId, members);
    return members;
  }

  /**
   * The places and practices that the filters keep, and the count each filter value would give with the
   * other filters as they are (the live counts next to the controls).
   */
  apply(f) {
    const members = f.inNetwork ? this.membersByNetwork.get(f.inNetwork) ?? new Set() : null;
    const themeOk = (p) => f.themes.length === 0 || p.themes.some((t) => f.themes.includes(t));
    const tagOk = (p) => f.tags.length === 0 || p.tags.some((t) => f.tags.includes(t));
    const intOk = (p) => !f.integrated || p.integrated;
    const practiceFilter = this.indexReady && (f.themes.length > 0 || f.tags.length > 0 || f.integrated);
    if (f.inNetwork && !this.membersByNetwork.has(f.inNetwork)) return { places: [], practices: [], practiceCount: 0, practiceCounts: new Map(), themeCounts: {}, tagCounts: {}, roleCounts: {}, integratedCount: 0 };
    const placeBase = (p) => (!f.country || p.country === f.country) && (!members || members.has(p.id));

    const places = [];
    const kept = []; // the practices the filters keep (at the kept places, and those of no place)
    const practiceCounts = new Map(); // place id -> its practices that the filters keep
    let practiceCount = 0;
    const themeCounts = Object.fromEntries(THEMES.map((t) => [t, 0]));
    const tagCounts = {};
    const roleCounts = Object.fromEntries(ROLES.map((r) => [r, 0]));
    let integratedCount = 0;

    // Counts each practice into the live counts; returns whether the filters keep it.
    const count = (p, counted) => {
      const th = themeOk(p), tg = tagOk(p), it = intOk(p);
      if (counted) {
        if (tg && it) for (const t of p.themes) if (t in themeCounts) themeCounts[t]++;
        if (th && it) for (const t of p.tags) tagCounts[t] = (tagCounts[t] ?? 0) + 1;
        if (th && tg && p.integrated) integratedCount++;
      }
      return th && tg && it;
    };
    for (const place of this.places) {
      if (!placeBase(place)) continue;
      const roleOk = f.roles.length === 0 || f.roles.includes(place.role);
      const practices = this.practicesByPlace.get(place.id) ?? [];
      const matching = practices.filter((p) => count(p, roleOk));
      const keep = !practiceFilter || matching.length > 0;
      if (keep) roleCounts[place.role] = (roleCounts[place.role] ?? 0) + 1;
      if (keep && roleOk) {
        places.push(place);
        kept.push(...matching);
        practiceCounts.set(place.id, matching.length);
        practiceCount += this.indexReady ? matching.length : place.practiceCount;
      }
    }
    // A practice of no place has no country or role: those filters leave it out; a network keeps its own.
    if (this.indexReady && !f.country && f.roles.length === 0) {
      // Practices of no place (network-wide ones, or of no place at all): counted and listed all the same.
      for (const p of this.practices) {
        if (p.placeId && this.placeById.has(p.placeId)) continue;
        if (f.inNetwork && p.initiativeId !== f.inNetwork) continue;
        if (count(p, true)) kept.push(p);
      }
      practiceCount = kept.length;
    }
    return { places, practices: kept, practiceCount, practiceCounts, themeCounts, tagCounts, roleCounts, integratedCount };
  }

  /** Filtered places as GeoJSON for the map (places without coordinates are left out). */
  static geojson(places) {
    const features = [];
    for (const p of places) {
      if (!p.coordinates) continue;
      features.push({ type: 'Feature', id: features.length, geometry: { type: 'Point', coordinates: p.coordinates },
        properties: { id: p.id, name: p.name, role: p.role } });
    }
    return { type: 'FeatureCollection', features };
  }
}
