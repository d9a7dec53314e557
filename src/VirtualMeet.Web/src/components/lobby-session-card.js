// One session of the lobby's agenda: kind, language, time and whether it is live or over, speakers, contributions,
// seats left, the attendee's registration controls and the way in (stage, breakout or the Vernetz-BARs).
import { h } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';

const stageKinds = new Set(['keynote', 'panel', 'pitch']);

/**
 * @param {object} session the agenda's session
 * @param {object[]} children its contributions (sessions whose parent it is)
 * @param {{ availability: Map<string, object>, places: Map<string, object> }} state seats and the attendee's places
 * @param {{ isAttendee: boolean, act: (sessionId: string, method: 'POST'|'DELETE') => void }} options
 * @param {boolean} live it runs now
 * @param {boolean} ended it is over
 * @returns {HTMLElement}
 */
export function lobbySessionCard(session, children, state, { isAttendee, act }, live, ended) {
  const availability = state.availability.get(session.id);
  const place = state.places.get(session.id);
  const speakers = [...(session.speakers ?? []), ...(session.moderators ?? [])];

  return h('article', { class: ['card', 'session', live && 'is-live'], 'aria-labelledby': `session-${session.id}` },
    h('div', { class: 'row session-meta' },
      h('span', { class: 'badge', text: t(`lobby.kind.${session.kind}`) }),
      h('span', { class: 'badge badge-muted', title: t('lobby.language', { language: t(`lobby.lang.${session.language}`) }) },
        h('span', { 'aria-hidden': 'true', text: session.language.toUpperCase() }),
        h('span', { class: 'visually-hidden', text: t('lobby.language', { language: t(`lobby.lang.${session.language}`) }) })),
      live && h('span', { class: 'badge badge-live', text: `● ${t('lobby.live')}` }),
      ended && h('span', { class: 'badge badge-muted', text: t('lobby.ended') }),
      h('span', { class: 'muted small', text: `${formatTime(session.startsAt)}–${formatTime(session.endsAt)}` })),
    h('h4', { id: `session-${session.id}`, class: 'session-title', text: session.title }),
    session.description && h('p', { class: 'small', text: session.description }),
    speakers.length > 0 && h('p', { class: 'small muted', text: t('lobby.speakers', { names: speakers.map((p) => p.name).join(', ') }) }),
    children.length > 0 && h('details', {}, h('summary', { text: `${t('lobby.parts')} (${children.length})` }),
      h('ul', { class: 'small' }, children.map((c) => h('li', { text: `${formatTime(c.startsAt)} ${c.title}` })))),
    availability && h('p', { class: 'small seats' }, seatsText(availability)),
    session.registrationRequired && h('p', { class: 'small', text: t('lobby.registrationRequired') }),
    h('div', { class: 'row session-actions' },
      isAttendee && availability && !ended && registrationControls(session, availability, place, act),
      h('a', { class: 'button', href: entryHref(session), text: entryText(session) })));
}

function seatsText(availability) {
  return availability.seatsLeft > 0
    ? t('lobby.seatsLeft', { left: availability.seatsLeft, capacity: availability.capacity })
    : t('lobby.full', { capacity: availability.capacity, waiting: availability.waitlisted });
}

function registrationControls(session, availability, place, act) {
  const label = `session-${session.id}`;
  if (place?.status === 'confirmed') {
    return [h('span', { class: 'badge badge-ok', text: `✓ ${t('lobby.confirmed')}` }),
      h('button', { type: 'button', 'aria-describedby': label, on: { click: () => act(session.id, 'DELETE') }, text: t('lobby.cancel') })];
  }
  if (place?.status === 'waitlisted') {
    return [h('span', { class: 'badge badge-warn', text: `◷ ${t('lobby.waitlisted', { position: place.position })}` }),
      h('button', { type: 'button', 'aria-describedby': label, on: { click: () => act(session.id, 'DELETE') }, text: t('lobby.leaveWaitlist') })];
  }
  return h('button', {
    type: 'button', class: 'primary', 'aria-describedby': label,
    on: { click: () => act(session.id, 'POST') },
    text: availability.seatsLeft > 0 ? t('lobby.register') : t('lobby.joinWaitlist'),
  });
}

/** Where a session is entered: its stage, its breakout room, or the Vernetz-BARs. */
export function entryHref(session) {
  if (stageKinds.has(session.kind)) return `#/stage/${encodeURIComponent(session.id)}`;
  if (session.kind === 'breakout') return `#/breakouts/${encodeURIComponent(session.id)}`;
  return '#/bars';
}

function entryText(session) {
  if (stageKinds.has(session.kind)) return t('lobby.toStage');
  if (session.kind === 'breakout') return t('lobby.toBreakout');
  return t('lobby.toBars');
}
