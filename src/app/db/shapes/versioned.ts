import type { z } from 'zod/mini';

type Shape = Record<string, unknown>;

/**
 * One version of a shape the device keeps (a draft, the resident page's state), as its module
 * (`<shape>/v<n>.ts`) exports it: its schema, whose `tag` field holds n, and `up`, the pure step from
 * version n - 1 (absent for version 1). As record kinds are versioned, and for the same reason: a
 * phone updated in the field must open what the release before kept on it.
 */
export interface ShapeVersion {
  schema: z.ZodMiniObject;
  up?: (previous: Shape) => Shape;
}

function isPlainObject(value: unknown): value is Shape {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The fields of `value` its version's schema reads, each on its own: what survives a part that no longer parses. */
function readableFields(schema: z.ZodMiniObject, value: Shape): Shape | undefined {
  const fields: Shape = {};
  for (const [key, field] of Object.entries(schema.def.shape as Record<string, z.ZodMiniType>)) {
    const parsed = field.safeParse(value[key]);
    if (parsed.success) {
      if (parsed.data !== undefined) fields[key] = parsed.data;
    }
  }
  const whole = schema.safeParse(fields);
  return whole.success ? (whole.data as Shape) : undefined;
}

/**
 * A kept value brought to the current version: read by the version its `tag` names, then upgraded by
 * the `up` steps. Undefined only when it is no version this app knows (a newer one's, or not one of
 * ours). With `keepReadable`, a field that no longer parses is dropped rather than the whole value,
 * for shapes whose parts are worth keeping alone (a submission waiting to be sent).
 */
export function readVersioned(value: unknown, versions: readonly ShapeVersion[], tag: string, options: { keepReadable?: boolean } = {}): Shape | undefined {
  if (!isPlainObject(value)) return undefined;
  const version = value[tag];
  const made = typeof version === 'number' && Number.isInteger(version) ? versions[version - 1] : undefined;
  if (!made) return undefined;
  const parsed = made.schema.safeParse(value);
  let shape = parsed.success ? (parsed.data as Shape) : options.keepReadable ? readableFields(made.schema, value) : undefined;
  if (!shape) return undefined;
  for (let next = (version as number) + 1; next <= versions.length; next += 1) shape = { ...versions[next - 1]!.up!(shape), [tag]: next };
  const current = versions[versions.length - 1]!.schema.safeParse(shape);
  return current.success ? (current.data as Shape) : undefined;
}
