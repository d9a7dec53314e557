// The stage's status as a badge with an icon and words (never colour alone).
import { h } from '../core/dom.js';
import { addStrings, t } from '../core/i18n.js';

addStrings({
  de: { 'stage.status.scheduled': 'Geplant', 'stage.status.live': 'Live', 'stage.status.paused': 'Pausiert', 'stage.status.ended': 'Beendet' },
  en: { 'stage.status.scheduled': 'Scheduled', 'stage.status.live': 'Live', 'stage.status.paused': 'Paused', 'stage.status.ended': 'Ended' },
});

const icons = { scheduled: '◷', live: '●', paused: '❚❚', ended: '■' };
const classes = { scheduled: '', live: 'badge-live', paused: 'badge-warn', ended: 'badge-muted' };

export function stageStatusBadge(status) {
  return h('span', { class: `badge stage-status ${classes[status] ?? ''}` },
    h('span', { 'aria-hidden': 'true', text: `${icons[status] ?? ''} ` }), t(`stage.status.${status}`));
}
