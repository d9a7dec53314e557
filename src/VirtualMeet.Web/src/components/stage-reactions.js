// Reaction buttons with running totals; each push window floats a few emoji up so the room feels alive.
import { clear, h } from '../core/dom.js';
import { addStrings, t } from '../core/i18n.js';
import { friendlyError } from './stage-errors.js';

addStrings({
  de: {
    'stage.reactions': 'Reaktionen',
    'stage.reaction.applause': 'Applaus',
    'stage.reaction.heart': 'Herz',
    'stage.reaction.laugh': 'Lachen',
    'stage.reaction.idea': 'Idee',
    'stage.reactionTotal': '{name}: {count}',
  },
  en: {
    'stage.reactions': 'Reactions',
    'stage.reaction.applause': 'Applause',
    'stage.reaction.heart': 'Heart',
    'stage.reaction.laugh': 'Laugh',
    'stage.reaction.idea': 'Idea',
    'stage.reactionTotal': '{name}: {count}',
  },
});

const emoji = { applause: '👏', heart: '❤️', laugh: '😄', idea: '💡' };
const maxFloatingPerWindow = 6;

export function createStageReactions({ sessionId, invoke }) {
  let allowed = [];
  let totals = {};
  let lastWindow = 0;
  const buttons = h('div', { class: 'stage-reaction-buttons' });
  const floats = h('div', { class: 'stage-reaction-floats', 'aria-hidden': 'true' });
  const errorSlot = h('div');
  const element = h('section', { class: 'stage-reactions', 'aria-labelledby': 'stage-reactions-heading' },
    h('h2', { id: 'stage-reactions-heading', class: 'visually-hidden', text: t('stage.reactions') }),
    buttons, floats, errorSlot);

  const label = (reaction) => (t(`stage.reaction.${reaction}`) === `stage.reaction.${reaction}` ? reaction : t(`stage.reaction.${reaction}`));

  function render() {
    clear(buttons).append(...allowed.map((reaction) => h('button', {
      type: 'button', class: 'stage-reaction', dataset: { reaction },
      'aria-label': t('stage.reactionTotal', { name: label(reaction), count: totals[reaction] ?? 0 }),
      on: { click: () => react(reaction) },
    },
    h('span', { class: 'stage-reaction-emoji', 'aria-hidden': 'true', text: emoji[reaction] ?? '★' }),
    h('span', { class: 'stage-reaction-name', text: label(reaction) }),
    h('span', { class: 'stage-reaction-count', text: String(totals[reaction] ?? 0) }))));
  }

  async function react(reaction) {
    try {
      await invoke('React', sessionId, reaction);
      clear(errorSlot);
    } catch (error) {
      clear(errorSlot).append(friendlyError(error));
    }
  }

  function load(allowedReactions, snapshotTotals) {
    allowed = allowedReactions;
    totals = { ...snapshotTotals };
    render();
  }

  function pushed(update) {
    if (update.window <= lastWindow) return;
    lastWindow = update.window;
    totals = { ...update.totals };
    render();
    if (window.matchMedia?.('(prefers-reduced-motion: reduce)').matches) return;
    let shown = 0;
    for (const [reaction, count] of Object.entries(update.counts)) {
      for (let i = 0; i < Math.min(count, 3) && shown < maxFloatingPerWindow; i++, shown++) {
        const float = h('span', { class: 'stage-float', style: { left: `${10 + Math.random() * 80}%` }, text: emoji[reaction] ?? '★' });
        float.addEventListener('animationend', () => float.remove());
        floats.append(float);
      }
    }
  }

  return { element, load, pushed };
}
