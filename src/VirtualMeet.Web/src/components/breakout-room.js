// One breakout room (`#/breakouts/<sessionId>`) on /hubs/breakouts: participants, raised hands, chat, the closing
// countdown, the external video room and the camera mesh. Live state is the JoinBreakout snapshot plus versioned
// pushes; a version gap or a reconnect joins again (joining twice keeps the one seat) and renders the fresh snapshot.
// Moderators move and remove participants.
import { api, eventPath } from '../core/api.js';
import { announce, clear, h, showError } from '../core/dom.js';
import { closeHub, openHub } from '../core/hub.js';
import { language, t } from '../core/i18n.js';
import { createPushGate } from '../core/push-gate.js';
import { createParticipantModeration } from './breakout-moderation.js';
import { createBreakoutClosing } from './breakout-room-closing.js';
import { breakoutJoinError, createBreakoutNotices } from './breakout-room-notices.js';
import { createBreakoutPeople } from './breakout-room-people.js';
import { breakoutRoomHandlers } from './breakout-room-pushes.js';
import { createBreakoutVideoLink } from './breakout-room-video-link.js';
import { createPeerVideo, participantIdOf } from './peer-video.js';
import { createRoomChat } from './room-chat.js';

/** Mounts the room into `root`; resolves to its dispose, which leaves the room and closes the hub. */
export async function mountBreakoutRoom(root, ctx, sessionId) {
  const selfId = participantIdOf(ctx.session);
  const agenda = await api(eventPath(`?lang=${language()}`)).catch(() => null);
  const session = agenda?.sessions.find((s) => s.id === sessionId);
  const room = { state: null };
  let connection = null;
  let disposed = false;
  const invoke = (method, ...args) => connection.invoke(method, ...args);

  const notices = createBreakoutNotices();
  const closing = createBreakoutClosing({ agenda, navigate: ctx.navigate });
  const errorSlot = h('div');
  const body = h('div');
  const chat = createRoomChat({ selfId, send: (text) => invoke('SendChat', sessionId, text) });
  const video = createPeerVideo({
    selfId, selfName: ctx.session.displayName,
    sendSignal: (to, payload) => invoke('Signal', sessionId, to, payload),
  });
  // Organisers and the session's moderators set the room's external video link (BigBlueButton, Jitsi, ...).
  const moderates = ctx.session.role === 'organizer' || (session?.moderators ?? []).some((m) => m.id === selfId);
  const videoLink = createBreakoutVideoLink({ moderates, save: (videoUrl) => invoke('SetVideoLink', sessionId, videoUrl) });
  // Moderators move participants to the event's other breakouts they also moderate (the server refuses the rest).
  const moderation = moderates ? createParticipantModeration({
    sessionId,
    invoke,
    targets: (agenda?.sessions ?? [])
      .filter((s) => s.kind === 'breakout' && s.id !== sessionId
        && (ctx.session.role === 'organizer' || s.moderators.some((m) => m.id === selfId)))
      .map((s) => ({ id: s.id, title: s.title })),
  }) : null;
  const people = createBreakoutPeople({ selfId, moderation, toggleHand });

  root.append(
    h('p', {}, h('a', { href: '#/breakouts', text: t('breakouts.back') })),
    h('h1', { text: session?.title ?? sessionId }),
    closing.element, notices.element, errorSlot, body);
  notices.showArrival();

  // The room's layout is built once: pushes re-render the participants and the link only, so someone typing in
  // the chat or the link field keeps their focus and text.
  const layout = h('div', { class: 'split breakout-room' },
    h('div', { class: 'stack' }, videoLink.element, video.element, chat.element),
    h('div', { class: 'stack' }, people.element));

  function render() {
    if (!body.contains(layout)) clear(body).append(layout);
    people.render(room.state);
    videoLink.render(room.state.videoUrl);
    video.setMembers(room.state.participants.map((p) => ({ id: p.participantId, name: p.displayName })));
  }

  async function toggleHand(handUp) {
    try {
      await invoke(handUp ? 'LowerHand' : 'RaiseHand', sessionId);
      showError(errorSlot, null);
    } catch (error) {
      showError(errorSlot, error);
    }
  }

  const gate = createPushGate();
  const join = () => gate.exclusive(async () => {
    try {
      const snapshot = await invoke('JoinBreakout', sessionId);
      if (disposed) return;
      room.state = { ...snapshot, participants: [...snapshot.participants] };
      showError(errorSlot, null);
      chat.setHistory(snapshot.chat);
      videoLink.loaded(snapshot.videoUrl);
      render();
      if (snapshot.closesAt) closing.show(snapshot.closesAt);
    } catch (error) {
      if (disposed) return;
      room.state = null;
      clear(body);
      clear(errorSlot).append(breakoutJoinError(error));
    }
  });

  function removed() {
    room.state = null;
    clear(body);
    video.dispose();
    clear(errorSlot).append(h('div', { class: 'alert', role: 'alert', text: t('breakouts.removed') }));
    announce(t('breakouts.removed'));
  }

  const handlers = breakoutRoomHandlers({
    sessionId, selfId, room, hold: gate.hold, resync: () => join(), render, removed, navigate: ctx.navigate,
    chat, video, notices, closing, videoLink,
  });
  connection = await openHub('/hubs/breakouts', { handlers, onReconnected: join });
  await join();

  return async () => {
    disposed = true;
    closing.dispose();
    video.dispose();
    if (room.state) await invoke('LeaveBreakout', sessionId).catch(() => {});
    await closeHub(connection);
  };
}
