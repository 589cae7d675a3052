import type { DbHandle } from "@custra/db";
import type { FastifyInstance } from "fastify";
import { loadServerConfig, type ServerConfig } from "../config.ts";
import { buildServer } from "../server.ts";

/** A server over `handle` for `app.inject`, with the log captured as lines of JSON. */
export async function injectableServer(
  handle: DbHandle,
  env: NodeJS.ProcessEnv = {},
): Promise<{ app: FastifyInstance; config: ServerConfig; logLines: () => string[] }> {
  const config = loadServerConfig({ db: handle.location }, { CUSTRA_LOG_LEVEL: "info", ...env });
  let log = "";
  const stream = {
    write(chunk: string) {
      log += chunk;
      return true;
    },
  } as unknown as NodeJS.WritableStream;
  const app = await buildServer({ config, handle, log: { stream } });
  return { app, config, logLines: () => log.split("\n").filter(Boolean) };
}
