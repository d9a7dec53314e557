// How a breakout room follows the pushes of /hubs/breakouts. Versioned ones apply only on top of what is shown: an
// older one is dropped, and a skipped version means a lost push, so the room joins again for a fresh snapshot.
import { announce } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';
import { leaveArrivalNotice } from './breakout-room-notices.js';

/**
 * @param {{ sessionId: string, selfId: string, room: { state: object|null }, hold: (handler: Function) => Function,
 *           resync: () => void, render: () => void, removed: () => void, navigate: (hash: string) => void,
 *           chat: object, video: object, notices: object, closing: object, videoLink: object }} room
 *   `room.state` is the JoinBreakout snapshot as the pushes changed it; `hold` keeps a push back while a join is in flight.
 * @returns {Record<string, (e: any) => void>} the hub's handlers
 */
export function breakoutRoomHandlers({ sessionId, selfId, room, hold, resync, render, removed, navigate, chat, video, notices, closing, videoLink }) {
  return {
    ParticipantJoined: hold((e) => {
      const { state } = room;
      if (!state || e.sessionId !== sessionId || e.version <= state.version) return;
      if (e.version > state.version + 1) return resync();
      state.version = e.version;
      state.participants = [...state.participants.filter((p) => p.participantId !== e.participant.participantId), e.participant];
      if (e.participant.participantId !== selfId) announce(t('breakouts.joined', { name: e.participant.displayName }));
      render();
    }),
    ParticipantLeft: hold((e) => {
      const { state } = room;
      if (!state || e.sessionId !== sessionId || e.version <= state.version) return;
      if (e.version > state.version + 1) return resync();
      const gone = state.participants.find((p) => p.participantId === e.participantId);
      state.version = e.version;
      state.participants = state.participants.filter((p) => p.participantId !== e.participantId);
      if (gone) announce(t('breakouts.left', { name: gone.displayName }));
      render();
    }),
    HandsChanged: hold((e) => {
      const { state } = room;
      if (!state || e.sessionId !== sessionId || e.version <= state.handsVersion) return;
      state.handsVersion = e.version;
      state.raisedHands = e.raisedHands;
      state.participants = state.participants.map((p) => ({ ...p, handRaised: e.raisedHands.includes(p.participantId) }));
      render();
    }),
    ChatReceived: hold((e) => {
      if (!room.state || e.sessionId !== sessionId) return;
      if (chat.add(e.message) === 'gap') resync();
    }),
    ChatDeleted: hold((e) => {
      if (!room.state || e.sessionId !== sessionId) return;
      if (chat.deleted(e) === 'gap') resync();
    }),
    Announcement: (e) => {
      notices.announcement(e);
    },
    BreakoutsClosing: (e) => {
      closing.show(e.closesAt);
      announce(t('breakouts.closingAnnounce', { time: formatTime(e.closesAt) }));
    },
    ReturnToStage: () => {
      closing.returnToStage();
    },
    Signal: (e) => {
      if (e.sessionId === sessionId) video.handleSignal(e.fromParticipantId, e.payload);
    },
    VideoLinkChanged: hold((e) => {
      if (!room.state || e.sessionId !== sessionId) return;
      room.state.videoUrl = e.videoUrl;
      videoLink.changed(e.videoUrl);
      announce(e.videoUrl ? t('breakouts.videoLinkSet') : t('breakouts.videoLinkRemoved'));
      render();
    }),
    Moved: (e) => {
      if (e.fromSessionId !== sessionId) return;
      if (e.toSessionId) {
        announce(t('breakouts.moved'));
        leaveArrivalNotice(t('breakouts.moved'));
        navigate(`#/breakouts/${encodeURIComponent(e.toSessionId)}`);
      } else {
        removed();
      }
    },
  };
}
