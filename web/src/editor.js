// The editor page (editor.html): editors write drafts, reviewers publish, through the curation API
// (README "Curation"). Separate from the public map. Records are the catalogue files' JSON shape; the common
// fields of practices and places are form fields, everything else of a record is a JSON text area. Every
// value from the API goes into the page as text or as a form control's value, never as HTML.
import { readConfig } from './config.js';
import { Api } from './api.js';
import { el, clear } from './dom.js';
import { t, tOr } from './i18n/index.js';
import { getKey, setKey } from './key.js';
import { THEMES } from './state.js';

export const KINDS = ['practices', 'places', 'initiatives', 'events', 'commitments', 'memberships'];

// The record shape per kind (api/Catalogue/CatalogueRecords.cs), in the order of the catalogue files.
const RECORD = {
  practices: ['id', 'title', 'localTitle', 'summary', 'description', 'localText', 'language', 'placeId', 'initiativeId', 'themes', 'tags',
    'startDate', 'endDate', 'periodLabel', 'budget', 'kpis', 'documents', 'contact', 'transferability', 'status', 'source', 'external'],
  places: ['id', 'name', 'localName', 'kind', 'country', 'latitude', 'longitude', 'population', 'geonamesId', 'role', 'roleNote',
    'interestThemes', 'interestTags', 'languages', 'note', 'source', 'external'],
  initiatives: ['id', 'name', 'localName', 'kind', 'coordinator', 'programme', 'referenceNumber', 'startDate', 'endDate', 'periodLabel',
    'budget', 'aims', 'website', 'themes', 'tags', 'summary', 'source', 'external'],
  events: ['id', 'initiativeId', 'title', 'localTitle', 'startDate', 'endDate', 'dateLabel', 'hostPlaceId', 'locationLabel', 'virtual',
    'format', 'topics', 'themes', 'tags', 'summary', 'source', 'external'],
  commitments: ['id', 'placeId', 'initiativeId', 'kind', 'title', 'targetYear', 'description', 'source', 'external'],
  memberships: ['placeId', 'initiativeId', 'role', 'note', 'source', 'external'],
};

// The form fields; whatever else a record holds is edited as JSON.
const FIELDS = {
  practices: [
    { name: 'id', required: true, hint: 'editor.hint.id' },
    { name: 'title', label: 'editor.field.title', required: true },
    { name: 'summary', type: 'textarea', required: true },
    { name: 'placeId', hint: 'editor.hint.placeId' },
    { name: 'themes', type: 'themes' },
    { name: 'tags', type: 'list', hint: 'editor.hint.tags' },
    { name: 'status', type: 'select', options: ['draft', 'published'], hint: 'editor.hint.status' },
    { name: 'source', required: true, hint: 'editor.hint.source' },
  ],
  places: [
    { name: 'id', required: true, hint: 'editor.hint.id' },
    { name: 'name', required: true },
    { name: 'kind', type: 'select', options: ['city', 'municipality', 'region', 'village_area'], required: true },
    { name: 'country', required: true, hint: 'editor.hint.country' },
    { name: 'latitude', type: 'number' },
    { name: 'longitude', type: 'number' },
    { name: 'role', type: 'select', options: ['frontrunner', 'follower', 'peer'], required: true },
    { name: 'interestThemes', type: 'themes' },
    { name: 'interestTags', type: 'list', hint: 'editor.hint.tags' },
    { name: 'source', required: true, hint: 'editor.hint.source' },
  ],
};
const ENUMS = new Set(['kind', 'role', 'status']);

const snake = (s) => String(s).replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/** A record (the catalogue files' shape) from what GET /api/{kind}/{id} answers (the stored entity). */
export function toRecord(kind, e) {
  const r = {};
  for (const k of RECORD[kind]) {
    let v;
    if (k === 'budget') v = e.budgetAmount != null || e.budgetCurrency || e.budgetNote ? { amount: e.budgetAmount ?? null, currency: e.budgetCurrency ?? null, note: e.budgetNote ?? null } : null;
    else if (k === 'contact') v = e.contactOrganisation || e.contactRole ? { organisation: e.contactOrganisation ?? null, role: e.contactRole ?? null } : null;
    else if (k === 'geonamesId') v = e.geoNamesId ?? e.geonamesId;
    else v = e[k];
    if (typeof v === 'string' && ENUMS.has(k)) v = snake(v);
    if (v !== null && v !== undefined) r[k] = v;
  }
  return r;
}

const recordId = (kind, entity) => (entity?.id === undefined || entity?.id === null ? null : String(entity.id));

class Editor {
  constructor(root) {
    this.api = new Api(readConfig().apiBase);
    this.kind = 'practices';
    this.current = null; // { id, etag, status } of the record in the form; null for a new one
    this.controls = new Map(); // field name -> { input(s), error }
    this.build(root);
    this.newRecord();
    this.loadQueue({ auto: true });
  }

  // ------------------------------------------------------------------ page

  build(root) {
    document.title = t('editor.pageTitle');
    const key = el('input', { type: 'password', id: 'key', autocomplete: 'off', spellcheck: 'false', 'aria-describedby': 'key-hint', value: getKey() });
    const keyInfo = el('p', { id: 'key-info', class: 'small', role: 'status' });
    key.addEventListener('input', () => setKey(key.value));
    key.addEventListener('change', () => { key.value = setKey(key.value); this.loadQueue({ auto: true }); });
    const checkKey = el('button', { type: 'button', class: 'secondary', text: t('editor.checkKey'), onclick: () => this.whoAmI() });
    const forget = el('button', { type: 'button', class: 'secondary', text: t('settings.forgetKey'), onclick: () => { key.value = setKey(''); keyInfo.textContent = ''; this.loadQueue({ auto: true }); key.focus(); } });

    const kind = el('select', { id: 'kind' }, KINDS.map((k) => el('option', { value: k, text: t(`editor.kind.${k}`) })));
    kind.addEventListener('change', () => {
      this.kind = kind.value;
      this.newRecord();
      this.loadQueue({ auto: true });
    });

    const queueStatus = el('select', { id: 'queue-status' },
      el('option', { value: 'draft', text: t('editor.queue.drafts') }),
      el('option', { value: 'published', text: t('editor.queue.published') }),
      el('option', { value: '', text: t('editor.queue.all') }));
    queueStatus.addEventListener('change', () => this.loadQueue({ auto: true }));
    const openId = el('input', { type: 'text', id: 'open-id', autocomplete: 'off', spellcheck: 'false' });
    const openForm = el('form', { class: 'inline-form', onsubmit: (e) => { e.preventDefault(); if (openId.value.trim()) this.load(openId.value.trim()); } },
      el('label', { for: 'open-id', text: t('editor.openById') }), openId,
      el('button', { type: 'submit', class: 'secondary', text: t('editor.open') }));

    this.queueBody = el('div', { id: 'queue-body', 'aria-live': 'polite' });
    this.formTitle = el('h2', { id: 'form-title', tabindex: '-1' });
    this.formMeta = el('p', { class: 'muted small', id: 'form-meta' });
    this.message = el('div', { id: 'message', class: 'message', role: 'status' });
    this.summary = el('div', { id: 'error-summary', class: 'error-summary', role: 'alert', tabindex: '-1', hidden: true });
    this.fields = el('div', { class: 'fields' });
    this.save = el('button', { type: 'submit', class: 'primary', id: 'save' });
    this.publish = el('button', { type: 'button', class: 'secondary', id: 'publish', onclick: () => this.setPublished(true) }, t('editor.publish'));
    this.unpublish = el('button', { type: 'button', class: 'secondary', id: 'unpublish', onclick: () => this.setPublished(false) }, t('editor.unpublish'));
    this.reload = el('button', { type: 'button', class: 'secondary', id: 'reload', onclick: () => this.load(this.current.id) }, t('editor.reload'));
    this.remove = el('button', { type: 'button', class: 'secondary danger', id: 'delete', onclick: () => this.confirmDelete() }, t('editor.delete'));
    this.fresh = el('button', { type: 'button', class: 'secondary', id: 'new', onclick: () => { this.newRecord(); this.formTitle.focus(); } }, t('editor.new'));
    this.confirm = el('div', { class: 'confirm', hidden: true });
    this.form = el('form', { id: 'record-form', class: 'record-form', 'aria-labelledby': 'form-title', novalidate: true, onsubmit: (e) => { e.preventDefault(); this.submit(); } },
      this.summary,
      this.fields,
      el('div', { class: 'actions' }, this.save, this.publish, this.unpublish, this.reload, this.remove, this.fresh),
      this.confirm);

    clear(root).append(
      el('a', { class: 'skip-link', href: '#record-form', text: t('editor.skip') }),
      el('header', { class: 'editor-top' },
        el('h1', { text: t('editor.title') }),
        el('a', { href: './', text: t('editor.backToMap') })),
      el('main', { id: 'editor-main', class: 'editor-main' },
        el('section', { class: 'card', 'aria-labelledby': 'access-title' },
          el('h2', { id: 'access-title', text: t('editor.access') }),
          el('label', { for: 'key', class: 'field-label', text: t('settings.apiKey') }),
          el('div', { class: 'key-row' }, key, checkKey, forget),
          el('p', { id: 'key-hint', class: 'muted small', text: t('editor.keyHint') }),
          keyInfo,
          el('label', { for: 'kind', class: 'field-label', text: t('editor.kind') }),
          kind),
        el('section', { class: 'card', 'aria-labelledby': 'queue-title' },
          el('h2', { id: 'queue-title', text: t('editor.queue.title') }),
          el('div', { class: 'inline-form' },
            el('label', { for: 'queue-status', text: t('editor.queue.show') }), queueStatus,
            el('button', { type: 'button', class: 'secondary', id: 'queue-load', text: t('editor.queue.load'), onclick: () => this.loadQueue() })),
          this.queueBody,
          openForm),
        el('section', { class: 'card record', 'aria-labelledby': 'form-title' },
          this.formTitle, this.formMeta, this.message, this.form)));
    this.keyInput = key;
    this.keyInfo = keyInfo;
    this.kindSelect = kind;
    this.queueStatus = queueStatus;
  }

  async whoAmI() {
    const res = await this.call('GET', '/api/keys/me');
    if (!res) return;
    this.keyInfo.textContent = res.ok ? t('editor.keyIs', { name: res.body?.name ?? '', role: tOr(`editor.role.${res.body?.role}`, res.body?.role ?? '') })
      : this.problemText(res);
  }

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

  // ------------------------------------------------------------------ queue

  /** The review queue; by itself (auto) only with a key, since without one the API answers 401. */
  async loadQueue({ auto = false } = {}) {
    const status = this.queueStatus.value;
    if (auto && !getKey()) {
      clear(this.queueBody).append(el('p', { class: 'muted', text: t('editor.queue.needsKey') }));
      return;
    }
    clear(this.queueBody).append(el('p', { class: 'muted', text: t('panel.loading') }));
    let res;
    try {
      res = await this.api.send('GET', `/api/${this.kind}${status ? `?status=${status}` : ''}`, { key: getKey() });
    } catch (e) {
      clear(this.queueBody).append(el('p', { class: 'error', text: t('editor.network', { detail: e.message }) }));
      return;
    }
    clear(this.queueBody);
    if (!res.ok) {
      this.queueBody.append(el('p', { class: 'error', text: this.problemText(res) }));
      return;
    }
    const rows = Array.isArray(res.body) ? res.body : [];
    if (rows.length === 0) {
      this.queueBody.append(el('p', { class: 'muted', text: status === 'draft' ? t('editor.queue.empty') : t('editor.queue.none') }));
      return;
    }
    this.queueBody.append(el('table', { class: 'queue' },
      el('caption', { text: t('editor.queue.caption', { kind: t(`editor.kind.${this.kind}`), n: rows.length, status: this.queueStatus.selectedOptions[0]?.textContent ?? '' }) }),
      el('thead', {}, el('tr', {},
        el('th', { scope: 'col', text: t('editor.queue.id') }),
        el('th', { scope: 'col', text: t('editor.queue.label') }),
        el('th', { scope: 'col', text: t('editor.queue.status') }),
        el('th', { scope: 'col' }, el('span', { class: 'visually-hidden', text: t('editor.queue.action') })))),
      el('tbody', {}, rows.map((r) => el('tr', { dataset: { id: String(r.id) } },
        el('td', {}, el('code', { text: String(r.id) })),
        el('td', { class: 'label', text: r.label ?? '' }),
        el('td', {}, el('span', { class: `status status-${r.status}`, text: tOr(`editor.status.${r.status}`, r.status) })),
        el('td', {}, el('button', { type: 'button', class: 'secondary', 'aria-label': t('editor.queue.editLabel', { label: r.label ?? r.id }), onclick: () => this.load(String(r.id)) }, t('editor.queue.edit'))))))));
  }

  // ------------------------------------------------------------------ the form

  newRecord() {
    this.current = null;
    this.render({});
    this.formTitle.textContent = t('editor.newTitle', { kind: t(`editor.kind1.${this.kind}`) });
    this.formMeta.textContent = t('editor.newMeta');
    clear(this.message);
    this.updateButtons();
  }

  async load(id) {
    const res = await this.call('GET', `/api/${this.kind}/${encodeURIComponent(id)}`);
    if (!res) return;
    if (!res.ok) {
      this.say('error', this.problemText(res));
      return;
    }
    this.show(res.body, res.etag);
    this.say('info', t('editor.loaded', { id: this.current.id }));
    this.formTitle.focus();
  }

  /** Shows a stored record (the entity the API answered) with its ETag. */
  show(entity, etag) {
    const id = recordId(this.kind, entity);
    this.current = { id, etag, status: snake(entity.status ?? 'draft') };
    this.render(toRecord(this.kind, entity));
    this.formTitle.textContent = t('editor.editTitle', { kind: t(`editor.kind1.${this.kind}`), id });
    this.formMeta.textContent = t('editor.meta', { status: tOr(`editor.status.${this.current.status}`, this.current.status), etag: (etag ?? '—').replace(/^W\//, '').replace(/"/g, '') });
    this.updateButtons();
  }

  updateButtons() {
    const editing = !!this.current;
    this.save.textContent = editing ? t('editor.save') : t('editor.create');
    this.publish.hidden = !editing || this.current.status === 'published';
    this.unpublish.hidden = !editing || this.current.status !== 'published';
    this.reload.hidden = !editing;
    this.remove.hidden = !editing;
    this.fresh.hidden = !editing;
    this.confirm.hidden = true;
    clear(this.confirm);
    this.form.dataset.mode = editing ? 'edit' : 'new';
  }

  render(record) {
    this.controls.clear();
    this.clearErrors();
    clear(this.fields);
    const specs = FIELDS[this.kind] ?? [];
    for (const f of specs) this.fields.append(this.field(f, record[f.name]));
    const rest = {};
    for (const [k, v] of Object.entries(record)) if (!specs.some((f) => f.name === k)) rest[k] = v;
    const json = el('textarea', { id: 'f-json', name: 'json', rows: specs.length ? '8' : '16', spellcheck: 'false', class: 'json', 'aria-describedby': 'f-json-hint' });
    json.value = Object.keys(rest).length ? JSON.stringify(rest, null, 2) : (specs.length ? '{}' : JSON.stringify(this.template(), null, 2));
    const error = el('p', { id: 'err-json', class: 'field-error', hidden: true });
    this.controls.set('$json', { input: json, error });
    this.fields.append(el('div', { class: 'field field-json' },
      el('label', { for: 'f-json', text: specs.length ? t('editor.field.more') : t('editor.field.record') }),
      el('p', { id: 'f-json-hint', class: 'muted small', text: specs.length ? t('editor.hint.more', { keys: RECORD[this.kind].filter((k) => !specs.some((f) => f.name === k)).join(', ') }) : t('editor.hint.record', { keys: RECORD[this.kind].join(', ') }) }),
      json, error));
  }

  template() {
    const blank = { commitments: { id: '', placeId: '', kind: 'climate_target', title: '', source: '' },
      memberships: { placeId: '', initiativeId: '', role: 'member', source: '' },
      initiatives: { id: '', name: '', kind: 'network', source: '' },
      events: { id: '', title: '', source: '' } };
    return blank[this.kind] ?? {};
  }

  field(f, value) {
    const id = `f-${f.name}`;
    const label = t(f.label ?? `editor.field.${f.name}`);
    const error = el('p', { id: `err-${f.name}`, class: 'field-error', hidden: true });
    const hintId = f.hint ? `${id}-hint` : null;
    const hint = f.hint ? el('p', { id: hintId, class: 'muted small', text: t(f.hint) }) : null;
    const describedBy = [hintId].filter(Boolean).join(' ') || null;
    if (f.type === 'themes') {
      const boxes = THEMES.map((x) => el('input', { type: 'checkbox', id: `${id}-${x}`, name: f.name, value: x, checked: (value ?? []).includes(x) }));
      this.controls.set(f.name, { inputs: boxes, error, type: f.type, group: null });
      const fs = el('fieldset', { class: 'field themes', 'aria-describedby': `err-${f.name}` },
        el('legend', { text: label }),
        el('div', { class: 'check-row' }, boxes.map((b) => el('span', { class: 'check' }, b, el('label', { for: b.id, text: t(`theme.${b.value}`) })))),
        error);
      this.controls.get(f.name).group = fs;
      return fs;
    }
    let input;
    if (f.type === 'textarea') input = el('textarea', { id, name: f.name, rows: '4' });
    else if (f.type === 'select') {
      input = el('select', { id, name: f.name },
        f.required ? null : el('option', { value: '', text: t('editor.none') }),
        f.options.map((o) => el('option', { value: o, text: tOr(`editor.option.${f.name}.${o}`, o) })));
    } else input = el('input', { id, name: f.name, type: 'text', inputmode: f.type === 'number' ? 'decimal' : null, autocomplete: 'off', spellcheck: f.name === 'title' || f.name === 'name' ? null : 'false' });
    if (f.type === 'list') input.value = (value ?? []).join(', ');
    else if (f.type === 'select') input.value = value ?? (f.name === 'status' ? 'draft' : f.options[0]);
    else input.value = value ?? '';
    if (f.required) input.setAttribute('aria-required', 'true');
    if (describedBy) input.setAttribute('aria-describedby', describedBy);
    this.controls.set(f.name, { input, error, type: f.type, describedBy });
    return el('div', { class: 'field' },
      el('label', { for: id, text: f.required ? t('editor.required', { label }) : label }),
      hint, input, error);
  }

  /** The record from the form, or null (with the problem shown) when the JSON part does not parse. */
  collect() {
    const json = this.controls.get('$json');
    let rest;
    try {
      rest = json.input.value.trim() ? JSON.parse(json.input.value) : {};
      if (!rest || typeof rest !== 'object' || Array.isArray(rest)) throw new Error(t('editor.jsonObject'));
    } catch (e) {
      this.showErrors(t('editor.invalidTitle'), { $json: [t('editor.jsonError', { detail: e.message })] });
      return null;
    }
    const out = { ...rest };
    const errors = {};
    for (const f of FIELDS[this.kind] ?? []) {
      const c = this.controls.get(f.name);
      let v;
      if (f.type === 'themes') v = c.inputs.filter((b) => b.checked).map((b) => b.value);
      else if (f.type === 'list') v = c.input.value.split(',').map((x) => x.trim()).filter(Boolean);
      else if (f.type === 'number') {
        const s = c.input.value.trim().replace(',', '.');
        v = s === '' ? null : Number(s);
        if (s !== '' && !Number.isFinite(v)) errors[f.name] = [t('editor.notNumber', { value: c.input.value })];
      } else v = c.input.value.trim() === '' ? null : c.input.value.trim();
      if (v === null) delete out[f.name];
      else out[f.name] = v;
    }
    if (Object.keys(errors).length) {
      this.showErrors(t('editor.invalidTitle'), errors);
      return null;
    }
    // In the catalogue files' order.
    const ordered = {};
    for (const k of RECORD[this.kind]) if (k in out) ordered[k] = out[k];
    for (const k of Object.keys(out)) if (!(k in ordered)) ordered[k] = out[k];
    return ordered;
  }

  clearErrors() {
    this.summary.hidden = true;
    clear(this.summary);
    for (const c of this.controls.values()) {
      c.error.hidden = true;
      c.error.textContent = '';
      for (const i of c.inputs ?? [c.input]) {
        i.removeAttribute('aria-invalid');
        if (c.type !== 'themes') {
          if (c.describedBy) i.setAttribute('aria-describedby', c.describedBy);
          else if (c.input?.id !== 'f-json') i.removeAttribute('aria-describedby');
        }
      }
    }
    if (this.controls.has('$json')) this.controls.get('$json').input.setAttribute('aria-describedby', 'f-json-hint');
  }

  /** Field errors ({ field: [messages] }, as in a 400 ProblemDetails) next to the fields, and a summary. */
  showErrors(title, errors) {
    this.clearErrors();
    const items = [];
    const byField = new Map();
    for (const [key, messages] of Object.entries(errors ?? {})) {
      const base = key === '$json' ? '$json' : (key.match(/^[^.[]+/)?.[0] ?? '');
      const target = this.controls.has(base) ? base : '$json';
      const text = [].concat(messages).join(' ');
      const shown = target === base && key === base ? text : `${key}: ${text}`;
      if (!byField.has(target)) byField.set(target, []);
      byField.get(target).push(shown);
      items.push({ target, text: key === '$json' ? text : `${key}: ${text}` });
    }
    for (const [name, messages] of byField) {
      const c = this.controls.get(name);
      c.error.textContent = messages.join(' ');
      c.error.hidden = false;
      for (const i of c.inputs ?? [c.input]) {
        i.setAttribute('aria-invalid', 'true');
        if (c.type !== 'themes') i.setAttribute('aria-describedby', [c.describedBy ?? (name === '$json' ? 'f-json-hint' : null), c.error.id].filter(Boolean).join(' '));
      }
    }
    this.summary.hidden = false;
    this.summary.append(
      el('h3', { text: title }),
      el('ul', {}, items.map((x) => {
        const c = this.controls.get(x.target);
        const input = c.inputs?.[0] ?? c.input;
        return el('li', {}, el('a', { href: `#${input.id}`, onclick: (e) => { e.preventDefault(); input.focus(); } }, x.text));
      })));
    this.summary.focus();
  }

  // ------------------------------------------------------------------ writes

  async submit() {
    this.clearErrors();
    const record = this.collect();
    if (!record) return;
    const editing = !!this.current;
    const path = editing ? `/api/${this.kind}/${encodeURIComponent(this.current.id)}` : `/api/${this.kind}`;
    this.save.disabled = true;
    this.say('info', t('editor.saving'));
    const res = await this.call(editing ? 'PUT' : 'POST', path, { body: record, ifMatch: editing ? this.current.etag : undefined });
    this.save.disabled = false;
    if (!res) return;
    if (res.ok) {
      this.show(res.body, res.etag);
      this.say('ok', t(editing ? 'editor.saved' : 'editor.created', { id: this.current.id, status: tOr(`editor.status.${this.current.status}`, this.current.status) }));
      this.loadQueue();
      return;
    }
    this.failed(res);
  }

  failed(res) {
    if (res.status === 400 && res.body?.errors) {
      clear(this.message);
      this.showErrors(res.body.title ?? t('editor.invalidTitle'), res.body.errors);
      return;
    }
    if (res.status === 412) {
      this.say('error', t('editor.412'),
        el('button', { type: 'button', class: 'primary', id: 'reload-stale', onclick: () => this.load(this.current.id) }, t('editor.reloadStale')));
      this.message.querySelector('#reload-stale')?.focus();
      return;
    }
    this.say('error', this.problemText(res));
  }

  async setPublished(on) {
    if (!this.current) return;
    const res = await this.call('POST', `/api/${this.kind}/${encodeURIComponent(this.current.id)}/${on ? 'publish' : 'unpublish'}`, { ifMatch: this.current.etag });
    if (!res) return;
    if (res.ok) {
      this.show(res.body, res.etag);
      this.say('ok', t(on ? 'editor.published' : 'editor.unpublished', { id: this.current.id }));
      this.loadQueue();
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
      this.newRecord();
      this.say('ok', t('editor.deleted', { id }));
      this.loadQueue();
      this.formTitle.focus();
      return;
    }
    this.confirm.hidden = true;
    this.failed(res);
  }
}

const root = document.getElementById('editor');
if (root) {
  window.atlasEditor = new Editor(root);
  document.body.dataset.editor = 'ready';
}
