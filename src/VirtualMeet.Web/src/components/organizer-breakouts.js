// Organiser console, breakouts: an announcement to every breakout room, and the countdown that closes them all and
// sends everyone back to the stage.
import { announce, clear, countdown, h, showError } from '../core/dom.js';
import { closeHub, openHub } from '../core/hub.js';
import { addStrings, formatTime, t } from '../core/i18n.js';

addStrings({
  de: {
    'org.breakouts.announce': 'Durchsage an alle Breakouts',
    'org.breakouts.text': 'Text der Durchsage',
    'org.breakouts.send': 'Durchsage senden',
    'org.breakouts.sent': 'Durchsage gesendet.',
    'org.breakouts.close': 'Breakouts schließen',
    'org.breakouts.seconds': 'Countdown (Sekunden)',
    'org.breakouts.closeHint': 'Alle Teilnehmenden sehen den Countdown und kehren danach zur Bühne zurück.',
    'org.breakouts.start': 'Countdown starten',
    'org.breakouts.closing': 'Breakouts schließen um {time} – noch',
  },
  en: {
    'org.breakouts.announce': 'Announcement to all breakouts',
    'org.breakouts.text': 'Announcement text',
    'org.breakouts.send': 'Send announcement',
    'org.breakouts.sent': 'Announcement sent.',
    'org.breakouts.close': 'Close breakouts',
    'org.breakouts.seconds': 'Countdown (seconds)',
    'org.breakouts.closeHint': 'Everyone sees the countdown and returns to the stage afterwards.',
    'org.breakouts.start': 'Start countdown',
    'org.breakouts.closing': 'Breakouts close at {time} – remaining',
  },
});

/** @returns {{ element: HTMLElement, dispose: () => Promise<void> }} */
export function createOrganizerBreakouts({ eventId }) {
  let connection = null;
  let stopCountdown = null;
  // Opened on first use: a console that never touches breakouts keeps no connection for them.
  const hub = async () => (connection ??= await openHub('/hubs/breakouts', {}));

  const text = h('textarea', { id: 'org-breakouts-text', rows: 3, maxlength: 1000, required: true });
  const announceError = h('div');
  const announceStatus = h('p', { class: 'stage-form-status', role: 'status' });
  const announceForm = h('form', { class: 'card', 'aria-labelledby': 'org-breakouts-announce-heading', on: { submit: send } },
    h('h3', { id: 'org-breakouts-announce-heading', text: t('org.breakouts.announce') }),
    h('div', { class: 'field' }, h('label', { for: text.id, text: t('org.breakouts.text') }), text),
    announceError, announceStatus,
    h('button', { type: 'submit', class: 'primary', text: t('org.breakouts.send') }));

  const seconds = h('input', { id: 'org-breakouts-seconds', type: 'number', min: 1, max: 3600, value: '60', required: true });
  const closeError = h('div');
  const closing = h('p', { class: 'org-closing', role: 'status' });
  const closeForm = h('form', { class: 'card', 'aria-labelledby': 'org-breakouts-close-heading', on: { submit: close } },
    h('h3', { id: 'org-breakouts-close-heading', text: t('org.breakouts.close') }),
    h('p', { class: 'hint', text: t('org.breakouts.closeHint') }),
    h('div', { class: 'field' }, h('label', { for: seconds.id, text: t('org.breakouts.seconds') }), seconds),
    closeError, closing,
    h('button', { type: 'submit', class: 'danger', text: t('org.breakouts.start') }));

  async function send(event) {
    event.preventDefault();
    showError(announceError, null);
    announceStatus.textContent = '';
    try {
      await (await hub()).invoke('Announce', eventId, text.value.trim());
      text.value = '';
      announceStatus.textContent = t('org.breakouts.sent');
    } catch (error) {
      showError(announceError, error);
    }
  }

  async function close(event) {
    event.preventDefault();
    showError(closeError, null);
    try {
      const result = await (await hub()).invoke('CloseBreakouts', eventId, Number(seconds.value));
      stopCountdown?.();
      const clock = h('time');
      clear(closing).append(t('org.breakouts.closing', { time: formatTime(result.closesAt) }), ' ', clock);
      announce(t('org.breakouts.closing', { time: formatTime(result.closesAt) }));
      stopCountdown = countdown(clock, result.closesAt);
    } catch (error) {
      showError(closeError, error);
    }
  }

  return {
    element: h('div', { class: 'org-columns' }, announceForm, closeForm),
    dispose: async () => {
      stopCountdown?.();
      await closeHub(connection);
    },
  };
}
