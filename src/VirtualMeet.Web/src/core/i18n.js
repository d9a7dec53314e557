import { getSession } from './session.js';

// German and English UI texts. Each page registers its own strings (keys prefixed with the page name) at load.
const strings = { de: {}, en: {} };
const supported = ['de', 'en'];
const storageKey = 'vm.lang';

let current = initialLanguage();

function initialLanguage() {
  const stored = localStorage.getItem(storageKey);
  if (supported.includes(stored)) return stored;
  return (navigator.language ?? 'de').toLowerCase().startsWith('en') ? 'en' : 'de';
}

/** @param {{ de?: Record<string,string>, en?: Record<string,string> }} table */
export function addStrings(table) {
  for (const lang of supported) Object.assign(strings[lang], table[lang] ?? {});
}

/** The text of `key` in the current language (falling back to the other), with `{name}` placeholders filled. */
export function t(key, vars = {}) {
  const other = current === 'de' ? 'en' : 'de';
  const text = strings[current][key] ?? strings[other][key] ?? key;
  return text.replace(/\{(\w+)\}/g, (match, name) => (name in vars ? String(vars[name]) : match));
}

/** @returns {'de'|'en'} */
export function language() {
  return current;
}

export function setLanguage(lang) {
  if (!supported.includes(lang) || lang === current) return;
  current = lang;
  localStorage.setItem(storageKey, lang);
  document.documentElement.lang = lang;
  window.dispatchEvent(new CustomEvent('vm:language', { detail: lang }));
}

const locale = () => (current === 'de' ? 'de-DE' : 'en-GB');

// Times are shown in the event's time zone (kept in the session at sign-in), as the agenda was planned in it. Every
// time the client shows goes through the helpers below (or core/zoned-time.js for entering one).
/** The event's IANA time zone, or undefined (the browser's) when the session does not know it. */
export const timeZone = () => getSession()?.timeZone ?? undefined;

export function formatTime(iso) {
  return new Date(iso).toLocaleTimeString(locale(), { hour: '2-digit', minute: '2-digit', timeZone: timeZone() });
}

export function formatDateTime(iso) {
  return new Date(iso).toLocaleString(locale(), { dateStyle: 'medium', timeStyle: 'short', timeZone: timeZone() });
}

export function formatDate(iso) {
  return new Date(iso).toLocaleDateString(locale(), { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: timeZone() });
}

document.documentElement.lang = current;

addStrings({
  de: {
    'app.name': 'VirtualMeet',
    'app.skip': 'Zum Inhalt springen',
    'nav.label': 'Hauptnavigation',
    'nav.lobby': 'Lobby',
    'nav.stage': 'Bühne',
    'nav.polls': 'Umfragen',
    'nav.breakouts': 'Breakouts',
    'nav.bars': 'Vernetz-BARs',
    'nav.matchmaking': 'Matchmaking',
    'nav.organizer': 'Organisation',
    'nav.signOut': 'Abmelden',
    'lang.label': 'Sprache',
    'conn.connected': 'Verbunden',
    'conn.connecting': 'Verbinde …',
    'conn.reconnecting': 'Verbindung unterbrochen, verbinde neu …',
    'conn.offline': 'Offline',
    'conn.idle': 'Keine Live-Verbindung',
    'error.generic': 'Etwas ist schiefgegangen.',
    'error.code': 'Fehler',
    'common.loading': 'Lädt …',
    'common.notFound': 'Diese Seite gibt es nicht.',
    'common.signedInAs': 'Angemeldet als {name}',
  },
  en: {
    'app.name': 'VirtualMeet',
    'app.skip': 'Skip to content',
    'nav.label': 'Main navigation',
    'nav.lobby': 'Lobby',
    'nav.stage': 'Stage',
    'nav.polls': 'Polls',
    'nav.breakouts': 'Breakouts',
    'nav.bars': 'Vernetz-BARs',
    'nav.matchmaking': 'Matchmaking',
    'nav.organizer': 'Organiser',
    'nav.signOut': 'Sign out',
    'lang.label': 'Language',
    'conn.connected': 'Connected',
    'conn.connecting': 'Connecting…',
    'conn.reconnecting': 'Connection lost, reconnecting…',
    'conn.offline': 'Offline',
    'conn.idle': 'No live connection',
    'error.generic': 'Something went wrong.',
    'error.code': 'Error',
    'common.loading': 'Loading…',
    'common.notFound': 'This page does not exist.',
    'common.signedInAs': 'Signed in as {name}',
  },
});
