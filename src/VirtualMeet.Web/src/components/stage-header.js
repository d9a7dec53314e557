// The stage's header: title, status badge (with the countdown to a planned start, corrected by the server's clock,
// and the start itself on the event's clock), who speaks and how many watch. Going live is read out.
import { announce, clear, countdown, h } from '../core/dom.js';
import { formatDateTime, t } from '../core/i18n.js';
import { eventZone } from '../core/zoned-time.js';
import { stageStatusBadge } from './stage-status.js';

/**
 * @returns {{ element: HTMLElement, render(stage: object, clockOffset: number): void, viewers(count: number): void,
 *            dispose(): void }} `clockOffset`: the server's clock minus the browser's, in milliseconds
 */
export function createStageHeader() {
  let stopCountdown = null;
  let lastStatus = null;
  const title = h('h1', { class: 'stage-title', text: t('common.loading') });
  const statusSlot = h('div', { class: 'stage-status-slot' });
  const speaker = h('p', { class: 'stage-speaker' });
  const viewersLine = h('p', { class: 'stage-viewers' });
  const element = h('header', { class: 'stage-header' }, title, h('div', { class: 'stage-meta' }, statusSlot, speaker, viewersLine));

  function render(stage, clockOffset) {
    title.textContent = stage.title;
    document.title = `${stage.title} · ${t('app.name')}`;
    speaker.textContent = stage.speaker ? t('stage.speaker', { name: stage.speaker }) : '';
    stopCountdown?.();
    stopCountdown = null;
    const badge = stageStatusBadge(stage.status);
    clear(statusSlot).append(badge);
    if (stage.status === 'scheduled') {
      const clock = h('time', { class: 'stage-countdown' });
      statusSlot.append(h('span', { class: 'stage-starts-in' }, `${t('stage.startsIn')} `, clock));
      // The server's clock decides: the offset measured at join corrects a wrong client clock.
      const deadline = new Date(Date.parse(stage.startsAt) - clockOffset).toISOString();
      stopCountdown = countdown(clock, deadline, () => { clock.replaceWith(t('stage.startingSoon')); });
      // The countdown alone says nothing about the day; the start on the event's clock, with the zone named, does.
      statusSlot.append(h('span', { class: 'stage-planned-start' },
        t('stage.plannedStart', { time: formatDateTime(stage.startsAt), zone: eventZone() })));
    }
    if (lastStatus && lastStatus !== stage.status && stage.status === 'live') announce(t('stage.nowLive'));
    lastStatus = stage.status;
  }

  function viewers(count) {
    clear(viewersLine).append(h('span', { 'aria-hidden': 'true', text: '◉ ' }), t('stage.viewers', { count }));
  }

  return { element, render, viewers, dispose: () => stopCountdown?.() };
}
