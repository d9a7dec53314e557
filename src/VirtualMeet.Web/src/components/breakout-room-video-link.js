// The external video room of a breakout (BigBlueButton, Jitsi, ...): the link for everyone, and for organisers and
// the session's moderators the form that sets it. Hidden from the others while no link is set.
import { clear, h, showError } from '../core/dom.js';
import { t } from '../core/i18n.js';

/**
 * @param {{ moderates: boolean, save: (videoUrl: string) => Promise<unknown> }} options
 * @returns {{ element: HTMLElement, loaded(videoUrl: string|null): void, changed(videoUrl: string|null): void,
 *            render(videoUrl: string|null): void }}
 */
export function createBreakoutVideoLink({ moderates, save }) {
  const input = h('input', { id: 'breakout-video-url', type: 'url', placeholder: 'https://', autocomplete: 'off' });
  const errorSlot = h('div');
  const form = h('form', { class: 'video-link-form', on: { submit: onSubmit } },
    h('label', { for: input.id }, t('breakouts.videoLinkLabel'), h('span', { class: 'hint', text: t('breakouts.videoLinkHint') })),
    h('div', { class: 'row' }, input, h('button', { type: 'submit', text: t('breakouts.videoLinkSave') })),
    errorSlot);
  const linkSlot = h('div');
  const element = h('section', { class: 'card', 'aria-labelledby': 'breakout-video' },
    h('h2', { id: 'breakout-video', text: t('breakouts.video') }), linkSlot, moderates ? form : null);

  async function onSubmit(event) {
    event.preventDefault();
    try {
      await save(input.value.trim());
      showError(errorSlot, null);
    } catch (error) {
      showError(errorSlot, error);
    }
  }

  /** The link of a join snapshot, into the field. */
  function loaded(videoUrl) {
    input.value = videoUrl ?? '';
  }

  /** A pushed link, into the field unless someone is typing there. */
  function changed(videoUrl) {
    if (document.activeElement !== input) input.value = videoUrl ?? '';
  }

  function render(videoUrl) {
    element.hidden = !videoUrl && !moderates;
    clear(linkSlot).append(videoUrl
      ? h('div', {},
        h('p', {}, h('a', { class: 'button primary', href: videoUrl, target: '_blank', rel: 'noopener noreferrer', text: t('breakouts.videoLink') })),
        h('p', { class: 'muted small', text: t('breakouts.videoHint', { host: new URL(videoUrl).host }) }))
      : h('p', { class: 'muted small', text: t('breakouts.noVideoLink') }));
  }

  return { element, loaded, changed, render };
}
