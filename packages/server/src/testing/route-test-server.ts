import type { DbHandle, Engine } from "@custra/db";
import { openTestDb } from "@custra/db/testing";
import type { FastifyInstance, InjectOptions } from "fastify";
import { afterAll, beforeAll } from "vitest";
import { type Company, loadCompany } from "./company.fixture.ts";
import type { SignedIn } from "./sign-in.ts";
import { injectableServer } from "./test-server.ts";

type Method = NonNullable<InjectOptions["method"]>;

export interface RouteTestOptions {
  /** The company fixture's options; false for a test that signs in its own users. */
  readonly company?: Parameters<typeof loadCompany>[2] | false;
  /** The server's environment (e.g. CUSTRA_UPLOAD_LIMIT). */
  readonly env?: NodeJS.ProcessEnv;
}

/**
 * A fresh database of `engine` and a server over it for `app.inject`, with the company fixture
 * loaded: set up in a `beforeAll` and closed in an `afterAll` this registers, so call it at the top
 * of a `describe`. The handle, app and company are read through getters, as they exist only once
 * the `beforeAll` has run; a file's own `beforeAll` registered after this call runs after it.
 */
export function routeTestServer(engine: Engine, options: RouteTestOptions = {}) {
  let handle: DbHandle | undefined;
  let app: FastifyInstance | undefined;
  let company: Company | undefined;
  beforeAll(async () => {
    handle = await openTestDb(engine);
    ({ app } = await injectableServer(handle, options.env));
    await app.ready();
    if (options.company !== false) company = await loadCompany(app, handle, options.company);
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await handle?.close();
  });

  const ready = <T>(value: T | undefined, what: string): T => {
    if (value === undefined) throw new Error(`the route test's ${what} is read before its beforeAll ran`);
    return value;
  };
  return {
    get handle() {
      return ready(handle, "handle");
    },
    get app() {
      return ready(app, "app");
    },
    get company() {
      return ready(company, "company");
    },
    get: (who: SignedIn, url: string) => ready(app, "app").inject({ url, headers: who.headers }),
    /** A request with a body (if any) and, unless told, the signed-in user's headers. */
    send: (
      who: SignedIn,
      method: Method,
      url: string,
      payload?: string | object,
      headers: Record<string, string> = who.headers,
    ) => ready(app, "app").inject({ method, url, headers, ...(payload === undefined ? {} : { payload }) }),
    post: (who: SignedIn, url: string, payload?: object, headers: Record<string, string> = who.headers) =>
      ready(app, "app").inject({ method: "POST", url, headers, ...(payload ? { payload } : {}) }),
    /** The user's headers without the CSRF token: a write with them is refused. */
    noCsrf: (who: SignedIn) => {
      const { "x-csrf-token": _, ...headers } = who.headers;
      return headers;
    },
    /** A request answered in English (the refusals' texts are asserted). */
    call: (who: SignedIn, method: Method, url: string, payload?: object) =>
      ready(app, "app").inject({
        method,
        url,
        headers: { ...who.headers, "accept-language": "en" },
        ...(payload ? { payload } : {}),
      }),
    /** A multipart upload (see ./multipart.ts) answered in English. */
    upload: (who: SignedIn, url: string, form: { payload: Buffer; contentType: string }) =>
      ready(app, "app").inject({
        method: "POST",
        url,
        payload: form.payload,
        headers: { ...who.headers, "content-type": form.contentType, "accept-language": "en" },
      }),
  };
}
