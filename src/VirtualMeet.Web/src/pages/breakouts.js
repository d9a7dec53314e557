// Breakouts: `#/breakouts` lists the event's breakout sessions with the attendee's registrations,
// `#/breakouts/<sessionId>` is one room on /hubs/breakouts (components/breakout-room.js).
import { api, eventPath } from '../core/api.js';
import { language, t } from '../core/i18n.js';
import { h, useStyles } from '../core/dom.js';
import { createBreakoutCard } from '../components/breakout-card.js';
import { mountBreakoutRoom } from '../components/breakout-room.js';
import './breakouts.strings.js';

export async function mount(root, ctx) {
  useStyles('pages/breakouts.css');
  return ctx.params[0] ? mountBreakoutRoom(root, ctx, ctx.params[0]) : mountList(root, ctx);
}

async function mountList(root, ctx) {
  const [agenda, registration] = await Promise.all([
    api(eventPath(`?lang=${language()}`)),
    ctx.session.attendeeId ? api(eventPath('/registrations/me')).catch(() => null) : null,
  ]);
  const statuses = new Map((registration?.sessions ?? []).map((s) => [s.sessionId, s]));
  const breakouts = agenda.sessions.filter((s) => s.kind === 'breakout');
  root.append(
    h('h1', { text: t('breakouts.title') }),
    h('p', { class: 'muted', text: t('breakouts.intro') }),
    breakouts.length === 0
      ? h('p', { text: t('breakouts.none') })
      : h('ul', { class: 'grid breakout-list' }, breakouts.map((session) =>
        createBreakoutCard(session, statuses.get(session.id), { attendeeId: ctx.session.attendeeId }).element)));
}
