// Over 300 lines for now: mounting, rendering and the pushes of this view share one module's state; splitting it into
// components of about 120 lines is due with the web client's layering work, with the browser tests as the proof.
// Breakouts: `#/breakouts` lists the event's breakout sessions, `#/breakouts/<sessionId>` is the room on
// /hubs/breakouts: participants, raised hands, chat, the closing countdown, the external video room and the camera
// mesh. Live state is the JoinBreakout snapshot plus versioned pushes; a version gap or a reconnect joins again
// (joining twice keeps the one seat) and renders the fresh snapshot. Moderators move and remove participants.
import { api, eventPath } from '../core/api.js';
import { closeHub, hubErrorCode, openHub } from '../core/hub.js';
import { addStrings, formatTime, language, t } from '../core/i18n.js';
import { announce, clear, countdown, errorBox, h, showError, useStyles } from '../core/dom.js';
import { createParticipantModeration } from '../components/breakout-moderation.js';
import { createRoomChat } from '../components/room-chat.js';
import { createPeerVideo, participantIdOf } from '../components/peer-video.js';

addStrings({
  de: {
    'breakouts.title': 'Breakouts',
    'breakouts.intro': 'Diskutiere in kleinen Runden. Wähle einen Raum.',
    'breakouts.none': 'Diese Veranstaltung hat keine Breakouts.',
    'breakouts.enter': 'Raum betreten',
    'breakouts.register': 'Anmelden',
    'breakouts.registrationRequired': 'Anmeldung nötig',
    'breakouts.confirmed': '✓ Angemeldet',
    'breakouts.waitlisted': 'Warteliste, Platz {position}',
    'breakouts.seats': '{capacity} Plätze',
    'breakouts.language': 'Sprache: {language}',
    'breakouts.back': '← Alle Breakouts',
    'breakouts.participants': 'Teilnehmende ({count})',
    'breakouts.capacity': '{count} von {capacity} Plätzen belegt',
    'breakouts.you': '(du)',
    'breakouts.handRaised': 'Hand gehoben',
    'breakouts.raiseHand': 'Hand heben',
    'breakouts.lowerHand': 'Hand senken',
    'breakouts.handsQueue': 'Wortmeldungen',
    'breakouts.noHands': 'Keine Wortmeldungen.',
    'breakouts.video': 'Videoraum',
    'breakouts.videoLink': 'Externen Videoraum öffnen',
    'breakouts.videoHint': 'Öffnet sich in einem neuen Tab ({host}).',
    'breakouts.noVideoLink': 'Für diesen Raum ist kein externer Videoraum eingetragen.',
    'breakouts.videoLinkLabel': 'Link zum Videoraum (https)',
    'breakouts.videoLinkHint': 'Zum Beispiel BigBlueButton oder Jitsi; leer lassen, um ihn zu entfernen.',
    'breakouts.videoLinkSave': 'Link speichern',
    'breakouts.videoLinkSet': 'Der Videoraum-Link wurde aktualisiert.',
    'breakouts.videoLinkRemoved': 'Der Videoraum-Link wurde entfernt.',
    'breakouts.closingIn': 'Die Breakouts enden in',
    'breakouts.closingAnnounce': 'Die Breakouts enden um {time}.',
    'breakouts.closed': 'Die Breakouts sind beendet. Es geht zurück zur Bühne.',
    'breakouts.goNow': 'Jetzt wechseln',
    'breakouts.announcement': 'Durchsage von {name}',
    'breakouts.moved': 'Du wurdest in einen anderen Breakout verschoben.',
    'breakouts.removed': 'Eine Moderatorin oder ein Moderator hat dich aus diesem Breakout genommen.',
    'breakouts.joinFailed': 'Du kannst diesen Raum nicht betreten.',
    'breakouts.full': 'Dieser Breakout ist voll.',
    'breakouts.needsRegistration': 'Für diesen Breakout ist eine bestätigte Anmeldung nötig.',
    'breakouts.joined': '{name} ist dazugekommen.',
    'breakouts.left': '{name} hat den Raum verlassen.',
    'role.organizer': 'Organisation',
    'role.moderator': 'Moderation',
    'role.speaker': 'Referent/in',
  },
  en: {
    'breakouts.title': 'Breakouts',
    'breakouts.intro': 'Discuss in small groups. Pick a room.',
    'breakouts.none': 'This event has no breakouts.',
    'breakouts.enter': 'Enter room',
    'breakouts.register': 'Register',
    'breakouts.registrationRequired': 'Registration required',
    'breakouts.confirmed': '✓ Registered',
    'breakouts.waitlisted': 'Waitlist, position {position}',
    'breakouts.seats': '{capacity} seats',
    'breakouts.language': 'Language: {language}',
    'breakouts.back': '← All breakouts',
    'breakouts.participants': 'Participants ({count})',
    'breakouts.capacity': '{count} of {capacity} seats taken',
    'breakouts.you': '(you)',
    'breakouts.handRaised': 'Hand raised',
    'breakouts.raiseHand': 'Raise hand',
    'breakouts.lowerHand': 'Lower hand',
    'breakouts.handsQueue': 'Raised hands',
    'breakouts.noHands': 'No raised hands.',
    'breakouts.video': 'Video room',
    'breakouts.videoLink': 'Open the external video room',
    'breakouts.videoHint': 'Opens in a new tab ({host}).',
    'breakouts.noVideoLink': 'No external video room is set for this room.',
    'breakouts.videoLinkLabel': 'Video room link (https)',
    'breakouts.videoLinkHint': 'For example BigBlueButton or Jitsi; leave empty to remove it.',
    'breakouts.videoLinkSave': 'Save link',
    'breakouts.videoLinkSet': 'The video room link was updated.',
    'breakouts.videoLinkRemoved': 'The video room link was removed.',
    'breakouts.closingIn': 'Breakouts close in',
    'breakouts.closingAnnounce': 'Breakouts close at {time}.',
    'breakouts.closed': 'Breakouts have closed. Back to the stage.',
    'breakouts.goNow': 'Go now',
    'breakouts.announcement': 'Announcement from {name}',
    'breakouts.moved': 'You were moved to another breakout.',
    'breakouts.removed': 'A moderator took you out of this breakout.',
    'breakouts.joinFailed': 'You cannot enter this room.',
    'breakouts.full': 'This breakout is full.',
    'breakouts.needsRegistration': 'This breakout needs a confirmed registration.',
    'breakouts.joined': '{name} joined.',
    'breakouts.left': '{name} left the room.',
    'role.organizer': 'Organiser',
    'role.moderator': 'Moderator',
    'role.speaker': 'Speaker',
  },
});

const returnDelayMs = 5000;

// What a `Moved` push leaves for the room it sends the participant to: shown there once, so the new room explains
// itself (the old page is gone by then).
let arrivalNotice = null;

export async function mount(root, ctx) {
  useStyles('pages/breakouts.css');
  return ctx.params[0] ? mountRoom(root, ctx, ctx.params[0]) : mountList(root, ctx);
}

async function mountList(root, ctx) {
  const [agenda, registration] = await Promise.all([
    api(eventPath(`?lang=${language()}`)),
    ctx.session.attendeeId ? api(eventPath('/registrations/me')).catch(() => null) : null,
  ]);
  const statuses = new Map((registration?.sessions ?? []).map((s) => [s.sessionId, s]));
  const breakouts = agenda.sessions.filter((s) => s.kind === 'breakout');
  root.append(
    h('h1', { text: t('breakouts.title') }),
    h('p', { class: 'muted', text: t('breakouts.intro') }),
    breakouts.length === 0
      ? h('p', { text: t('breakouts.none') })
      : h('ul', { class: 'grid breakout-list' }, breakouts.map((session) => breakoutCard(session, statuses.get(session.id), ctx))));
}

function breakoutCard(session, status, ctx) {
  const errorSlot = h('div');
  const statusSlot = h('p', { class: 'breakout-status' });
  const actions = h('div', { class: 'row' },
    h('a', { class: 'button primary', href: `#/breakouts/${encodeURIComponent(session.id)}`, text: t('breakouts.enter') }));

  const renderStatus = (current) => {
    clear(statusSlot);
    actions.querySelector('.register')?.remove();
    if (current?.status === 'confirmed') statusSlot.append(h('span', { class: 'badge badge-ok', text: t('breakouts.confirmed') }));
    else if (current?.status === 'waitlisted') statusSlot.append(h('span', { class: 'badge badge-warn', text: t('breakouts.waitlisted', { position: current.position }) }));
    else if (session.registrationRequired && ctx.session.attendeeId) {
      actions.append(h('button', { type: 'button', class: 'register', on: { click: register }, text: t('breakouts.register') }));
    }
  };
  async function register() {
    try {
      const answer = await api(eventPath(`/sessions/${encodeURIComponent(session.id)}/registrations`), { method: 'POST' });
      showError(errorSlot, null);
      renderStatus(answer);
      announce(answer.status === 'confirmed' ? t('breakouts.confirmed') : t('breakouts.waitlisted', { position: answer.position }));
    } catch (error) {
      showError(errorSlot, error);
    }
  }
  renderStatus(status);

  return h('li', { class: 'card breakout-card' },
    h('h2', { text: session.title }),
    h('p', { class: 'muted' }, `${formatTime(session.startsAt)}–${formatTime(session.endsAt)}`),
    h('p', { class: 'row' },
      h('span', { class: 'badge', text: t('breakouts.language', { language: session.language.toUpperCase() }) }),
      session.capacity != null ? h('span', { class: 'badge badge-muted', text: t('breakouts.seats', { capacity: session.capacity }) }) : null,
      session.registrationRequired ? h('span', { class: 'badge badge-muted', text: t('breakouts.registrationRequired') }) : null),
    session.speakers?.length ? h('p', { class: 'small', text: session.speakers.map((s) => s.name).join(', ') }) : null,
    statusSlot, actions, errorSlot);
}

async function mountRoom(root, ctx, sessionId) {
  const selfId = participantIdOf(ctx.session);
  const agenda = await api(eventPath(`?lang=${language()}`)).catch(() => null);
  const session = agenda?.sessions.find((s) => s.id === sessionId);
  let state = null;
  let connection = null;
  let stopCountdown = null;
  let returning = null;
  let disposed = false;

  const noticeSlot = h('div', { class: 'breakout-notices' });
  const closingSlot = h('div');
  const errorSlot = h('div');
  const body = h('div');
  const chat = createRoomChat({ selfId, send: (text) => connection.invoke('SendChat', sessionId, text) });
  const video = createPeerVideo({
    selfId, selfName: ctx.session.displayName,
    sendSignal: (to, payload) => connection.invoke('Signal', sessionId, to, payload),
  });

  // Organisers and the session's moderators set the room's external video link (BigBlueButton, Jitsi, ...).
  const moderates = ctx.session.role === 'organizer' || (session?.moderators ?? []).some((m) => m.id === selfId);
  const videoLinkInput = h('input', { id: 'breakout-video-url', type: 'url', placeholder: 'https://', autocomplete: 'off' });
  const videoLinkError = h('div');
  const videoLinkForm = h('form', { class: 'video-link-form', on: { submit: saveVideoLink } },
    h('label', { for: videoLinkInput.id }, t('breakouts.videoLinkLabel'), h('span', { class: 'hint', text: t('breakouts.videoLinkHint') })),
    h('div', { class: 'row' }, videoLinkInput, h('button', { type: 'submit', text: t('breakouts.videoLinkSave') })),
    videoLinkError);

  // Moderators move participants to the event's other breakouts they also moderate (the server refuses the rest).
  const moderation = moderates ? createParticipantModeration({
    sessionId,
    invoke: (method, ...args) => connection.invoke(method, ...args),
    targets: (agenda?.sessions ?? [])
      .filter((s) => s.kind === 'breakout' && s.id !== sessionId
        && (ctx.session.role === 'organizer' || s.moderators.some((m) => m.id === selfId)))
      .map((s) => ({ id: s.id, title: s.title })),
  }) : null;

  async function saveVideoLink(event) {
    event.preventDefault();
    try {
      await connection.invoke('SetVideoLink', sessionId, videoLinkInput.value.trim());
      showError(videoLinkError, null);
    } catch (error) {
      showError(videoLinkError, error);
    }
  }

  root.append(
    h('p', {}, h('a', { href: '#/breakouts', text: t('breakouts.back') })),
    h('h1', { text: session?.title ?? sessionId }),
    closingSlot, noticeSlot, errorSlot, body);
  if (arrivalNotice) {
    addNotice(h('div', { class: 'notice', role: 'status', text: arrivalNotice }));
    arrivalNotice = null;
  }

  const stageHash = () => {
    const now = Date.now();
    const live = agenda?.sessions.find((s) => s.kind === 'keynote' && new Date(s.startsAt) <= now && now < new Date(s.endsAt));
    return live ? `#/stage/${encodeURIComponent(live.id)}` : '#/lobby';
  };

  function returnToStage() {
    if (returning || disposed) return;
    const target = stageHash();
    stopCountdown?.();
    clear(closingSlot).append(h('div', { class: 'notice closing-notice', role: 'alert' },
      h('strong', { text: t('breakouts.closed') }), ' ',
      h('a', { href: target, text: t('breakouts.goNow') })));
    announce(t('breakouts.closed'));
    returning = setTimeout(() => ctx.navigate(target), returnDelayMs);
  }

  function showClosing(closesAt) {
    if (!closesAt || returning) return;
    stopCountdown?.();
    const time = h('time', { class: 'closing-time', role: 'timer' });
    clear(closingSlot).append(h('section', { class: 'notice closing', 'aria-label': t('breakouts.closingIn') },
      h('strong', { text: t('breakouts.closingIn') }), ' ', time));
    stopCountdown = countdown(time, closesAt, returnToStage);
  }

  function addNotice(element) {
    noticeSlot.prepend(element);
    while (noticeSlot.children.length > 3) noticeSlot.lastChild.remove();
  }

  // The room's layout is built once: pushes re-render the participants and the link only, so someone typing in
  // the chat or the link field keeps their focus and text.
  const peopleSlot = h('section', { class: 'card', 'aria-labelledby': 'breakout-people' });
  const videoLinkSlot = h('div');
  const videoRoom = h('section', { class: 'card', 'aria-labelledby': 'breakout-video' },
    h('h2', { id: 'breakout-video', text: t('breakouts.video') }), videoLinkSlot, moderates ? videoLinkForm : null);
  const layout = h('div', { class: 'split breakout-room' },
    h('div', { class: 'stack' }, videoRoom, video.element, chat.element),
    h('div', { class: 'stack' }, peopleSlot));

  function render() {
    if (!body.contains(layout)) clear(body).append(layout);
    const me = state.participants.find((p) => p.participantId === selfId);
    const handUp = state.raisedHands.includes(selfId);
    const nameOf = (id) => state.participants.find((p) => p.participantId === id)?.displayName ?? id;
    // The list is rebuilt on every push: whoever was operating a control in it keeps their place, or lands on the
    // heading when the control went with its participant (moved, removed, left).
    const focusKey = peopleSlot.contains(document.activeElement) ? document.activeElement.dataset.focusKey ?? 'heading' : null;
    const heading = h('h2', { id: 'breakout-people', tabindex: '-1', text: t('breakouts.participants', { count: state.participants.length }) });
    clear(peopleSlot).append(
      heading,
      state.capacity != null ? h('p', { class: 'muted small', text: t('breakouts.capacity', { count: state.participants.length, capacity: state.capacity }) }) : '',
      h('ul', { class: 'breakout-participants' }, state.participants.map((p) => h('li', { dataset: { participant: p.participantId } },
        h('span', { class: 'participant-name', text: p.displayName }),
        p.participantId === selfId ? h('span', { class: 'muted', text: ` ${t('breakouts.you')}` }) : null,
        p.role !== 'attendee' ? h('span', { class: 'badge badge-muted', text: t(`role.${p.role}`) }) : null,
        state.raisedHands.includes(p.participantId) ? h('span', { class: 'badge badge-warn', text: t('breakouts.handRaised') }) : null,
        moderation && p.participantId !== selfId ? moderation.controls(p) : null))),
      moderation?.element ?? '',
      me ? h('button', {
        type: 'button', class: 'hand-button', 'aria-pressed': String(handUp), dataset: { focusKey: 'hand' },
        on: { click: () => toggleHand(handUp) },
        text: handUp ? t('breakouts.lowerHand') : t('breakouts.raiseHand'),
      }) : '',
      h('h3', { class: 'hands-title', text: t('breakouts.handsQueue') }),
      state.raisedHands.length === 0
        ? h('p', { class: 'muted small', text: t('breakouts.noHands') })
        : h('ol', { class: 'hands-queue' }, state.raisedHands.map((id) => h('li', { text: nameOf(id) }))));
    if (focusKey) (peopleSlot.querySelector(`[data-focus-key="${CSS.escape(focusKey)}"]`) ?? heading).focus();

    videoRoom.hidden = !state.videoUrl && !moderates;
    clear(videoLinkSlot).append(state.videoUrl
      ? h('div', {},
        h('p', {}, h('a', { class: 'button primary', href: state.videoUrl, target: '_blank', rel: 'noopener noreferrer', text: t('breakouts.videoLink') })),
        h('p', { class: 'muted small', text: t('breakouts.videoHint', { host: new URL(state.videoUrl).host }) }))
      : h('p', { class: 'muted small', text: t('breakouts.noVideoLink') }));
    video.setMembers(state.participants.map((p) => ({ id: p.participantId, name: p.displayName })));
  }

  async function toggleHand(handUp) {
    try {
      await connection.invoke(handUp ? 'LowerHand' : 'RaiseHand', sessionId);
      showError(errorSlot, null);
    } catch (error) {
      showError(errorSlot, error);
    }
  }

  // Pushes that arrive while a join is in flight may be newer than its snapshot: they wait and are replayed on it
  // (each handler drops what the snapshot already holds by version).
  let joining = 0;
  const held = [];
  // Handlers return nothing: a value returned to the SignalR client would be taken for a client result.
  const afterJoin = (handler) => (e) => {
    if (joining > 0) held.push(() => handler(e));
    else handler(e);
  };

  async function join() {
    joining++;
    try {
      const snapshot = await connection.invoke('JoinBreakout', sessionId);
      if (disposed) return;
      state = { ...snapshot, participants: [...snapshot.participants] };
      showError(errorSlot, null);
      chat.setHistory(snapshot.chat);
      videoLinkInput.value = snapshot.videoUrl ?? '';
      render();
      if (snapshot.closesAt) showClosing(snapshot.closesAt);
    } catch (error) {
      if (disposed) return;
      state = null;
      clear(body);
      clear(errorSlot).append(joinError(error));
    } finally {
      if (--joining === 0) for (const replay of held.splice(0)) replay();
    }
  }

  // A version skip means a lost push: the snapshot of a fresh join is the truth.
  const resync = () => join();

  const handlers = {
    ParticipantJoined: afterJoin((e) => {
      if (!state || e.sessionId !== sessionId || e.version <= state.version) return;
      if (e.version > state.version + 1) return resync();
      state.version = e.version;
      state.participants = [...state.participants.filter((p) => p.participantId !== e.participant.participantId), e.participant];
      if (e.participant.participantId !== selfId) announce(t('breakouts.joined', { name: e.participant.displayName }));
      render();
    }),
    ParticipantLeft: afterJoin((e) => {
      if (!state || e.sessionId !== sessionId || e.version <= state.version) return;
      if (e.version > state.version + 1) return resync();
      const gone = state.participants.find((p) => p.participantId === e.participantId);
      state.version = e.version;
      state.participants = state.participants.filter((p) => p.participantId !== e.participantId);
      if (gone) announce(t('breakouts.left', { name: gone.displayName }));
      render();
    }),
    HandsChanged: afterJoin((e) => {
      if (!state || e.sessionId !== sessionId || e.version <= state.handsVersion) return;
      state.handsVersion = e.version;
      state.raisedHands = e.raisedHands;
      state.participants = state.participants.map((p) => ({ ...p, handRaised: e.raisedHands.includes(p.participantId) }));
      render();
    }),
    ChatReceived: afterJoin((e) => {
      if (!state || e.sessionId !== sessionId) return;
      if (chat.add(e.message) === 'gap') resync();
    }),
    Announcement: (e) => {
      const text = `${t('breakouts.announcement', { name: e.fromName })}: ${e.text}`;
      addNotice(h('div', { class: 'notice announcement', role: 'status' },
        h('strong', { text: `${t('breakouts.announcement', { name: e.fromName })}: ` }),
        e.text, h('time', { class: 'message-time', datetime: e.sentAt, text: formatTime(e.sentAt) })));
      announce(text);
    },
    BreakoutsClosing: (e) => {
      showClosing(e.closesAt);
      announce(t('breakouts.closingAnnounce', { time: formatTime(e.closesAt) }));
    },
    ReturnToStage: () => {
      returnToStage();
    },
    Signal: (e) => {
      if (e.sessionId === sessionId) video.handleSignal(e.fromParticipantId, e.payload);
    },
    VideoLinkChanged: afterJoin((e) => {
      if (!state || e.sessionId !== sessionId) return;
      state.videoUrl = e.videoUrl;
      if (document.activeElement !== videoLinkInput) videoLinkInput.value = e.videoUrl ?? '';
      announce(e.videoUrl ? t('breakouts.videoLinkSet') : t('breakouts.videoLinkRemoved'));
      render();
    }),
    Moved: (e) => {
      if (e.fromSessionId !== sessionId) return;
      if (e.toSessionId) {
        announce(t('breakouts.moved'));
        arrivalNotice = t('breakouts.moved');
        ctx.navigate(`#/breakouts/${encodeURIComponent(e.toSessionId)}`);
      } else {
        state = null;
        clear(body);
        video.dispose();
        clear(errorSlot).append(h('div', { class: 'alert', role: 'alert', text: t('breakouts.removed') }));
        announce(t('breakouts.removed'));
      }
    },
  };

  connection = await openHub('/hubs/breakouts', { handlers, onReconnected: join });
  await join();

  return async () => {
    disposed = true;
    stopCountdown?.();
    clearTimeout(returning);
    video.dispose();
    if (state) await connection.invoke('LeaveBreakout', sessionId).catch(() => {});
    await closeHub(connection);
  };
}

function joinError(error) {
  const code = hubErrorCode(error)?.code;
  const headline = code === 'room_full' ? t('breakouts.full')
    : code === 'forbidden' && /regist/i.test(error?.message ?? '') ? t('breakouts.needsRegistration')
      : t('breakouts.joinFailed');
  return h('div', { class: 'join-error' },
    h('h2', { text: headline }),
    errorBox(error),
    h('p', {}, h('a', { class: 'button', href: '#/breakouts', text: t('breakouts.back') })));
}
