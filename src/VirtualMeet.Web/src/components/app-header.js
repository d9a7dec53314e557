// The page shell's header: navigation to the pages this person may open, the language switch, who is signed in
// (with sign-out), and the connection state of the page's hubs in words and an icon.
import { clear, h } from '../core/dom.js';
import { language, setLanguage, t } from '../core/i18n.js';

/**
 * @param {object|null} session who is signed in
 * @param {string} current the page shown
 * @param {{ pages: Record<string, { nav?: string }>, allowed: (name: string, session: object) => boolean,
 *           signOut: () => void }} options
 */
export function renderHeader(session, current, { pages, allowed, signOut }) {
  document.getElementById('skip-link').textContent = t('app.skip');
  const nav = document.getElementById('main-nav');
  nav.setAttribute('aria-label', t('nav.label'));
  clear(nav);
  if (session) {
    nav.append(h('ul', {}, Object.entries(pages)
      .filter(([name, page]) => page.nav && allowed(name, session))
      .map(([name, page]) => h('li', {}, h('a', {
        href: `#/${name}`,
        'aria-current': name === current ? 'page' : undefined,
        text: t(page.nav),
      })))));
  }

  const switcher = document.getElementById('language-switch');
  switcher.setAttribute('aria-label', t('lang.label'));
  clear(switcher).append(...['de', 'en'].map((lang) => h('button', {
    type: 'button',
    lang,
    'aria-pressed': String(language() === lang),
    on: { click: () => setLanguage(lang) },
    text: lang.toUpperCase(),
  })));

  const account = clear(document.getElementById('account'));
  if (session) {
    account.append(
      h('span', { class: 'account-name', text: t('common.signedInAs', { name: session.displayName }) }),
      h('button', { type: 'button', class: 'link-button', on: { click: signOut }, text: t('nav.signOut') }));
  }
}

const connectionIcons = { connected: '●', connecting: '◌', reconnecting: '↻', offline: '✕', idle: '○' };
const connectionTexts = {
  connected: 'conn.connected', connecting: 'conn.connecting', reconnecting: 'conn.reconnecting',
  offline: 'conn.offline', idle: 'conn.idle',
};

/** Shows `state` (core/hub-state.js) in the header's connection status. */
export function renderConnection(state) {
  const status = document.getElementById('connection-status');
  status.dataset.state = state;
  clear(status).append(
    h('span', { class: 'connection-icon', 'aria-hidden': 'true', text: connectionIcons[state] }),
    ' ', t(connectionTexts[state]));
}
