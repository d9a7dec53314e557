// The buttons of the camera mesh: turn camera and microphone on; once on, mute or unmute the microphone, turn the
// camera off or on (each a toggle button), and turn both off.
import { clear, h } from '../core/dom.js';
import { t } from '../core/i18n.js';

/**
 * @param {{ localTrack: (kind: 'audio'|'video') => MediaStreamTrack|null, start: () => void, stop: () => void,
 *           changed: () => void }} options `changed` runs after a track was muted or unmuted
 * @returns {{ element: HTMLElement, render(on: boolean): void }}
 */
export function createPeerVideoControls({ localTrack, start, stop, changed }) {
  const element = h('div', { class: 'row peer-video-controls' });

  function render(on) {
    clear(element);
    if (!on) {
      element.append(h('button', { type: 'button', class: 'primary', on: { click: start }, text: t('peerVideo.start') }));
      return;
    }
    const toggle = (track, onText, offText) => track && element.append(h('button', {
      type: 'button', 'aria-pressed': String(!track.enabled),
      on: { click: () => { track.enabled = !track.enabled; changed(); } },
      text: track.enabled ? onText : offText,
    }));
    toggle(localTrack('audio'), t('peerVideo.mute'), t('peerVideo.unmute'));
    toggle(localTrack('video'), t('peerVideo.cameraOff'), t('peerVideo.cameraOn'));
    element.append(h('button', { type: 'button', class: 'danger', on: { click: stop }, text: t('peerVideo.stop') }));
  }

  return { element, render };
}
