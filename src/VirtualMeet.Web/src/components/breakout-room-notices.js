// The notices of a breakout room, newest first and at most three: organisers' announcements, and the word a moved
// participant finds in the room they were moved to. Also the alert that stands instead of a room one cannot enter.
import { announce, errorBox, h } from '../core/dom.js';
import { hubErrorCode } from '../core/hub.js';
import { formatTime, t } from '../core/i18n.js';

// What a `Moved` push leaves for the room it sends the participant to: shown there once, so the new room explains
// itself (the old page is gone by then).
let arrivalNotice = null;

/** Leaves `text` for the next room that mounts. */
export function leaveArrivalNotice(text) {
  arrivalNotice = text;
}

/** @returns {{ element: HTMLElement, showArrival(): void, announcement(e: object): void }} */
export function createBreakoutNotices() {
  const element = h('div', { class: 'breakout-notices' });

  function add(notice) {
    element.prepend(notice);
    while (element.children.length > 3) element.lastChild.remove();
  }

  function showArrival() {
    if (!arrivalNotice) return;
    add(h('div', { class: 'notice', role: 'status', text: arrivalNotice }));
    arrivalNotice = null;
  }

  /** An `Announcement` push. */
  function announcement(e) {
    const text = `${t('breakouts.announcement', { name: e.fromName })}: ${e.text}`;
    add(h('div', { class: 'notice announcement', role: 'status' },
      h('strong', { text: `${t('breakouts.announcement', { name: e.fromName })}: ` }),
      e.text, h('time', { class: 'message-time', datetime: e.sentAt, text: formatTime(e.sentAt) })));
    announce(text);
  }

  return { element, showArrival, announcement };
}

/** Why a JoinBreakout was refused (full, registration needed, anything else), with the way back to the list. */
export function breakoutJoinError(error) {
  const code = hubErrorCode(error)?.code;
  const headline = code === 'room_full' ? t('breakouts.full')
    : code === 'forbidden' && /regist/i.test(error?.message ?? '') ? t('breakouts.needsRegistration')
      : t('breakouts.joinFailed');
  return h('div', { class: 'join-error' },
    h('h2', { text: headline }),
    errorBox(error),
    h('p', {}, h('a', { class: 'button', href: '#/breakouts', text: t('breakouts.back') })));
}
