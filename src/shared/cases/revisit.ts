import type { RecordData, RevisitOutcome } from '../records';
import type { RevisitTask } from './api';

export interface RevisitAnswer {
  outcome: RevisitOutcome;
  residentsAsked: number;
  comment: string;
}

/** The revisit record's data for a task answered at the door; `at` is the device clock. */
export function revisitData(task: RevisitTask, answer: RevisitAnswer, author: { authorId: string; deviceId: string }, startedAt: Date, at: Date): RecordData<'revisit'> {
  const comment = answer.comment.trim();
  return {
    ...author,
    createdAt: startedAt.toISOString(),
    finalisedAt: at.toISOString(),
    communityId: task.communityId,
    caseId: task.caseId,
    outcome: answer.outcome,
    residentsAsked: answer.residentsAsked,
    ...(comment ? { comment } : {}),
  };
}

/**
 * Tasks still to do: those with no answer recorded on this device since the case was last reported
 * fixed (a case reopened and reported fixed again is asked about again), oldest report first.
 */
export function pendingRevisits(tasks: readonly RevisitTask[], answers: readonly Pick<RecordData<'revisit'>, 'caseId' | 'communityId' | 'finalisedAt'>[]): RevisitTask[] {
  return tasks
    .filter((task) => !answers.some((answer) => answer.caseId === task.caseId && answer.communityId === task.communityId && answer.finalisedAt >= task.reportedFixedAt))
    .sort((a, b) => (a.reportedFixedAt < b.reportedFixedAt ? -1 : a.reportedFixedAt > b.reportedFixedAt ? 1 : 0));
}
