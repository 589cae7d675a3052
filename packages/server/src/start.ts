import { type DbHandle, openDb } from "@custra/db";
import type { FastifyInstance } from "fastify";
import type { ServerConfig } from "./config.ts";
import { buildServer } from "./server.ts";

export interface RunningServer {
  readonly app: FastifyInstance;
  readonly handle: DbHandle;
  /** Where it listens, e.g. http://127.0.0.1:3000. */
  readonly url: string;
  /** Stops taking requests, finishes the running ones, then closes the database. */
  close(): Promise<void>;
}

/** How long shutdown waits for running requests before it closes their connections. */
const SHUTDOWN_GRACE_MS = 10_000;

/** Opens the database (migrating it), builds the server and listens. */
export async function startServer(
  config: ServerConfig,
  options: { log?: false } = {},
): Promise<RunningServer> {
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
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  const host = config.host.includes(":") ? `[${config.host}]` : config.host;
  let closing: Promise<void> | undefined;
  return {
    app,
    handle,
    url: `http://${host}:${port}`,
    close() {
      closing ??= (async () => {
        const force = setTimeout(() => app.server.closeAllConnections(), SHUTDOWN_GRACE_MS);
        force.unref();
        try {
          await app.close();
        } finally {
          clearTimeout(force);
          await handle.close();
        }
      })();
      return closing;
    },
  };
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
