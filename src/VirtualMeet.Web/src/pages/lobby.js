// The lobby: the agenda by time, what is live now, and session registration with seats left and waitlist places.
// A promotion from the waitlist arrives live on /hubs/notifications; after a reconnect the places are read again.
import { api, eventPath } from '../core/api.js';
import { addStrings, formatDate, formatTime, language, t } from '../core/i18n.js';
import { closeHub, openHub } from '../core/hub.js';
import { announce, clear, h, showError, useStyles } from '../core/dom.js';

addStrings({
  de: {
    'lobby.liveNow': 'Jetzt live',
    'lobby.timeZone': 'Zeiten: {zone}',
    'lobby.nothingLive': 'Gerade läuft nichts. Das Programm:',
    'lobby.agenda': 'Programm',
    'lobby.kind.keynote': 'Keynote', 'lobby.kind.breakout': 'Breakout', 'lobby.kind.panel': 'Panel',
    'lobby.kind.pitch': 'Pitch', 'lobby.kind.networking': 'Networking',
    'lobby.language': 'Sprache: {language}',
    'lobby.lang.de': 'Deutsch', 'lobby.lang.en': 'Englisch',
    'lobby.live': 'Live',
    'lobby.ended': 'Vorbei',
    'lobby.seatsLeft': '{left} von {capacity} Plätzen frei',
    'lobby.full': 'Ausgebucht ({capacity} Plätze), Warteliste: {waiting}',
    'lobby.registrationRequired': 'Anmeldung erforderlich',
    'lobby.confirmed': 'Sie haben einen Platz',
    'lobby.waitlisted': 'Warteliste: Platz {position}',
    'lobby.register': 'Platz reservieren',
    'lobby.joinWaitlist': 'Auf die Warteliste',
    'lobby.cancel': 'Platz freigeben',
    'lobby.leaveWaitlist': 'Warteliste verlassen',
    'lobby.toStage': 'Zur Bühne',
    'lobby.toBreakout': 'Zum Breakout',
    'lobby.toBars': 'Zu den Vernetz-BARs',
    'lobby.speakers': 'Mit {names}',
    'lobby.parts': 'Beiträge',
    'lobby.promoted': 'Sie sind von der Warteliste nachgerückt: {title}',
    'lobby.registered': 'Platz reserviert: {title}',
    'lobby.waitlistedAnnounce': 'Warteliste, Platz {position}: {title}',
    'lobby.cancelled': 'Platz freigegeben: {title}',
  },
  en: {
    'lobby.liveNow': 'Live now',
    'lobby.timeZone': 'times in {zone}',
    'lobby.nothingLive': 'Nothing is live right now. The programme:',
    'lobby.agenda': 'Programme',
    'lobby.kind.keynote': 'Keynote', 'lobby.kind.breakout': 'Breakout', 'lobby.kind.panel': 'Panel',
    'lobby.kind.pitch': 'Pitch', 'lobby.kind.networking': 'Networking',
    'lobby.language': 'Language: {language}',
    'lobby.lang.de': 'German', 'lobby.lang.en': 'English',
    'lobby.live': 'Live',
    'lobby.ended': 'Ended',
    'lobby.seatsLeft': '{left} of {capacity} seats left',
    'lobby.full': 'Full ({capacity} seats), waitlist: {waiting}',
    'lobby.registrationRequired': 'Registration required',
    'lobby.confirmed': 'You have a seat',
    'lobby.waitlisted': 'Waitlist position {position}',
    'lobby.register': 'Reserve a seat',
    'lobby.joinWaitlist': 'Join the waitlist',
    'lobby.cancel': 'Give up my seat',
    'lobby.leaveWaitlist': 'Leave the waitlist',
    'lobby.toStage': 'Go to the stage',
    'lobby.toBreakout': 'Join the breakout',
    'lobby.toBars': 'Go to the Vernetz-BARs',
    'lobby.speakers': 'With {names}',
    'lobby.parts': 'Contributions',
    'lobby.promoted': 'You moved up from the waitlist: {title}',
    'lobby.registered': 'Seat reserved: {title}',
    'lobby.waitlistedAnnounce': 'Waitlist, position {position}: {title}',
    'lobby.cancelled': 'Seat given up: {title}',
  },
});

const stageKinds = new Set(['keynote', 'panel', 'pitch']);

export async function mount(root, { session }) {
  useStyles('pages/lobby.css');
  const isAttendee = session.role !== 'organizer';
  const state = { agenda: null, availability: new Map(), places: new Map() };

  const [agenda, availability, places] = await Promise.all([
    api(eventPath(`?lang=${language()}`)),
    api(eventPath('/availability')),
    isAttendee ? api(eventPath('/registrations/me')).then((me) => me.sessions) : Promise.resolve([]),
  ]);
  state.agenda = agenda;
  setAvailability(state, availability);
  setPlaces(state, places);

  const errors = h('div', { 'aria-live': 'polite' });
  const body = h('div', { class: 'stack' });
  root.append(
    h('h1', { text: agenda.title }),
    h('p', { class: 'muted', text: `${formatDate(agenda.startsAt)} · ${formatTime(agenda.startsAt)}–${formatTime(agenda.endsAt)} (${t('lobby.timeZone', { zone: agenda.timeZone })})` }),
    errors,
    body);

  const sessionsById = new Map(agenda.sessions.map((s) => [s.id, s]));
  const render = () => renderAgenda(body, state, { isAttendee, act });

  async function act(sessionId, method) {
    const title = sessionsById.get(sessionId)?.title ?? sessionId;
    showError(errors, null);
    try {
      const path = eventPath(`/sessions/${encodeURIComponent(sessionId)}/registrations`);
      const place = await api(path, { method });
      if (method === 'DELETE') {
        state.places.delete(sessionId);
        announce(t('lobby.cancelled', { title }));
      } else {
        state.places.set(sessionId, place);
        announce(place.status === 'confirmed'
          ? t('lobby.registered', { title })
          : t('lobby.waitlistedAnnounce', { title, position: place.position }));
      }
      setAvailability(state, await api(eventPath('/availability')));
    } catch (error) {
      showError(errors, error);
    }
    render();
  }

  render();
  // Re-render once a minute so "live now" follows the clock.
  const clock = setInterval(render, 60_000);

  let hub = null;
  if (isAttendee) {
    const reload = async () => {
      setPlaces(state, await hub.invoke('GetRegistrations'));
      setAvailability(state, await api(eventPath('/availability')));
      render();
    };
    hub = await openHub('/hubs/notifications', {
      handlers: {
        RegistrationChanged: (change) => {
          if (change.eventId !== session.eventId) return;
          state.places.set(change.sessionId, { status: change.status, position: change.position });
          announce(t('lobby.promoted', { title: sessionsById.get(change.sessionId)?.title ?? change.sessionId }));
          render();
        },
      },
      onReconnected: reload,
    });
  }

  return async () => {
    clearInterval(clock);
    await closeHub(hub);
  };
}

function setAvailability(state, availability) {
  state.availability = new Map(availability.map((a) => [a.sessionId, a]));
}

function setPlaces(state, places) {
  state.places = new Map(places.filter((p) => p.status !== 'none').map((p) => [p.sessionId, p]));
}

function renderAgenda(body, state, options) {
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
          h('li', {}, sessionCard(s, childrenOf(s.id), state, options, isLive(s), now >= new Date(s.endsAt).getTime()))))))));

  clear(body).append(liveSection, agenda);
}

function sessionCard(session, children, state, { isAttendee, act }, live, ended) {
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

function entryHref(session) {
  if (stageKinds.has(session.kind)) return `#/stage/${encodeURIComponent(session.id)}`;
  if (session.kind === 'breakout') return `#/breakouts/${encodeURIComponent(session.id)}`;
  return '#/bars';
}

function entryText(session) {
  if (stageKinds.has(session.kind)) return t('lobby.toStage');
  if (session.kind === 'breakout') return t('lobby.toBreakout');
  return t('lobby.toBars');
}

function byStart(a, b) {
  return new Date(a.startsAt) - new Date(b.startsAt) || a.title.localeCompare(b.title);
}
