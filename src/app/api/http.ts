import type { z } from 'zod/mini';
import { errorBodySchema } from '../../shared/errors';

/** A failed API call: `status` 0 and code `network` when the server could not be reached. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    /** Seconds the server asked us to wait (Retry-After), if it said. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** A request that has not been answered by then is treated as a lost connection. */
const requestTimeoutMs = 60_000;

interface SendOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'HEAD';
  token?: string | undefined;
  /** Headers beside those set from the body and the token. */
  headers?: Record<string, string>;
  /** JSON-serialisable, or a Blob sent as raw bytes with its own type. */
  body?: unknown;
  /** Sends a JSON body gzip-compressed (only to a server that said it accepts it). */
  gzip?: boolean;
}

interface RequestOptions<T> extends SendOptions {
  /** Validates the response body; omit for responses without one. */
  schema?: z.ZodMiniType<T>;
}

function retryAfter(response: Response): number | undefined {
  const value = Number(response.headers.get('retry-after'));
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

export async function errorFrom(response: Response): Promise<ApiError> {
  return errorOfBody(response, await response.json().catch(() => undefined));
}

/** The error a refusal's body (already read) says. */
export function errorOfBody(response: Response, body: unknown): ApiError {
  const parsed = errorBodySchema.safeParse(body);
  return parsed.success
    ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, retryAfter(response))
    : new ApiError(response.status, 'http_error', `HTTP ${response.status} ${response.statusText}`, retryAfter(response));
}

async function gzipped(text: string): Promise<ArrayBuffer> {
  return new Response(new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'))).arrayBuffer();
}

/** Sends a request and returns the response whatever its status; only an unreachable server throws. */
export async function send(url: string, options: SendOptions = {}): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  let body: BodyInit | null = null;
  if (options.body instanceof Blob) {
    headers['Content-Type'] = options.body.type || 'application/octet-stream';
    body = options.body;
  } else if (options.body !== undefined) {
    headers['Content-Type'] = 'application/json';
    body = JSON.stringify(options.body);
    if (options.gzip) {
      headers['Content-Encoding'] = 'gzip';
      body = await gzipped(body);
    }
  }
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  try {
    return await fetch(url, { method: options.method ?? 'GET', headers, body, signal: AbortSignal.timeout(requestTimeoutMs) });
  } catch (error) {
    throw new ApiError(0, 'network', error instanceof Error ? error.message : String(error));
  }
}

export async function requestJson<T = void>(url: string, options: RequestOptions<T> = {}): Promise<T> {
  const response = await send(url, options);
  if (!response.ok) throw await errorFrom(response);
  if (!options.schema) return undefined as T;
  const parsed = options.schema.safeParse(await response.json());
  if (!parsed.success) throw new ApiError(response.status, 'bad_response', `Unexpected response from ${url}: ${parsed.error.message}`);
  return parsed.data;
}
