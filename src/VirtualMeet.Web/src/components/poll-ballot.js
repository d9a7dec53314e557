// The ballot form of a poll, per kind: one option (single, pitch), up to maxChoices options (multiple), a value
// on the scale (rating) or a short text (word cloud). It only collects the ballot; the panel sends it.
import { h } from '../core/dom.js';
import { addStrings, t } from '../core/i18n.js';
import { pollRows } from './poll-results.js';

addStrings({
  de: {
    'poll.vote': 'Abstimmen',
    'poll.changeVote': 'Stimme ändern',
    'poll.yourAnswer': 'Ihre Antwort',
    'poll.chooseOne': 'Wählen Sie eine Antwort.',
    'poll.chooseUpTo': 'Wählen Sie bis zu {count} Antworten.',
    'poll.rateFromTo': 'Bewerten Sie von {min} bis {max}.',
    'poll.wordLabel': 'Ihr Stichwort (höchstens {max} Zeichen)',
    'poll.pickSomething': 'Bitte wählen Sie zuerst eine Antwort.',
    'poll.anonymous': 'Anonym: gespeichert wird nur, dass Sie abgestimmt haben.',
  },
  en: {
    'poll.vote': 'Vote',
    'poll.changeVote': 'Change vote',
    'poll.yourAnswer': 'Your answer',
    'poll.chooseOne': 'Choose one answer.',
    'poll.chooseUpTo': 'Choose up to {count} answers.',
    'poll.rateFromTo': 'Rate from {min} to {max}.',
    'poll.wordLabel': 'Your keyword (at most {max} characters)',
    'poll.pickSomething': 'Please choose an answer first.',
    'poll.anonymous': 'Anonymous: only the fact that you voted is stored.',
  },
});

const maxWordLength = 40;

/** A form that calls `onVote(ballot)` with `{ choices }`, `{ rating }` or `{ text }`. */
export function renderBallot(poll, onVote, { changing = false } = {}) {
  const hint = h('p', { class: 'poll-hint', role: 'status' });
  const fields = poll.kind === 'wordcloud' ? wordField(poll) : choiceFields(poll);
  const button = h('button', { type: 'submit', class: 'primary', text: t(changing ? 'poll.changeVote' : 'poll.vote') });
  const form = h('form', { class: 'poll-ballot', on: { submit: submit } },
    fields.element,
    poll.anonymous ? h('p', { class: 'muted poll-anonymous', text: t('poll.anonymous') }) : null,
    hint, button);

  async function submit(event) {
    event.preventDefault();
    const ballot = fields.ballot();
    if (!ballot) {
      hint.textContent = t('poll.pickSomething');
      return;
    }
    hint.textContent = '';
    button.disabled = true;
    try {
      await onVote(ballot);
    } finally {
      button.disabled = false;
    }
  }
  return form;
}

function choiceFields(poll) {
  const multiple = poll.kind === 'multiple';
  const max = multiple ? poll.maxChoices ?? poll.options.length : 1;
  const name = `poll-${poll.id}`;
  const legendText = poll.kind === 'rating'
    ? t('poll.rateFromTo', { min: poll.ratingMin ?? 1, max: poll.ratingMax ?? 5 })
    : multiple ? t('poll.chooseUpTo', { count: max }) : t('poll.chooseOne');
  const inputs = pollRows(poll).map(({ option, label }) => {
    const id = `${name}-${option}`;
    const input = h('input', { type: multiple ? 'checkbox' : 'radio', name, id, value: String(option) });
    return { input, element: h('div', { class: 'poll-choice' }, input, h('label', { for: id, text: label })) };
  });
  if (multiple) {
    // Past maxChoices the remaining boxes are disabled, so the form cannot ask for a ballot the server refuses.
    const limit = () => {
      const checked = inputs.filter(({ input }) => input.checked).length;
      for (const { input } of inputs) input.disabled = !input.checked && checked >= max;
    };
    for (const { input } of inputs) input.addEventListener('change', limit);
  }
  const element = h('fieldset', { class: ['poll-choices', poll.kind === 'rating' && 'poll-scale'] },
    h('legend', { text: legendText }), inputs.map((entry) => entry.element));
  const ballot = () => {
    const picked = inputs.filter(({ input }) => input.checked).map(({ input }) => Number(input.value));
    if (picked.length === 0) return null;
    return poll.kind === 'rating' ? { rating: picked[0] } : { choices: picked };
  };
  return { element, ballot };
}

function wordField(poll) {
  const id = `poll-${poll.id}-word`;
  const input = h('input', { type: 'text', id, maxlength: maxWordLength, autocomplete: 'off', required: true });
  const element = h('div', { class: 'field' }, h('label', { for: id, text: t('poll.wordLabel', { max: maxWordLength }) }), input);
  const ballot = () => {
    const text = input.value.trim();
    return text ? { text } : null;
  };
  return { element, ballot };
}
