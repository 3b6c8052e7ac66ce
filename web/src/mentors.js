// "Find a mentor" in the panel of a follower or peer, and the mentorships of any place.
// The finder asks GET /api/places/{id}/mentors (themes chosen by the planner, or the place's stored interests),
// lists the ranked frontrunners with their reasons and practices, draws lines to them on the map and lets the
// planner ask one of them (POST /api/mentorships with the API key from Settings). Everything that comes from
// the catalogue or the API is inserted as text.
import { el, clear } from './dom.js';
import { t, tOr, formatNumber, countryName, formatDate, linkTo } from './i18n/index.js';
import { lit } from './api.js';
import { THEMES, enumKey } from './state.js';
import { getKey } from './key.js';
import { currentPerson, actingAs, onActorChange } from './session.js';

const MAX_DAYS = 365;
const MAX_MESSAGE = 2000;

/** The OData query for a place's mentorships (as mentee or as mentor), with both places' names. */
export function loadMentorships(api, placeId, signal) {
  return api.odataAll('Mentorships', {
    $filter: `MenteePlaceId eq ${lit(placeId)} or MentorPlaceId eq ${lit(placeId)}`,
    $select: 'Id,MentorPlaceId,MenteePlaceId,Status,Themes,PlannedDays,PeriodLabel,CreatedAt',
    $expand: 'MentorPlace($select=Name),MenteePlace($select=Name),Updates($orderby=At,Id;$select=At,Status,By,Message)',
  }, { signal });
}

/** One mentorship's history: who moved it on, when, and what they wrote. */
function historyList(m) {
  const steps = m.Updates ?? [];
  if (steps.length === 0) return null;
  return el('ol', { class: 'plain-list mentorship-history small' }, steps.map((u) => {
    const status = enumKey(u.Status);
    const by = enumKey(u.By);
    return el('li', { dataset: { status, by } },
      el('span', { class: 'muted', text: `${formatDate(u.At)} · ${tOr(`mentorships.by.${by}`, by)}: ` }),
      el('span', { class: `status status-${status}`, text: tOr(`mentorship.status.${status}`, status) }),
      u.Message ? el('blockquote', { class: 'message', text: u.Message }) : null);
  }));
}

/** The "Mentorships" section of a place panel; reload() fetches it again (after asking). */
export class MentorshipList {
  constructor({ api, place, mentorships, actions }) {
    this.api = api;
    this.place = place;
    this.actions = actions;
    this.heading = el('h3', { id: 'mentorships-title' });
    this.body = el('div', { class: 'mentorships-body' });
    this.root = el('section', { class: 'mentorships', 'aria-labelledby': 'mentorships-title' }, this.heading, this.body);
    this.render(mentorships ?? []);
    // Signing out or another key in Settings changes who may answer.
    onActorChange(() => this.offerAnswers(), () => this.root.isConnected);
  }

  async reload() {
    try {
      this.render(await loadMentorships(this.api, this.place.Id));
    } catch (e) {
      clear(this.body).append(el('p', { class: 'error', text: t('mentorships.error', { detail: e.message }) }));
    }
  }

  render(rows) {
    const order = { requested: 0, accepted: 1, active: 2, planned: 3, completed: 4, declined: 5 };
    const sorted = [...rows].sort((a, b) => (order[enumKey(a.Status)] ?? 9) - (order[enumKey(b.Status)] ?? 9)
      || String(b.CreatedAt ?? '').localeCompare(String(a.CreatedAt ?? '')));
    this.heading.textContent = t('mentorships.title', { n: sorted.length });
    clear(this.body);
    if (sorted.length === 0) {
      this.body.append(el('p', { class: 'muted', text: t('mentorships.none') }));
      return;
    }
    this.body.append(el('ul', { class: 'plain-list mentorship-list' }, sorted.map((m) => {
      const asMentee = m.MenteePlaceId === this.place.Id;
      const otherId = asMentee ? m.MentorPlaceId : m.MenteePlaceId;
      const otherName = (asMentee ? m.MentorPlace?.Name : m.MenteePlace?.Name) ?? otherId;
      const status = enumKey(m.Status);
      const details = [
        (m.Themes ?? []).map((x) => tOr(`theme.${enumKey(x)}`, x)).join(', '),
        m.PlannedDays != null ? t('mentorships.days', { n: m.PlannedDays }) : null,
        m.PeriodLabel,
      ].filter(Boolean).join(' · ');
      return el('li', { class: 'mentorship', dataset: { id: m.Id, status } },
        el('span', {}, asMentee ? t('mentorships.mentoredBy') : t('mentorships.mentorOf'), ' '),
        otherId ? el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPlace(otherId) }, otherName)
          : el('span', { class: 'muted', text: t('mentorships.unnamed') }),
        ' ',
        el('span', { class: `status status-${status}`, text: tOr(`mentorship.status.${status}`, status) }),
        details ? el('div', { class: 'muted small', text: details }) : null,
        historyList(m),
        !asMentee && status === 'requested' ? el('div', { class: 'answer-slot', dataset: { id: m.Id } }) : null);
    })));
    this.offerAnswers();
  }

  /**
   * The answer form goes to those the API lets accept: the representative of the mentor place, an editor or a
   * reviewer (MentorEndpoints.ChangeStatus); it waits until the session (or the key in Settings) is known.
   * data-answers on the section says "ready" once the slots are settled, for whoever waits on them.
   */
  async offerAnswers() {
    const slots = [...this.body.querySelectorAll('.answer-slot')];
    const turn = (this.answerTurn = (this.answerTurn ?? 0) + 1);
    this.root.dataset.answers = 'pending';
    const actor = await actingAs(this.api).catch(() => null);
    if (turn !== this.answerTurn) return; // a newer call (another key, a reload) decides
    const roles = actor?.roles ?? [];
    const mayAnswer = roles.includes('editor') || roles.includes('reviewer')
      || (roles.includes('place_representative') && actor.placeId === this.place.Id);
    for (const slot of slots) {
      const open = slot.querySelector('form.answer-form');
      if (mayAnswer && !open) slot.append(this.answerForm({ Id: slot.dataset.id }));
      else if (!mayAnswer) clear(slot);
    }
    this.root.dataset.answers = 'ready';
  }

  /** The mentor's answer to a request: accept or decline, with a message the asking place will read. */
  answerForm(m) {
    const id = `answer-${m.Id}`;
    const message = el('textarea', { id: `${id}-message`, rows: 2, maxlength: MAX_MESSAGE });
    const result = el('div', { class: 'answer-result', role: 'status', 'aria-live': 'polite' });
    const answer = async (status) => {
      const res = await this.api.send('PATCH', `/api/mentorships/${encodeURIComponent(m.Id)}`,
        { body: { status, message: message.value.trim() || null }, key: getKey() });
      if (res.ok) {
        await this.reload();
        return;
      }
      const key = { 401: 'answer.401', 403: 'answer.403' }[res.status] ?? 'answer.failed';
      clear(result).append(el('p', { class: 'error', text: t(key, { detail: res.detail, status: res.status, name: this.place.Name }) }));
    };
    return el('form', { class: 'answer-form', 'aria-label': t('answer.title'), onsubmit: (e) => e.preventDefault() },
      el('label', { for: message.id, class: 'field-label', text: t('answer.message') }), message,
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'primary', onclick: () => answer('accepted'), text: t('answer.accept') }),
        el('button', { type: 'button', onclick: () => answer('declined'), text: t('answer.decline') })),
      result);
  }
}

/**
 * Who looks for a mentor, as the finder needs it: a catalogue place (OData record) or a town of the gazetteer.
 * id: where the lines start from (and their `from`); placeId: the catalogue place that can send a request
 * (null for a town outside the catalogue); coordinates: known, or null to be looked up by placeId.
 */
export const placeSeeker = (api, place) => ({
  id: place.Id, name: place.Name, placeId: place.Id, coordinates: null,
  find: (query, opts) => api.mentors(place.Id, query, opts),
});

export const townSeeker = (api, town) => ({
  id: `town-${town.geonamesId}`, name: town.name, placeId: town.placeId ?? null, coordinates: [town.longitude, town.latitude],
  find: (query, opts) => api.townMentors(town.geonamesId, query, opts),
});

/** The mentor finder of a follower's (or peer's) panel, and of a town's. */
export class MentorFinder {
  /**
   * seeker: placeSeeker(...) or townSeeker(...).
   * actions: { openPlace, openPractice, openSettings, showLines(from, targets), clearLines(), asked() }
   */
  constructor({ api, catalogue, seeker, actions }) {
    this.api = api;
    this.catalogue = catalogue;
    this.seeker = seeker;
    this.actions = actions;
    this.interests = null; // { themes, tags, source } as the API echoed them
    this.request = null;
    this.mentors = [];

    this.button = el('button', { type: 'button', class: 'primary find-mentor', 'aria-controls': 'mentor-results', onclick: () => this.run({ stored: true }) }, t('mentors.find'));
    this.status = el('p', { class: 'mentor-status', role: 'status' });
    this.notice = el('div', { class: 'mentor-notice', hidden: true });
    this.themeBoxes = THEMES.map((x) => el('input', { type: 'checkbox', id: `mi-theme-${x}`, name: 'mentor-theme', value: x }));
    this.tagsNote = el('p', { class: 'muted small' });
    this.form = el('form', { class: 'mentor-interests', hidden: true, onsubmit: (e) => { e.preventDefault(); this.run(); } },
      el('fieldset', {},
        el('legend', { text: t('mentors.lookFor') }),
        this.themeBoxes.map((box) => el('div', { class: 'check' }, box, el('label', { for: box.id, text: t(`theme.${box.value}`) })))),
      this.tagsNote,
      el('button', { type: 'submit', class: 'secondary', text: t('mentors.update') }));
    this.form.addEventListener('change', () => this.run());
    this.list = el('ol', { class: 'mentor-list', 'aria-label': t('mentors.listLabel', { name: seeker.name }) });
    this.results = el('div', { id: 'mentor-results', class: 'mentor-results' }, this.status, this.notice, this.form, this.list);
    this.root = el('section', { class: 'mentor-finder', 'aria-labelledby': 'mentors-title' },
      el('h3', { id: 'mentors-title', text: t('mentors.title') }),
      el('p', { class: 'muted small', text: t('mentors.intro', { name: seeker.name }) }),
      this.button,
      this.results);
  }

  dispose() {
    this.request?.abort();
    this.request = null;
  }

  chosenThemes() {
    return this.themeBoxes.filter((b) => b.checked).map((b) => b.value);
  }

  /** Asks the API: the stored interests (first time), or the ticked themes plus the stored tags. */
  async run({ stored = false } = {}) {
    this.request?.abort();
    const ctrl = new AbortController();
    this.request = ctrl;
    const themes = stored ? [] : this.chosenThemes();
    const tags = stored ? [] : (this.interests?.tags ?? []);
    this.results.setAttribute('aria-busy', 'true');
    this.status.textContent = t('mentors.loading');
    try {
      const res = await this.seeker.find({ themes, tags, limit: 10 }, { signal: ctrl.signal });
      if (ctrl.signal.aborted || !this.root.isConnected) return;
      this.interests = res.interests ?? { themes, tags, source: 'query' };
      this.showInterests();
      this.notice.hidden = true;
      clear(this.notice);
      this.mentors = res.mentors ?? [];
      this.renderMentors();
      this.status.textContent = this.mentors.length ? t('mentors.found', { n: this.mentors.length, name: this.seeker.name }) : t('mentors.noneFound');
      await this.drawLines();
    } catch (e) {
      if (e.name === 'AbortError' || ctrl.signal.aborted) return;
      this.mentors = [];
      clear(this.list);
      this.actions.clearLines();
      if (e.status === 400) {
        // No interests stored (or a bad choice): say so, and offer the themes to choose from.
        this.status.textContent = '';
        this.notice.hidden = false;
        clear(this.notice).append(
          el('p', { class: 'notice', text: t('mentors.chooseThemes', { name: this.seeker.name }) }),
          el('p', { class: 'muted small', text: e.message }));
        if (!this.interests) this.interests = { themes: [], tags: [], source: 'none' };
        this.showInterests(false);
      } else {
        this.status.textContent = t('mentors.error', { detail: e.message });
      }
    } finally {
      if (this.request === ctrl) {
        this.results.removeAttribute('aria-busy');
        this.request = null;
      }
    }
  }

  /** The theme checkboxes, ticked as the API echoed the interests (unless the planner is choosing). */
  showInterests(sync = true) {
    this.form.hidden = false;
    if (sync) for (const box of this.themeBoxes) box.checked = (this.interests.themes ?? []).includes(box.value);
    const tags = this.interests.tags ?? [];
    this.tagsNote.textContent = tags.length ? t('mentors.alsoTags', { tags: tags.map((x) => this.catalogue.tagById.get(x)?.label ?? x).join(', ') }) : '';
    this.tagsNote.hidden = tags.length === 0;
  }

  renderMentors() {
    clear(this.list);
    for (const m of this.mentors) {
      const ask = el('div', { class: 'ask-slot' });
      const askButton = el('button', { type: 'button', class: 'secondary ask-button', 'aria-expanded': 'false', text: t('ask.open', { name: m.name }) });
      askButton.addEventListener('click', () => this.toggleAsk(m, ask, askButton));
      const practices = m.practices ?? [];
      this.list.append(el('li', { class: 'mentor', dataset: { placeId: m.placeId } },
        el('div', { class: 'mentor-head' },
          el('button', { type: 'button', class: 'link mentor-name', onclick: () => this.actions.openPlace(m.placeId) }, m.name),
          m.country ? el('span', { class: 'muted', text: ` (${countryName(m.country)})` }) : null),
        el('p', { class: 'mentor-meta small' },
          el('span', { class: 'score', text: t('mentors.score', { score: formatNumber(m.score, { minimumFractionDigits: 2, maximumFractionDigits: 2 }) }) }),
          ' · ',
          el('span', { class: 'distance', text: m.distanceKm != null ? t('mentors.distance', { km: formatNumber(Math.round(m.distanceKm)) }) : t('mentors.noDistance') })),
        el('ul', { class: 'bullets reasons small', 'aria-label': t('mentors.reasons') }, (m.reasons ?? []).map((r) => el('li', { text: r }))),
        practices.length ? [
          el('p', { class: 'small practices-label', text: t('mentors.practices') }),
          el('ul', { class: 'link-list small' }, practices.map((x) => el('li', {},
            el('button', { type: 'button', class: 'link', onclick: () => this.actions.openPractice(x.id) }, x.title),
            x.isIntegrated ? el('span', { class: 'badge integrated', title: t('practice.integratedTitle'), text: t('practice.integrated') }) : null))),
        ] : null,
        this.seeker.placeId ? [askButton, ask] : null));
    }
  }

  /** Lines from the seeker to each candidate: coordinates from the OGC places the map loaded, else OData. */
  async drawLines() {
    const ids = [this.seeker.placeId, ...this.mentors.map((m) => m.placeId)].filter(Boolean);
    const coords = new Map();
    for (const id of ids) {
      const p = this.catalogue.placeById.get(id);
      if (p?.coordinates) coords.set(id, p.coordinates);
    }
    const missing = ids.filter((id) => !coords.has(id));
    if (missing.length) {
      try {
        const rows = await this.api.odataAll('Places', {
          $filter: `Id in (${missing.map(lit).join(',')}) and Latitude ne null`, $select: 'Id,Latitude,Longitude',
        });
        for (const r of rows) coords.set(r.Id, [r.Longitude, r.Latitude]);
      } catch { /* lines only where coordinates are known */ }
    }
    if (!this.root.isConnected) return;
    const from = { id: this.seeker.id, coordinates: this.seeker.coordinates ?? coords.get(this.seeker.placeId) ?? null };
    const targets = this.mentors.map((m, i) => ({ id: m.placeId, name: m.name, rank: i + 1, coordinates: coords.get(m.placeId) ?? null }));
    this.actions.showLines(from, targets);
  }

  toggleAsk(mentor, slot, button) {
    const open = button.getAttribute('aria-expanded') === 'true';
    // One form at a time.
    for (const b of this.list.querySelectorAll('.ask-button[aria-expanded="true"]')) b.setAttribute('aria-expanded', 'false');
    for (const s of this.list.querySelectorAll('.ask-slot')) clear(s);
    if (open) return;
    button.setAttribute('aria-expanded', 'true');
    const form = this.askForm(mentor);
    slot.append(form);
    form.querySelector('input, textarea')?.focus();
  }

  askForm(mentor) {
    const id = `ask-${mentor.placeId}`.replace(/[^\w-]/g, '_');
    const chosen = this.chosenThemes().length ? this.chosenThemes() : (this.interests?.themes ?? []);
    const boxes = THEMES.map((x) => el('input', { type: 'checkbox', id: `${id}-theme-${x}`, name: 'ask-theme', value: x, checked: chosen.includes(x) }));
    const days = el('input', { type: 'number', id: `${id}-days`, name: 'plannedDays', min: '0', max: String(MAX_DAYS), step: '1', inputmode: 'numeric', class: 'days' });
    const message = el('textarea', { id: `${id}-message`, name: 'message', rows: '3', maxlength: String(MAX_MESSAGE) });
    const result = el('div', { class: 'ask-result', role: 'status' });
    const keyNote = el('p', { class: 'muted small key-note' });
    const noteKey = () => {
      clear(keyNote);
      // A key in Settings wins (the API judges a request with a key by the key); otherwise the session asks.
      const me = currentPerson();
      if (getKey()) keyNote.append(t('ask.keySet'));
      else if (me) keyNote.append(t('ask.asPerson', { name: me.name || me.email }));
      else keyNote.append(el('a', { href: linkTo('signin.html'), class: 'sign-in-to-ask', text: t('ask.signIn') }), ' ',
        t('ask.noKey', { name: this.seeker.name }), ' ',
        el('button', { type: 'button', class: 'link', onclick: () => this.actions.openSettings() }, t('ask.openSettings')));
    };
    noteKey();
    const submit = el('button', { type: 'submit', class: 'primary', text: t('ask.send') });
    const form = el('form', { class: 'ask-form', 'aria-labelledby': `${id}-title`, novalidate: true },
      el('h4', { id: `${id}-title`, text: t('ask.title', { mentor: mentor.name }) }),
      el('fieldset', {}, el('legend', { text: t('ask.themes') }),
        boxes.map((b) => el('div', { class: 'check' }, b, el('label', { for: b.id, text: t(`theme.${b.value}`) })))),
      el('label', { for: days.id, class: 'field-label', text: t('ask.days') }), days,
      el('label', { for: message.id, class: 'field-label', text: t('ask.message') }), message,
      keyNote,
      el('p', { class: 'muted small' }, t('ask.keyHow'), ' ',
        el('code', { text: `dotnet run --project api -- keys create --role place-representative --place ${this.seeker.placeId}` })),
      submit,
      result);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      noteKey();
      const d = days.value.trim();
      const body = {
        mentorPlaceId: mentor.placeId,
        menteePlaceId: this.seeker.placeId,
        themes: boxes.filter((b) => b.checked).map((b) => b.value),
        plannedDays: d === '' ? null : Number(d),
        message: message.value.trim() || null,
      };
      if (body.plannedDays !== null && (!Number.isInteger(body.plannedDays) || body.plannedDays < 0 || body.plannedDays > MAX_DAYS)) {
        show('error', t('ask.badDays', { max: MAX_DAYS }));
        days.focus();
        return;
      }
      submit.disabled = true;
      show('', t('ask.sending'));
      try {
        const res = await this.api.send('POST', '/api/mentorships', { body, key: getKey() });
        if (!form.isConnected) return;
        if (res.ok) {
          const status = enumKey(res.body?.status);
          show('ok', t('ask.sent', { mentor: mentor.name, status: tOr(`mentorship.status.${status}`, status) }));
          this.actions.asked();
        } else {
          const key = { 401: 'ask.401', 403: 'ask.403', 400: 'ask.400', 409: 'ask.409' }[res.status] ?? 'ask.failed';
          const errors = Object.entries(res.body?.errors ?? {}).map(([f, msgs]) => `${f}: ${[].concat(msgs).join(' ')}`);
          show('error', t(key, { detail: res.detail, status: res.status, name: this.seeker.name }), errors);
        }
      } catch (err) {
        show('error', t('ask.failed', { detail: err.message, status: err.status ?? 0 }));
      } finally {
        submit.disabled = false;
      }
    });
    function show(kind, text, list = []) {
      clear(result).append(el('p', { class: kind === 'error' ? 'error' : kind === 'ok' ? 'ok' : 'muted', text }));
      if (list.length) result.append(el('ul', { class: 'bullets small error' }, list.map((x) => el('li', { text: x }))));
      result.dataset.state = kind;
    }
    return form;
  }
}
