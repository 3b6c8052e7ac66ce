// DOM helpers. Catalogue text always goes in as text (textContent / text nodes), never as HTML. The one
// exception is a search highlight, which passes through safeHighlight(): only text and <mark> survive.

/**
 * el('p', { class: 'x', text: 'hello', onclick: fn, 'aria-label': '...' }, child, 'text', null)
 * Strings among the children become text nodes; null/undefined/false are skipped.
 */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs ?? {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'text') node.textContent = String(v);
    else if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'hidden' || k === 'checked' || k === 'disabled' || k === 'selected') node[k] = Boolean(v);
    else if (k === 'value') node.value = v;
    else node.setAttribute(k, v === true ? '' : String(v));
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

export function clear(node) {
  node.replaceChildren();
  return node;
}

/**
 * A search highlight ("text with <mark>matches</mark>", HTML-escaped by the server) as DOM nodes. It is parsed
 * in an inert <template>, then rebuilt from scratch: text nodes are copied as text and MARK elements (with no
 * attributes, holding only text) become new <mark> elements. Anything else (another element, an attribute, a
 * comment) means the string is not what the server promises: it is then shown as plain text, tags included.
 */
export function safeHighlight(html) {
  const out = document.createDocumentFragment();
  const tpl = document.createElement('template');
  tpl.innerHTML = String(html ?? '');
  const nodes = [...tpl.content.childNodes];
  const ok = nodes.every((n) =>
    n.nodeType === Node.TEXT_NODE ||
    (n.nodeType === Node.ELEMENT_NODE && n.nodeName === 'MARK' && n.attributes.length === 0 &&
      [...n.childNodes].every((c) => c.nodeType === Node.TEXT_NODE)));
  if (!ok) {
    out.append(document.createTextNode(String(html ?? '')));
    return out;
  }
  for (const n of nodes) {
    if (n.nodeType === Node.TEXT_NODE) out.append(document.createTextNode(n.data));
    else out.append(el('mark', { text: n.textContent }));
  }
  return out;
}

/** Text with the (case-insensitive) words of q wrapped in <mark>, built as DOM nodes (no HTML involved). */
export function markText(text, q) {
  const out = document.createDocumentFragment();
  const words = String(q ?? '').toLowerCase().split(/\s+/).filter((w) => w.length > 1);
  const s = String(text ?? '');
  if (words.length === 0) {
    out.append(document.createTextNode(s));
    return out;
  }
  const lower = s.toLowerCase();
  let i = 0;
  while (i < s.length) {
    let best = -1;
    let len = 0;
    for (const w of words) {
      const j = lower.indexOf(w, i);
      if (j >= 0 && (best < 0 || j < best)) { best = j; len = w.length; }
    }
    if (best < 0) break;
    if (best > i) out.append(document.createTextNode(s.slice(i, best)));
    out.append(el('mark', { text: s.slice(best, best + len) }));
    i = best + len;
  }
  if (i < s.length) out.append(document.createTextNode(s.slice(i)));
  return out;
}

/** An http(s) URL that is safe to put in href, or null (javascript:, data: and the like are refused). */
export function safeUrl(u) {
  if (typeof u !== 'string') return null;
  try {
    const url = new URL(u, 'https://invalid.example/');
    if (url.origin === 'https://invalid.example') return null; // relative: not a link we can follow
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link when u is a safe http(s) URL, else just the text (the label, or u itself). */
export function linkOrText(u, label) {
  const href = safeUrl(u);
  const text = String(label ?? u ?? '');
  return href ? el('a', { href, rel: 'noopener noreferrer', target: '_blank', text }) : document.createTextNode(text);
}

export const $ = (sel, root = document) => root.querySelector(sel);
export const $$ = (sel, root = document) => [...root.querySelectorAll(sel)];

export function debounce(fn, ms) {
  let timer;
  const d = (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
  d.cancel = () => clearTimeout(timer);
  return d;
}
