import { CustraError, type Text, type TextParams } from "@custra/core/errors";
import {
  beatJobs,
  type DbHandle,
  failAbandonedJobs,
  findJob,
  finishJob,
  insertJob,
  type JobProgress,
  type JobRecord,
  type JobTrigger,
  markJobRunning,
  writeJobProgress,
} from "@custra/db";
import type { z } from "zod";
import type { Permission } from "../access/actor.ts";
import { requireCompanyWide, requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";
import { parseInput } from "../input.ts";
import { JobError } from "./job-error.ts";

/** What a running job is given: who started it, a way to say how far it is, and a stop signal. */
export interface JobScope {
  readonly ctx: AppContext;
  readonly jobId: number;
  /** Reports progress; cheap to call often (the database sees it at most once a second). */
  report(progress: JobProgress): void;
  /** Aborted when the server shuts down: stop at the next safe point (never half-way through a write). */
  readonly signal: AbortSignal;
}

/** A kind of job: what it needs, its input schema and its work. */
export interface JobKind<S extends z.ZodType = z.ZodType> {
  readonly permission: Permission;
  /**
   * The kind runs over every customer and reports on them all (access/permissions.ts
   * requireCompanyWide): refused at submission to an actor who sees only some customers.
   */
  readonly companyWide?: boolean;
  readonly input: S;
  /**
   * Started only by the server's own code, never by a client naming the kind (POST /jobs): its
   * input is trusted, as an upload's import names the file the server stored. Unknown to others.
   */
  readonly internal?: boolean;
  /** Returns the job's result: JSON-able, kept in the jobs table. */
  run(scope: JobScope, input: z.output<S>): Promise<unknown>;
}

/** Declares a job kind with its input type checked against its schema. */
export function jobKind<S extends z.ZodType>(kind: JobKind<S>): JobKind {
  return kind as unknown as JobKind;
}

/** What subscribers hear about a job: each progress report, then its end. */
export type JobEvent =
  | { readonly type: "progress"; readonly progress: JobProgress }
  | { readonly type: "finished"; readonly job: JobRecord };

export interface JobRunnerOptions {
  /** How often this process beats the heartbeat of the jobs it holds. */
  readonly heartbeatMs?: number;
  /** A job whose heartbeat is older than this at start belongs to a dead process. */
  readonly staleMs?: number;
  /** Where a job's unexpected failure is logged (with its stack); the job itself records JOB_FAILED. */
  readonly onUnexpectedError?: (jobId: number, error: unknown) => void;
  /** Told the jobs of dead processes this process marked failed while it ran (not those at start). */
  readonly onAbandoned?: (jobIds: number[]) => void;
}

interface Queued {
  readonly id: number;
  readonly kind: JobKind;
  readonly ctx: AppContext;
  readonly input: unknown;
}

const PROGRESS_WRITE_MS = 1000;

/**
 * Runs background jobs one at a time: the jobs here (analysis, grading, the pipeline, an import's
 * commit) each want the database's single writer and both cores, so running two at once would
 * only make both slower. A job's state is in the database from the moment it is submitted, so it
 * survives the request that started it and is seen by every process.
 */
export class JobRunner {
  readonly #handle: DbHandle;
  readonly #kinds: Readonly<Record<string, JobKind>>;
  readonly #options: Required<Pick<JobRunnerOptions, "heartbeatMs" | "staleMs">> & JobRunnerOptions;
  readonly #queue: Queued[] = [];
  readonly #listeners = new Map<number, Set<(event: JobEvent) => void>>();
  readonly #stop = new AbortController();
  #running: { id: number; done: Promise<void> } | undefined;
  #heartbeat: NodeJS.Timeout | undefined;
  #stopped: Promise<void> | undefined;

  constructor(handle: DbHandle, kinds: Readonly<Record<string, JobKind>>, options: JobRunnerOptions = {}) {
    this.#handle = handle;
    this.#kinds = kinds;
    this.#options = { heartbeatMs: 5000, staleMs: 30_000, ...options };
  }

  /**
   * Marks the jobs of dead processes failed (returns their ids) and starts the heartbeat, which
   * also keeps marking them: a server restarted at once after a crash finds its killed job's
   * heartbeat still fresh, and without the sweep that job would read "running" for good.
   */
  async start(): Promise<number[]> {
    const abandoned = await this.#failAbandoned();
    this.#heartbeat = setInterval(() => {
      void (async () => {
        await beatJobs(this.#handle.db, this.#held());
        const failed = await this.#failAbandoned();
        if (failed.length > 0) this.#options.onAbandoned?.(failed);
      })().catch(() => {});
    }, this.#options.heartbeatMs);
    this.#heartbeat.unref();
    return abandoned;
  }

  #failAbandoned(): Promise<number[]> {
    const stale = new Date(Date.now() - this.#options.staleMs);
    return failAbandonedJobs(
      this.#handle.db,
      stale,
      jobErrorRecord(new JobError("JOB_INTERRUPTED")),
      this.#held(),
    );
  }

  get kinds(): readonly string[] {
    return Object.keys(this.#kinds);
  }

  /**
   * Queues a job of `kind` for `ctx.actor` (who must have the kind's permission) after checking its
   * input; returns the job as recorded, queued. An internal kind only with `options.internal`.
   */
  async submit(
    ctx: AppContext,
    kind: string,
    input: unknown,
    trigger: JobTrigger = "manual",
    options: { readonly internal?: boolean } = {},
  ): Promise<JobRecord> {
    const definition = this.#kinds[kind];
    if (!definition || (definition.internal && options.internal !== true))
      throw new JobError("JOB_UNKNOWN_KIND", { kind });
    if (definition.companyWide) requireCompanyWide(ctx.actor, definition.permission);
    else requirePermission(ctx.actor, definition.permission);
    if (this.#stop.signal.aborted) throw new JobError("JOB_STOPPED");
    const parsed = parseInput(definition.input, input);
    const id = await insertJob(this.#handle.db, {
      kind,
      input: parsed,
      requestedBy: ctx.actor.userId,
      trigger,
    });
    const queued = (await findJob(this.#handle.db, id))!;
    this.#queue.push({ id, kind: definition, ctx, input: parsed });
    this.#next();
    return queued;
  }

  /** Calls `listener` on each event of job `id` until the returned function is called. */
  subscribe(id: number, listener: (event: JobEvent) => void): () => void {
    const set = this.#listeners.get(id) ?? new Set();
    this.#listeners.set(id, set);
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.#listeners.delete(id);
    };
  }

  /** Whether job `id` is queued or running in this process (so its events will come here). */
  holds(id: number): boolean {
    return this.#held().includes(id);
  }

  /**
   * Stops cleanly: queued jobs are marked stopped, the running one is asked to stop (its signal is
   * aborted) and awaited; nothing new is taken. Every call waits for the same stop, so a caller
   * that closes the database after it knows the jobs' last writes are done.
   */
  stop(): Promise<void> {
    this.#stopped ??= (async () => {
      this.#stop.abort();
      if (this.#heartbeat) clearInterval(this.#heartbeat);
      for (const queued of this.#queue.splice(0))
        await this.#finish(queued.id, {
          status: "failed",
          error: jobErrorRecord(new JobError("JOB_STOPPED")),
        });
      await this.#running?.done;
    })();
    return this.#stopped;
  }

  #held(): number[] {
    return [...(this.#running ? [this.#running.id] : []), ...this.#queue.map((queued) => queued.id)];
  }

  #next(): void {
    if (this.#running) return;
    const queued = this.#queue.shift();
    if (!queued) return;
    const done = this.#run(queued).finally(() => {
      this.#running = undefined;
      this.#next();
    });
    this.#running = { id: queued.id, done };
  }

  async #run({ id, kind, ctx, input }: Queued): Promise<void> {
    let lastWrite = 0;
    let pending: Promise<void> = Promise.resolve();
    const scope: JobScope = {
      ctx,
      jobId: id,
      signal: this.#stop.signal,
      report: (progress) => {
        this.#emit(id, { type: "progress", progress });
        const now = Date.now();
        if (now - lastWrite < PROGRESS_WRITE_MS) return;
        lastWrite = now;
        pending = pending.then(() => writeJobProgress(this.#handle.db, id, progress)).catch(() => {});
      },
    };
    try {
      await markJobRunning(this.#handle.db, id);
      const result = await kind.run(scope, input);
      await pending;
      await this.#finish(id, { status: "succeeded", result: result ?? null });
    } catch (error) {
      await pending;
      if (this.#stop.signal.aborted && !(error instanceof CustraError)) {
        await this.#finish(id, { status: "failed", error: jobErrorRecord(new JobError("JOB_STOPPED")) });
      } else if (error instanceof CustraError) {
        await this.#finish(id, { status: "failed", error: jobErrorRecord(error) });
      } else {
        this.#options.onUnexpectedError?.(id, error);
        await this.#finish(id, {
          status: "failed",
          error: jobErrorRecord(new JobError("JOB_FAILED", { job: id })),
        });
      }
    }
  }

  async #finish(id: number, outcome: Parameters<typeof finishJob>[2]): Promise<void> {
    await finishJob(this.#handle.db, id, outcome).catch(() => {});
    const job = await findJob(this.#handle.db, id).catch(() => undefined);
    if (job) this.#emit(id, { type: "finished", job });
    this.#listeners.delete(id);
  }

  #emit(id: number, event: JobEvent): void {
    for (const listener of this.#listeners.get(id) ?? []) listener(event);
  }
}

/**
 * What a failed job keeps of its error: the code and parameters, and its message's catalog key, so
 * that whoever reads the job later renders the message in their own language (jobErrorText).
 */
export function jobErrorRecord(error: CustraError): { code: string; params: TextParams; key: string } {
  return { code: error.code, params: error.params, key: error.messageKey };
}

/** A failed job's message as Text, to render for the reader; undefined for a job without one. */
export function jobErrorText(error: JobRecord["error"]): Text | undefined {
  if (!error?.key) return undefined;
  return { key: error.key, params: (error.params ?? {}) as TextParams };
}
