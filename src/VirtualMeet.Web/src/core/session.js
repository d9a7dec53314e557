// Who is signed in: kept in localStorage so a reload or a new tab stays signed in.
const key = 'vm.session';

/**
 * @typedef {{ eventId: string, attendeeId: string|null, displayName: string, role: 'attendee'|'organizer',
 *             language: 'de'|'en', accessToken: string, timeZone?: string }} Session
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
