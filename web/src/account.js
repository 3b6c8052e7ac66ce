// The account pages: sign in (signin.html, with "Forgot your password?" where reset links are mailed), request access (request-access.html) and accept an invitation
// (account/invitation/, the link a reviewer's approval returns). body[data-page] says which; the page is built
// here. Errors are shown as text next to the form or the field they concern, never as alerts.
import { readConfig } from './config.js';
import { Api } from './api.js';
import { el, clear } from './dom.js';
import { t, initLanguage, linkTo } from './i18n/index.js';
import { languageMenu } from './langmenu.js';
import { signIn, signInWithPasskey } from './session.js';
import { passkeysSupported, getPasskey } from './passkeys.js';
import { accountPage } from './accountpage.js';

const api = new Api(readConfig().apiBase);
const ROLES = ['place-representative', 'editor', 'reviewer'];

/** A labelled field; its error paragraph (aria-describedby) is filled by showErrors. */
function field(id, label, control, hint) {
  control.id = id;
  control.setAttribute('aria-describedby', `${id}-error${hint ? ` ${id}-hint` : ''}`);
  return el('div', { class: 'account-field' },
    el('label', { for: id, class: 'field-label', text: label }),
    control,
    hint ? el('p', { id: `${id}-hint`, class: 'muted small', text: hint }) : null,
    el('p', { id: `${id}-error`, class: 'error small field-error' }));
}

const input = (attrs) => el('input', { type: 'text', ...attrs });

/** A problem's field errors (ValidationProblem: errors {field: [..]}) next to their fields; the rest in the form's message. */
function showErrors(form, res, message, fields) {
  for (const p of form.querySelectorAll('.field-error')) p.textContent = '';
  for (const c of form.querySelectorAll('[aria-invalid]')) c.removeAttribute('aria-invalid');
  const errors = res.body?.errors ?? {};
  let first = null;
  const other = [];
  for (const [name, list] of Object.entries(errors)) {
    const id = fields[name];
    const p = id && form.querySelector(`#${id}-error`);
    if (!p) {
      other.push(...list);
      continue;
    }
    p.textContent = list.join(' ');
    const control = form.querySelector(`#${id}`);
    control.setAttribute('aria-invalid', 'true');
    first ??= control;
  }
  message.textContent = [first ? t('account.fixFields') : null, ...other].filter(Boolean).join(' ')
    || (res.detail ?? t('account.failed', { status: res.status }));
  (first ?? message).focus?.();
}

function send(method, path, body) {
  return api.send(method, path, { body }).catch((e) => ({ ok: false, status: 0, body: null, detail: t('account.network', { detail: e.message }) }));
}

function page(title, ...content) {
  document.title = t('account.pageTitle', { title });
  const main = el('main', { id: 'main', class: 'account-page' },
    el('header', { class: 'account-top' }, el('p', {}, el('a', { href: linkTo('./'), text: t('account.backToMap') })), languageMenu()),
    el('h1', { text: title }), ...content);
  clear(document.getElementById('account')).append(main);
  return main;
}

/**
 * "Forgot your password?" under the sign-in form, only where the server mails reset links (GET
 * /account/password-reset says byEmail): a disclosure with an e-mail field, prefilled from the sign-in form.
 * The answer is the same for every address, and so is what the page says.
 */
async function forgotPassword(signInEmail) {
  const offer = await send('GET', '/account/password-reset');
  if (!offer.ok || !offer.body?.byEmail) return null;
  const toggle = el('button', { type: 'button', id: 'forgot-toggle', class: 'link', 'aria-expanded': 'false', text: t('account.forgot') });
  const section = el('section', { class: 'forgot-password' }, toggle);
  // Built when first opened, so that the page has one "E-mail address" field until then.
  let form = null;
  let email = null;
  const build = () => {
    email = input({ type: 'email', autocomplete: 'username', required: true });
    const status = el('p', { id: 'forgot-message', class: 'error', role: 'alert', tabindex: '-1' });
    form = el('form', { id: 'forgot-form', novalidate: true, hidden: true },
      el('p', { text: t('account.forgotIntro') }),
      field('forgot-email', t('account.email'), email),
      status,
      el('button', { type: 'submit', class: 'secondary', text: t('account.forgotSubmit') }));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      status.textContent = '';
      const res = await send('POST', '/account/password-reset', { email: email.value.trim() });
      if (res.ok) {
        const done = el('p', { id: 'forgot-done', class: 'done', role: 'status', tabindex: '-1', text: t('account.forgotSent', { email: email.value.trim() }) });
        form.replaceWith(done);
        toggle.remove();
        done.focus();
        return;
      }
      showErrors(form, res, status, { email: 'forgot-email' });
    });
    section.append(form);
    toggle.setAttribute('aria-controls', form.id);
  };
  toggle.addEventListener('click', () => {
    if (!form) build();
    const open = form.hidden;
    form.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (!open) return;
    email.value ||= signInEmail.value.trim();
    email.focus();
  });
  return section;
}

async function signInPage() {
  const email = input({ type: 'email', autocomplete: 'username', required: true });
  const password = input({ type: 'password', autocomplete: 'current-password', required: true });
  const message = el('p', { id: 'signin-message', class: 'error', role: 'alert', tabindex: '-1' });
  const form = el('form', { id: 'signin-form', novalidate: true },
    field('email', t('account.email'), email),
    field('password', t('account.password'), password),
    message,
    el('button', { type: 'submit', class: 'primary', text: t('account.signIn') }));
  const returnTo = linkTo({ editor: 'editor.html', account: 'account/' }[new URLSearchParams(location.search).get('return')] ?? './');
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    message.textContent = '';
    const res = await signIn(api, email.value.trim(), password.value)
      .catch((x) => ({ ok: false, status: 0, detail: t('account.network', { detail: x.message }) }));
    if (res.ok) {
      location.href = returnTo;
      return;
    }
    message.textContent = res.status === 401 ? t('account.signInFailed') : (res.detail ?? t('account.failed', { status: res.status }));
    password.focus();
  });
  // A passkey needs no e-mail address: the authenticator offers the passkeys it holds for this site.
  const passkeyMessage = el('p', { id: 'passkey-message', class: 'error', role: 'alert', tabindex: '-1' });
  const passkey = el('button', { type: 'button', id: 'passkey-sign-in', class: 'secondary', text: t('passkey.signIn') });
  passkey.addEventListener('click', async () => {
    passkeyMessage.textContent = '';
    const answer = await getPasskey(api);
    const res = answer.ok
      ? await signInWithPasskey(api, answer.credential).catch((x) => ({ ok: false, status: 0, detail: t('account.network', { detail: x.message }) }))
      : { ok: false, detail: answer.message };
    if (res.ok) {
      location.href = returnTo;
      return;
    }
    passkeyMessage.textContent = res.status === 401 ? t('passkey.signInFailed') : (res.detail ?? t('account.failed', { status: res.status }));
    passkeyMessage.focus();
  });
  page(t('account.signIn'), form, await forgotPassword(email),
    passkeysSupported() ? el('section', { class: 'passkey-sign-in', 'aria-labelledby': 'passkey-heading' },
      el('h2', { id: 'passkey-heading', text: t('passkey.orHeading') }), passkey, passkeyMessage) : null,
    el('p', {}, t('account.noAccount'), ' ', el('a', { href: linkTo('request-access.html'), text: t('account.requestAccess') })));
}

async function requestAccessPage() {
  const name = input({ autocomplete: 'name', required: true, maxlength: 200 });
  const email = input({ type: 'email', autocomplete: 'email', required: true });
  const organisation = input({ autocomplete: 'organization', maxlength: 200 });
  const place = el('select', {}, el('option', { value: '', text: t('account.noPlace') }));
  const role = el('select', {}, ROLES.map((r) => el('option', { value: r, text: t(`account.role.${r}`) })));
  const message = el('textarea', { rows: 4, maxlength: 2000 });
  const status = el('p', { id: 'request-message', class: 'error', role: 'alert', tabindex: '-1' });
  const form = el('form', { id: 'request-form', novalidate: true },
    field('name', t('account.name'), name),
    field('request-email', t('account.email'), email),
    field('organisation', t('account.organisation'), organisation),
    field('role', t('account.role'), role),
    field('place', t('account.place'), place, t('account.placeHint')),
    field('message', t('account.message'), message),
    status,
    el('button', { type: 'submit', class: 'primary', text: t('account.sendRequest') }));
  const main = page(t('account.requestAccess'), el('p', { text: t('account.requestIntro') }), form);
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    status.textContent = '';
    const res = await send('POST', '/api/access-requests', {
      name: name.value, email: email.value.trim(), organisation: organisation.value || null,
      placeId: place.value || null, role: role.value, message: message.value || null,
    });
    if (res.ok) {
      const done = el('p', { id: 'request-done', class: 'done', role: 'status', tabindex: '-1', text: t('account.requestSent', { email: email.value.trim() }) });
      form.replaceWith(done);
      done.focus();
      return;
    }
    showErrors(form, res, status, { name: 'name', email: 'request-email', organisation: 'organisation', role: 'role', placeId: 'place', message: 'message' });
  });
  // The places of the catalogue, by name; the form works (with no place) while they load or if they fail.
  try {
    const features = await api.features('places', {});
    const places = features.map((f) => ({ id: String(f.id), name: f.properties.name ?? String(f.id), country: f.properties.country ?? '' }))
      .sort((a, b) => a.name.localeCompare(b.name));
    place.append(...places.map((p) => el('option', { value: p.id, text: p.country ? `${p.name} (${p.country})` : p.name })));
  } catch (x) {
    main.querySelector('#place-hint').textContent = t('account.placesFailed', { detail: x.message });
  }
}

/**
 * A page that chooses a password with the token of its link: the invitation (makes the account) and the
 * reviewer-issued reset link (Accounts:ResetPath, /account/reset). kind names the ids and the strings.
 */
function passwordPage(kind, { title, intro, noToken, submit, path, done }) {
  const token = new URLSearchParams(location.search).get('token') ?? '';
  const password = input({ type: 'password', autocomplete: 'new-password', required: true, minlength: 12 });
  const repeat = input({ type: 'password', autocomplete: 'new-password', required: true });
  const status = el('p', { id: `${kind}-message`, class: 'error', role: 'alert', tabindex: '-1' });
  const form = el('form', { id: `${kind}-form`, novalidate: true },
    field('new-password', t('account.newPassword'), password, t('account.passwordHint')),
    field('repeat-password', t('account.repeatPassword'), repeat),
    status,
    el('button', { type: 'submit', class: 'primary', text: submit }));
  page(title, el('p', { text: intro }), token ? form : el('p', { class: 'error', text: noToken }));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    if (password.value !== repeat.value) {
      showErrors(form, { body: { errors: { repeat: [t('account.passwordsDiffer')] } } }, status, { repeat: 'repeat-password' });
      return;
    }
    const res = await send('POST', path, { token, password: password.value });
    if (res.ok) {
      const shown = el('div', { id: `${kind}-done`, role: 'status', tabindex: '-1' },
        el('p', { class: 'done', text: done(res) }),
        el('p', {}, el('a', { href: linkTo('signin.html'), text: t('account.signIn') })));
      form.replaceWith(shown);
      shown.focus();
      return;
    }
    // A used or expired link is an error on the token, which has no field here: it goes to the form's message.
    showErrors(form, res, status, { password: 'new-password' });
  });
}

const invitationPage = () => passwordPage('invitation', {
  title: t('account.invitation'), intro: t('account.invitationIntro'), noToken: t('account.noToken'),
  submit: t('account.createAccount'), path: '/account/invitations/accept',
  done: (res) => t('account.created', { email: res.body?.email ?? '' }),
});

const resetPage = () => passwordPage('reset', {
  title: t('reset.title'), intro: t('reset.intro'), noToken: t('reset.noToken'),
  submit: t('reset.submit'), path: '/account/password/reset', done: () => t('reset.done'),
});

await initLanguage();
const pages = {
  signin: signInPage, 'request-access': requestAccessPage, invitation: invitationPage, reset: resetPage, account: () => accountPage(api, page),
};
await pages[document.body.dataset.page]?.();
document.body.dataset.account = 'ready';
