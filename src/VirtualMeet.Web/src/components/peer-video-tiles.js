// The video tiles of the camera mesh: one's own (mirrored, muted) first, then one per member who sends media, each
// captioned with the name and whether the microphone or camera is off; a line says so when nobody shares.
import { h } from '../core/dom.js';
import { t } from '../core/i18n.js';

/**
 * @returns {{ element: HTMLElement, place(id: string, fresh: HTMLElement|null|false|undefined): void,
 *            tile(id: string, label: string, stream: MediaStream, options?: object): HTMLElement }}
 *   `place` puts a tile in (replacing that member's) or, given none, takes the member's tile out; `id` 'self' is one's own.
 */
export function createPeerVideoTiles() {
  const element = h('div', { class: 'peer-video-tiles' });

  function tile(id, label, stream, { mirrored = false, muted = false, audio = true, video = true } = {}) {
    const player = h('video', { autoplay: '', playsinline: '', class: mirrored ? 'mirrored' : null });
    player.muted = muted;
    player.srcObject = stream;
    return h('figure', { class: 'peer-tile', dataset: { peer: id } }, player,
      h('figcaption', {}, h('span', { class: 'peer-name', text: label }),
        audio ? null : h('span', { class: 'badge badge-muted', text: t('peerVideo.muted') }),
        video ? null : h('span', { class: 'badge badge-muted', text: t('peerVideo.noVideo') })));
  }

  function place(id, fresh) {
    const old = element.querySelector(`[data-peer="${CSS.escape(id)}"]`);
    if (!fresh) old?.remove();
    else if (old) old.replaceWith(fresh);
    else if (id === 'self') element.prepend(fresh);
    else element.append(fresh);
    element.querySelector('.peer-video-empty')?.remove();
    if (!element.querySelector('.peer-tile')) element.append(h('p', { class: 'muted peer-video-empty', text: t('peerVideo.nobody') }));
  }

  return { element, place, tile };
}
