// The stage chat: history from JoinStage, versioned pushes, a send form, and for moderators a delete button per line.
import { announce, clear, h, showError } from '../core/dom.js';
import { formatTime, t } from '../core/i18n.js';
import { friendlyError } from './stage-errors.js';
import './stage-chat.strings.js';

/**
 * @param {{ sessionId: string, invoke: (method: string, ...args: unknown[]) => Promise<any>, isModerator: boolean,
 *           onGap: () => void, idPrefix?: string, headingLevel?: number }} options
 */
export function createStageChat({ sessionId, invoke, isModerator, onGap, idPrefix = 'stage', headingLevel = 2 }) {
  let version = 0;
  const messages = new Map(); // id -> ChatMessage, in arrival order
  const list = h('ol', { class: 'stage-chat-list', role: 'log', 'aria-labelledby': `${idPrefix}-chat-heading` });
  const empty = h('p', { class: 'muted', text: t('stage.chatEmpty') });
  const errorSlot = h('div');
  const inputId = `${idPrefix}-chat-input`;
  const input = h('input', { id: inputId, type: 'text', maxlength: 1000, autocomplete: 'off' });
  const form = h('form', { class: 'stage-chat-form', on: { submit: send } },
    h('label', { for: inputId, text: t('stage.chatLabel') }),
    h('div', { class: 'stage-inline-form' }, input, h('button', { type: 'submit', text: t('stage.chatSend') })));
  const element = h('section', { class: 'card stage-chat', 'aria-labelledby': `${idPrefix}-chat-heading` },
    h(`h${headingLevel}`, { id: `${idPrefix}-chat-heading`, text: t('stage.chat') }), empty, list, errorSlot, form);

  async function send(event) {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    try {
      const message = await invoke('SendChat', sessionId, text);
      input.value = '';
      showError(errorSlot, null);
      // The push brings the line too; taking it here only when it is next keeps a racing line from looking like a gap.
      if (message.version === version + 1) received(message);
    } catch (error) {
      clear(errorSlot).append(friendlyError(error));
    }
  }

  function line(message) {
    const role = message.authorRole !== 'attendee' ? t(`stage.role.${message.authorRole}`) : null;
    return h('li', { class: ['stage-chat-line', message.deleted && 'stage-chat-deleted'], dataset: { messageId: message.id } },
      h('div', { class: 'stage-chat-meta' },
        // A removed line names nobody (its author may have been erased), as in the rooms' chat.
        h('strong', { text: (!message.deleted && message.authorName) || '—' }),
        role ? h('span', { class: 'badge', text: role }) : null,
        h('time', { datetime: message.sentAt, text: formatTime(message.sentAt) }),
        isModerator && !message.deleted
          ? h('button', {
            type: 'button', class: 'link-button stage-chat-delete', 'aria-label': t('stage.chatDeleteOf', { name: message.authorName }),
            text: t('stage.chatDelete'), on: { click: () => remove(message.id) },
          })
          : null),
      message.deleted ? h('p', { class: 'muted', text: t('stage.chatDeleted') }) : h('p', { text: message.text }));
  }

  async function remove(messageId) {
    try {
      await invoke('DeleteChat', sessionId, messageId);
    } catch (error) {
      clear(errorSlot).append(friendlyError(error));
    }
  }

  function render() {
    empty.hidden = messages.size > 0;
    const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight < 40;
    list.replaceChildren(...[...messages.values()].map(line));
    if (atBottom) list.scrollTop = list.scrollHeight;
  }

  /** The history of a JoinStage snapshot. */
  function load(history) {
    version = history.version;
    messages.clear();
    for (const message of history.messages) messages.set(message.id, message);
    render();
  }

  function received(message) {
    if (message.version <= version) return;
    // Each line raises the room's version by one: a skip means a line (or a deletion) went missing.
    if (message.version > version + 1) return onGap();
    version = message.version;
    messages.set(message.id, message);
    render();
  }

  function deleted({ messageId, version: next }) {
    if (next <= version) return;
    if (next > version + 1) return onGap();
    version = next;
    const message = messages.get(messageId);
    if (message) messages.set(messageId, { ...message, deleted: true, text: null });
    render();
    announce(t('stage.chatDeleted'));
  }

  return { element, load, received, deleted };
}
