// Hub refusals as sentences: a rate limit says how long to wait instead of showing the raw code.
import { errorBox, h } from '../core/dom.js';
import { hubErrorCode } from '../core/hub.js';
import { addStrings, t } from '../core/i18n.js';

addStrings({
  de: {
    'stage.rateLimited': 'Langsamer, bitte: Sie haben das Limit erreicht. Versuchen Sie es in {seconds} s wieder.',
    'stage.rateLimitedShort': 'Langsamer, bitte: Sie haben das Limit erreicht. Versuchen Sie es gleich wieder.',
    'stage.muted': 'Sie sind in diesem Chat vorübergehend stummgeschaltet.',
  },
  en: {
    'stage.rateLimited': 'Slow down, please: you reached the limit. Try again in {seconds} s.',
    'stage.rateLimitedShort': 'Slow down, please: you reached the limit. Try again in a moment.',
    'stage.muted': 'You are muted in this chat for now.',
  },
});

/** A `role="alert"` element for a failed hub call, in words people understand. */
export function friendlyError(error) {
  const parsed = hubErrorCode(error);
  if (parsed?.code === 'rate_limited') {
    const seconds = /Retry after ([\d.]+) s/.exec(parsed.message)?.[1];
    const text = seconds ? t('stage.rateLimited', { seconds: Math.ceil(Number(seconds)) }) : t('stage.rateLimitedShort');
    return h('div', { class: 'alert', role: 'alert' }, h('strong', { text: '◔ ' }), text);
  }
  if (parsed?.code === 'forbidden' && /mute/i.test(parsed.message)) {
    return h('div', { class: 'alert', role: 'alert' }, t('stage.muted'));
  }
  return errorBox(error);
}
