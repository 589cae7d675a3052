import { currentRecommendationModel, ensureInitialAdmin, type InitialAdmin } from "@custra/app";
import { type DbHandle, openDb } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ServerConfig } from "./config.ts";
import { buildServer } from "./server.ts";

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly handle: DbHandle;
  /** The administrator made at this first start of an empty installation; null on every other start. */
  readonly initialAdmin: InitialAdmin | null;
  /** Where it listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /**
   * Shuts down gracefully: stops taking connections and answers requests that still come 503;
   * gives the running ones the grace period (config.shutdownGraceMs) to finish; stops the jobs;
   * then closes the database, which answers those still waiting for it 503 (never a 500 from a
   * closed handle).
   */
  close(): Promise<void>;
}

/**
 * How long, after the database closed, answers may take to reach their clients before the
 * connections are cut: only a client that stopped reading holds one that long.
 */
const LAST_ANSWERS_MS = 5_000;

export interface StartOptions {
  readonly log?: false;
  /** Where the one-time password of the first administrator is shown (default: the terminal, stderr). */
  readonly print?: (line: string) => void;
}

/** What the operator reads at the first start: the only time the password is shown. */
export function initialAdminNotice({ email, password }: InitialAdmin): string {
  return [
    "",
    "  custra: this installation had no administrator; one was created.",
    `  Sign in as ${email} with the one-time password ${password}`,
    "  and change it at once. It is shown only this once.",
    "",
  ].join("\n");
}

/**
 * Opens the database (migrating it), builds the server and listens. On the first start of an
 * empty installation (no admin who can sign in) it creates one and prints the one-time password
 * once; the log says only that it did, never the password.
 */
export async function startServer(config: ServerConfig, options: StartOptions = {}): Promise<RunningServer> {
  const handle = await openDb(config.database);
  let app: FastifyInstance;
  try {
    app = await buildServer({ config, handle, ...(options.log === false ? { log: false as const } : {}) });
    await app.listen({ port: config.port, host: config.host });
  } catch (error) {
    await handle.close();
    throw error;
  }
  if (config.sessionSecretGenerated)
    app.log.warn(
      "CUSTRA_SESSION_SECRET is not set: a random one is used, so sign-ins end when the server restarts",
    );
  let initialAdmin: InitialAdmin | null = null;
  try {
    initialAdmin = await ensureInitialAdmin({ handle });
  } catch (error) {
    await app.close();
    await handle.close();
    throw error;
  }
  if (initialAdmin) {
    app.log.warn(
      { email: initialAdmin.email },
      "initial administrator created; its one-time password was printed",
    );
    (options.print ?? ((line: string) => process.stderr.write(`${line}\n`)))(
      initialAdminNotice(initialAdmin),
    );
  }
  // Built now rather than by the first customer view, which would wait for it (seconds on a big base).
  currentRecommendationModel(handle).catch((error: unknown) =>
    app.log.warn(
      { err: error },
      "the recommendation model could not be built; customer views will try again",
    ),
  );
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    app,
    handle,
    initialAdmin,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        // Stops listening; requests arriving now are answered 503 (plugins/app/shutdown.ts) and
        // the jobs are asked to stop (plugins/app/jobs.ts). Settles once every connection has ended.
        const closed = app.close();
        try {
          if (!(await settlesWithin(closed, config.shutdownGraceMs))) {
            // Requests still running after the grace period: the jobs' last writes first, then the
            // database refuses the requests waiting for it (DB_CLOSED, answered 503) and closes
            // once the queries already running have ended.
            await app.jobs.stop();
            await handle.close();
            if (!(await settlesWithin(closed, LAST_ANSWERS_MS))) app.server.closeAllConnections();
          }
          await closed;
        } finally {
          await handle.close();
        }
      })();
      return closing;
    },
  };
}

/** Whether `promise` settles (either way) within `ms`. */
async function settlesWithin(promise: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([
      promise.then(
        () => true,
        () => true,
      ),
      late,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

/** Closes `server` on SIGINT and SIGTERM, then ends the process (a second signal ends it at once). */
export function closeOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    server.app.log.info({ signal }, "shutting down");
    server.close().then(
      () => process.exit(0),
      (error: unknown) => {
        server.app.log.error({ err: error }, "shutdown failed");
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}
