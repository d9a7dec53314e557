// The form that creates a poll: every kind, German and English texts, options, limits, visibility, scope and
// auto-close. Validation is the server's: its problem details are shown per field.
import { clear, errorBox, h } from '../core/dom.js';
import { t } from '../core/i18n.js';
import './organizer-poll-form.strings.js';

const kinds = ['single', 'multiple', 'rating', 'wordcloud', 'pitch'];

/**
 * @param {{ sessions: { id: string, title: string }[], onSubmit: (request: object, open: boolean) => Promise<void> }} options
 */
export function createPollForm({ sessions, onSubmit }) {
  const input = (id, props = {}) => h('input', { id, name: id, ...props });
  const questionDe = input('org-poll-question-de', { type: 'text', maxlength: 500 });
  const questionEn = input('org-poll-question-en', { type: 'text', maxlength: 500 });
  const kind = h('select', { id: 'org-poll-kind' }, kinds.map((k) => h('option', { value: k, text: t(`org.poll.kind.${k}`) })));
  const options = h('textarea', { id: 'org-poll-options', rows: 4, 'aria-describedby': 'org-poll-options-hint' });
  const maxChoices = input('org-poll-max-choices', { type: 'number', min: 1, max: 64 });
  const ratingMin = input('org-poll-rating-min', { type: 'number', value: '1' });
  const ratingMax = input('org-poll-rating-max', { type: 'number', value: '5' });
  const anonymous = input('org-poll-anonymous', { type: 'checkbox' });
  const allowChange = input('org-poll-allow-change', { type: 'checkbox' });
  const visibility = h('select', { id: 'org-poll-visibility' },
    ['live', 'afterClose'].map((v) => h('option', { value: v, text: t(`org.poll.visibility.${v}`) })));
  const session = h('select', { id: 'org-poll-session' },
    h('option', { value: '', text: t('org.poll.wholeEvent') }), sessions.map((s) => h('option', { value: s.id, text: s.title })));
  const duration = input('org-poll-duration', { type: 'number', min: 1, 'aria-describedby': 'org-poll-duration-hint' });
  const errorSlot = h('div');

  const field = (control, key, hint) => h('div', { class: 'field' },
    h('label', { for: control.id, text: t(key) }), control,
    hint ? h('span', { class: 'hint', id: `${control.id}-hint`, text: t(hint) }) : null);
  const check = (control, key) => h('div', { class: 'choice field' }, control, h('label', { for: control.id, text: t(key) }));

  const optionsField = field(options, 'org.poll.options', 'org.poll.optionsHint');
  const maxField = field(maxChoices, 'org.poll.maxChoices');
  const ratingFields = h('div', { class: 'org-two' }, field(ratingMin, 'org.poll.ratingMin'), field(ratingMax, 'org.poll.ratingMax'));
  const showKindFields = () => {
    optionsField.hidden = kind.value === 'rating' || kind.value === 'wordcloud';
    maxField.hidden = kind.value !== 'multiple';
    ratingFields.hidden = kind.value !== 'rating';
  };
  kind.addEventListener('change', showKindFields);
  showKindFields();

  const draftButton = h('button', { type: 'submit', value: 'draft', text: t('org.poll.createDraft') });
  const openButton = h('button', { type: 'submit', value: 'open', class: 'primary', text: t('org.poll.createOpen') });
  const form = h('form', { class: 'card org-poll-form', 'aria-labelledby': 'org-poll-form-heading', on: { submit } },
    h('h3', { id: 'org-poll-form-heading', text: t('org.poll.create') }),
    h('p', { class: 'hint', text: t('org.poll.questionHint') }),
    field(questionDe, 'org.poll.questionDe'), field(questionEn, 'org.poll.questionEn'),
    h('div', { class: 'org-two' }, field(kind, 'org.poll.kind'), field(session, 'org.poll.session')),
    optionsField, maxField, ratingFields,
    h('div', { class: 'org-two' }, field(visibility, 'org.poll.visibility'), field(duration, 'org.poll.duration', 'org.poll.durationHint')),
    check(anonymous, 'org.poll.anonymous'), check(allowChange, 'org.poll.allowChange'),
    errorSlot,
    h('div', { class: 'row' }, openButton, draftButton));

  function request() {
    const text = (de, en) => ({ de: de.trim() || null, en: en.trim() || null });
    const number = (el) => (el.value.trim() === '' ? null : Number(el.value));
    const lines = options.value.split('\n').map((line) => line.trim()).filter(Boolean);
    const withOptions = kind.value === 'single' || kind.value === 'multiple' || (kind.value === 'pitch' && lines.length > 0);
    return {
      question: text(questionDe.value, questionEn.value),
      kind: kind.value,
      options: withOptions ? lines.map((line) => {
        const [de, en = de] = line.split('|');
        return text(de, en);
      }) : null,
      sessionId: session.value || null,
      maxChoices: kind.value === 'multiple' ? number(maxChoices) : null,
      ratingMin: kind.value === 'rating' ? number(ratingMin) : null,
      ratingMax: kind.value === 'rating' ? number(ratingMax) : null,
      anonymous: anonymous.checked,
      allowChange: allowChange.checked,
      resultsVisibility: visibility.value,
      durationSeconds: number(duration),
    };
  }

  async function submit(event) {
    event.preventDefault();
    const open = event.submitter?.value === 'open';
    clear(errorSlot);
    openButton.disabled = draftButton.disabled = true;
    try {
      await onSubmit(request(), open);
      questionDe.value = questionEn.value = options.value = duration.value = '';
    } catch (error) {
      // The error box lists the server's per-field messages (JSON path: message).
      errorSlot.append(errorBox(error));
    } finally {
      openButton.disabled = draftButton.disabled = false;
    }
  }

  return form;
}
