// The signed-in person, for every page: who it is (GET /account/me), the antiforgery token its writes send
// (fetched after signing in, as the server asks) and the header's "Signed in as … / Sign out" or "Sign in".
// Chromium logs every 401 as a console error, so an anonymous visitor is not asked about at all: a flag in
// localStorage (set on sign-in, cleared on sign-out or when the session has ended) says there may be a session.
import { el, clear } from './dom.js';
import { t, linkTo } from './i18n/index.js';
import { getKey } from './key.js';

const FLAG = 'atlas.signedIn';

function flag(on) {
  try {
    if (on) localStorage.setItem(FLAG, '1');
    else localStorage.removeItem(FLAG);
  } catch { /* storage disabled: the session is then only asked about right after signing in */ }
}

const flagged = () => {
  try { return localStorage.getItem(FLAG) === '1'; } catch { return false; }
};

let current = null;
/** The signed-in person as last loaded on this page, or null. */
export const currentPerson = () => current;

// Settled once the page's loadSession() has its answer: what is offered by role waits on it, so that a signed-in
// person is not first shown a page for anonymous visitors (nor the reverse).
let known = Promise.resolve(null);
export const sessionKnown = () => known;

/** The person ({email,name,roles,placeId}) or null; when signed in, api.xsrf is set for its writes. */
export function loadSession(api) {
  known = askSession(api);
  return known;
}

async function askSession(api) {
  if (!flagged()) return null;
  const me = await api.send('GET', '/account/me').catch(() => null);
  if (!me?.ok) {
    if (me?.status === 401) flag(false);
    return null;
  }
  await antiforgery(api);
  current = me.body;
  return current;
}

async function antiforgery(api) {
  const res = await api.send('GET', '/account/antiforgery');
  api.xsrf = res.ok ? res.body?.token ?? null : null;
}

/** POST /account/login; resolves to the send() result (ok: the person is in body). */
export function signIn(api, email, password) {
  return started(api, api.send('POST', '/account/login', { body: { email, password } }));
}

/** POST /account/passkeys/login with the browser's answer (passkeys.js); resolves like signIn. */
export function signInWithPasskey(api, credential) {
  return started(api, api.send('POST', '/account/passkeys/login', { body: { credential } }));
}

async function started(api, sent) {
  const res = await sent;
  if (res.ok) {
    flag(true);
    await antiforgery(api);
  }
  return res;
}

export async function signOut(api) {
  await api.send('POST', '/account/logout').catch(() => null);
  flag(false);
  api.xsrf = null;
  current = null;
  actorChanged();
}

// Who a write would be made as: the key in Settings when one is set (the API judges a request with a key by the
// key, whatever the session), else the session. Keys are asked about once each (GET /api/keys/me).
const ACTOR_EVENT = 'atlas:actor';
const keyInfo = new Map();

/** { roles: ['reviewer'|'editor'|'place_representative'…], placeId } of the key or the session, or null for nobody. */
export async function actingAs(api) {
  const key = getKey();
  if (!key) {
    await sessionKnown();
    const me = currentPerson(); // null again after a sign-out
    return me ? { roles: me.roles ?? [], placeId: me.placeId ?? null } : null;
  }
  if (!keyInfo.has(key)) {
    keyInfo.set(key, api.send('GET', '/api/keys/me', { key })
      .then((res) => (res.ok && res.body?.role ? { roles: [res.body.role], placeId: res.body.placeId ?? null } : null))
      .catch(() => { keyInfo.delete(key); return null; }));
  }
  return keyInfo.get(key);
}

/** Tells what offers by role that the key or the session changed (a key typed in Settings, a sign-out). */
export function actorChanged() {
  window.dispatchEvent(new Event(ACTOR_EVENT));
}

/** Calls back (debounced: a key is typed a letter at a time) when actorChanged() is told, while alive() holds. */
export function onActorChange(callback, alive, wait = 300) {
  let timer = 0;
  const listener = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (alive()) callback();
      else window.removeEventListener(ACTOR_EVENT, listener);
    }, wait);
  };
  window.addEventListener(ACTOR_EVENT, listener);
}

/** The header's account box: filled by show(person|null); from names the page sign-in returns to. */
export function accountBox(api, { onSignOut, from } = {}) {
  const box = el('div', { class: 'account-box', id: 'account-box' });
  const show = (me) => {
    clear(box);
    if (!me) {
      box.append(el('a', { href: linkTo(from ? `signin.html?return=${from}` : 'signin.html'), id: 'sign-in-link', text: t('account.signIn') }), ' ',
        el('a', { href: linkTo('request-access.html'), class: 'small', text: t('account.requestAccess') }));
      return;
    }
    const out = el('button', { type: 'button', class: 'secondary', id: 'sign-out', text: t('account.signOut') });
    out.addEventListener('click', async () => {
      await signOut(api);
      show(null);
      onSignOut?.();
    });
    // The name links to the account page (keys, passkeys); the link is relative to the page's base.
    box.append(el('span', { id: 'signed-in-as', class: 'small' },
      el('a', { href: 'account/', text: t('account.signedInAs', { name: me.name || me.email }) })), ' ', out);
  };
  return { box, show };
}
