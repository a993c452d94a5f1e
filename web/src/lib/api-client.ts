/**
 * The one HTTP client of the console. Every request is described by an `ApiRequest`
 * (method, path, query) so that the very same value renders the "Equivalent API request"
 * curl line: what the screen shows is what the curl returns.
 */
import { readSession, writeSession } from './session';

export type QueryValue = string | number | undefined | null;

export interface ApiRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'DELETE';
  path: string;
  query?: Record<string, QueryValue>;
  body?: unknown;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly column?: number,
  ) {
    super(message);
  }
}

export function requestUrl(req: ApiRequest): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(req.query ?? {})) {
    if (v !== undefined && v !== null && v !== '') params.set(k, String(v));
  }
  const qs = params.toString();
  return `${req.path}${qs ? `?${qs}` : ''}`;
}

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  column?: unknown;
}

export async function apiFetch<T>(
  req: ApiRequest,
  init: { auth?: string; signal?: AbortSignal } = {},
): Promise<T> {
  const session = readSession();
  const headers: Record<string, string> = { accept: 'application/json' };
  const auth = init.auth ?? (session ? `Bearer ${session.token}` : undefined);
  if (auth) headers.authorization = auth;
  if (req.body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(requestUrl(req), {
    method: req.method ?? 'GET',
    headers,
    body: req.body === undefined ? null : JSON.stringify(req.body),
    signal: init.signal ?? null,
  });
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let body: unknown = null;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    body = null;
  }
  if (!res.ok) {
    const e = (body ?? {}) as ErrorBody;
    if (res.status === 401 && !init.auth) writeSession(null);
    throw new ApiError(
      res.status,
      typeof e.code === 'string' ? e.code : 'HTTP_ERROR',
      typeof e.message === 'string' ? e.message : `HTTP ${res.status}`,
      typeof e.column === 'number' ? e.column : undefined,
    );
  }
  return body as T;
}

/** `{data, count}` pages of the list endpoints. */
export interface Page<T> {
  data: T[];
  count: number;
}
