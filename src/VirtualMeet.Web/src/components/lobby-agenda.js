// The lobby's agenda: what is live now, then the programme by start time with parallel sessions side by side.
import { clear, h } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';
import { entryHref, lobbySessionCard } from './lobby-session-card.js';

/**
 * @param {{ isAttendee: boolean, act: (sessionId: string, method: 'POST'|'DELETE') => void }} options
 * @returns {{ element: HTMLElement, render(state: { agenda: object, availability: Map, places: Map }): void }}
 */
export function createLobbyAgenda(options) {
  const element = h('div', { class: 'stack' });

  function render(state) {
    const now = Date.now();
    const sessions = state.agenda.sessions;
    const topLevel = sessions.filter((s) => !s.parentSessionId).sort(byStart);
    const childrenOf = (id) => sessions.filter((s) => s.parentSessionId === id).sort(byStart);
    const isLive = (s) => new Date(s.startsAt).getTime() <= now && now < new Date(s.endsAt).getTime();

    const live = topLevel.filter(isLive);
    const liveSection = h('section', { class: 'card live-now', 'aria-labelledby': 'lobby-live-heading' },
      h('h2', { id: 'lobby-live-heading', text: t('lobby.liveNow') }),
      live.length === 0
        ? h('p', { class: 'muted', text: t('lobby.nothingLive') })
        : h('ul', { class: 'live-list' }, live.map((s) => h('li', {}, h('span', { class: 'badge badge-live', text: `● ${t('lobby.live')}` }), ' ',
          h('a', { href: entryHref(s), text: s.title }), h('span', { class: 'muted', text: ` · ${formatTime(s.startsAt)}–${formatTime(s.endsAt)}` })))));

    const slots = new Map();
    for (const s of topLevel) {
      const key = s.startsAt;
      if (!slots.has(key)) slots.set(key, []);
      slots.get(key).push(s);
    }

    const agenda = h('section', { 'aria-labelledby': 'lobby-agenda-heading', class: 'agenda' },
      h('h2', { id: 'lobby-agenda-heading', text: t('lobby.agenda') }),
      h('ol', { class: 'agenda-slots' }, [...slots.entries()].map(([startsAt, parallel]) =>
        h('li', { class: 'agenda-slot' },
          h('h3', { class: 'slot-time' }, h('time', { datetime: startsAt, text: formatTime(startsAt) })),
          h('ul', { class: 'grid agenda-sessions' }, parallel.map((s) =>
            h('li', {}, lobbySessionCard(s, childrenOf(s.id), state, options, isLive(s), now >= new Date(s.endsAt).getTime()))))))));

    clear(element).append(liveSection, agenda);
  }

  return { element, render };
}

function byStart(a, b) {
  return new Date(a.startsAt) - new Date(b.startsAt) || a.title.localeCompare(b.title);
}
