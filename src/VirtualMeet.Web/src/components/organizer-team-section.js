// Organiser console, "Team & audit log": the event's team beside its audit log (read when the section is first shown;
// its Refresh button reads it again).
import { h } from '../core/dom.js';
import { createOrganizerAudit } from './organizer-audit.js';
import { createOrganizerTeam } from './organizer-team.js';

/** @returns {Promise<{ element: HTMLElement, dispose: () => Promise<void> }>} */
export async function createOrganizerTeamSection() {
  const [team, audit] = await Promise.all([createOrganizerTeam(), createOrganizerAudit()]);
  return {
    element: h('div', { class: 'org-team-audit' }, team.element, audit.element),
    dispose: async () => {
      await team.dispose();
      await audit.dispose();
    },
  };
}
