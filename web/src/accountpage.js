// The signed-in person's account page (account/): who they are (name, e-mail, role, the place they speak for),
// their own API keys (a new key is shown once, with a copy button; list; revoke), their passkeys (add, list,
// remove) and Sign out. Every answer of the API is shown as text on the page, never as an alert.
import { el, clear } from './dom.js';
import { t, formatDate } from './i18n/index.js';
import { loadSession, signOut } from './session.js';
import { passkeysSupported, createPasskey } from './passkeys.js';

const day = (iso) => formatDate(iso);

/** A status paragraph that screen readers hear; ok paints it as done, otherwise as an error. */
function status(id) {
  const p = el('p', { id, role: 'status', tabindex: '-1' });
  p.say = (text, ok) => {
    p.className = ok ? 'done' : 'error';
    p.textContent = text;
  };
  return p;
}

const failed = (res) => res.detail ?? t('account.failed', { status: res.status });

function send(api, method, path, body) {
  return api.send(method, path, { body }).catch((e) => ({ ok: false, status: 0, body: null, detail: t('account.network', { detail: e.message }) }));
}

/** A section with a heading, what it lists and a form to add to it. */
function section(id, title, ...content) {
  return el('section', { id, class: 'account-section', 'aria-labelledby': `${id}-heading` },
    el('h2', { id: `${id}-heading`, text: title }), ...content);
}

/** A table of rows with a header row; each row's last cell holds its action button. */
function table(caption, headers, rows) {
  if (rows.length === 0) return el('p', { class: 'muted', text: t('accountPage.none') });
  return el('table', { class: 'account-table' },
    el('caption', { class: 'visually-hidden', text: caption }),
    el('thead', {}, el('tr', {}, headers.map((h) => el('th', { scope: 'col', text: h })))),
    el('tbody', {}, rows));
}

async function who(api, me) {
  const role = me.roles?.[0];
  let place = null;
  if (me.placeId) {
    const name = await api.json(`/odata/Places('${encodeURIComponent(me.placeId.replaceAll("'", "''"))}')?$select=Name`)
      .then((p) => p.Name).catch(() => me.placeId);
    place = el('a', { href: `./#place=${encodeURIComponent(me.placeId)}`, id: 'account-place', text: name });
  }
  const row = (label, value) => [el('dt', { text: label }), el('dd', {}, value)];
  return el('dl', { class: 'account-facts' },
    row(t('account.name'), el('span', { id: 'account-name', text: me.name || '' })),
    row(t('account.email'), el('span', { id: 'account-email', text: me.email })),
    row(t('account.role'), el('span', { id: 'account-role', text: role ? t(`accountPage.role.${role.replaceAll('_', '-')}`) : t('accountPage.noRole') })),
    me.placeId ? row(t('account.place'), place) : null);
}

function keysSection(api) {
  const list = el('div', { id: 'key-list' });
  const message = status('key-message');
  const name = el('input', { type: 'text', id: 'key-name', maxlength: 200, autocomplete: 'off' });
  const shown = el('div', { id: 'new-key', hidden: true });
  const form = el('form', { id: 'key-form', novalidate: true },
    el('label', { for: 'key-name', class: 'field-label', text: t('accountPage.keyName') }), name,
    el('button', { type: 'submit', class: 'primary', text: t('accountPage.makeKey') }));

  async function refresh() {
    const res = await send(api, 'GET', '/api/keys');
    if (!res.ok) {
      message.say(failed(res), false);
      return;
    }
    clear(list).append(table(t('accountPage.keys'), [t('accountPage.keyNameColumn'), t('accountPage.prefix'), t('accountPage.created'), t('accountPage.state'), t('accountPage.action')],
      res.body.map((k) => {
        const revoke = k.revokedAt ? null : el('button', { type: 'button', class: 'secondary', text: t('accountPage.revoke'), 'aria-label': t('accountPage.revokeKey', { name: k.name }) });
        revoke?.addEventListener('click', async () => {
          const r = await send(api, 'DELETE', `/api/keys/${encodeURIComponent(k.id)}`);
          message.say(r.ok ? t('accountPage.revoked', { name: k.name }) : failed(r), r.ok);
          await refresh();
          message.focus();
        });
        return el('tr', {}, el('td', { text: k.name }), el('td', {}, el('code', { text: `${k.prefix}…` })), el('td', { text: day(k.createdAt) }),
          el('td', { text: k.revokedAt ? t('accountPage.revokedOn', { date: day(k.revokedAt) }) : t('accountPage.active') }), el('td', {}, revoke));
      })));
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const res = await send(api, 'POST', '/api/keys', { name: name.value.trim() || null });
    if (!res.ok) {
      message.say(res.body?.errors?.name?.join(' ') ?? failed(res), false);
      return;
    }
    // The secret is in this answer only: shown once, in a read-only field the person can select or copy.
    const secret = el('input', { type: 'text', id: 'new-key-secret', readonly: true, value: res.body.key });
    const copied = el('span', { id: 'copy-result', role: 'status' });
    const copy = el('button', { type: 'button', class: 'secondary', id: 'copy-key', text: t('accountPage.copy') });
    copy.addEventListener('click', async () => {
      try {
        await navigator.clipboard.writeText(secret.value);
        copied.textContent = t('accountPage.copied');
      } catch {
        secret.select();
        copied.textContent = t('accountPage.copyByHand');
      }
    });
    clear(shown).append(
      el('p', { class: 'done', text: t('accountPage.keyMade', { name: res.body.name }) }),
      el('label', { for: 'new-key-secret', class: 'field-label', text: t('accountPage.keyOnce') }), secret, ' ', copy, ' ', copied);
    shown.hidden = false;
    name.value = '';
    message.say('', true);
    secret.focus();
    await refresh();
  });
  refresh();
  return section('keys', t('accountPage.keys'), el('p', { class: 'muted', text: t('accountPage.keysIntro') }), list, form, shown, message);
}

function passkeysSection(api) {
  const list = el('div', { id: 'passkey-list' });
  const message = status('passkey-status');
  const name = el('input', { type: 'text', id: 'passkey-name', maxlength: 200, autocomplete: 'off' });
  const form = el('form', { id: 'passkey-form', novalidate: true },
    el('label', { for: 'passkey-name', class: 'field-label', text: t('accountPage.passkeyName') }), name,
    el('button', { type: 'submit', class: 'primary', text: t('accountPage.addPasskey') }));

  async function refresh() {
    const res = await send(api, 'GET', '/account/passkeys');
    if (!res.ok) {
      message.say(failed(res), false);
      return;
    }
    clear(list).append(table(t('accountPage.passkeys'), [t('accountPage.passkeyNameColumn'), t('accountPage.created'), t('accountPage.action')],
      res.body.map((p) => {
        const remove = el('button', { type: 'button', class: 'secondary', text: t('accountPage.remove'), 'aria-label': t('accountPage.removePasskey', { name: p.name }) });
        remove.addEventListener('click', async () => {
          const r = await send(api, 'DELETE', `/account/passkeys/${encodeURIComponent(p.id)}`);
          message.say(r.ok ? t('accountPage.passkeyRemoved', { name: p.name }) : failed(r), r.ok);
          await refresh();
          message.focus();
        });
        return el('tr', {}, el('td', { text: p.name }), el('td', { text: day(p.createdAt) }), el('td', {}, remove));
      })));
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.say('', true);
    const answer = await createPasskey(api);
    if (!answer.ok) {
      message.say(answer.message, false);
      message.focus();
      return;
    }
    const res = await send(api, 'POST', '/account/passkeys', { credential: answer.credential, name: name.value.trim() || null });
    message.say(res.ok ? t('accountPage.passkeyAdded', { name: res.body.name }) : (res.body?.errors?.name?.join(' ') ?? failed(res)), res.ok);
    if (res.ok) name.value = '';
    await refresh();
    message.focus();
  });
  refresh();
  const intro = el('p', { class: 'muted', text: t('accountPage.passkeysIntro') });
  if (!passkeysSupported()) return section('passkeys', t('accountPage.passkeys'), intro, list, el('p', { class: 'error', text: t('passkey.unsupported') }), message);
  return section('passkeys', t('accountPage.passkeys'), intro, list, form, message);
}

/** page(title, ...content) is account.js's page frame (back link, h1). */
export async function accountPage(api, page) {
  const me = await loadSession(api);
  if (!me) {
    page(t('accountPage.title'), el('p', { id: 'account-signed-out' }, t('accountPage.signedOut'), ' ',
      el('a', { href: 'signin.html?return=account', text: t('account.signIn') })));
    return;
  }
  const out = el('button', { type: 'button', id: 'sign-out', class: 'secondary', text: t('account.signOut') });
  out.addEventListener('click', async () => {
    await signOut(api);
    location.href = './';
  });
  page(t('accountPage.title'), await who(api, me), keysSection(api), passkeysSection(api), el('p', {}, out));
}
