// The lobby: the agenda by time, what is live now, and session registration with seats left and waitlist places.
// A promotion from the waitlist arrives live on /hubs/notifications; after a reconnect the places are read again.
import { api, eventPath } from '../core/api.js';
import { formatDate, formatTime, language, t } from '../core/i18n.js';
import { closeHub, openHub } from '../core/hub.js';
import { announce, h, showError, useStyles } from '../core/dom.js';
import { createLobbyAgenda } from '../components/lobby-agenda.js';
import { createLobbyDevices } from '../components/lobby-devices.js';
import './lobby.strings.js';

export async function mount(root, { session }) {
  useStyles('pages/lobby.css');
  const isAttendee = session.role !== 'organizer';
  const state = { agenda: null, availability: new Map(), places: new Map() };

  const [agenda, availability, places] = await Promise.all([
    api(eventPath(`?lang=${language()}`)),
    api(eventPath('/availability')),
    // A speaker or moderator signed in with their code has seats but no registration record.
    isAttendee ? api(eventPath('/registrations/me')).then((me) => me.sessions, (error) => (error.status === 404 ? [] : Promise.reject(error)))
      : Promise.resolve([]),
  ]);
  state.agenda = agenda;
  setAvailability(state, availability);
  setPlaces(state, places);

  const errors = h('div', { 'aria-live': 'polite' });
  const agendaView = createLobbyAgenda({ isAttendee, act });
  root.append(
    h('h1', { text: agenda.title }),
    h('p', { class: 'muted', text: `${formatDate(agenda.startsAt)} · ${formatTime(agenda.startsAt)}–${formatTime(agenda.endsAt)} (${t('lobby.timeZone', { zone: agenda.timeZone })})` }),
    errors,
    agendaView.element);
  // Attendees, speakers and moderators sign in per device; organizers use the organizer key.
  if (isAttendee && session.refreshToken) {
    const devices = createLobbyDevices(session);
    root.append(devices.element);
    await devices.load();
  }

  const sessionsById = new Map(agenda.sessions.map((s) => [s.id, s]));
  const render = () => agendaView.render(state);

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
