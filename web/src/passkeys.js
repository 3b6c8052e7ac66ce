// The browser's half of a passkey ceremony. The server (Identity) sends the WebAuthn options as JSON with
// base64url strings; the browser's own JSON helpers turn them into the objects navigator.credentials takes and
// the answer back into JSON, so no byte juggling happens here.
import { t } from './i18n/index.js';

/** True when this browser can make and use passkeys (WebAuthn with its JSON helpers, in a secure context). */
export const passkeysSupported = () => Boolean(window.PublicKeyCredential?.parseCreationOptionsFromJSON
  && window.PublicKeyCredential.parseRequestOptionsFromJSON && navigator.credentials && window.isSecureContext);

/**
 * One ceremony: fetch the options (POST optionsPath), let the browser and the authenticator answer, return
 * { ok: true, credential } or { ok: false, message } (a refusal by the person is a message, not an error).
 */
async function ceremony(api, optionsPath, run) {
  const res = await api.send('POST', optionsPath).catch((e) => ({ ok: false, status: 0, detail: e.message }));
  if (!res.ok) return { ok: false, message: res.detail ?? t('account.failed', { status: res.status }) };
  try {
    const credential = await run(res.body);
    return credential ? { ok: true, credential: credential.toJSON() } : { ok: false, message: t('passkey.cancelled') };
  } catch (e) {
    // NotAllowedError: the person cancelled, or the time ran out; InvalidStateError: this device has one already.
    if (e.name === 'NotAllowedError' || e.name === 'AbortError') return { ok: false, message: t('passkey.cancelled') };
    if (e.name === 'InvalidStateError') return { ok: false, message: t('passkey.exists') };
    return { ok: false, message: t('passkey.browserError', { detail: e.message }) };
  }
}

/** Registration for the signed-in person (the options are made for them). */
export const createPasskey = (api) => ceremony(api, '/account/passkeys/creation-options',
  (json) => navigator.credentials.create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(json) }));

/** Sign-in: any passkey of this site that the authenticator holds (discoverable credentials). */
export const getPasskey = (api) => ceremony(api, '/account/passkeys/request-options',
  (json) => navigator.credentials.get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(json) }));
