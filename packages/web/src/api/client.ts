/**
 * The one way the workbench talks to custra: same-origin fetch with the session cookie, the
 * reader's language as Accept-Language, the CSRF token on state-changing requests, and errors as
 * ApiError carrying the server's problem document (its `detail` is already in the reader's
 * language). A 401 from any call but sign-in itself means the session is gone: the app is told, and
 * sends the user to sign in.
 */
import { currentLanguage } from "../i18n/i18n.ts";

/** An error answer of the API (RFC 9457), as packages/server sends it. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail: string;
  readonly code: string;
  readonly params: Record<string, unknown>;
  readonly requestId: string;
  /** An invalid scheme's or playbook's problems, each with its path (`dimensions[2].weight`). */
  readonly issues?: readonly { readonly path: string; readonly problem: string }[];
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem | null,
    fallback: string,
  ) {
    super(problem?.detail ?? fallback);
    this.name = "ApiError";
  }
}

let csrfToken = "";
let onSignedOut: () => void = () => {};

/** The token the server gave with the session (sign-in or GET /auth/session). */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** What to do when the server says the session is gone. */
export function onSessionLost(handler: () => void): void {
  onSignedOut = handler;
}

type Query = Record<string, string | readonly string[] | number | undefined>;

export interface RequestOptions {
  readonly method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  readonly query?: Query;
  readonly body?: unknown;
  readonly signal?: AbortSignal;
}

/** `/api/v1` + path with the query's set values (lists as repeated parameters). */
export function apiUrl(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === "") continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, item);
    else params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ""}`;
}

export async function api<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const method = options.method ?? "GET";
  return send<T>(path, method, {
    query: options.query,
    signal: options.signal,
    ...(options.body === undefined
      ? {}
      : { body: JSON.stringify(options.body), contentType: "application/json" }),
  });
}

/**
 * Posts a file as `multipart/form-data` (the browser writes its boundary): `form`'s fields in their
 * order, as the import routes read them (an `options` field of JSON, then the `file`).
 */
export function upload<T>(path: string, form: FormData, signal?: AbortSignal): Promise<T> {
  return send<T>(path, "POST", { body: form, signal });
}

async function send<T>(
  path: string,
  method: NonNullable<RequestOptions["method"]>,
  options: { query?: Query; body?: BodyInit; contentType?: string; signal?: AbortSignal | undefined },
): Promise<T> {
  const headers: Record<string, string> = {
    accept: "application/json",
    "accept-language": currentLanguage(),
  };
  if (options.contentType) headers["content-type"] = options.contentType;
  if (method !== "GET" && csrfToken) headers["x-csrf-token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(apiUrl(path, options.query), {
      method,
      headers,
      credentials: "same-origin",
      ...(options.body === undefined ? {} : { body: options.body }),
      ...(options.signal ? { signal: options.signal } : {}),
    });
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") throw error;
    throw new ApiError(0, null, String(error));
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  const json = parse(text);
  if (!response.ok) {
    const problem = isProblem(json) ? json : null;
    if (response.status === 401 && path !== "/auth/login") onSignedOut();
    throw new ApiError(response.status, problem, `${response.status} ${response.statusText}`);
  }
  return json as T;
}

function parse(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function isProblem(value: unknown): value is Problem {
  return typeof value === "object" && value !== null && "detail" in value && "code" in value;
}

/** Whether an error is the API's answer with this status (404: not found or not visible, the same). */
export function hasStatus(error: unknown, status: number): boolean {
  return error instanceof ApiError && error.status === status;
}
