import { describe, expect, it } from 'vitest';
import { applyEdits, editableFields, failedFields } from '../../src/shared/refusal-fields';

const visit = {
  authorId: 'w-1',
  deviceId: 'phone',
  createdAt: '2026-03-01T09:00:00.000Z',
  finalisedAt: '2026-03-01T09:05:00.000Z',
  householdId: 'h-1',
  communityId: 'yijiangmen-c01',
  roundId: '2030-H2',
  outcome: 'nobody_home',
  notes: '三楼',
};

describe('a refused record’s fields for the office to correct', () => {
  it('reads the fields a refusal names, answers included, once each and in order', () => {
    expect(failedFields('data.roundId: unknown round 2030-H2')).toEqual(['roundId']);
    expect(failedFields('data.answers.q1: required; data.answers.q2: not_an_option; data.answers.q1: again; data: outcome is wrong')).toEqual(['answers.q1', 'answers.q2']);
    expect(failedFields('another version of this record is already stored; both are kept for a supervisor')).toEqual([]);
  });

  it('offers the named fields first and marked, then the others, never those the server sets', () => {
    const fields = editableFields(visit, 'data.roundId: unknown round 2030-H2');
    expect(fields.map((f) => [f.path, f.failed])).toEqual([
      ['roundId', true],
      ['householdId', false],
      ['communityId', false],
      ['outcome', false],
      ['notes', false],
    ]);
  });

  it('turns edits back into each field’s type, answers included, and leaves an emptied text out', () => {
    const response = { ...visit, answers: { q1: 'bad', q2: ['a'], q3: 4, q4: true } };
    const fields = editableFields(response, 'data.answers.q1: not_an_option; data.answers.q2: too many; data.answers.q3: x; data.answers.q4: y');
    const edited = fields.map((field) => {
      const text = { 'answers.q1': 'satisfied', 'answers.q2': 'a，b、 c', 'answers.q3': '5', 'answers.q4': 'false', notes: '' }[field.path];
      return text === undefined ? field : { ...field, text };
    });
    const corrected = applyEdits(response, edited);
    expect(corrected.answers).toEqual({ q1: 'satisfied', q2: ['a', 'b', 'c'], q3: 5, q4: false });
    expect(corrected).not.toHaveProperty('notes');
    expect(corrected.roundId).toBe('2030-H2');
    // The data given is not changed.
    expect(response.answers.q1).toBe('bad');
  });
});
