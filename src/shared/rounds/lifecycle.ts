import { z } from 'zod/mini';

/**
 * A round's lifecycle: draft → open → closed → published, and back from published
 * to closed only with a reason. Settings are editable while the round is a draft and frozen once it opens.
 */
export const roundStates = ['draft', 'open', 'closed', 'published'] as const;
export const roundStateSchema = z.enum(roundStates);
export type RoundState = z.infer<typeof roundStateSchema>;

export const roundActions = ['open', 'close', 'publish', 'unpublish'] as const;
export const roundActionSchema = z.enum(roundActions);
export type RoundAction = z.infer<typeof roundActionSchema>;

const transitions: Readonly<Record<RoundAction, { from: RoundState; to: RoundState; needsReason: boolean }>> = {
  open: { from: 'draft', to: 'open', needsReason: false },
  close: { from: 'open', to: 'closed', needsReason: false },
  publish: { from: 'closed', to: 'published', needsReason: false },
  unpublish: { from: 'published', to: 'closed', needsReason: true },
};

export type TransitionOutcome = { ok: true; state: RoundState } | { ok: false; problem: 'not_allowed' | 'reason_required'; message: string };

/** The state after `action`, or why the action is refused; a reason is blank when it is only spaces. */
export function transitionRound(state: RoundState, action: RoundAction, reason?: string): TransitionOutcome {
  const transition = transitions[action];
  if (transition.from !== state) return { ok: false, problem: 'not_allowed', message: `a ${state} round cannot ${action}; only a ${transition.from} round can` };
  if (transition.needsReason && (reason ?? '').trim() === '') return { ok: false, problem: 'reason_required', message: `${action} needs a reason` };
  return { ok: true, state: transition.to };
}

/** What can be done with a round in `state`, each saying whether it needs a reason. */
export function roundActionsFrom(state: RoundState): Array<{ action: RoundAction; needsReason: boolean }> {
  return roundActions.filter((action) => transitions[action].from === state).map((action) => ({ action, needsReason: transitions[action].needsReason }));
}

/** Settings are frozen once a round opens: every figure names the settings version it used. */
export function settingsEditable(state: RoundState): boolean {
  return state === 'draft';
}

/** A round's questionnaire versions can change while it is prepared or running, not once it is closed. */
export function roundQuestionnairesEditable(state: RoundState): boolean {
  return state === 'draft' || state === 'open';
}

/** Whether a response received at `receivedAt` reached the server after its round closed. */
export function isLate(receivedAt: string, closedAt: string | null): boolean {
  return closedAt !== null && receivedAt > closedAt;
}
