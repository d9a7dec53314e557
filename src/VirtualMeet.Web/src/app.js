// The page shell: header (navigation, language, connection state, account) and a hash router that mounts one
// page module at a time. A page module exports `mount(root, ctx)` and may return a `dispose()` for its hubs/timers.
import { clearSession, getSession, isOrganizer } from './core/session.js';
import { language, setLanguage, t } from './core/i18n.js';
import { onConnectionState } from './core/hub.js';
import { clear, errorBox, h } from './core/dom.js';

const pages = {
  signin: { public: true },
  lobby: { nav: 'nav.lobby' },
  stage: { nav: 'nav.stage' },
  polls: { nav: 'nav.polls' },
  breakouts: { nav: 'nav.breakouts' },
  bars: { nav: 'nav.bars' },
  matchmaking: { nav: 'nav.matchmaking', attendeesOnly: true },
  organizer: { nav: 'nav.organizer', organizersOnly: true },
};

const root = document.getElementById('app');
let disposeCurrent = null;
let mountCount = 0;

function parseRoute() {
  const hash = location.hash.replace(/^#\/?/, '');
  const [path, queryString = ''] = hash.split('?');
  const [name = '', ...params] = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { name, params, query: new URLSearchParams(queryString) };
}

export function navigate(hash) {
  if (location.hash === hash) render();
  else location.hash = hash;
}

function allowed(name, session) {
  const page = pages[name];
  if (!page) return false;
  if (page.organizersOnly) return isOrganizer(session);
  if (page.attendeesOnly) return !isOrganizer(session);
  return true;
}

async function render() {
  const mount = ++mountCount;
  const session = getSession();
  let { name, params, query } = parseRoute();
  if (!session && name !== 'signin') return navigate('#/signin' + (query.size ? `?${query}` : ''));
  if (!name) return navigate(session ? '#/lobby' : '#/signin');

  renderHeader(session, name);
  const previous = disposeCurrent;
  disposeCurrent = null;
  await previous?.();
  if (mount !== mountCount) return;

  clear(root).append(h('p', { class: 'muted', text: t('common.loading') }));
  try {
    if (!allowed(name, session)) {
      clear(root).append(h('h1', { text: t('common.notFound') }));
      return;
    }
    const module = await import(`./pages/${name}.js`);
    if (mount !== mountCount) return;
    const container = h('div', { class: `page page-${name}` });
    clear(root).append(container);
    const dispose = await module.mount(container, { params, query, session, navigate });
    if (mount !== mountCount) {
      await dispose?.();
      return;
    }
    disposeCurrent = dispose ?? null;
  } catch (error) {
    if (mount !== mountCount) return;
    clear(root).append(errorBox(error));
  }
  const heading = root.querySelector('h1');
  document.title = heading ? `${heading.textContent} · ${t('app.name')}` : t('app.name');
  // A page that put focus on its first field (sign-in) keeps it; otherwise the new page's start gets it.
  if (!root.contains(document.activeElement) || document.activeElement === root) root.focus({ preventScroll: true });
}

function renderHeader(session, current) {
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

function signOut() {
  clearSession();
  navigate('#/signin');
}

const connectionIcons = { connected: '●', connecting: '◌', reconnecting: '↻', offline: '✕', idle: '○' };
const connectionTexts = {
  connected: 'conn.connected', connecting: 'conn.connecting', reconnecting: 'conn.reconnecting',
  offline: 'conn.offline', idle: 'conn.idle',
};
let connectionState = 'idle';

function renderConnection() {
  const status = document.getElementById('connection-status');
  status.dataset.state = connectionState;
  clear(status).append(
    h('span', { class: 'connection-icon', 'aria-hidden': 'true', text: connectionIcons[connectionState] }),
    ' ', t(connectionTexts[connectionState]));
}

onConnectionState((state) => {
  connectionState = state;
  renderConnection();
});

// The skip link moves focus to the page without changing the route (its href only serves browsers without script).
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  root.focus();
});

window.addEventListener('hashchange', render);
window.addEventListener('vm:language', () => {
  renderConnection();
  render();
});
render();
