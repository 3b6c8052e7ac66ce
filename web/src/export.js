// Export of the current view through the open-data endpoints: the filters of the map written as an OData
// $filter (CSV of the practices or the places) and as OGC API - Features parameters (GeoJSON of the places), so a
// download holds the same rows as the map, the counts and the lists.
import { Api, lit } from './api.js';

// OData spells enum members as C# does: spatial_planning -> SpatialPlanning.
const member = (v) => v.split('_').map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
const anyOf = (path, v, values, enumMembers) => `${path}/any(${v}: ${values.map((x) => `${v} eq ${lit(enumMembers ? member(x) : x)}`).join(' or ')})`;
const and = (parts) => parts.filter(Boolean).map((x) => `(${x})`).join(' and ');

/** What the theme, tag and integrated filters ask of one practice, with prefix its path ('' or 'p/'). */
function practiceConditions(f, prefix) {
  return [
    f.themes.length ? anyOf(`${prefix}Themes`, 't', f.themes, true) : null,
    f.tags.length ? anyOf(`${prefix}Tags`, 'g', f.tags, false) : null,
    f.integrated ? `${prefix}IsIntegrated eq true` : null,
  ];
}

/** The place conditions (country, role, network), with prefix the path to the place ('' or 'Place/'). */
function placeConditions(f, prefix) {
  return [
    f.country ? `${prefix}Country eq ${lit(f.country)}` : null,
    f.roles.length ? f.roles.map((r) => `${prefix}Role eq ${lit(member(r))}`).join(' or ') : null,
  ];
}

/** OData $filter of the practices the map keeps (a practice of no place: only without country or role filters). */
export function practicesFilter(f) {
  const network = f.inNetwork
    ? `Place/Memberships/any(m: m/InitiativeId eq ${lit(f.inNetwork)}) or (PlaceId eq null and InitiativeId eq ${lit(f.inNetwork)})`
    : null;
  return and([...practiceConditions(f, ''), ...placeConditions(f, 'Place/'), network]);
}

/** OData $filter of the places the map keeps. */
export function placesFilter(f) {
  const practices = and(practiceConditions(f, 'p/'));
  return and([
    ...placeConditions(f, ''),
    f.inNetwork ? `Memberships/any(m: m/InitiativeId eq ${lit(f.inNetwork)})` : null,
    practices ? `Practices/any(p: ${practices})` : null,
  ]);
}

const PRACTICE_FIELDS = 'Id,Title,LocalTitle,Language,PlaceId,InitiativeId,Themes,Tags,IsIntegrated,StartDate,EndDate,Source';
const PLACE_FIELDS = 'Id,Name,LocalName,Kind,Country,Role,Population,Location';

/**
 * The export links of a view: CSV of practices and places (OData), GeoJSON of the places (OGC API - Features)
 * when its parameters can say the filters (country, roles, one theme, integrated only), else null.
 */
export function exportLinks(api, f) {
  const odata = (set, filter, select) => api.url(`/odata/${set}?${Api.query({ $filter: filter, $select: select, $orderby: 'Id', $format: 'csv' })}`);
  let geojson = null;
  const practiceFilters = f.themes.length + f.tags.length + (f.integrated ? 1 : 0);
  const cql = [
    f.roles.length > 1 ? `role IN (${f.roles.map(lit).join(', ')})` : null,
    f.integrated && practiceFilters === 1 ? 'integratedCount > 0' : null,
  ].filter(Boolean).join(' AND ');
  if (!f.inNetwork && f.tags.length === 0 && f.themes.length <= 1 && !(f.integrated && f.themes.length)) {
    geojson = api.url(`/collections/places/items?${Api.query({
      limit: 10000, country: f.country, role: f.roles.length === 1 ? f.roles[0] : null, theme: f.themes[0], filter: cql || null,
    })}`);
  }
  return {
    practicesCsv: odata('Practices', practicesFilter(f), PRACTICE_FIELDS),
    placesCsv: odata('Places', placesFilter(f), PLACE_FIELDS),
    placesGeoJson: geojson,
  };
}
