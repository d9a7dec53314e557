// `#/stage` without a session: the event's stage programmes (keynotes, panels, pitches) to choose from, with their
// start on the event's clock and a live badge on the one running now.
import { h } from '../core/dom.js';
import { api, eventPath } from '../core/api.js';
import { formatDateTime, language, t } from '../core/i18n.js';
import { eventZone } from '../core/zoned-time.js';
import { stageStatusBadge } from './stage-status.js';

const stageKinds = new Set(['keynote', 'panel', 'pitch']);

/** Appends the heading and the choices to `root`. */
export async function mountStageChoices(root) {
  root.append(h('h1', { text: t('stage.choose') }));
  const agenda = await api(eventPath(`?lang=${language()}`));
  const stages = agenda.sessions.filter((session) => stageKinds.has(session.kind) && !session.parentSessionId);
  if (stages.length === 0) return void root.append(h('p', { class: 'muted', text: t('stage.noStages') }));
  const now = Date.now();
  root.append(h('p', { class: 'muted', text: `${t('stage.chooseIntro')} ${t('stage.timeZone', { zone: eventZone() })}` }), h('ul', { class: 'stage-choices' }, stages.map((session) => {
    const live = Date.parse(session.startsAt) <= now && now < Date.parse(session.endsAt);
    return h('li', { class: 'card' },
      h('a', { href: `#/stage/${encodeURIComponent(session.id)}`, text: session.title }),
      h('p', { class: 'muted' }, h('time', { datetime: session.startsAt, text: formatDateTime(session.startsAt) }),
        live ? [' · ', stageStatusBadge('live')] : null));
  })));
}
