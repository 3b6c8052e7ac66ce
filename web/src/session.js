// The signed-in person, for every page: who it is (GET /account/me), the antiforgery token its writes send
// (fetched after signing in, as the server asks) and the header's "Signed in as … / Sign out" or "Sign in".
// Chromium logs every 401 as a console error, so an anonymous visitor is not asked about at all: a flag in
// localStorage (set on sign-in, cleared on sign-out or when the session has ended) says there may be a session.
import { el, clear } from './dom.js';
import { t, linkTo } from './i18n/index.js';

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

/** The person ({email,name,roles,placeId}) or null; when signed in, api.xsrf is set for its writes. */
export async function loadSession(api) {
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
