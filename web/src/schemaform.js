// A form built from a record's JSON Schema (GET /schemas/{kind}.json, the files of data/schema): one control
// per property, in the schema's order, with its required mark, its enumeration, its description as a hint.
// The schema is the one description of a record; nothing here knows the fields of a kind. Values go into
// controls as values and into labels as text, never as HTML.
import { el, clear } from './dom.js';
import { t, tOr } from './i18n/index.js';

/** "placeId" -> "Place id", "spatial_planning" -> "Spatial planning". */
export function humanize(name) {
  const s = String(name).replace(/_/g, ' ').replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** A path (budget.amount, kpis[0].name) as a DOM id fragment (budget-amount, kpis-0-name). */
export const pathId = (path) => String(path).replace(/\[(\d+)\]/g, '-$1').replace(/[^A-Za-z0-9_-]+/g, '-');

/** The schema of one property reduced to what a form needs: { kind, nullable, ... }. */
export function describe(s = {}) {
  const description = s.description ?? null;
  if (Array.isArray(s.oneOf)) {
    const branches = s.oneOf.filter((b) => b?.type !== 'null');
    const nullable = branches.length < s.oneOf.length;
    if (branches.length && branches.every((b) => b.type === 'string')) {
      // A string in one of several patterns (a source id or a URL): one text box; the API checks the pattern.
      return { kind: 'text', nullable, description };
    }
    if (branches.length === 1) return { ...describe({ ...branches[0], description: description ?? branches[0].description }), nullable };
    return { kind: 'json', nullable, description };
  }
  const types = [].concat(s.type ?? []);
  const nullable = types.includes('null');
  const type = types.find((x) => x !== 'null');
  if (Array.isArray(s.enum)) return { kind: 'enum', nullable: nullable || s.enum.includes(null), values: s.enum.filter((v) => v !== null), description };
  switch (type) {
    case 'string': return { kind: 'text', nullable, description, pattern: s.pattern ?? null, format: s.format ?? null };
    case 'number': case 'integer': return { kind: 'number', integer: type === 'integer', nullable, description };
    case 'boolean': return { kind: nullable ? 'maybe' : 'boolean', nullable, description };
    case 'object': return {
      kind: 'object', nullable, description,
      props: Object.entries(s.properties ?? {}).map(([name, p]) => ({ name, node: describe(p), required: (s.required ?? []).includes(name) })),
    };
    case 'array': {
      const item = describe(s.items ?? {});
      if (item.kind === 'enum') return { kind: 'enums', values: item.values, nullable, description };
      if (item.kind === 'text') return { kind: 'list', short: !!item.pattern, nullable, description };
      if (item.kind === 'object') return { kind: 'objects', item, nullable, description };
      return { kind: 'json', nullable, description };
    }
    default: return { kind: 'json', nullable, description };
  }
}

// Free text without a pattern whose name says it is prose gets a text area. Presentation only.
const PROSE = /summary|description|text|note|transferability/i;

/**
 * The form of one record. new SchemaForm(recordSchema, record, { locked }) builds .root; value() answers
 * { record, errors } (errors: { path: [messages] } found before sending, e.g. a number that is not one);
 * showErrors({ path: [messages] }) puts each message next to its field and answers the list for a summary.
 */
export class SchemaForm {
  constructor(schema, record = {}, { locked = [] } = {}) {
    this.schema = schema;
    this.record = record ?? {};
    this.locked = new Set(locked); // shown, not editable (status: it changes through publish and unpublish)
    this.controls = new Map(); // path -> { focus: element, inputs: [elements], error, hint, group }
    this.props = Object.entries(schema.properties ?? {}).map(([name, p]) => ({ name, node: describe(p), required: (schema.required ?? []).includes(name) }));
    this.root = el('div', { class: 'fields' }, this.props.map((p) => this.field(p.name, p.name, p.node, p.required, this.record[p.name], 0)));
  }

  label(name, depth) {
    // Nested fields (budget.amount, kpis[0].unit) share the catalogue's field names.
    return tOr(`editor.field.${name}`, humanize(name));
  }

  hint(name, node, depth) {
    const parts = [depth === 0 ? tOr(`editor.hint.${name}`, null) : null, node.description];
    if (node.kind === 'list') parts.push(t(node.short ? 'editor.hint.commas' : 'editor.hint.lines'));
    if (this.locked.has(name) && depth === 0) parts.push(t('editor.hint.locked'));
    return parts.filter(Boolean).join(' ') || null;
  }

  /** One field: a labelled control (or a fieldset for groups) with its hint and an error slot. */
  field(name, path, node, required, value, depth) {
    const id = `f-${pathId(path)}`;
    const label = this.label(name, depth);
    // Marked required only when the field must be filled in: a required field that may be null, or a list
    // that may be empty, is sent as null or [] when left empty.
    required = required && !node.nullable && !['enums', 'list', 'objects', 'boolean', 'maybe', 'object'].includes(node.kind);
    const shown = required ? t('editor.required', { label }) : label;
    const hintText = this.hint(name, node, depth);
    const hint = hintText ? el('p', { id: `${id}-hint`, class: 'muted small hint', text: hintText }) : null;
    const error = el('p', { id: `err-${pathId(path)}`, class: 'field-error', hidden: true });
    const c = { path, node, error, hint: hint?.id ?? null, inputs: [], group: null, focus: null, get: null };
    this.controls.set(path, c);
    const locked = depth === 0 && this.locked.has(name);

    if (node.kind === 'enums') {
      const chosen = new Set(value ?? []);
      const boxes = node.values.map((v) => el('input', { type: 'checkbox', id: `${id}-${pathId(v)}`, value: v, checked: chosen.has(v), disabled: locked }));
      c.inputs = boxes;
      c.get = () => boxes.filter((b) => b.checked).map((b) => b.value);
      return this.group(c, shown, required, hint, el('div', { class: 'check-row' },
        boxes.map((b) => el('span', { class: 'check' }, b, el('label', { for: b.id, text: optionLabel(name, b.value) })))));
    }
    if (node.kind === 'object') {
      const present = value !== null && value !== undefined;
      const subs = node.props.map((p) => this.field(p.name, `${path}.${p.name}`, p.node, p.required && (required || present), value?.[p.name], depth + 1));
      c.get = () => {
        const out = {};
        let any = false;
        for (const p of node.props) {
          const v = this.controls.get(`${path}.${p.name}`).get();
          if (v !== undefined) out[p.name] = v;
          if (v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0)) any = true;
        }
        return any || !node.nullable ? out : null;
      };
      return this.group(c, shown, required, hint, node.nullable ? el('p', { class: 'muted small', text: t('editor.hint.optionalGroup') }) : null, subs);
    }
    if (node.kind === 'objects') return this.objects(c, name, path, node, shown, required, hint, value, depth);

    let input;
    if (node.kind === 'enum' || node.kind === 'maybe') {
      const values = node.kind === 'maybe' ? ['true', 'false'] : node.values;
      input = el('select', { id },
        node.nullable || !required || value === undefined ? el('option', { value: '', text: t('editor.none') }) : null,
        values.map((v) => el('option', { value: v, text: node.kind === 'maybe' ? t(`editor.${v === 'true' ? 'yes' : 'no'}`) : optionLabel(name, v) })));
      input.value = value === null || value === undefined ? '' : String(value);
      c.get = () => (input.value === '' ? (node.nullable ? null : undefined) : node.kind === 'maybe' ? input.value === 'true' : input.value);
    } else if (node.kind === 'boolean') {
      input = el('input', { type: 'checkbox', id, checked: value === true, disabled: locked });
      c.inputs = [input];
      c.focus = input;
      c.get = () => input.checked;
      if (required) input.setAttribute('aria-required', 'true');
      if (hint) input.setAttribute('aria-describedby', hint.id);
      return el('div', { class: 'field field-check' }, el('span', { class: 'check' }, input, el('label', { for: id, text: shown })), hint, error);
    } else if (node.kind === 'number') {
      input = el('input', { type: 'text', id, inputmode: node.integer ? 'numeric' : 'decimal', autocomplete: 'off', spellcheck: 'false' });
      input.value = value === null || value === undefined ? '' : String(value);
      c.get = () => {
        const s = input.value.trim().replace(',', '.');
        if (s === '') return node.nullable ? null : undefined;
        const n = Number(s);
        if (!Number.isFinite(n) || (node.integer && !Number.isInteger(n))) {
          c.parseError = t(node.integer ? 'editor.notInteger' : 'editor.notNumber', { value: input.value });
          return undefined;
        }
        return n;
      };
    } else if (node.kind === 'list') {
      input = node.short ? el('input', { type: 'text', id, autocomplete: 'off', spellcheck: 'false' }) : el('textarea', { id, rows: '3' });
      input.value = (value ?? []).join(node.short ? ', ' : '\n');
      c.get = () => input.value.split(node.short ? /[,\n]/ : /\n/).map((x) => x.trim()).filter(Boolean);
    } else if (node.kind === 'json') {
      input = el('textarea', { id, rows: '4', class: 'json', spellcheck: 'false' });
      input.value = value === undefined ? '' : JSON.stringify(value, null, 2);
      c.get = () => {
        const s = input.value.trim();
        if (s === '') return node.nullable ? null : undefined;
        try { return JSON.parse(s); } catch (e) { c.parseError = t('editor.jsonError', { detail: e.message }); return undefined; }
      };
    } else {
      const prose = !node.pattern && !node.format && PROSE.test(name);
      input = prose ? el('textarea', { id, rows: '4' })
        : el('input', { type: 'text', id, autocomplete: 'off', spellcheck: node.pattern || node.format ? 'false' : null, inputmode: node.format === 'date' ? 'numeric' : null });
      input.value = value === null || value === undefined ? '' : String(value);
      // Left empty: null when it may be, else absent at the top (the API says "is required") and an empty
      // string inside an item (the API then names the item's field, e.g. kpis[0].name).
      c.get = () => {
        const s = input.value.trim();
        return s === '' ? (node.nullable ? null : depth > 0 ? '' : undefined) : s;
      };
    }
    if (locked) input.disabled = true;
    input.name = path;
    if (required) input.setAttribute('aria-required', 'true');
    if (hint) input.setAttribute('aria-describedby', hint.id);
    c.inputs = [input];
    c.focus = input;
    return el('div', { class: 'field' }, el('label', { for: id, text: shown }), hint, input, error);
  }

  group(c, legend, required, hint, ...body) {
    const fs = el('fieldset', { class: `field group group-${c.node.kind}`, 'aria-describedby': hint?.id ?? null },
      el('legend', { text: legend }), hint, body, c.error);
    if (required) fs.dataset.required = 'true';
    c.group = fs;
    c.focus = c.inputs[0] ?? null;
    return fs;
  }

  /** An array of objects (KPIs, documents): one fieldset per item, Add and Remove buttons. */
  objects(c, name, path, node, shown, required, hint, value, depth) {
    const rows = el('div', { class: 'rows' });
    const add = el('button', { type: 'button', class: 'secondary', id: `f-${pathId(path)}-add` });
    let items = Array.isArray(value) ? value.map((v) => ({ ...v })) : [];
    const one = this.label(name, depth);
    const read = () => items.map((_, i) => this.controls.get(`${path}[${i}]`).get());
    const render = () => {
      for (const k of [...this.controls.keys()]) if (k.startsWith(`${path}[`)) this.controls.delete(k);
      clear(rows);
      items.forEach((item, i) => {
        const p = `${path}[${i}]`;
        const error = el('p', { id: `err-${pathId(p)}`, class: 'field-error', hidden: true });
        const rc = { path: p, node: node.item, error, inputs: [], group: null, focus: null };
        this.controls.set(p, rc);
        const subs = node.item.props.map((s) => this.field(s.name, `${p}.${s.name}`, s.node, s.required, item?.[s.name], depth + 1));
        const remove = el('button', { type: 'button', class: 'secondary danger small-button', text: t('editor.removeItem', { n: i + 1 }),
          onclick: () => { items = read(); items.splice(i, 1); render(); (rows.querySelectorAll('input, textarea, select')[0] ?? add).focus(); } });
        rc.get = () => {
          const out = {};
          for (const s of node.item.props) {
            const v = this.controls.get(`${p}.${s.name}`).get();
            if (v !== undefined) out[s.name] = v;
          }
          return out;
        };
        const fs = el('fieldset', { class: 'item' }, el('legend', { text: t('editor.item', { label: one, n: i + 1 }) }), subs, error, remove);
        rc.group = fs;
        rc.focus = fs.querySelector('input, textarea, select');
        rows.append(fs);
      });
      add.textContent = t('editor.addItem', { label: one });
      if (items.length === 0) rows.append(el('p', { class: 'muted small', text: t('editor.noItems') }));
    };
    add.addEventListener('click', () => {
      items = read();
      items.push({});
      render();
      rows.querySelectorAll('fieldset.item')[items.length - 1]?.querySelector('input, textarea, select')?.focus();
    });
    c.get = () => read();
    render();
    const fs = this.group(c, shown, required, hint, rows, add);
    c.focus = add;
    return fs;
  }

  /** The record in the form: properties in the schema's order, then any the schema does not list, unchanged. */
  value() {
    const record = {};
    const errors = {};
    for (const c of this.controls.values()) c.parseError = null;
    for (const p of this.props) {
      const v = this.controls.get(p.name).get();
      if (v !== undefined) record[p.name] = v;
    }
    for (const [k, v] of Object.entries(this.record)) if (!(k in record) && !this.controls.has(k)) record[k] = v;
    for (const c of this.controls.values()) if (c.parseError) errors[c.path] = [c.parseError];
    return { record, errors };
  }

  /** The control an error path belongs to: the path itself, else its nearest parent (themes[1] -> themes). */
  controlFor(path) {
    let p = String(path);
    while (p) {
      if (this.controls.has(p)) return this.controls.get(p);
      const cut = p.match(/^(.*)(\[\d+\]|\.[^.[\]]+)$/);
      p = cut ? cut[1] : '';
    }
    return null;
  }

  clearErrors() {
    for (const c of this.controls.values()) {
      c.error.hidden = true;
      c.error.textContent = '';
      for (const i of c.inputs) {
        i.removeAttribute('aria-invalid');
        if (!c.group) {
          if (c.hint) i.setAttribute('aria-describedby', c.hint);
          else i.removeAttribute('aria-describedby');
        }
      }
      if (c.group) {
        if (c.hint) c.group.setAttribute('aria-describedby', c.hint);
        else c.group.removeAttribute('aria-describedby');
      }
    }
  }

  /** Shows { path: [messages] } at the fields; answers [{ path, text, focus }] (focus: null when no field has it). */
  showErrors(errors) {
    this.clearErrors();
    const out = [];
    const byControl = new Map();
    for (const [path, messages] of Object.entries(errors ?? {})) {
      const text = [].concat(messages).join(' ');
      const c = this.controlFor(path);
      out.push({ path, text: `${path}: ${text}`, focus: c?.focus ?? c?.group ?? null });
      if (!c) continue;
      if (!byControl.has(c)) byControl.set(c, []);
      byControl.get(c).push(c.path === path ? text : `${path}: ${text}`);
    }
    for (const [c, messages] of byControl) {
      c.error.textContent = messages.join(' ');
      c.error.hidden = false;
      if (c.group) {
        // The group's description carries the message; its checkboxes (if any) are marked invalid.
        c.group.setAttribute('aria-describedby', [c.hint, c.error.id].filter(Boolean).join(' '));
        for (const i of c.inputs) i.setAttribute('aria-invalid', 'true');
      } else {
        for (const i of c.inputs) {
          i.setAttribute('aria-invalid', 'true');
          i.setAttribute('aria-describedby', [c.hint, c.error.id].filter(Boolean).join(' '));
        }
      }
    }
    return out;
  }
}

// Fields whose values the map already names (themes, roles, kinds): the editor uses the same words.
const DOMAINS = { themes: ['theme'], themeReadings: ['theme'], interestThemes: ['theme'], kind: ['kind'], role: ['role', 'membership'] };

/** The label of an enumeration value: a translation when there is one, else the value in words. */
export function optionLabel(field, value) {
  const known = (DOMAINS[field] ?? []).map((d) => `${d}.${value}`).find((k) => tOr(k, null) !== null);
  return tOr(`editor.option.${field}.${value}`, tOr(`editor.value.${value}`, known ? t(known) : humanize(value)));
}
