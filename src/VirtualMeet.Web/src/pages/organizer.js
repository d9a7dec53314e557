// #/organizer: the organiser console. Six sections (stage and moderation, polls, breakouts, exports, registration,
// team and audit log), each built when first shown and kept while the page lives, so a running stage or poll watch
// is not dropped by switching.
import { clear, h, useStyles } from '../core/dom.js';
import { api, eventPath } from '../core/api.js';
import { addStrings, language, t } from '../core/i18n.js';
import { createOrganizerAdmission } from '../components/organizer-admission.js';
import { createOrganizerBreakouts } from '../components/organizer-breakouts.js';
import { createOrganizerExports } from '../components/organizer-exports.js';
import { createOrganizerPolls } from '../components/organizer-polls.js';
import { createOrganizerStage } from '../components/organizer-stage.js';
import { createOrganizerTeamSection } from '../components/organizer-team-section.js';
import { pollText } from '../components/poll-results.js';

addStrings({
  de: {
    'org.title': 'Organisation',
    'org.intro': 'Steuern Sie „{event}“: Bühne, Umfragen, Breakouts und Exporte.',
    'org.sections': 'Bereiche',
    'org.section.stage': 'Bühne & Moderation',
    'org.section.polls': 'Umfragen',
    'org.section.breakouts': 'Breakouts',
    'org.section.exports': 'Exporte',
    'org.section.team': 'Team & Protokoll',
    'org.noStages': 'Diese Veranstaltung hat keine Bühnenprogramme.',
  },
  en: {
    'org.title': 'Organiser console',
    'org.intro': 'Run “{event}”: stage, polls, breakouts and exports.',
    'org.sections': 'Sections',
    'org.section.stage': 'Stage & moderation',
    'org.section.polls': 'Polls',
    'org.section.breakouts': 'Breakouts',
    'org.section.exports': 'Exports',
    'org.section.team': 'Team & audit log',
    'org.noStages': 'This event has no stage programme.',
  },
});

const stageKinds = new Set(['keynote', 'panel', 'pitch']);
const sectionNames = ['stage', 'polls', 'breakouts', 'exports', 'admission', 'team'];

export async function mount(root, ctx) {
  useStyles('pages/organizer.css');
  useStyles('pages/stage.css');
  useStyles('components/poll-panel.css');
  const eventId = ctx.session.eventId;
  const agenda = await api(eventPath(`?lang=${language()}`));
  const sessions = agenda.sessions.map((s) => ({ id: s.id, title: s.title, kind: s.kind }));
  const stages = sessions.filter((s) => stageKinds.has(s.kind));

  const builders = {
    stage: async () => (stages.length
      ? createOrganizerStage({ stages, languages: agenda.languages })
      : { element: h('p', { class: 'muted', text: t('org.noStages') }), dispose: async () => {} }),
    polls: () => createOrganizerPolls({ eventId, sessions }),
    breakouts: async () => createOrganizerBreakouts({ eventId }),
    exports: () => createOrganizerExports({
      stages,
      polls: async () => (await api(eventPath('/polls')))
        .filter((state) => state.poll.status !== 'draft')
        .map((state) => ({ id: state.poll.id, label: pollText(state.poll.question) })),
    }),
    admission: () => createOrganizerAdmission(),
    team: () => createOrganizerTeamSection(),
  };

  const built = new Map(); // name -> Promise<{ element, dispose }>
  const panels = new Map(sectionNames.map((name) => [name, h('section', {
    class: 'org-panel', id: `org-panel-${name}`, 'aria-labelledby': `org-heading-${name}`, hidden: true,
  }, h('h2', { id: `org-heading-${name}`, text: t(`org.section.${name}`) }))]));
  const buttons = new Map(sectionNames.map((name) => [name, h('button', {
    type: 'button', 'aria-pressed': 'false', 'aria-controls': `org-panel-${name}`,
    text: t(`org.section.${name}`), on: { click: () => show(name) },
  })]));

  root.append(
    h('h1', { text: t('org.title') }),
    h('p', { class: 'muted', text: t('org.intro', { event: agenda.title }) }),
    h('div', { class: 'org-tabs', role: 'group', 'aria-label': t('org.sections') }, [...buttons.values()]),
    ...panels.values());

  async function show(name, { remember = true } = {}) {
    for (const [other, button] of buttons) button.setAttribute('aria-pressed', String(other === name));
    for (const [other, panel] of panels) panel.hidden = other !== name;
    // A chosen section goes into the address without remounting the page (replaceState fires no hashchange); the
    // first one shown leaves the address as it came, so `#/organizer` stays `#/organizer`.
    if (remember) history.replaceState(null, '', `#/organizer?section=${name}`);
    // Exports list the polls at the moment they are shown; the other sections stay alive.
    if (name === 'exports' && built.has(name)) {
      const stale = built.get(name);
      built.delete(name);
      await (await stale).dispose();
    }
    if (!built.has(name)) {
      const panel = panels.get(name);
      panel.append(h('p', { class: 'muted', text: t('common.loading') }));
      // The promise is kept, so a second click while the section builds waits for the same one.
      const building = builders[name]();
      built.set(name, building);
      const section = await building;
      clear(panel).append(h('h2', { id: `org-heading-${name}`, text: t(`org.section.${name}`) }), section.element);
    }
  }

  const requested = ctx.query.get('section');
  await show(sectionNames.includes(requested) ? requested : 'stage', { remember: false });

  return async () => {
    for (const section of built.values()) await (await section).dispose();
  };
}
