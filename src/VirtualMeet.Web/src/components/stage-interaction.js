// The audience's part of a stage: its questions and chat side by side, built again when one's moderator role changed
// (moderators find the moderation controls at each entry).
import { clear, h } from '../core/dom.js';
import { createStageChat } from './stage-chat.js';
import { createStageQuestions } from './stage-questions.js';

/**
 * @param {{ sessionId: string, invoke: (method: string, ...args: unknown[]) => Promise<any>, userId: string|null,
 *           onGap: () => void }} options `onGap`: the chat missed a line, join again
 */
export function createStageInteraction({ sessionId, invoke, userId, onGap }) {
  let chat = null;
  let questions = null;
  const element = h('div', { class: 'stage-interaction' });

  /** Takes the chat and the questions of a JoinStage snapshot. */
  function load(state) {
    if (!chat || chat.isModerator !== state.isModerator) build(state.isModerator);
    chat.load(state.chat);
    questions.load(state.questions);
  }

  function build(isModerator) {
    chat = createStageChat({ sessionId, invoke, isModerator, onGap });
    chat.isModerator = isModerator;
    questions = createStageQuestions({ sessionId, invoke, isModerator, userId });
    clear(element).append(questions.element, chat.element);
  }

  return {
    element,
    load,
    received: (message) => chat?.received(message),
    deleted: (notice) => chat?.deleted(notice),
    updated: (question) => questions?.updated(question),
  };
}
