// #/stage/<sessionId>: the stream, status, reactions, chat and Q&A of a stage, with the session's polls beside it.
// Everything comes from the JoinStage snapshot plus versioned pushes; a reconnect or a gap joins again.
import { announce, clear, countdown, h, showError, useStyles } from '../core/dom.js';
import { api, eventPath } from '../core/api.js';
import { closeHub, openHub } from '../core/hub.js';
import { addStrings, formatDateTime, language, t } from '../core/i18n.js';
import { eventZone } from '../core/zoned-time.js';
import { mountPollPanel } from '../components/poll-panel.js';
import { createStageChat } from '../components/stage-chat.js';
import { createStagePlayer } from '../components/stage-player.js';
import { createStageQuestions } from '../components/stage-questions.js';
import { createStageReactions } from '../components/stage-reactions.js';
import { stageStatusBadge } from '../components/stage-status.js';

addStrings({
  de: {
    'stage.choose': 'Bühne wählen',
    'stage.chooseIntro': 'Wählen Sie eine Keynote, ein Panel oder die Pitches.',
    'stage.timeZone': 'Zeiten in {zone}.',
    'stage.plannedStart': 'Geplant für {time} ({zone})',
    'stage.noStages': 'Diese Veranstaltung hat keine Bühnenprogramme.',
    'stage.speaker': 'Es spricht: {name}',
    'stage.viewers': '{count} Zuschauende',
    'stage.startsIn': 'Beginnt in',
    'stage.startingSoon': 'Beginnt gleich',
    'stage.nowLive': 'Die Bühne ist jetzt live.',
    'stage.moderatorNote': 'Sie moderieren diese Bühne: Chat- und Fragen-Moderation finden Sie direkt an den Beiträgen.',
  },
  en: {
    'stage.choose': 'Choose a stage',
    'stage.chooseIntro': 'Pick a keynote, a panel or the pitches.',
    'stage.timeZone': 'Times in {zone}.',
    'stage.plannedStart': 'Planned for {time} ({zone})',
    'stage.noStages': 'This event has no stage programme.',
    'stage.speaker': 'Speaking: {name}',
    'stage.viewers': '{count} watching',
    'stage.startsIn': 'Starts in',
    'stage.startingSoon': 'Starting soon',
    'stage.nowLive': 'The stage is live now.',
    'stage.moderatorNote': 'You moderate this stage: chat and question moderation sits right at each entry.',
  },
});

const stageKinds = new Set(['keynote', 'panel', 'pitch']);

export async function mount(root, ctx) {
  useStyles('pages/stage.css');
  const sessionId = ctx.params[0];
  if (!sessionId) return chooseStage(root);
  return mountStage(root, ctx, sessionId);
}

async function chooseStage(root) {
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

async function mountStage(root, ctx, sessionId) {
  const session = ctx.session;
  let connection = null;
  let disposed = false;
  let stageVersion = -1;
  let viewersVersion = -1;
  let stopCountdown = null;
  let clockOffset = 0;
  let joining = null;
  let lastStatus = null;
  let defaultLanguage = null;

  const invoke = (method, ...args) => connection.invoke(method, ...args);
  const title = h('h1', { class: 'stage-title', text: t('common.loading') });
  const statusSlot = h('div', { class: 'stage-status-slot' });
  const speaker = h('p', { class: 'stage-speaker' });
  const viewers = h('p', { class: 'stage-viewers' });
  const moderatorNote = h('p', { class: 'muted stage-moderator-note', hidden: true, text: t('stage.moderatorNote') });
  const errorSlot = h('div');
  const player = createStagePlayer();
  const reactions = createStageReactions({ sessionId, invoke });
  const pollSlot = h('div', { class: 'card stage-polls' });
  const interaction = h('div', { class: 'stage-interaction' });

  root.append(
    h('header', { class: 'stage-header' }, title, h('div', { class: 'stage-meta' }, statusSlot, speaker, viewers)),
    moderatorNote, errorSlot,
    h('div', { class: 'stage-layout' },
      h('div', { class: 'stage-main' }, player.element, reactions.element, interaction),
      h('aside', { class: 'stage-side' }, pollSlot)));

  let chat = null;
  let questions = null;

  function renderStage(stage) {
    if (stage.version <= stageVersion) return;
    stageVersion = stage.version;
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
    player.update(stage, defaultLanguage ?? session.language);
  }

  function renderViewers(update) {
    if (update.version <= viewersVersion) return;
    viewersVersion = update.version;
    clear(viewers).append(h('span', { 'aria-hidden': 'true', text: '◉ ' }), t('stage.viewers', { count: update.count }));
  }

  async function join() {
    // Several triggers (a reconnect and a gap) may ask at once; one JoinStage answers them all.
    joining ??= (async () => {
      try {
        const state = await connection.invoke('JoinStage', sessionId);
        if (disposed) return;
        showError(errorSlot, null);
        clockOffset = Date.parse(state.serverTime) - Date.now();
        stageVersion = -1;
        viewersVersion = -1;
        defaultLanguage = state.defaultLanguage;
        renderStage(state.stage);
        renderViewers(state.viewers);
        reactions.load(state.allowedReactions, state.reactions);
        moderatorNote.hidden = !state.isModerator;
        if (!chat || chat.isModerator !== state.isModerator) buildInteraction(state.isModerator);
        chat.load(state.chat);
        questions.load(state.questions);
      } catch (error) {
        if (!disposed) showError(errorSlot, error);
      } finally {
        joining = null;
      }
    })();
    return joining;
  }

  function buildInteraction(isModerator) {
    chat = createStageChat({ sessionId, invoke, isModerator, onGap: join });
    chat.isModerator = isModerator;
    questions = createStageQuestions({ sessionId, invoke, isModerator, userId: session.attendeeId });
    clear(interaction).append(questions.element, chat.element);
  }

  const handlers = {
    StageUpdated: (stage) => stage.sessionId === sessionId && renderStage(stage),
    ViewerCount: (update) => update.sessionId === sessionId && renderViewers(update),
    Reactions: (update) => update.sessionId === sessionId && reactions.pushed(update),
    ChatReceived: ({ sessionId: id, message }) => id === sessionId && chat?.received(message),
    ChatDeleted: (notice) => notice.sessionId === sessionId && chat?.deleted(notice),
    QuestionUpdated: (question) => question.sessionId === sessionId && questions?.updated(question),
  };

  try {
    connection = await openHub('/hubs/keynote', { handlers, onReconnected: join });
  } catch (error) {
    showError(errorSlot, error);
    return undefined;
  }
  await join();
  const disposePolls = await mountPollPanel(pollSlot, { eventId: session.eventId, sessionId, headingLevel: 2 });

  return async () => {
    disposed = true;
    stopCountdown?.();
    await disposePolls();
    await connection.invoke('LeaveStage', sessionId).catch(() => {});
    await closeHub(connection);
  };
}
