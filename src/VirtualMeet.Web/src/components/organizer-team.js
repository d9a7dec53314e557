// Organiser console, team: who holds which role in the event; owners (and administrators) give and take roles.
import { api, eventPath } from '../core/api.js';
import { announce, clear, h, showError } from '../core/dom.js';
import { t } from '../core/i18n.js';
import './organizer-team.strings.js';

const roles = ['owner', 'organizer', 'moderator'];

/** @returns {Promise<{ element: HTMLElement, dispose: () => Promise<void> }>} */
export async function createOrganizerTeam() {
  const errors = h('div', { 'aria-live': 'polite' });
  const status = h('p', { role: 'status', class: 'muted small' });
  const list = h('ul', { class: 'org-team-list' });
  const idInput = h('input', { id: 'org-team-id', name: 'organizerId', required: true, autocomplete: 'off', pattern: '[a-z0-9][a-z0-9_\\-]{0,63}' });
  const roleSelect = h('select', { id: 'org-team-role', name: 'role' },
    roles.map((role) => h('option', { value: role, text: t(`org.team.role.${role}`) })));
  const form = h('form', { class: 'org-team-form', 'aria-labelledby': 'org-team-heading' },
    h('div', { class: 'org-two' },
      h('div', { class: 'field' }, h('label', { for: idInput.id, text: t('org.team.id') }), idInput),
      h('div', { class: 'field' }, h('label', { for: roleSelect.id, text: t('org.team.role') }), roleSelect)),
    h('button', { type: 'submit', text: t('org.team.assign') }));

  async function refresh() {
    try {
      const members = await api(eventPath('/team'));
      clear(list).append(...(members.length
        ? members.map((m) => h('li', {},
          h('span', { text: `${m.name ?? m.organizerId} (${m.organizerId}): ${t(`org.team.role.${m.role}`)}` }), ' ',
          h('button', { type: 'button', class: 'link', text: '✕', 'aria-label': t('org.team.remove', { id: m.organizerId }),
            on: { click: () => remove(m.organizerId) } })))
        : [h('li', { class: 'muted', text: t('org.team.empty') })]));
      showError(errors, null);
    } catch (error) {
      showError(errors, error);
    }
  }

  async function remove(organizerId) {
    try {
      await api(eventPath(`/team/${encodeURIComponent(organizerId)}`), { method: 'DELETE' });
      status.textContent = t('org.team.removed', { id: organizerId });
      announce(status.textContent);
      await refresh();
    } catch (error) {
      showError(errors, error);
    }
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const organizerId = idInput.value.trim();
    try {
      const member = await api(eventPath(`/team/${encodeURIComponent(organizerId)}`), { method: 'PUT', body: { role: roleSelect.value } });
      status.textContent = t('org.team.assigned', { id: member.organizerId, role: t(`org.team.role.${member.role}`) });
      announce(status.textContent);
      idInput.value = '';
      await refresh();
    } catch (error) {
      showError(errors, error);
    }
  });

  await refresh();
  const element = h('section', { class: 'card org-team', 'aria-labelledby': 'org-team-heading' },
    h('h3', { id: 'org-team-heading', text: t('org.team.title') }),
    h('p', { class: 'hint', text: t('org.team.hint') }),
    errors, list, form, status);
  return { element, dispose: async () => {} };
}
