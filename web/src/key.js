// The API key for writes (asking a mentor, the editor page). Kept in sessionStorage only: it lives as long as
// the browser tab, is shared by the map and the editor page of this site in that tab, and never goes into a
// URL, a link or localStorage.
const SLOT = 'atlas.apiKey';

export function getKey() {
  try {
    return sessionStorage.getItem(SLOT) ?? '';
  } catch {
    return '';
  }
}

export function setKey(value) {
  const v = String(value ?? '').trim();
  try {
    if (v) sessionStorage.setItem(SLOT, v);
    else sessionStorage.removeItem(SLOT);
  } catch { /* storage disabled: the key is then only kept for this request */ }
  return v;
}
