// The page shell: the header (components/app-header.js) and a hash router that mounts one page module at a time. A
// page module exports `mount(root, ctx)` and may return a `dispose()` for its hubs/timers.
import { clearSession, getSession, isOrganizer } from './core/session.js';
import { t } from './core/i18n.js';
import { onConnectionState } from './core/hub.js';
import { clear, errorBox, h } from './core/dom.js';
import { renderConnection, renderHeader } from './components/app-header.js';

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

  renderHeader(session, name, { pages, allowed, signOut });
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

// Signing out of a device ends it on the server too, so its tokens stop working. The page forgets the session first,
// so the hub connections the server then closes do not try to renew it; it signs out even when the server is away.
function signOut() {
  const session = getSession();
  clearSession();
  navigate('#/signin');
  if (!session?.deviceId) return;
  fetch(`/api/events/${encodeURIComponent(session.eventId)}/devices/${encodeURIComponent(session.deviceId)}`, {
    method: 'DELETE', headers: { Authorization: `Bearer ${session.accessToken}` },
  }).catch(() => {});
}

let connectionState = 'idle';

onConnectionState((state) => {
  connectionState = state;
  renderConnection(connectionState);
});

// The skip link moves focus to the page without changing the route (its href only serves browsers without script).
document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  root.focus();
});

window.addEventListener('hashchange', render);
window.addEventListener('vm:language', () => {
  renderConnection(connectionState);
  render();
});
render();
