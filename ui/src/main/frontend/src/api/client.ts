import createClient, { type Middleware } from 'openapi-fetch';
import type { paths } from './schema';

/**
 * The one HTTP client of the dashboard, typed from the application's own OpenAPI description (openapi.json,
 * checked in and compared with the running application by a test), so a change of the API that the front end
 * does not follow fails the type check.
 */
// JSON is what the dashboard reads; the CSV, JSON-lines and PDF answers are downloads the browser takes itself
export const api = createClient<paths, 'application/json'>({
  baseUrl: globalThis.location?.origin ?? '',
  credentials: 'same-origin',
  // looked up on every call, not captured once, so whatever serves fetch (a test's mock server too) is used
  fetch: (request) => globalThis.fetch(request),
});

let csrf: { header: string; token: string } | null = null;
let onSignedOut: (() => void) | null = null;

/** The browser session's CSRF token, sent with every change. */
export function rememberCsrf(header: string | null | undefined, token: string | null | undefined) {
  csrf = header && token ? { header, token } : null;
}

/** What to do when the session has ended (expired or signed out elsewhere): back to sign-in. */
export function whenSignedOut(handler: () => void) {
  onSignedOut = handler;
}

export function csrfHeaders(): Record<string, string> {
  return csrf ? { [csrf.header]: csrf.token } : {};
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** What every request of the dashboard carries: the CSRF token with a change, and the marks of a script's request. */
function prepare(request: Request): Request {
  if (!SAFE.has(request.method) && csrf) {
    request.headers.set(csrf.header, csrf.token);
  }
  request.headers.set('Accept', request.headers.get('Accept') ?? 'application/json');
  // a script's request: a 401 then comes without a Basic challenge, so no browser password dialog pops up
  request.headers.set('X-Requested-With', 'XMLHttpRequest');
  return request;
}

/** A 401 anywhere but on the session itself means the session has ended. */
function observe(response: Response, request: Request): Response {
  if (response.status === 401 && !request.url.endsWith('/api/session')) {
    onSignedOut?.();
  }
  return response;
}

const session: Middleware = {
  onRequest: ({ request }) => prepare(request),
  onResponse: ({ response, request }) => observe(response, request),
};
api.use(session);

/** An RFC 9457 problem document, as every error of the API is. */
export interface Problem {
  type?: string;
  title?: string;
  status?: number;
  detail?: string;
  errors?: { field: string; message: string }[];
}

/** Thrown by {@link must} so that TanStack Query sees a failed request as an error with the API's own words. */
export class ApiError extends Error {
  constructor(readonly status: number, readonly problem: Problem) {
    super(problem.detail ?? problem.title ?? `The server answered ${status}.`);
  }
}

/** The data of a successful answer, or an {@link ApiError} carrying the problem document. */
export async function must<T>(call: Promise<{ data?: T; error?: unknown; response: Response }>): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw new ApiError(response.status, toProblem(error, response));
  }
  return data as T;
}

function toProblem(error: unknown, response: Response): Problem {
  if (error && typeof error === 'object') {
    return error as Problem;
  }
  if (typeof error === 'string' && error.length > 0) {
    return { status: response.status, detail: error };
  }
  return { status: response.status, detail: `The server answered ${response.status} ${response.statusText}.` };
}
