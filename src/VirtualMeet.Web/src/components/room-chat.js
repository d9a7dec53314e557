// The chat of one room (a breakout, a bar table): the history from the join snapshot, lines pushed with the room's
// chat version, and a send form. A version skip means a push was lost; the page then joins again for a snapshot.
import { addStrings, formatTime, t } from '../core/i18n.js';
import { clear, h, showError } from '../core/dom.js';

addStrings({
  de: {
    'roomChat.title': 'Chat',
    'roomChat.empty': 'Noch keine Nachrichten.',
    'roomChat.message': 'Nachricht',
    'roomChat.send': 'Senden',
    'roomChat.removed': '(Nachricht entfernt)',
    'roomChat.you': '(du)',
  },
  en: {
    'roomChat.title': 'Chat',
    'roomChat.empty': 'No messages yet.',
    'roomChat.message': 'Message',
    'roomChat.send': 'Send',
    'roomChat.removed': '(message removed)',
    'roomChat.you': '(you)',
  },
});

let chatCount = 0;

/**
 * @param {{ title?: string, selfId: string, send: (text: string) => Promise<unknown> }} options
 * @returns {{ element: HTMLElement, setHistory(history: { version: number, messages: object[] }): void,
 *            add(message: object): 'added'|'stale'|'gap', deleted(notice: { messageId: string, version: number }): 'added'|'stale'|'gap' }}
 */
export function createRoomChat({ title = t('roomChat.title'), selfId, send }) {
  const id = `room-chat-${++chatCount}`;
  let version = 0;
  const list = h('ol', { class: 'message-list room-chat-list', role: 'log', 'aria-live': 'polite', 'aria-labelledby': `${id}-title` });
  const input = h('input', { id: `${id}-input`, type: 'text', maxlength: '1000', autocomplete: 'off' });
  const errorSlot = h('div');
  const button = h('button', { type: 'submit', class: 'primary', text: t('roomChat.send') });
  const form = h('form', { class: 'room-chat-form', on: { submit: onSubmit } },
    h('label', { for: input.id, text: t('roomChat.message') }),
    h('div', { class: 'row room-chat-input' }, input, button),
    errorSlot);
  const element = h('section', { class: 'card room-chat', 'aria-labelledby': `${id}-title` },
    h('h2', { id: `${id}-title`, text: title }), list, form);

  async function onSubmit(event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    button.disabled = true;
    try {
      const sent = await send(text);
      showError(errorSlot, null);
      input.value = '';
      // The push of the same line follows; adding it here only when it is next keeps a reordering from looking like a gap.
      const message = sent?.message ?? sent;
      if (message?.id && message.version === version + 1) add(message);
    } catch (error) {
      showError(errorSlot, error);
    } finally {
      button.disabled = false;
      input.focus();
    }
  }

  function line(message) {
    const mine = message.authorId === selfId;
    return h('li', { dataset: { messageId: message.id }, class: mine ? 'mine' : null },
      h('span', { class: 'message-author', text: message.deleted ? '' : message.authorName }),
      mine ? h('span', { class: 'muted small', text: `${t('roomChat.you')} ` }) : null,
      message.deleted ? h('em', { class: 'muted', text: t('roomChat.removed') }) : h('span', { text: message.text }),
      h('time', { class: 'message-time', datetime: message.sentAt, text: formatTime(message.sentAt) }));
  }

  function renderEmpty() {
    if (!list.querySelector('li')) list.append(h('li', { class: 'muted empty', text: t('roomChat.empty') }));
  }

  function setHistory(history) {
    version = history?.version ?? 0;
    clear(list);
    for (const message of history?.messages ?? []) list.append(line(message));
    renderEmpty();
    list.scrollTop = list.scrollHeight;
  }

  function add(message) {
    if (message.version <= version) return 'stale';
    if (message.version > version + 1) return 'gap';
    version = message.version;
    list.querySelector('li.empty')?.remove();
    list.append(line(message));
    list.scrollTop = list.scrollHeight;
    return 'added';
  }

  // A line became a tombstone (its author was erased): it stays in place as removed, without a name.
  function deleted(notice) {
    if (notice.version <= version) return 'stale';
    if (notice.version > version + 1) return 'gap';
    version = notice.version;
    const shown = list.querySelector(`li[data-message-id="${CSS.escape(notice.messageId)}"]`);
    shown?.replaceWith(line({ id: notice.messageId, deleted: true, authorId: '', authorName: '', sentAt: shown.querySelector('time')?.dateTime }));
    return 'added';
  }

  setHistory(null);
  return { element, setHistory, add, deleted };
}
