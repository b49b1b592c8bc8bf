import type { SurveyAnswers } from '@/utils/contract';
import type { PageReply } from '@/utils/messaging';

export interface DraftState {
  answers: SurveyAnswers;
  /** The question shown. */
  at: string;
}

export interface DraftSaver {
  /** Keeps this state; `typing` waits for a pause first (a save per keystroke is wasted work). */
  save(state: DraftState, typing?: boolean): void;
  /** Sends a state still waiting for the typing pause now (before the popup goes away). */
  flush(): void;
  /** Drops what has not been sent (the survey is being submitted) and ignores later replies. */
  stop(): void;
}

/**
 * Saves a survey's draft through `send`, one save at a time and the latest
 * state last: two saves racing in the background could otherwise leave an
 * older state behind. States replaced before they were sent are skipped.
 */
export function draftSaver(
  send: (state: DraftState) => Promise<PageReply>,
  onReply: (reply: PageReply) => void,
  pauseMs = 300,
): DraftSaver {
  let due: DraftState | undefined;
  let typed: DraftState | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let sending = false;
  let stopped = false;

  const pump = async () => {
    if (sending || stopped || !due) return;
    const state = due;
    due = undefined;
    sending = true;
    let reply: PageReply;
    try {
      reply = await send(state);
    } catch {
      // The background did not answer (it was being restarted): the next save tries again.
      reply = { ok: false, error: 'errorGeneric' };
    }
    sending = false;
    if (stopped) return;
    onReply(reply);
    void pump();
  };
  const flush = () => {
    clearTimeout(timer);
    if (typed) {
      due = typed;
      typed = undefined;
    }
    void pump();
  };
  return {
    save(state, typing = false) {
      if (stopped) return;
      clearTimeout(timer);
      if (typing) {
        typed = state;
        timer = setTimeout(flush, pauseMs);
        return;
      }
      typed = undefined;
      due = state;
      void pump();
    },
    flush,
    stop() {
      stopped = true;
      clearTimeout(timer);
      due = typed = undefined;
    },
  };
}
