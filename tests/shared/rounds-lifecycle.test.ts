import { describe, expect, it } from 'vitest';
import { isLate, roundActions, roundActionsFrom, roundStates, settingsEditable, transitionRound } from '../../src/shared/rounds/lifecycle';

describe('round lifecycle', () => {
  it('goes draft → open → closed → published and back to closed with a reason', () => {
    const opened = transitionRound('draft', 'open');
    const closed = transitionRound('open', 'close');
    const published = transitionRound('closed', 'publish');
    const unpublished = transitionRound('published', 'unpublish', 'a miscoded community');
    expect([opened, closed, published, unpublished]).toEqual([
      { ok: true, state: 'open' },
      { ok: true, state: 'closed' },
      { ok: true, state: 'published' },
      { ok: true, state: 'closed' },
    ]);
  });

  it('refuses every other move', () => {
    const allowed = new Set(['draft:open', 'open:close', 'closed:publish', 'published:unpublish']);
    for (const state of roundStates) {
      for (const action of roundActions) {
        const outcome = transitionRound(state, action, 'reason');
        expect(outcome.ok, `${state} ${action}`).toBe(allowed.has(`${state}:${action}`));
        if (!outcome.ok) expect(outcome.problem).toBe('not_allowed');
      }
    }
  });

  it('offers from each state exactly the moves it allows, saying which need a reason', () => {
    expect(roundStates.map((state) => [state, roundActionsFrom(state)])).toEqual([
      ['draft', [{ action: 'open', needsReason: false }]],
      ['open', [{ action: 'close', needsReason: false }]],
      ['closed', [{ action: 'publish', needsReason: false }]],
      ['published', [{ action: 'unpublish', needsReason: true }]],
    ]);
  });

  it('needs a non-blank reason to unpublish', () => {
    expect(transitionRound('published', 'unpublish')).toMatchObject({ ok: false, problem: 'reason_required' });
    expect(transitionRound('published', 'unpublish', '   ')).toMatchObject({ ok: false, problem: 'reason_required' });
  });

  it('keeps settings editable only in the draft', () => {
    expect(roundStates.filter(settingsEditable)).toEqual(['draft']);
  });

  it('marks a response late only when it reached the server after the close', () => {
    expect(isLate('2026-07-02T00:00:00.000Z', null)).toBe(false);
    expect(isLate('2026-07-01T00:00:00.000Z', '2026-07-01T00:00:00.000Z')).toBe(false);
    expect(isLate('2026-07-01T00:00:00.001Z', '2026-07-01T00:00:00.000Z')).toBe(true);
  });
});
