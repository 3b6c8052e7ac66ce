// The detail panel: a place, a practice or a network. Everything from the catalogue is inserted as text.
import { el, clear, linkOrText, safeUrl } from './dom.js';
import { t, tOr, formatNumber, formatMoney, countryName, languageName, formatDate } from './i18n/index.js';
import { lit } from './api.js';
import { ROLE_COLOURS } from './map.js';
import { THEMES, enumKey } from './state.js';
import { getKey } from './key.js';
import { MentorFinder, MentorshipList, loadMentorships, placeSeeker, townSeeker } from './mentors.js';

// OData answers enum member names ("SpatialPlanning"); labels, CSS classes and filters use the snake_case key.
const themesOf = (x) => (x ?? []).map(enumKey);

export class Panels {
  constructor(root, { api, catalogue, actions }) {
    this.root = root;
    this.api = api;
    this.catalogue = catalogue;
    this.actions = actions; // { openPlace, openPractice, openNetwork, close, openSettings, showMentorLines, clearMentorLines }
    this.request = null;
    this.finder = null; // the mentor finder of the open place panel
    this.sources = null; // id -> { Id, Title, Url, Language } of /odata/Sources, read once
    this.sourcesLoading = null;
  }

  /** The catalogue's sources (/odata/Sources), read once; a failure leaves them unknown and is tried again later. */
  loadSources() {
    if (this.sources) return Promise.resolve(this.sources);
    this.sourcesLoading ??= this.api.odataAll('Sources', { $select: 'Id,Title,Url,Language' })
      .then((rows) => (this.sources = new Map(rows.map((r) => [r.Id, r]))))
      .catch(() => null)
      .finally(() => { this.sourcesLoading = null; });
    return this.sourcesLoading;
  }

  /**
   * A record's source as its title, linked to its Url when it has one: the source is the id of an entry of
   * /odata/Sources or, for an external record, a URL. An id is never shown; an unknown one says so.
   */
  source(value) {
    const s = this.sources?.get(value) ?? [...(this.sources?.values() ?? [])].find((x) => x.Url && x.Url === value);
    if (s) return s.Url ? linkOrText(s.Url, s.Title) : el('span', { lang: s.Language || null, text: s.Title });
    if (safeUrl(value)) return linkOrText(value);
    return el('span', { class: 'muted', text: t('panel.sourceUnknown') });
  }

  /** A theme's label; a theme that is the curators' reading of the sources says so. */
  themeLabel(theme, readings) {
    const key = enumKey(theme);
    const label = tOr(`theme.${key}`, theme);
    return themesOf(readings).includes(key) ? t('theme.reading', { theme: label }) : label;
  }

  /** Whatever the previous panel started: its mentor search and the lines it drew. */
  leave() {
    this.finder?.dispose();
    this.finder = null;
    this.actions.clearMentorLines?.();
  }

  // ---------------------------------------------------------------- frame

  async show(kind, id, loader, render) {
    this.request?.abort();
    this.leave();
    const ctrl = new AbortController();
    this.request = ctrl;
    this.root.hidden = false;
    this.root.dataset.kind = kind;
    this.root.dataset.id = id;
    this.root.setAttribute('aria-busy', 'true');
    clear(this.root).append(this.frame(t(`panel.${kind}Label`), el('p', { class: 'muted', text: t('panel.loading') })));
    try {
      const [data] = await Promise.all([loader(ctrl.signal), this.loadSources()]);
      if (ctrl.signal.aborted) return null;
      const content = data ? render(data) : [el('p', { text: t('panel.notFound') })];
      clear(this.root).append(this.frame(t(`panel.${kind}Label`), ...content));
      const title = this.root.querySelector('h2')?.textContent;
      document.title = title ? t('app.pageTitle', { title }) : t('app.title');
      return data;
    } catch (e) {
      if (e.name === 'AbortError') return null;
      const msg = e.status === 404 ? t('panel.notFound') : t('panel.error', { detail: e.message });
      clear(this.root).append(this.frame(t(`panel.${kind}Label`), el('p', { class: 'error', role: 'alert', text: msg })));
      return null;
    } finally {
      if (this.request === ctrl) this.root.removeAttribute('aria-busy');
    }
  }

  frame(label, ...content) {
    const close = el('button', { type: 'button', class: 'icon-button close', 'aria-label': t('panel.close'), title: t('panel.close'), onclick: () => this.actions.close() }, '×');
    return el('div', { class: 'panel-inner' },
      el('div', { class: 'panel-bar' }, el('span', { class: 'panel-kind', text: label }), close),
      ...content);
  }

  hide() {
    this.request?.abort();
    this.leave();
    this.root.hidden = true;
    document.title = t('app.title');
    delete this.root.dataset.kind;
    delete this.root.dataset.id;
    clear(this.root);
  }

  focusTitle() {
    const h = this.root.querySelector('h2');
    if (h) h.focus({ preventScroll: false });
  }

  // ---------------------------------------------------------------- place

  showPlace(id) {
    return this.show('place', id, async (signal) => {
      const [place, events, mentorships] = await Promise.all([
        this.api.odata(`Places(${encodeURIComponent(lit(id))})`, {
          $expand: "Practices($select=Id,Title,Themes,IsIntegrated;$filter=Status eq 'Published';$orderby=Title)," +
            'Memberships($select=Role,InitiativeId;$expand=Initiative($select=Id,Name)),' +
            'Commitments($select=Id,Kind,Title,TargetYear,Description,InitiativeId;$orderby=Title)',
        }, { signal }),
        this.api.odataAll('Events', { $filter: `HostPlaceId eq ${lit(id)}`, $select: 'Id,Title,StartDate,EndDate,DateLabel,InitiativeId', $orderby: 'StartDate' }, { signal }),
        loadMentorships(this.api, id, signal),
      ]);
      place.HostedEvents = events;
      place.Mentorships = mentorships;
      return place;
    }, (p) => this.renderPlace(p));
  }

  renderPlace(p) {
    const role = enumKey(p.Role);
    const lang = p.Languages?.[0];
    const out = [
      el('h2', { id: 'detail-title', tabindex: '-1', text: p.Name }),
      p.LocalName && p.LocalName !== p.Name ? el('p', { class: 'local-name' }, t('place.localName') + ': ', el('span', { lang, text: p.LocalName })) : null,
      this.actions.compareButton?.('place', p.Id, p.Name),
      el('p', { class: 'role-line' },
        el('span', { class: 'swatch', style: `background:${ROLE_COLOURS[role] ?? '#666'}`, 'aria-hidden': 'true' }),
        el('strong', { text: tOr(`role.${role}`, p.Role) })),
      dl([
        [t('place.country'), countryName(p.Country)],
        [t('place.kind'), tOr(`kind.${enumKey(p.Kind)}`, p.Kind)],
        [t('place.population'), p.Population != null ? formatNumber(p.Population) : null],
        [t('place.languages'), (p.Languages ?? []).map(languageName).join(', ') || null],
        [t('place.interests'), [...(p.InterestThemes ?? []).map((x) => tOr(`theme.${enumKey(x)}`, x)), ...(p.InterestTags ?? []).map((x) => this.tagLabel(x))].join(', ') || null],
        [t('place.roleNote'), p.RoleNote],
      ]),
      p.Latitude == null ? el('p', { class: 'muted', text: t('place.noCoordinates') }) : null,
    ];

    // Followers and peers look for mentors among the frontrunners; everyone's mentorships are listed.
    const mentorships = new MentorshipList({ api: this.api, place: p, mentorships: p.Mentorships, actions: this.actions });
    if (role === 'follower' || role === 'peer') {
      this.finder = new MentorFinder({
        api: this.api, catalogue: this.catalogue, seeker: placeSeeker(this.api, p),
        actions: this.finderActions(() => mentorships.reload()),
      });
      out.push(this.finder.root);
    }

    // Practices grouped by theme.
    const practices = p.Practices ?? [];
    out.push(el('h3', { text: t('place.practices') + ` (${practices.length})` }));
    if (practices.length === 0) out.push(el('p', { class: 'muted', text: t('place.noPractices') }));
    const groups = [...THEMES, null];
    for (const theme of groups) {
      const items = practices.filter((x) => (theme ? themesOf(x.Themes).includes(theme) : (x.Themes ?? []).length === 0));
      if (items.length === 0) continue;
      out.push(el('section', { class: 'theme-group', 'aria-label': theme ? t(`theme.${theme}`) : t('theme.none') },
        el('h4', { class: `theme theme-${theme ?? 'none'}`, text: theme ? t(`theme.${theme}`) : t('theme.none') }),
        el('ul', { class: 'link-list' }, items.map((x) => el('li', {},
          el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPractice(x.Id) }, x.Title),
          x.IsIntegrated ? badge() : null)))));
    }

    // Networks and the roles in them.
    const byNetwork = new Map();
    for (const m of p.Memberships ?? []) {
      const nid = m.Initiative?.Id ?? m.InitiativeId;
      if (!byNetwork.has(nid)) byNetwork.set(nid, { name: m.Initiative?.Name ?? nid, roles: [] });
      byNetwork.get(nid).roles.push(tOr(`membership.${enumKey(m.Role)}`, m.Role));
    }
    out.push(el('h3', { text: t('place.networks') }));
    out.push(byNetwork.size === 0 ? el('p', { class: 'muted', text: t('place.noNetworks') })
      : el('ul', { class: 'link-list' }, [...byNetwork].map(([nid, n]) => el('li', {},
        el('button', { type: 'button', class: 'link', onclick: () => this.actions.openNetwork(nid) }, n.name),
        el('span', { class: 'muted', text: ' — ' + n.roles.join(', ') })))));

    // Commitments.
    const commitments = p.Commitments ?? [];
    out.push(el('h3', { text: t('place.commitments') }));
    out.push(commitments.length === 0 ? el('p', { class: 'muted', text: t('place.noCommitments') })
      : el('ul', { class: 'plain-list' }, commitments.map((c) => el('li', {},
        el('strong', { text: c.Title }),
        el('span', { class: 'muted', text: ' — ' + [tOr(`commitment.${enumKey(c.Kind)}`, c.Kind), c.TargetYear ? t('place.targetYear', { year: c.TargetYear }) : null,
          c.InitiativeId ? this.catalogue.networkById.get(c.InitiativeId)?.name ?? c.InitiativeId : null].filter(Boolean).join(' · ') }),
        c.Description ? el('p', { class: 'small', text: c.Description }) : null))));

    out.push(mentorships.root);

    // Events hosted.
    const events = p.HostedEvents ?? [];
    out.push(el('h3', { text: t('place.events') }));
    out.push(events.length === 0 ? el('p', { class: 'muted', text: t('place.noEvents') })
      : el('ul', { class: 'plain-list' }, events.map((e) => el('li', {},
        dateEl(e), ' ',
        e.InitiativeId ? el('button', { type: 'button', class: 'link', onclick: () => this.actions.openNetwork(e.InitiativeId) }, e.Title) : el('span', { text: e.Title })))));

    if (p.Note) out.push(el('h3', { text: t('place.note') }), el('p', { text: p.Note }));
    if (p.Source) out.push(el('p', { class: 'source' }, t('place.source') + ': ', this.source(p.Source)));
    return out;
  }

  // ---------------------------------------------------------------- town

  /** What a mentor finder may do with the page; asked() follows a sent request. */
  finderActions(asked) {
    return {
      openPlace: (x) => this.actions.openPlace(x),
      openPractice: (x) => this.actions.openPractice(x),
      openSettings: () => this.actions.openSettings?.(),
      showLines: (from, targets) => this.actions.showMentorLines?.(from, targets),
      clearLines: () => this.actions.clearMentorLines?.(),
      asked,
    };
  }

  /** A town of the gazetteer (GET /api/towns/{id}): in the catalogue or not, it can look for mentors. */
  showTown(geonamesId) {
    return this.show('town', String(geonamesId), (signal) => this.api.town(geonamesId, { signal }), (town) => this.renderTown(town));
  }

  renderTown(town) {
    this.finder = new MentorFinder({
      api: this.api, catalogue: this.catalogue, seeker: townSeeker(this.api, town),
      actions: this.finderActions(() => {}),
    });
    const near = town.nearestPlaces ?? [];
    return [
      el('h2', { id: 'detail-title', tabindex: '-1', text: town.name }),
      dl([
        [t('place.country'), countryName(town.country)],
        [t('place.population'), town.population != null ? formatNumber(town.population) : t('town.populationUnknown')],
      ]),
      town.placeId
        ? el('p', { class: 'in-catalogue' }, el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPlace(town.placeId) }, t('town.inCatalogue', { name: town.name })))
        : el('p', { class: 'muted small', text: t('town.notInCatalogue') }),
      !town.placeId && getKey() ? el('p', {}, el('a', { class: 'button secondary propose-place', href: proposeLink(town), text: t('town.propose') })) : null,
      this.finder.root,
      el('h3', { text: t('town.nearest') }),
      near.length === 0 ? el('p', { class: 'muted', text: t('town.noneNear') }) : el('ul', { class: 'plain-list near-places' }, near.map((p) => el('li', { dataset: { placeId: p.id } },
        el('span', { class: 'swatch', style: `background:${ROLE_COLOURS[enumKey(p.role)] ?? '#666'}`, 'aria-hidden': 'true' }),
        el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPlace(p.id) }, p.name),
        el('span', { class: 'muted', text: ` — ${tOr(`role.${enumKey(p.role)}`, p.role)}, ${t('mentors.distance', { km: formatNumber(Math.round(p.distanceKm)) })}` }),
        (p.practices ?? []).length ? el('ul', { class: 'link-list small' }, p.practices.map((x) => el('li', {},
          el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPractice(x.id) }, x.title)))) : null))),
      el('p', { class: 'source muted small', text: t('town.source') }),
    ];
  }

  // ---------------------------------------------------------------- practice

  showPractice(id) {
    return this.show('practice', id, (signal) => this.api.odata(`Practices(${encodeURIComponent(lit(id))})`, {
      $expand: 'Place($select=Id,Name),Initiative($select=Id,Name)',
    }, { signal }), (p) => this.renderPractice(p));
  }

  renderPractice(p) {
    const none = t('practice.none');
    const period = periodOf(p);
    const kpis = p.Kpis ?? [];
    const docs = p.Documents ?? [];
    return [
      p.Place ? el('button', { type: 'button', class: 'back link', onclick: () => this.actions.openPlace(p.Place.Id) }, '← ' + t('panel.back', { name: p.Place.Name })) : null,
      el('h2', { id: 'detail-title', tabindex: '-1', text: p.Title }),
      p.IsIntegrated ? badge() : null,
      this.actions.compareButton?.('practice', p.Id, p.Title),
      dl([
        [t('practice.place'), p.Place ? el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPlace(p.Place.Id) }, p.Place.Name) : (p.PlaceId || none)],
        [t('practice.network'), p.Initiative ? el('button', { type: 'button', class: 'link', onclick: () => this.actions.openNetwork(p.Initiative.Id) }, p.Initiative.Name) : none],
        [t('practice.themes'), (p.Themes ?? []).length ? el('span', {}, p.Themes.map((x) => el('span', {
          class: `chip theme-${enumKey(x)}`, text: this.themeLabel(x, p.ThemeReadings),
          title: themesOf(p.ThemeReadings).includes(enumKey(x)) ? t('theme.readingTitle') : null,
        }))) : none],
        [t('practice.tags'), (p.Tags ?? []).length ? el('span', {}, p.Tags.map((x) => el('span', { class: 'chip', text: this.tagLabel(x) }))) : none],
        [t('practice.period'), period ?? none],
        [t('practice.budget'), budgetOf(p) || none],
        [t('practice.language'), p.Language ? languageName(p.Language) : none],
      ], true),
      practiceTexts(p, none),
      el('h3', { text: t('practice.kpis') }),
      kpis.length === 0 ? el('p', { class: 'muted', text: none }) : el('table', { class: 'kpis' },
        el('thead', {}, el('tr', {}, el('th', { scope: 'col', text: t('practice.kpiName') }), el('th', { scope: 'col', text: t('practice.kpiValue') }), el('th', { scope: 'col', text: t('practice.kpiUnit') }))),
        el('tbody', {}, kpis.map((k) => el('tr', {}, el('td', { text: k.Name }), el('td', { text: k.Value }), el('td', { text: k.Unit ?? '' }))))),
      el('h3', { text: t('practice.documents') }),
      docs.length === 0 ? el('p', { class: 'muted', text: none }) : el('ul', { class: 'plain-list' }, docs.map((d) => el('li', {}, linkOrText(d.Url, d.Title || d.Url)))),
      el('h3', { text: t('practice.contact') }),
      dl([[t('practice.contactOrganisation'), p.ContactOrganisation || none], [t('practice.contactRole'), p.ContactRole || none]], true),
      el('h3', { text: t('practice.transferability') }), el('p', { class: p.Transferability ? 'prose' : 'muted', text: p.Transferability || none }),
      el('p', { class: 'source' }, t('practice.source') + ': ', p.Source ? this.source(p.Source) : none),
      p.External ? el('p', { class: 'muted small', text: t('practice.external') }) : null,
    ];
  }

  // ---------------------------------------------------------------- network

  showNetwork(id) {
    return this.show('network', id, (signal) => this.api.odata(`Initiatives(${encodeURIComponent(lit(id))})`, {
      $expand: 'Memberships($select=PlaceId,Role;$expand=Place($select=Id,Name,Country,Role)),' +
        'Events($select=Id,Title,LocalTitle,StartDate,EndDate,DateLabel,HostPlaceId,LocationLabel,Virtual,Format,Summary;$orderby=StartDate),' +
        "Practices($select=Id,Title,PlaceId,IsIntegrated;$filter=Status eq 'Published';$orderby=Title)",
    }, { signal }), (n) => this.renderNetwork(n));
  }

  renderNetwork(n) {
    const members = new Map();
    for (const m of n.Memberships ?? []) {
      if (!members.has(m.PlaceId)) members.set(m.PlaceId, { place: m.Place, roles: [] });
      members.get(m.PlaceId).roles.push(tOr(`membership.${enumKey(m.Role)}`, m.Role));
    }
    const sorted = [...members.values()].sort((a, b) => (a.place?.Name ?? '').localeCompare(b.place?.Name ?? ''));
    const events = [...(n.Events ?? [])].sort((a, b) => (a.StartDate ?? '9999').localeCompare(b.StartDate ?? '9999'));
    const website = safeUrl(n.Website);
    const practices = n.Practices ?? [];
    return [
      el('h2', { id: 'detail-title', tabindex: '-1', text: n.Name }),
      n.LocalName && n.LocalName !== n.Name ? el('p', { class: 'local-name' }, t('network.localName') + ': ', el('span', { text: n.LocalName })) : null,
      dl([
        [t('network.kind'), tOr(`kind.${enumKey(n.Kind)}`, n.Kind)],
        [t('network.coordinator'), n.Coordinator],
        [t('network.programme'), n.Programme],
        [t('network.reference'), n.ReferenceNumber],
        [t('network.period'), periodOf(n)],
        [t('network.budget'), budgetOf(n) || null],
        [t('network.themes'), (n.Themes ?? []).map((x) => this.themeLabel(x, n.ThemeReadings)).join(', ') || null],
        [t('network.tags'), (n.Tags ?? []).map((x) => this.tagLabel(x)).join(', ') || null],
        [t('network.website'), website ? linkOrText(website) : null],
      ]),
      n.Summary ? el('p', { class: 'prose', text: n.Summary }) : null,
      (n.Aims ?? []).length ? [el('h3', { text: t('network.aims') }), el('ul', { class: 'plain-list bullets' }, n.Aims.map((a) => el('li', { text: a })))] : null,
      el('h3', { text: t('network.members', { n: sorted.length }) }),
      sorted.length ? el('p', { class: 'muted small', text: t('network.membersHighlighted') }) : null,
      el('ul', { class: 'link-list' }, sorted.map((m) => el('li', {},
        el('span', { class: 'swatch', style: `background:${ROLE_COLOURS[enumKey(m.place?.Role)] ?? '#666'}`, 'aria-hidden': 'true' }),
        el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPlace(m.place?.Id) }, m.place?.Name ?? ''),
        el('span', { class: 'muted', text: ` (${countryName(m.place?.Country)}) — ${m.roles.join(', ')}` })))),
      el('h3', { text: t('network.practices', { n: practices.length }) }),
      practices.length === 0 ? el('p', { class: 'muted', text: t('network.noPractices') }) : el('ul', { class: 'link-list' }, practices.map((x) => el('li', {},
        el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPractice(x.Id) }, x.Title),
        x.IsIntegrated ? badge() : null,
        x.PlaceId && this.catalogue.placeById.get(x.PlaceId) ? el('span', { class: 'muted', text: ` — ${this.catalogue.placeById.get(x.PlaceId).name}` }) : null))),
      el('h3', { text: t('network.events') }),
      events.length === 0 ? el('p', { class: 'muted', text: t('network.noEvents') }) : el('ol', { class: 'timeline' }, events.map((e) => {
        const host = e.HostPlaceId ? this.catalogue.placeById.get(e.HostPlaceId) : null;
        return el('li', {},
          dateEl(e),
          el('div', { class: 'timeline-body' },
            el('strong', { text: e.Title }),
            el('div', { class: 'muted small event-where' }, ...eventWhere(e, host, (id) => this.actions.openPlace(id))),
            e.Summary ? el('p', { class: 'small', text: e.Summary }) : null));
      })),
      n.Source ? el('p', { class: 'source' }, t('network.source') + ': ', this.source(n.Source)) : null,
    ];
  }

  tagLabel(id) {
    return this.catalogue.tagById.get(id)?.label ?? id;
  }
}

/** The editor page with a new place draft prefilled from the gazetteer; the id is only a suggestion to edit. */
function proposeLink(town) {
  const slug = town.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  const p = new URLSearchParams({ new: 'places', id: `${town.country.toLowerCase()}-${slug}`, name: town.name, kind: 'city', country: town.country,
    latitude: String(town.latitude), longitude: String(town.longitude), geonamesId: String(town.geonamesId) });
  if (town.population != null) p.set('population', String(town.population));
  return `editor.html#${p}`;
}

/** A practice's or network's period: its label, else its dates (null when neither is known). */
export function periodOf(x) {
  return x.PeriodLabel || (x.StartDate || x.EndDate ? t('date.range', { from: formatDate(x.StartDate) || '…', to: formatDate(x.EndDate) || '…' }) : null);
}

/** Amount and currency, then the note ('' when neither is known). */
export function budgetOf(x) {
  const amount = x.BudgetAmount != null ? formatMoney(x.BudgetAmount, x.BudgetCurrency) : null;
  return [amount, x.BudgetNote].filter(Boolean).join(' — ');
}

function badge() {
  return el('span', { class: 'badge integrated', title: t('practice.integratedTitle'), text: t('practice.integrated') });
}

/**
 * Where and how an event is, as a user reads it: the host (a button) or the location label, "online" only when
 * the label does not say it already ("online (online)"), and the format after a separator only when something
 * stands before it (no stray "· meeting").
 */
function eventWhere(e, host, openPlace) {
  const online = t('network.virtual');
  const label = (e.LocationLabel ?? '').trim();
  const where = host ? el('button', { type: 'button', class: 'link', onclick: () => openPlace(host.id) }, host.name) : label;
  const saysOnline = !host && label.toLocaleLowerCase().includes(online.toLocaleLowerCase());
  const parts = [];
  if (where) parts.push(where);
  if (e.Virtual && !saysOnline) parts.push(where ? ` (${online})` : online);
  const format = (e.Format ?? '').trim();
  if (format) parts.push(parts.length ? ` · ${format}` : format);
  return parts;
}

function dateEl(e) {
  if (!e.StartDate) return el('span', { class: 'date', text: e.DateLabel || t('date.undated') });
  const text = e.EndDate && e.EndDate !== e.StartDate ? t('date.range', { from: formatDate(e.StartDate), to: formatDate(e.EndDate) }) : formatDate(e.StartDate);
  return el('time', { class: 'date', datetime: e.StartDate, text });
}

function dl(rows, keepEmpty = false) {
  const items = rows.filter(([, v]) => keepEmpty || (v !== null && v !== undefined && v !== ''));
  return el('dl', { class: 'facts' }, items.map(([k, v]) => [el('dt', { text: k }), el('dd', {}, v instanceof Node ? v : String(v ?? ''))]));
}

// A practice's English text and its original-language text, each labelled with its language's name; the
// person may prefer the original first (remembered in this browser).
const ORIGINAL_FIRST = 'atlas.originalFirst';
const originalFirst = () => {
  try { return localStorage.getItem(ORIGINAL_FIRST) === '1'; } catch { return false; }
};

function practiceTexts(p, none) {
  const lang = p.Language || null;
  // Only the catalogue's text is marked with its language; the headings are in the interface's.
  const english = el('section', { class: 'practice-text', dataset: { text: 'english' } },
    el('h3', { text: t('practice.textIn', { label: t('practice.summary'), language: languageName('en') }) }),
    p.Summary ? el('p', { lang: 'en', text: p.Summary }) : el('p', { class: 'muted', text: none }),
    p.Description ? [el('h3', { text: t('practice.description') }), el('p', { class: 'prose', lang: 'en', text: p.Description })] : null);
  const original = el('section', { class: 'practice-text', dataset: { text: 'original' } },
    el('h3', { text: lang ? t('practice.textIn', { label: t('practice.localText'), language: languageName(lang) }) : t('practice.localText') }),
    p.LocalTitle ? el('p', { class: 'local-name' }, t('practice.localTitle') + ': ', el('span', { lang, text: p.LocalTitle })) : null,
    p.LocalText ? el('p', { class: 'prose', lang, text: p.LocalText }) : el('p', { class: 'muted', text: none }));
  const box = el('div', { class: 'practice-texts' });
  const order = () => box.replaceChildren(...(originalFirst() ? [original, english] : [english, original]));
  order();
  if (!p.LocalTitle && !p.LocalText) return box;
  const toggle = el('input', { type: 'checkbox', id: 'original-first', checked: originalFirst() });
  toggle.addEventListener('change', () => {
    try { localStorage.setItem(ORIGINAL_FIRST, toggle.checked ? '1' : '0'); } catch { /* storage disabled: this panel only */ }
    order();
  });
  return [el('div', { class: 'check original-first' }, toggle, el('label', { for: 'original-first', text: t('practice.originalFirst') })), box];
}

