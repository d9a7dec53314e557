// Who is signed in: kept in localStorage so a reload or a new tab stays signed in. An attendee's access token lives
// an hour; accessToken() renews it with the device's refresh token shortly before it expires.
const key = 'vm.session';
const renewBeforeMs = 60_000;

/**
 * @typedef {{ eventId: string, attendeeId: string|null, displayName: string, role: 'attendee'|'organizer',
 *             language: 'de'|'en', accessToken: string, timeZone?: string,
 *             refreshToken?: string, expiresAt?: string, deviceId?: string }} Session
 */

/** @returns {Session|null} */
export function getSession() {
  try {
    const session = JSON.parse(localStorage.getItem(key) ?? 'null');
    return session && session.accessToken && session.eventId ? session : null;
  } catch {
    return null;
  }
}

/** @param {Session} session */
export function setSession(session) {
  localStorage.setItem(key, JSON.stringify(session));
}

export function clearSession() {
  localStorage.removeItem(key);
}

export function isOrganizer(session = getSession()) {
  return session?.role === 'organizer';
}

/**
 * The session's access token, renewed first when it expires within a minute. Tabs share one session and one refresh
 * token, and a refresh token works once: renewals take a lock shared by the tabs (Web Locks), and a tab that finds
 * the session already renewed by another uses that.
 * @returns {Promise<string>}
 */
export async function accessToken() {
  const session = getSession();
  if (!session) return '';
  if (!session.refreshToken || !expiresSoon(session)) return session.accessToken;
  return locked(() => renew(false));
}

/**
 * Renews now, whatever the expiry says: a hub's connect was refused, so the token expired or was revoked. A renewal
 * refused as well means the device is signed out (see signedOut).
 */
export async function renewNow() {
  if (getSession()?.refreshToken) await locked(() => renew(true));
}

function locked(work) {
  return navigator.locks ? navigator.locks.request('vm.session.renew', work) : work();
}

function expiresSoon(session) {
  return !session.expiresAt || Date.parse(session.expiresAt) - Date.now() < renewBeforeMs;
}

async function renew(force) {
  const session = getSession();
  if (!session?.refreshToken) return session?.accessToken ?? '';
  if (!force && !expiresSoon(session)) return session.accessToken;
  let response;
  try {
    response = await fetch(`/api/events/${encodeURIComponent(session.eventId)}/devices/refresh`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ refreshToken: session.refreshToken }),
    });
  } catch {
    return session.accessToken; // offline: the hub retries, and the next call renews
  }
  if (response.ok) {
    const tokens = await response.json();
    setSession({ ...getSession(), accessToken: tokens.accessToken, expiresAt: tokens.expiresAt, refreshToken: tokens.refreshToken });
    return tokens.accessToken;
  }
  if (response.status === 401) {
    signedOut();
    return '';
  }
  return session.accessToken;
}

/**
 * The server no longer accepts this device (signed out from another device, registration erased, event purged):
 * forget the session and show the sign-in page, which explains it.
 */
export function signedOut() {
  clearSession();
  location.hash = '#/signin?ended=1';
}
