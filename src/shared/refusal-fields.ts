/**
 * The office's corrected version of a refused record, edited field by field (no JSON): which
 * fields the server's reason names, which may be edited, and the data with the edits applied.
 * Pure: the office page and its tests use it alike.
 */

import { audiences, caseReportActions, visitOutcomes } from './records';

/** Set by the server on the corrected version: never edited. */
const provenanceFields = new Set(['authorId', 'deviceId', 'createdAt', 'finalisedAt', 'supersedes']);

export type FieldType = 'text' | 'number' | 'boolean' | 'list' | 'choice';

/** Fields whose value is one of a fixed set: corrected by choosing, never by typing a code. */
const choicesOf: Readonly<Record<string, readonly string[]>> = { action: caseReportActions, outcome: visitOutcomes, audience: audiences };

export interface EditableField {
  /** `roundId`, or `answers.sat_x` for an answer. */
  path: string;
  type: FieldType;
  /** The value as text: numbers in decimal, lists joined by ", ". */
  text: string;
  /** Named by the server's reason. */
  failed: boolean;
  /** The values a `choice` field may take. */
  choices?: readonly string[];
}

/** The data fields a refusal message names ("data.roundId: …; data.answers.q1: …"), in order, once each. */
export function failedFields(message: string): string[] {
  const paths = [...message.matchAll(/(?:^|; )data\.([A-Za-z0-9_]+(?:\.[A-Za-z0-9_]+)?)/g)].map((match) => {
    const [field, sub] = match[1]!.split('.');
    return field === 'answers' && sub ? `answers.${sub}` : field!;
  });
  return [...new Set(paths)];
}

function typeOf(value: unknown): FieldType | undefined {
  if (typeof value === 'string') return 'text';
  if (typeof value === 'number') return 'number';
  if (typeof value === 'boolean') return 'boolean';
  if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return 'list';
  return undefined;
}

function asText(value: unknown): string {
  return Array.isArray(value) ? value.join(', ') : value === undefined ? '' : String(value);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * The fields the office may edit: every top-level text, number, yes/no or list field but those the
 * server sets, and each answer the reason names; those named come first. A named field the data
 * lacks is offered empty, as text.
 */
export function editableFields(data: Record<string, unknown>, message: string): EditableField[] {
  const failed = failedFields(message);
  const answers = isPlainObject(data.answers) ? data.answers : {};
  const valueAt = (path: string) => (path.startsWith('answers.') ? answers[path.slice('answers.'.length)] : data[path]);
  const named = failed.filter((path) => !provenanceFields.has(path) && path !== 'answers');
  const others = Object.keys(data).filter((key) => !provenanceFields.has(key) && !named.includes(key) && typeOf(data[key]) !== undefined);
  return [...named, ...others].flatMap((path) => {
    const value = valueAt(path);
    const choices = choicesOf[path];
    if (choices) return [{ path, type: 'choice' as const, text: asText(value), failed: named.includes(path), choices }];
    const type = value === undefined ? 'text' : typeOf(value);
    return type ? [{ path, type, text: asText(value), failed: named.includes(path) }] : [];
  });
}

function parsed(type: FieldType, text: string): unknown {
  if (type === 'number') return text.trim() === '' ? Number.NaN : Number(text);
  if (type === 'boolean') return text === 'true';
  if (type === 'list') return text.split(/[,，、]/).map((item) => item.trim()).filter((item) => item !== '');
  return text;
}

/** The data with each edited field's text turned back into its type; an emptied text field is left out. */
export function applyEdits(data: Record<string, unknown>, fields: readonly EditableField[]): Record<string, unknown> {
  const corrected: Record<string, unknown> = { ...data, ...(isPlainObject(data.answers) ? { answers: { ...data.answers } } : {}) };
  for (const field of fields) {
    const value = parsed(field.type, field.text);
    const [target, key] = field.path.startsWith('answers.') ? [(corrected.answers ??= {}) as Record<string, unknown>, field.path.slice('answers.'.length)] : [corrected, field.path];
    if (field.type === 'text' && field.text === '') delete target[key];
    else target[key] = value;
  }
  return corrected;
}
