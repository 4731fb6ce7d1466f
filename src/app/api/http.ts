import type { z } from 'zod/mini';
import { errorBodySchema } from '../../shared/errors';

/** A failed API call: `status` 0 and code `network` when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

interface RequestOptions<T> {
  method?: 'GET' | 'POST' | 'PUT' | 'HEAD';
  body?: unknown;
  token?: string | undefined;
  /** Validates the response body; omit for responses without one. */
  schema?: z.ZodMiniType<T>;
}

async function errorFrom(response: Response): Promise<ApiError> {
  const parsed = errorBodySchema.safeParse(await response.json().catch(() => undefined));
  return parsed.success
    ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message)
    : new ApiError(response.status, 'http_error', `HTTP ${response.status} ${response.statusText}`);
}

export async function requestJson<T = void>(path: string, options: RequestOptions<T> = {}): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  let response: Response;
  try {
    response = await fetch(path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? null : JSON.stringify(options.body),
    });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
  if (!response.ok) throw await errorFrom(response);
  if (!options.schema) return undefined as T;
  const parsed = options.schema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', `Unexpected response from ${path}: ${parsed.error.message}`);
  return parsed.data;
}
