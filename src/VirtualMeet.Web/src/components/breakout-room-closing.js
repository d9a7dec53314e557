// The closing of a breakout room: the countdown the organisers started, then the notice that sends everyone back to
// the keynote live now (or the lobby) a few seconds later.
import { announce, clear, countdown, h } from '../core/dom.js';
import { t } from '../core/i18n.js';

const returnDelayMs = 5000;

/**
 * @param {{ agenda: object|null, navigate: (hash: string) => void }} options
 * @returns {{ element: HTMLElement, show(closesAt: string): void, returnToStage(): void, dispose(): void }}
 */
export function createBreakoutClosing({ agenda, navigate }) {
  const element = h('div');
  let stopCountdown = null;
  let returning = null;
  let disposed = false;

  const stageHash = () => {
    const now = Date.now();
    const live = agenda?.sessions.find((s) => s.kind === 'keynote' && new Date(s.startsAt) <= now && now < new Date(s.endsAt));
    return live ? `#/stage/${encodeURIComponent(live.id)}` : '#/lobby';
  };

  function returnToStage() {
    if (returning || disposed) return;
    const target = stageHash();
    stopCountdown?.();
    clear(element).append(h('div', { class: 'notice closing-notice', role: 'alert' },
      h('strong', { text: t('breakouts.closed') }), ' ',
      h('a', { href: target, text: t('breakouts.goNow') })));
    announce(t('breakouts.closed'));
    returning = setTimeout(() => navigate(target), returnDelayMs);
  }

  function show(closesAt) {
    if (!closesAt || returning) return;
    stopCountdown?.();
    const time = h('time', { class: 'closing-time', role: 'timer' });
    clear(element).append(h('section', { class: 'notice closing', 'aria-label': t('breakouts.closingIn') },
      h('strong', { text: t('breakouts.closingIn') }), ' ', time));
    stopCountdown = countdown(time, closesAt, returnToStage);
  }

  function dispose() {
    disposed = true;
    stopCountdown?.();
    clearTimeout(returning);
  }

  return { element, show, returnToStage, dispose };
}
