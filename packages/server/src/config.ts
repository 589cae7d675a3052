import { randomBytes } from "node:crypto";
import { isIP } from "node:net";
import path from "node:path";
import { ServerError } from "@custra/app/errors";
import { type Text, text } from "@custra/core/errors";
import { type Location, resolveLocation } from "@custra/db";
import { Cron } from "croner";

/** How `custra serve` runs, from its flags and the environment, checked before anything starts. */
export interface ServerConfig {
  readonly port: number;
  readonly host: string;
  readonly database: Location;
  /**
   * Signs cookies. Without CUSTRA_SESSION_SECRET a random one is made at each start: sessions are
   * stored in the database, but their cookies then stop working when the server restarts.
   */
  readonly sessionSecret: string;
  readonly sessionSecretGenerated: boolean;
  /** The company's time zone for schedules (the daily job): CUSTRA_TIME_ZONE, else the settings'. */
  readonly timeZone: string | undefined;
  /**
   * When the daily pipeline runs, a cron expression in the company time zone
   * (CUSTRA_PIPELINE_SCHEDULE, default `0 6 * * *`); null (`off`): never on its own.
   */
  readonly pipelineSchedule: string | null;
  /** Where users reach the server; https makes cookies Secure. */
  readonly publicUrl: URL | undefined;
  /** The largest JSON request body, in bytes. */
  readonly bodyLimit: number;
  /** The largest uploaded import file, in bytes. */
  readonly uploadLimit: number;
  /**
   * How often a running job's heartbeat is written (CUSTRA_JOB_HEARTBEAT, seconds, default 5); a
   * job whose heartbeat is six beats old belongs to a process that died and is marked failed.
   */
  readonly jobHeartbeatMs: number;
  /**
   * How long shutdown lets running requests finish (CUSTRA_SHUTDOWN_GRACE, seconds, default 10);
   * those still waiting for the database then are answered 503.
   */
  readonly shutdownGraceMs: number;
  readonly logLevel: LogLevel;
  /** The built web app served at / (CUSTRA_WEB_ROOT, default packages/web/dist of this checkout). */
  readonly webRoot: string;
}

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** The flags of `custra serve`; each has an environment variable (in brackets) used when it is absent. */
export interface ServerFlags {
  /** --db [DATABASE_URL] */
  readonly db?: string;
  /** --port [PORT, CUSTRA_PORT] */
  readonly port?: string;
  /** --host [CUSTRA_HOST] */
  readonly host?: string;
  /** --public-url [CUSTRA_PUBLIC_URL] */
  readonly publicUrl?: string;
  /** --time-zone [CUSTRA_TIME_ZONE] */
  readonly timeZone?: string;
}

const MIN_SECRET = 32;
/** Where `npm run build -w packages/web` writes the web app. */
export const DEFAULT_WEB_ROOT = path.join(import.meta.dirname, "..", "..", "web", "dist");
export const DEFAULT_PIPELINE_SCHEDULE = "0 6 * * *";

/**
 * The configuration, or a SERVER_INVALID_SETTING naming the first setting that is wrong, its value
 * and what it must be: a server that starts with a typo in its port or time zone fails later, far
 * from the cause.
 */
export function loadServerConfig(flags: ServerFlags, env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const pick = (flag: string | undefined, ...names: string[]) => {
    if (flag !== undefined) return flag;
    for (const name of names) if (env[name]?.trim()) return env[name]!.trim();
    return undefined;
  };
  const secret = env.CUSTRA_SESSION_SECRET?.trim();
  if (secret !== undefined && secret !== "" && secret.length < MIN_SECRET)
    invalid("CUSTRA_SESSION_SECRET", "***", text("server.problem.secret", { min: MIN_SECRET }));
  return {
    port: parsePort(pick(flags.port, "CUSTRA_PORT", "PORT") ?? "3000"),
    host: parseHost(pick(flags.host, "CUSTRA_HOST") ?? "127.0.0.1"),
    database: resolveLocation(flags.db, env),
    sessionSecret: secret || randomBytes(32).toString("base64url"),
    sessionSecretGenerated: !secret,
    timeZone: parseTimeZone(pick(flags.timeZone, "CUSTRA_TIME_ZONE")),
    pipelineSchedule: parseSchedule(env.CUSTRA_PIPELINE_SCHEDULE?.trim() || DEFAULT_PIPELINE_SCHEDULE),
    publicUrl: parseUrl(pick(flags.publicUrl, "CUSTRA_PUBLIC_URL")),
    bodyLimit: parseSize("CUSTRA_BODY_LIMIT", env.CUSTRA_BODY_LIMIT, 1024 * 1024),
    uploadLimit: parseSize("CUSTRA_UPLOAD_LIMIT", env.CUSTRA_UPLOAD_LIMIT, 100 * 1024 * 1024),
    jobHeartbeatMs: parseSeconds("CUSTRA_JOB_HEARTBEAT", env.CUSTRA_JOB_HEARTBEAT, 5) * 1000,
    shutdownGraceMs: parseSeconds("CUSTRA_SHUTDOWN_GRACE", env.CUSTRA_SHUTDOWN_GRACE, 10) * 1000,
    logLevel: parseLevel(env.CUSTRA_LOG_LEVEL ?? "info"),
    webRoot: path.resolve(env.CUSTRA_WEB_ROOT?.trim() || DEFAULT_WEB_ROOT),
  };
}

function invalid(setting: string, value: string, problem: Text): never {
  throw new ServerError("SERVER_INVALID_SETTING", { setting, value, problem });
}

function parsePort(value: string): number {
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) invalid("port", value, text("server.problem.port"));
  return port;
}

function parseHost(value: string): string {
  const name =
    /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$/;
  if (isIP(value) === 0 && !name.test(value)) invalid("host", value, text("server.problem.host"));
  return value;
}

function parseTimeZone(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  try {
    return new Intl.DateTimeFormat("en", { timeZone: value }).resolvedOptions().timeZone;
  } catch {
    return invalid("timeZone", value, text("server.problem.timeZone"));
  }
}

function parseSchedule(value: string): string | null {
  if (value.toLowerCase() === "off") return null;
  try {
    new Cron(value, { paused: true }).stop();
    return value;
  } catch {
    return invalid("CUSTRA_PIPELINE_SCHEDULE", value, text("server.problem.schedule"));
  }
}

function parseUrl(value: string | undefined): URL | undefined {
  if (value === undefined) return undefined;
  try {
    const url = new URL(value);
    if (url.protocol === "http:" || url.protocol === "https:") return url;
  } catch {}
  return invalid("publicUrl", value, text("server.problem.url"));
}

function parseSize(setting: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const match = /^(\d+)\s*([kmg]?)b?$/i.exec(value.trim());
  const unit = { "": 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3 }[(match?.[2] ?? "").toLowerCase()] ?? 1;
  const size = match ? Number(match[1]) * unit : 0;
  if (!(size > 0 && Number.isSafeInteger(size))) invalid(setting, value, text("server.problem.size"));
  return size;
}

function parseSeconds(setting: string, value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === "") return fallback;
  const seconds = /^\d{1,5}$/.test(value.trim()) ? Number(value.trim()) : 0;
  if (!(seconds > 0)) invalid(setting, value, text("server.problem.seconds"));
  return seconds;
}

function parseLevel(value: string): LogLevel {
  if ((LOG_LEVELS as readonly string[]).includes(value)) return value as LogLevel;
  return invalid("CUSTRA_LOG_LEVEL", value, text("server.problem.level", { values: LOG_LEVELS.join(" | ") }));
}
