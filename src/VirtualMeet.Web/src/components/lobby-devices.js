// The attendee's devices: where they are signed in, signing one out (its connections close at once), and the personal
// sign-in code with a sign-in link for another device. Registration's code is shown here once after sign-up.
import { api, eventPath } from '../core/api.js';
import { formatDateTime, t } from '../core/i18n.js';
import { announce, clear, h, showError } from '../core/dom.js';
import { signedOut } from '../core/session.js';
import './lobby-devices.strings.js';

const newCodeKey = 'vm.newSignInCode';

/** Keeps a just-issued sign-in code for this tab only, until the lobby has shown it. */
export function rememberNewSignInCode(code) {
  sessionStorage.setItem(newCodeKey, code);
}

/** @param {{ eventId: string, deviceId?: string }} session */
export function createLobbyDevices(session) {
  const errors = h('div', { 'aria-live': 'polite' });
  const list = h('ul', { class: 'devices-list' });
  const codeSlot = h('div', { class: 'devices-code', 'aria-live': 'polite' });
  const newCode = h('button', { type: 'button', text: t('devices.newCode'), on: { click: renewCode } });
  const element = h('section', { class: 'card devices', 'aria-labelledby': 'devices-heading' },
    h('h2', { id: 'devices-heading', text: t('devices.title') }),
    h('p', { class: 'muted', text: t('devices.intro') }),
    codeSlot, list, newCode, errors);

  function showCode(code) {
    const link = `${location.origin}${location.pathname}#/signin?event=${encodeURIComponent(session.eventId)}&code=${encodeURIComponent(code)}`;
    clear(codeSlot).append(
      h('p', { text: t('devices.codeOnce') }),
      h('p', { class: 'devices-code-value', dataset: { testid: 'sign-in-code' }, text: code }),
      h('p', {}, h('a', { href: link, class: 'devices-code-link', text: t('devices.link') })));
  }

  async function renewCode() {
    showError(errors, null);
    try {
      const { signInCode } = await api(eventPath('/devices/sign-in-code'), { method: 'POST' });
      showCode(signInCode);
      announce(t('devices.codeRenewed'));
    } catch (error) {
      showError(errors, error);
    }
  }

  async function end(device) {
    showError(errors, null);
    try {
      await api(eventPath(`/devices/${encodeURIComponent(device.deviceId)}`), { method: 'DELETE' });
      if (device.current) return signedOut();
      announce(t('devices.ended', { label: device.label }));
      await load();
    } catch (error) {
      showError(errors, error);
    }
  }

  async function load() {
    const devices = await api(eventPath('/devices'));
    clear(list).append(...devices.map((device) => h('li', { dataset: { deviceId: device.deviceId } },
      h('span', { class: 'devices-label', text: device.current ? t('devices.current', { label: device.label }) : device.label }),
      h('span', { class: 'muted', text: t('devices.since', { at: formatDateTime(device.signedInAt) }) }),
      h('button', { type: 'button', class: 'link', text: t('devices.signOut'), on: { click: () => end(device) } }))));
  }

  const fresh = sessionStorage.getItem(newCodeKey);
  if (fresh) {
    sessionStorage.removeItem(newCodeKey);
    showCode(fresh);
  }
  return { element, load };
}
