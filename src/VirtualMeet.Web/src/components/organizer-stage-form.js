// The organiser's settings of one stage: status, planned start (on the event's clock), a stream per language, speaker,
// title, replay link and pre-moderation of questions. Saving says what was saved, including a start the clocks skipped.
import { announce, clear, h, showError } from '../core/dom.js';
import { formatDateTime, t } from '../core/i18n.js';
import { eventZone, fromZonedInput, toZonedInput } from '../core/zoned-time.js';
import './organizer-stage.strings.js';

const statuses = ['scheduled', 'live', 'paused', 'ended'];

/**
 * @param {{ stage: object, currentSlot: HTMLElement, languages: string[], save: (update: object) => Promise<object>,
 *           saved: (view: object) => void }} options
 *   `stage`: the stage as shown now; `currentSlot`: the line saying its state, placed at the form's top;
 *   `save` sends an update and resolves to the stage saved, which `saved` then shows.
 * @returns {HTMLFormElement}
 */
export function createStageSettingsForm({ stage, currentSlot, languages, save, saved: showSaved }) {
  const field = (control, label, hint) => {
    const hintId = hint ? `${control.id}-hint` : null;
    if (hintId) control.setAttribute('aria-describedby', hintId);
    return h('div', { class: 'field' },
      h('label', { for: control.id, text: label }), control, hint ? h('span', { class: 'hint', id: hintId, text: hint }) : null);
  };
  const status = h('select', { id: 'org-stage-status' },
    statuses.map((s) => h('option', { value: s, selected: s === stage.status, text: t(`stage.status.${s}`) })));
  // Entered and shown on the event's wall clock, whatever zone the organiser's browser is in. Sent only when edited:
  // the field holds whole minutes, and saving other settings must not round the stage's start.
  const zone = eventZone();
  const startsAt = h('input', { id: 'org-stage-starts-at', type: 'datetime-local', value: toZonedInput(stage.startsAt, zone) });
  let shownStart = startsAt.value;
  const sources = languages.map((language) => {
    const existing = stage.sources.find((s) => s.language === language);
    const url = h('input', { id: `org-stage-url-${language}`, type: 'url', value: existing?.url ?? '', placeholder: 'https://…' });
    const kind = h('select', { id: `org-stage-kind-${language}` }, ['hls', 'embed', 'video'].map((k) =>
      h('option', { value: k, selected: (existing?.kind ?? 'hls') === k, text: t(`org.stage.kind.${k}`) })));
    const name = language === 'de' || language === 'en' ? t(`org.stage.lang.${language}`) : language;
    return {
      language, url, kind,
      element: h('div', { class: 'org-two' },
        field(url, t('org.stage.source', { language: name })), field(kind, t('org.stage.sourceKind', { language: name }))),
    };
  });
  const speaker = h('input', { id: 'org-stage-speaker', type: 'text', maxlength: 200, value: stage.speaker ?? '' });
  const title = h('input', { id: 'org-stage-title', type: 'text', maxlength: 200, value: stage.title ?? '' });
  const replay = h('input', { id: 'org-stage-replay', type: 'url', value: stage.replayUrl ?? '', placeholder: 'https://…' });
  const preModeration = h('input', { id: 'org-stage-premoderation', type: 'checkbox', checked: stage.preModeration });
  const formError = h('div');
  const saved = h('p', { class: 'stage-form-status', role: 'status' });
  const form = h('form', { class: 'card org-stage-form', 'aria-labelledby': 'org-stage-settings-heading', on: { submit } },
    h('h3', { id: 'org-stage-settings-heading', text: t('org.stage.settings') }),
    currentSlot,
    field(status, t('org.stage.status')),
    field(startsAt, t('org.stage.startsAt'), t('org.stage.startsAtHint', { zone })),
    sources.map((s) => s.element),
    field(speaker, t('org.stage.speaker')), field(title, t('org.stage.title')),
    field(replay, t('org.stage.replay'), t('org.stage.replayHint')),
    h('div', { class: 'choice field' }, preModeration, h('label', { for: preModeration.id, text: t('org.stage.preModeration') })),
    formError, saved,
    h('button', { type: 'submit', class: 'primary', text: t('org.stage.save') }));

  async function submit(event) {
    event.preventDefault();
    clear(formError);
    saved.textContent = '';
    const update = {
      status: status.value,
      startsAt: startsAt.value !== shownStart ? fromZonedInput(startsAt.value, zone) : null,
      sources: sources.filter((s) => s.url.value.trim()).map((s) => ({ language: s.language, url: s.url.value.trim(), kind: s.kind.value })),
      speaker: speaker.value.trim(),
      title: title.value.trim() || null,
      replayUrl: replay.value.trim(),
      preModeration: preModeration.checked,
    };
    try {
      const view = await save(update);
      showSaved(view);
      // A time the clocks skipped (spring's DST gap) was saved later than typed: say so, and show what was saved.
      const entered = update.startsAt ? startsAt.value.slice(0, 16) : null;
      startsAt.value = shownStart = toZonedInput(view.startsAt, zone);
      const message = entered && entered !== startsAt.value
        ? `${t('org.stage.saved')} ${t('org.stage.startShifted', { zone, time: formatDateTime(view.startsAt) })}`
        : t('org.stage.saved');
      saved.textContent = message;
      announce(message);
    } catch (error) {
      showError(formError, error);
    }
  }
  return form;
}
