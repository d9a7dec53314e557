// The form that creates a poll: every kind, German and English texts, options, limits, visibility, scope and
// auto-close. Validation is the server's: its problem details are shown per field.
import { clear, errorBox, h } from '../core/dom.js';
import { addStrings, t } from '../core/i18n.js';

addStrings({
  de: {
    'org.poll.create': 'Neue Umfrage',
    'org.poll.questionDe': 'Frage (Deutsch)',
    'org.poll.questionEn': 'Frage (Englisch)',
    'org.poll.questionHint': 'Mindestens eine Sprache; fehlt eine, wird die andere gezeigt.',
    'org.poll.kind': 'Art',
    'org.poll.kind.single': 'Einfachauswahl',
    'org.poll.kind.multiple': 'Mehrfachauswahl',
    'org.poll.kind.rating': 'Bewertungsskala',
    'org.poll.kind.wordcloud': 'Wortwolke',
    'org.poll.kind.pitch': 'Pitch-Abstimmung',
    'org.poll.options': 'Antwortmöglichkeiten',
    'org.poll.optionsHint': 'Eine pro Zeile; „Deutsch | Englisch“ für zwei Sprachen. Bei Pitch-Abstimmungen leer lassen, um die Pitches zu übernehmen.',
    'org.poll.maxChoices': 'Höchstens wählbar',
    'org.poll.ratingMin': 'Skala von',
    'org.poll.ratingMax': 'Skala bis',
    'org.poll.anonymous': 'Anonym (nur speichern, dass jemand abgestimmt hat)',
    'org.poll.allowChange': 'Stimme darf geändert werden',
    'org.poll.visibility': 'Ergebnisse sichtbar',
    'org.poll.visibility.live': 'Live während der Abstimmung',
    'org.poll.visibility.afterClose': 'Erst nach dem Ende',
    'org.poll.session': 'Gilt für',
    'org.poll.wholeEvent': 'Die ganze Veranstaltung',
    'org.poll.duration': 'Automatisch beenden nach (Sekunden)',
    'org.poll.durationHint': 'Leer lassen, um von Hand zu beenden.',
    'org.poll.createDraft': 'Als Entwurf anlegen',
    'org.poll.createOpen': 'Anlegen und öffnen',
  },
  en: {
    'org.poll.create': 'New poll',
    'org.poll.questionDe': 'Question (German)',
    'org.poll.questionEn': 'Question (English)',
    'org.poll.questionHint': 'At least one language; a missing one falls back to the other.',
    'org.poll.kind': 'Kind',
    'org.poll.kind.single': 'Single choice',
    'org.poll.kind.multiple': 'Multiple choice',
    'org.poll.kind.rating': 'Rating scale',
    'org.poll.kind.wordcloud': 'Word cloud',
    'org.poll.kind.pitch': 'Pitch vote',
    'org.poll.options': 'Options',
    'org.poll.optionsHint': 'One per line; “German | English” for two languages. Leave empty for a pitch vote to take the pitches.',
    'org.poll.maxChoices': 'Maximum choices',
    'org.poll.ratingMin': 'Scale from',
    'org.poll.ratingMax': 'Scale to',
    'org.poll.anonymous': 'Anonymous (store only that someone voted)',
    'org.poll.allowChange': 'Votes may be changed',
    'org.poll.visibility': 'Results visible',
    'org.poll.visibility.live': 'Live while voting',
    'org.poll.visibility.afterClose': 'Only after closing',
    'org.poll.session': 'Applies to',
    'org.poll.wholeEvent': 'The whole event',
    'org.poll.duration': 'Close automatically after (seconds)',
    'org.poll.durationHint': 'Leave empty to close by hand.',
    'org.poll.createDraft': 'Create as draft',
    'org.poll.createOpen': 'Create and open',
  },
});

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
