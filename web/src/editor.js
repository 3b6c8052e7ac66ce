// The editor page (editor.html): editors write drafts and propose changes to published records, reviewers
// publish, through the curation API (README "Curation"). Separate from the public map. A record is read and
// written in the shape of data/ (GET returns what PUT takes) and its form is built from the kind's JSON Schema
// (/schemas/{kind}.json, see schemaform.js): nothing here describes the fields of a record. Every value from
// the API goes into the page as text or as a form control's value, never as HTML.
import { readConfig } from './config.js';
import { Api } from './api.js';
import { el, clear } from './dom.js';
import { t, tOr, initLanguage, formatDateTime, linkTo } from './i18n/index.js';
import { languageMenu } from './langmenu.js';
import { getKey, setKey } from './key.js';
import { SchemaForm } from './schemaform.js';
import { accountBox, loadSession, currentPerson } from './session.js';

export const KINDS = ['practices', 'places', 'initiatives', 'events', 'commitments', 'memberships'];
const PAGE = 50;

const etagText = (etag) => (etag ?? '—').replace(/^W\//, '').replace(/"/g, '');
const kindOne = (kind) => tOr(`editor.kind1.${kind}`, kind);

/** A value of a record as short text, for the differences of a revision. */
function valueText(v) {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string') return v;
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v.join(', ');
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

class Editor {
  constructor(root) {
    this.api = new Api(readConfig().apiBase);
    this.kind = 'practices';
    this.schemas = new Map(); // kind -> record schema (the file schema's items)
    this.role = null; // 'editor' | 'reviewer' | 'place_representative', from /api/keys/me; null while unknown
    this.current = null; // { id, etag, status, pending } of the record in the form; null for a new one
    this.form = null; // the SchemaForm
    this.review = new Map(); // "kind/id" -> the review queue's entry
    this.seq = {}; // list name -> number of its latest load
    this.build(root);
  }

  async start() {
    this.account.show(await loadSession(this.api));
    const draft = draftFromHash(location.hash);
    if (draft) {
      this.kind = draft.kind;
      const select = document.getElementById('kind');
      if (select) select.value = draft.kind;
    }
    await this.newRecord(draft?.record);
    await this.keyChanged();
  }

  // ------------------------------------------------------------------ page

  build(root) {
    document.title = t('editor.pageTitle');
    const key = el('input', { type: 'password', id: 'key', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'key-hint', value: getKey() });
    const keyInfo = el('p', { id: 'key-info', class: 'small', role: 'status' });
    key.addEventListener('input', () => setKey(key.value));
    // A change event also fires when the field loses focus after the page was told of the key already.
    key.addEventListener('change', () => { key.value = setKey(key.value); if (key.value !== this.appliedKey) this.keyChanged(); });
    const checkKey = el('button', { type: 'button', class: 'secondary', text: t('editor.checkKey'), onclick: () => this.whoAmI() });
    const forget = el('button', { type: 'button', class: 'secondary', text: t('settings.forgetKey'), onclick: () => { key.value = setKey(''); this.keyChanged(); key.focus(); } });

    const kind = el('select', { id: 'kind' }, KINDS.map((k) => el('option', { value: k, text: t(`editor.kind.${k}`) })));
    kind.addEventListener('change', async () => {
      this.kind = kind.value;
      await this.newRecord();
      this.loadRecords({ auto: true });
    });

    const listStatus = el('select', { id: 'list-status' },
      el('option', { value: 'draft', text: t('editor.list.drafts') }),
      el('option', { value: 'pending', text: t('editor.list.pending') }),
      el('option', { value: 'published', text: t('editor.list.published') }),
      el('option', { value: '', text: t('editor.list.all') }));
    listStatus.addEventListener('change', () => this.loadRecords({ auto: true }));
    const openId = el('input', { type: 'text', id: 'open-id', autocomplete: 'off', spellcheck: 'false' });
    const openForm = el('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); if (openId.value.trim()) this.load(this.kind, openId.value.trim()); } },
      el('label', { for: 'open-id', text: t('editor.openById') }), openId,
      el('button', { type: 'submit', class: 'secondary', text: t('editor.open') }));

    this.reviewBody = el('div', { id: 'review-body', 'aria-live': 'polite' });
    this.recordsBody = el('div', { id: 'records-body', 'aria-live': 'polite' });
    this.formTitle = el('h2', { id: 'form-title', tabindex: '-1' });
    this.formMeta = el('p', { class: 'muted small', id: 'form-meta' });
    this.message = el('div', { id: 'message', class: 'message', role: 'status' });
    this.summary = el('div', { id: 'error-summary', class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
    this.fields = el('div', { class: 'fields-host' });
    this.save = el('button', { type: 'submit', class: 'primary', id: 'save' });
    this.publish = el('button', { type: 'button', class: 'secondary', id: 'publish', onclick: () => this.setPublished(true) });
    this.unpublish = el('button', { type: 'button', class: 'secondary', id: 'unpublish', onclick: () => this.setPublished(false) }, t('editor.unpublish'));
    this.withdraw = el('button', { type: 'button', class: 'secondary', id: 'withdraw', onclick: () => this.withdrawRevision() }, t('editor.withdraw'));
    this.reload = el('button', { type: 'button', class: 'secondary', id: 'reload', onclick: () => this.load(this.kind, this.current.id) }, t('editor.reload'));
    this.remove = el('button', { type: 'button', class: 'secondary danger', id: 'delete', onclick: () => this.confirmDelete() }, t('editor.delete'));
    this.fresh = el('button', { type: 'button', class: 'secondary', id: 'new', onclick: async () => { await this.newRecord(); this.formTitle.focus(); } }, t('editor.new'));
    this.confirm = el('div', { class: 'confirm', hidden: true });
    this.formEl = el('form', { id: 'record-form', class: 'record-form', 'aria-labelledby': 'form-title', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      this.summary,
      this.fields,
      el('div', { class: 'actions' }, this.save, this.publish, this.unpublish, this.withdraw, this.reload, this.remove, this.fresh),
      this.confirm);

    this.account = accountBox(this.api, { from: 'editor' });
    clear(root).append(
      el('a', { class: 'skip-link', href: '#record-form', text: t('editor.skip') }),
      el('header', { class: 'editor-top' },
        el('h1', { text: t('editor.title') }),
        el('a', { href: linkTo('./'), text: t('editor.backToMap') }),
        this.account.box,
        languageMenu()),
      el('main', { id: 'editor-main', class: 'editor-main' },
        el('section', { class: 'card', 'aria-labelledby': 'access-title' },
          el('h2', { id: 'access-title', text: t('editor.access') }),
          el('label', { for: 'key', class: 'field-label', text: t('settings.apiKey') }),
          el('div', { class: 'key-row' }, key, checkKey, forget),
          el('p', { id: 'key-hint', class: 'muted small', text: t('editor.keyHint') }),
          keyInfo,
          el('label', { for: 'kind', class: 'field-label', text: t('editor.kind') }),
          kind),
        el('section', { class: 'card', 'aria-labelledby': 'review-title' },
          el('h2', { id: 'review-title', text: t('editor.review.title') }),
          el('p', { class: 'muted small', text: t('editor.review.intro') }),
          el('button', { type: 'button', class: 'secondary', id: 'review-load', text: t('editor.review.load'), onclick: () => this.loadReview() }),
          this.reviewBody),
        el('section', { class: 'card', 'aria-labelledby': 'records-title' },
          el('h2', { id: 'records-title', text: t('editor.list.title') }),
          el('div', { class: 'inline-form' },
            el('label', { for: 'list-status', text: t('editor.list.show') }), listStatus,
            el('button', { type: 'button', class: 'secondary', id: 'records-load', text: t('editor.list.load'), onclick: () => this.loadRecords() })),
          this.recordsBody,
          openForm),
        el('section', { class: 'card record', 'aria-labelledby': 'form-title' },
          this.formTitle, this.formMeta, this.message, this.formEl)));
    this.keyInput = key;
    this.keyInfo = keyInfo;
    this.kindSelect = kind;
    this.listStatus = listStatus;
  }

  /** A new key (or none): learn its role, then show what it may see and do. */
  async keyChanged() {
    this.appliedKey = getKey();
    this.role = null;
    this.keyInfo.textContent = '';
    if (getKey()) await this.whoAmI({ quiet: true });
    else if (currentPerson()) this.sessionRole();
    this.updateButtons();
    this.loadReview({ auto: true });
    this.loadRecords({ auto: true });
  }

  async whoAmI({ quiet = false } = {}) {
    let res;
    try {
      res = await this.api.send('GET', '/api/keys/me', { key: getKey() });
    } catch (e) {
      this.keyInfo.textContent = t('editor.network', { detail: e.message });
      return;
    }
    this.role = res.ok ? res.body?.role ?? null : null;
    this.keyInfo.textContent = res.ok
      ? t('editor.keyIs', { name: res.body?.name ?? '', role: tOr(`editor.role.${res.body?.role}`, res.body?.role ?? '') })
      : this.problemText(res);
    if (!quiet) this.updateButtons();
  }

  /** Without a key the session's roles decide (the API judges a request without a key by its session). */
  sessionRole() {
    const me = currentPerson();
    const roles = me.roles ?? [];
    this.role = roles.includes('reviewer') ? 'reviewer' : roles[0] ?? null;
    this.keyInfo.textContent = t('editor.sessionIs', { name: me.name || me.email, role: tOr(`editor.role.${this.role}`, this.role ?? '') });
  }

  get isReviewer() { return this.role === 'reviewer'; }

  /** A request with the key; network failures become a message (null is returned). */
  async call(method, path, opts = {}) {
    try {
      return await this.api.send(method, path, { ...opts, key: getKey() });
    } catch (e) {
      this.say('error', t('editor.network', { detail: e.message }));
      return null;
    }
  }

  problemText(res) {
    const key = { 401: 'editor.401', 403: 'editor.403', 404: 'editor.404', 409: 'editor.409', 412: 'editor.412', 428: 'editor.428', 429: 'editor.429' }[res.status] ?? 'editor.failed';
    return t(key, { detail: res.detail ?? '', status: res.status });
  }

  /** A message above the form: a status, or an error (announced at once). */
  say(kind, text, ...extra) {
    clear(this.message).append(el('p', { class: kind === 'error' ? 'error' : kind === 'ok' ? 'ok' : 'muted', role: kind === 'error' ? 'alert' : null, text }), ...extra);
    this.message.dataset.state = kind;
  }

  // ------------------------------------------------------------------ schemas

  /** The record schema of a kind (the items of /schemas/{kind}.json), fetched once. */
  async schema(kind) {
    if (!this.schemas.has(kind)) {
      const file = await this.api.json(`/schemas/${encodeURIComponent(kind)}.json`);
      this.schemas.set(kind, file.items ?? file);
    }
    return this.schemas.get(kind);
  }

  /**
   * One page of a list (the review queue, the records of a kind) into body: a first page replaces what was
   * there, a later one is appended; a load started later wins. Answers the response when it is to be shown
   * and OK, else null (the problem is then shown in body).
   */
  async page(body, name, path, { auto, offset }) {
    if (auto && !getKey() && !currentPerson()) {
      clear(body).append(el('p', { class: 'muted', text: t('editor.needsKey') }));
      return null;
    }
    if (offset === 0) clear(body).append(el('p', { class: 'muted', text: t('panel.loading') }));
    const seq = (this.seq[name] = (this.seq[name] ?? 0) + 1);
    let res;
    try {
      res = await this.api.send('GET', path, { key: getKey() });
    } catch (e) {
      if (seq === this.seq[name]) clear(body).append(el('p', { class: 'error', text: t('editor.network', { detail: e.message }) }));
      return null;
    }
    if (seq !== this.seq[name]) return null;
    if (offset === 0) clear(body);
    body.querySelector('.more')?.remove();
    if (!res.ok) {
      body.append(el('p', { class: 'error', text: this.problemText(res) }));
      return null;
    }
    return res;
  }

  /** A "Show more" button under a list when the API says there is a next page. */
  more(body, next, load) {
    if (next !== null && next !== undefined) body.append(el('button', { type: 'button', class: 'secondary more', text: t('editor.more'), onclick: () => load(next) }));
  }

  // ------------------------------------------------------------------ review queue

  /** Drafts and proposed changes of every kind, with the differences of each proposed change. */
  async loadReview({ auto = false, offset = 0 } = {}) {
    if (offset === 0) this.review.clear();
    const res = await this.page(this.reviewBody, 'review', `/api/review?limit=${PAGE}&offset=${offset}`, { auto, offset });
    if (!res) return;
    const items = res.body?.items ?? [];
    if (offset === 0) {
      this.reviewBody.append(el('p', { class: 'muted small', id: 'review-count', text: t('editor.review.count', { n: res.body?.total ?? items.length }) }));
      if (items.length === 0) return;
      this.reviewBody.append(el('ul', { class: 'review-list' }));
    }
    const list = this.reviewBody.querySelector('.review-list');
    for (const item of items) {
      this.review.set(`${item.kind}/${item.id}`, item);
      list.append(this.reviewItem(item));
    }
    this.more(this.reviewBody, res.body?.next, (next) => this.loadReview({ offset: next }));
  }

  reviewItem(item) {
    const headingId = `review-${item.kind}-${item.id}`.replace(/[^A-Za-z0-9_-]/g, '-');
    const label = item.label || item.id;
    const when = item.proposedAt ? new Date(item.proposedAt) : null;
    const fields = item.fields ?? [];
    return el('li', { class: `review-item change-${item.change}`, dataset: { kind: item.kind, id: String(item.id), change: item.change } },
      el('h3', { id: headingId },
        el('span', { class: `status change change-${item.change}`, text: tOr(`editor.change.${item.change}`, item.change) }), ' ',
        el('span', { class: 'muted', text: `${kindOne(item.kind)} ` }),
        el('span', { class: 'label', text: label })),
      el('p', { class: 'muted small', text: [
        `${t('editor.queue.id')}: ${item.id}`,
        item.author ? t('editor.review.by', { author: item.author }) : null,
        when && !Number.isNaN(when.getTime()) ? t('editor.review.at', { when: formatDateTime(when) }) : null,
      ].filter(Boolean).join(' · ') }),
      fields.length ? el('table', { class: 'diff' },
        el('caption', { text: t('editor.review.diffCaption', { label }) }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: t('editor.review.field') }),
          el('th', { scope: 'col', text: t('editor.review.published') }),
          el('th', { scope: 'col', text: t('editor.review.proposed') }))),
        el('tbody', {}, fields.map((f) => el('tr', { dataset: { field: f.field } },
          el('th', { scope: 'row' }, el('code', { text: f.field })),
          cell(f.published, 'del'),
          cell(f.proposed, 'ins'))))) : null,
      el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', 'aria-label': t('editor.review.openLabel', { label }), onclick: () => this.openFromReview(item) }, t('editor.open')),
        this.isReviewer ? el('button', { type: 'button', class: 'primary', 'aria-label': t('editor.review.publishLabel', { label }), onclick: (e) => this.publishFromReview(item, e.currentTarget) }, t('editor.publish')) : null));
  }

  async openFromReview(item) {
    if (item.kind !== this.kind) {
      this.kind = item.kind;
      this.kindSelect.value = item.kind;
      this.loadRecords({ auto: true });
    }
    await this.load(item.kind, String(item.id));
  }

  async publishFromReview(item, button) {
    button.disabled = true;
    const res = await this.call('POST', `/api/${item.kind}/${encodeURIComponent(item.id)}/publish`, { ifMatch: item.eTag });
    button.disabled = false;
    if (!res) return;
    if (res.ok) {
      this.say('ok', t('editor.published', { id: item.id }));
      if (this.current && this.kind === item.kind && this.current.id === String(item.id)) this.show(item.kind, res);
      this.loadReview();
      this.loadRecords({ auto: true });
      return;
    }
    this.failed(res, () => this.loadReview());
  }

  // ------------------------------------------------------------------ records of a kind

  async loadRecords({ auto = false, offset = 0 } = {}) {
    const status = this.listStatus.value;
    const kind = this.kind;
    const res = await this.page(this.recordsBody, 'records', `/api/${kind}?${status ? `status=${status}&` : ''}limit=${PAGE}&offset=${offset}`, { auto, offset });
    if (!res || kind !== this.kind) return;
    const rows = res.body?.items ?? [];
    if (offset === 0 && rows.length === 0) {
      this.recordsBody.append(el('p', { class: 'muted', text: t('editor.list.none') }));
      return;
    }
    if (offset === 0) {
      this.recordsBody.append(el('table', { class: 'queue' },
        el('caption', { text: t('editor.list.caption', { kind: t(`editor.kind.${kind}`), status: this.listStatus.selectedOptions[0]?.textContent ?? '' }) }),
        el('thead', {}, el('tr', {},
          el('th', { scope: 'col', text: t('editor.queue.id') }),
          el('th', { scope: 'col', text: t('editor.queue.label') }),
          el('th', { scope: 'col', text: t('editor.queue.status') }),
          el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: t('editor.queue.action') })))),
        el('tbody', {})));
    }
    const body = this.recordsBody.querySelector('tbody');
    for (const r of rows) {
      body.append(el('tr', { dataset: { id: String(r.id) } },
        el('td', {}, el('code', { text: String(r.id) })),
        el('td', { class: 'label', text: r.label ?? '' }),
        el('td', {},
          el('span', { class: `status status-${r.status}`, text: tOr(`editor.status.${r.status}`, r.status) }),
          r.pendingRevision ? [' ', el('span', { class: 'status status-pending', text: t('editor.status.pending') })] : null),
        el('td', {}, el('button', { type: 'button', class: 'secondary', 'aria-label': t('editor.queue.editLabel', { label: r.label || r.id }), onclick: () => this.load(kind, String(r.id)) }, t('editor.queue.edit')))));
    }
    this.more(this.recordsBody, res.body?.next, (next) => this.loadRecords({ offset: next }));
  }

  // ------------------------------------------------------------------ the form

  /** An empty form, or one prefilled (a town of the map proposed as a place: editor.html#new=places&name=…). */
  async newRecord(prefill = {}) {
    this.current = null;
    clear(this.message);
    this.formTitle.textContent = t('editor.newTitle', { kind: kindOne(this.kind) });
    this.formMeta.textContent = t('editor.newMeta');
    // A new record starts as a draft (when its kind has a status): reviewers publish.
    const schema = await this.schema(this.kind).catch(() => null);
    await this.render(this.kind, { ...prefill, ...(schema?.properties?.status ? { status: 'draft' } : {}) });
    this.updateButtons();
  }

  async load(kind, id) {
    const res = await this.call('GET', `/api/${kind}/${encodeURIComponent(id)}`);
    if (!res) return;
    if (!res.ok) {
      this.say('error', this.problemText(res));
      return;
    }
    await this.show(kind, res, id);
    this.say('info', t('editor.loaded', { id: this.current.id }));
    this.formTitle.focus();
  }

  /** Shows a record the API answered (GET, PUT, POST, publish), with its ETag and curation state. */
  async show(kind, res, knownId = null) {
    const record = res.body ?? {};
    const location = res.headers?.get('Location');
    const id = record.id != null ? String(record.id) : knownId ?? (location ? decodeURIComponent(location.split('/').pop()) : this.current?.id ?? '');
    const status = res.headers?.get('Atlas-Status') ?? record.status ?? 'draft';
    const pending = res.headers?.get('Atlas-Pending-Revision') === 'true';
    this.kind = kind;
    this.kindSelect.value = kind;
    this.current = { id, etag: res.etag, status, pending };
    await this.render(kind, record);
    this.formTitle.textContent = t('editor.editTitle', { kind: kindOne(kind), id });
    this.formMeta.textContent = [
      t('editor.meta', { status: tOr(`editor.status.${status}`, status), etag: etagText(res.etag) }),
      pending ? t('editor.pendingMeta') : null,
    ].filter(Boolean).join(' ');
    this.formMeta.dataset.status = status;
    this.formMeta.dataset.pending = String(pending);
    this.updateButtons();
  }

  /** Only what the key's role may do (the API refuses the rest anyway). */
  updateButtons() {
    const c = this.current;
    const editing = !!c;
    const reviewer = this.isReviewer;
    const published = c?.status === 'published';
    this.save.textContent = !editing ? t('editor.create') : published && !reviewer ? t('editor.propose') : t('editor.save');
    this.publish.textContent = c?.pending ? t('editor.publishRevision') : t('editor.publish');
    this.publish.hidden = !editing || !reviewer || (published && !c.pending);
    this.unpublish.hidden = !editing || !reviewer || !published;
    this.withdraw.hidden = !editing || !c.pending;
    this.reload.hidden = !editing;
    // Editors may delete only drafts that were never published.
    const everPublished = published || this.review.get(`${this.kind}/${c?.id}`)?.change === 'unpublished';
    this.remove.hidden = !editing || (!reviewer && everPublished);
    this.fresh.hidden = !editing;
    this.confirm.hidden = true;
    clear(this.confirm);
    this.formEl.dataset.mode = editing ? 'edit' : 'new';
  }

  async render(kind, record) {
    this.clearErrors();
    let schema;
    try {
      schema = await this.schema(kind);
    } catch (e) {
      clear(this.fields).append(el('p', { class: 'error', role: 'alert', text: t('editor.noSchema', { detail: e.message }) }));
      this.form = null;
      return;
    }
    // Status changes only through Publish and Unpublish once a record exists.
    this.form = new SchemaForm(schema, record, { locked: this.current ? ['status'] : [] });
    clear(this.fields).append(this.form.root);
  }

  clearErrors() {
    this.summary.hidden = true;
    clear(this.summary);
    this.form?.clearErrors();
  }

  /** Field errors ({ field: [messages] }, as in a 400 ProblemDetails) next to the fields, and a summary. */
  showErrors(title, errors) {
    const items = this.form.showErrors(errors);
    clear(this.summary).append(
      el('h3', { text: title }),
      el('ul', {}, items.map((x) => el('li', {}, x.focus
        ? el('a', { href: `#${x.focus.id}`, onclick: (e) => { e.preventDefault(); x.focus.focus(); } }, x.text)
        : x.text))));
    this.summary.hidden = false;
    this.summary.focus();
  }

  // ------------------------------------------------------------------ writes

  async submit() {
    if (!this.form) return;
    this.clearErrors();
    const { record, errors } = this.form.value();
    if (Object.keys(errors).length) {
      this.showErrors(t('editor.invalidTitle'), errors);
      return;
    }
    const editing = !!this.current;
    const kind = this.kind;
    const path = editing ? `/api/${kind}/${encodeURIComponent(this.current.id)}` : `/api/${kind}`;
    this.save.disabled = true;
    this.say('info', t('editor.saving'));
    const res = await this.call(editing ? 'PUT' : 'POST', path, { body: record, ifMatch: editing ? this.current.etag : undefined });
    this.save.disabled = false;
    if (!res) return;
    if (res.ok) {
      await this.show(kind, res, editing ? this.current.id : null);
      const status = tOr(`editor.status.${this.current.status}`, this.current.status);
      this.say('ok', this.current.pending && !this.isReviewer ? t('editor.proposed', { id: this.current.id })
        : t(editing ? 'editor.saved' : 'editor.created', { id: this.current.id, status }));
      this.loadReview();
      this.loadRecords();
      return;
    }
    this.failed(res);
  }

  failed(res, reload = () => this.load(this.kind, this.current.id)) {
    if (res.status === 400 && res.body?.errors && this.form) {
      clear(this.message);
      this.showErrors(res.body.title ?? t('editor.invalidTitle'), res.body.errors);
      return;
    }
    if (res.status === 412) {
      this.say('error', t('editor.412'),
        el('button', { type: 'button', class: 'primary', id: 'reload-stale', onclick: () => reload() }, t('editor.reloadStale')));
      this.message.querySelector('#reload-stale')?.focus();
      return;
    }
    this.say('error', this.problemText(res));
  }

  async setPublished(on) {
    if (!this.current) return;
    const kind = this.kind;
    const res = await this.call('POST', `/api/${kind}/${encodeURIComponent(this.current.id)}/${on ? 'publish' : 'unpublish'}`, { ifMatch: this.current.etag });
    if (!res) return;
    if (res.ok) {
      await this.show(kind, res, this.current.id);
      this.say('ok', t(on ? 'editor.published' : 'editor.unpublished', { id: this.current.id }));
      this.loadReview();
      this.loadRecords();
      return;
    }
    this.failed(res);
  }

  async withdrawRevision() {
    if (!this.current) return;
    const { id } = this.current;
    const res = await this.call('DELETE', `/api/${this.kind}/${encodeURIComponent(id)}/revision`, { ifMatch: this.current.etag });
    if (!res) return;
    if (res.ok) {
      await this.load(this.kind, id);
      this.say('ok', t('editor.withdrawn', { id }));
      this.loadReview();
      this.loadRecords();
      return;
    }
    this.failed(res);
  }

  confirmDelete() {
    const yes = el('button', { type: 'button', class: 'primary danger', id: 'delete-yes', onclick: () => this.doDelete() }, t('editor.deleteYes'));
    const no = el('button', { type: 'button', class: 'secondary', onclick: () => { this.confirm.hidden = true; clear(this.confirm); this.remove.focus(); } }, t('editor.deleteNo'));
    clear(this.confirm).append(el('p', { text: t('editor.deleteConfirm', { id: this.current.id }) }), yes, ' ', no);
    this.confirm.hidden = false;
    yes.focus();
  }

  async doDelete() {
    const id = this.current.id;
    const res = await this.call('DELETE', `/api/${this.kind}/${encodeURIComponent(id)}`, { ifMatch: this.current.etag });
    if (!res) return;
    if (res.ok) {
      await this.newRecord();
      this.say('ok', t('editor.deleted', { id }));
      this.loadReview();
      this.loadRecords();
      this.formTitle.focus();
      return;
    }
    this.confirm.hidden = true;
    this.failed(res);
  }
}

/**
 * A new record asked for by the link (#new=<kind>&<field>=<value>…): only the kinds and the fields listed
 * here, numbers as numbers; anything else in the hash is ignored.
 */
export function draftFromHash(hash) {
  const p = new URLSearchParams(String(hash ?? '').replace(/^#/, ''));
  const kind = p.get('new');
  if (kind !== 'places') return null;
  const record = {};
  for (const k of ['id', 'name', 'kind', 'country']) if (p.get(k)) record[k] = p.get(k).slice(0, 200);
  for (const k of ['latitude', 'longitude', 'population', 'geonamesId']) {
    const v = Number(p.get(k));
    if (p.get(k) && Number.isFinite(v)) record[k] = v;
  }
  return { kind, record };
}

/** A cell of the differences: the value as text, or a muted "(none)". */
function cell(v, tag) {
  const text = valueText(v);
  return el('td', {}, text === null ? el('span', { class: 'muted', text: t('editor.none') }) : el(tag, { text }));
}

const root = document.getElementById('editor');
if (root) {
  await initLanguage();
  const editor = new Editor(root);
  window.atlasEditor = editor;
  editor.start().finally(() => { document.body.dataset.editor = 'ready'; });
}
