// #/stage/<sessionId>: the stream, status, reactions, chat and Q&A of a stage, with the session's polls beside it
// (`#/stage` alone lists the stages to choose from). Everything comes from the JoinStage snapshot plus versioned
// pushes; a reconnect or a gap joins again.
import { h, showError, useStyles } from '../core/dom.js';
import { closeHub, openHub } from '../core/hub.js';
import { t } from '../core/i18n.js';
import { mountPollPanel } from '../components/poll-panel.js';
import { mountStageChoices } from '../components/stage-choices.js';
import { createStageHeader } from '../components/stage-header.js';
import { createStageInteraction } from '../components/stage-interaction.js';
import { createStagePlayer } from '../components/stage-player.js';
import { createStageReactions } from '../components/stage-reactions.js';
import './stage.strings.js';

export async function mount(root, ctx) {
  useStyles('pages/stage.css');
  const sessionId = ctx.params[0];
  if (!sessionId) return mountStageChoices(root);
  return mountStage(root, ctx, sessionId);
}

async function mountStage(root, ctx, sessionId) {
  const session = ctx.session;
  let connection = null;
  let disposed = false;
  let stageVersion = -1;
  let viewersVersion = -1;
  let clockOffset = 0;
  let joining = null;
  let defaultLanguage = null;

  const invoke = (method, ...args) => connection.invoke(method, ...args);
  const header = createStageHeader();
  const moderatorNote = h('p', { class: 'muted stage-moderator-note', hidden: true, text: t('stage.moderatorNote') });
  const errorSlot = h('div');
  const player = createStagePlayer();
  const reactions = createStageReactions({ sessionId, invoke });
  const pollSlot = h('div', { class: 'card stage-polls' });
  const interaction = createStageInteraction({ sessionId, invoke, userId: session.attendeeId, onGap: join });

  root.append(
    header.element,
    moderatorNote, errorSlot,
    h('div', { class: 'stage-layout' },
      h('div', { class: 'stage-main' }, player.element, reactions.element, interaction.element),
      h('aside', { class: 'stage-side' }, pollSlot)));

  function renderStage(stage) {
    if (stage.version <= stageVersion) return;
    stageVersion = stage.version;
    header.render(stage, clockOffset);
    player.update(stage, defaultLanguage ?? session.language);
  }

  function renderViewers(update) {
    if (update.version <= viewersVersion) return;
    viewersVersion = update.version;
    header.viewers(update.count);
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
        interaction.load(state);
      } catch (error) {
        if (!disposed) showError(errorSlot, error);
      } finally {
        joining = null;
      }
    })();
    return joining;
  }

  const handlers = {
    StageUpdated: (stage) => stage.sessionId === sessionId && renderStage(stage),
    ViewerCount: (update) => update.sessionId === sessionId && renderViewers(update),
    Reactions: (update) => update.sessionId === sessionId && reactions.pushed(update),
    ChatReceived: ({ sessionId: id, message }) => id === sessionId && interaction.received(message),
    ChatDeleted: (notice) => notice.sessionId === sessionId && interaction.deleted(notice),
    QuestionUpdated: (question) => question.sessionId === sessionId && interaction.updated(question),
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
    header.dispose();
    await disposePolls();
    await connection.invoke('LeaveStage', sessionId).catch(() => {});
    await closeHub(connection);
  };
}
