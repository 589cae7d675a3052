/**
 * One writer per database: writers on one handle queue, writers of two sessions (PostgreSQL) wait
 * for each other or give up with DB_BUSY naming the holder, and a lock is never kept by a
 * session that ended.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WriteLockHolder } from "./dialects/engine-dialect.ts";
import { isDbError } from "./errors.ts";
import { type DbHandle, openDb } from "./open.ts";
import { createTestLocation, ENGINES, type TestLocation } from "./testing/engines.ts";
import { withWriteLock } from "./write-lock.ts";

/** A promise and the function that settles it, to hold a writer at a chosen point. */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { opened, open };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 50));

/** Waits (at most 20 s, on a busy machine) until `condition` holds. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 400 && !condition(); i++) await tick();
}

for (const engine of ENGINES) {
  describe(`the write lock on ${engine}`, () => {
    let where: TestLocation;
    let handle: DbHandle;
    beforeAll(async () => {
      where = await createTestLocation(engine);
      handle = await openDb(where.location, { createIfMissing: true });
    });
    afterAll(async () => {
      await handle?.close();
      await where?.drop();
    });

    it("runs two writers of one handle one after the other", async () => {
      const events: string[] = [];
      const first = gate();
      const a = withWriteLock(handle, "a", async () => {
        events.push("a starts");
        await first.opened;
        events.push("a ends");
      });
      const b = withWriteLock(handle, "b", async () => {
        events.push("b starts");
      });
      await until(() => events.length > 0);
      // b is queued behind a: a while later it still has not started.
      await tick();
      await tick();
      first.open();
      expect(events).toEqual(["a starts"]);
      await Promise.all([a, b]);
      expect(events).toEqual(["a starts", "a ends", "b starts"]);
    });

    it("lets a writer that holds the lock take it again (the demo's imports)", async () => {
      const inner = await withWriteLock(handle, "demo", () =>
        withWriteLock(handle, "import", async () => 42),
      );
      expect(inner).toBe(42);
    });

    it("is free again after a writer failed", async () => {
      await expect(
        withWriteLock(handle, "a", async () => {
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await withWriteLock(handle, "b", async () => "ran")).toBe("ran");
    });
  });
}

describe("the write lock across PostgreSQL sessions", () => {
  let where: TestLocation;
  beforeAll(async () => {
    where = await createTestLocation("postgres");
  });
  afterAll(async () => {
    await where?.drop();
  });

  it("makes a second session wait, telling who writes, and go on when the first is done", async () => {
    const first = await openDb(where.location);
    const waits: (WriteLockHolder | undefined)[] = [];
    const second = await openDb(where.location, { writeLock: { onWait: (holder) => waits.push(holder) } });
    try {
      const events: string[] = [];
      const release = gate();
      const a = withWriteLock(first, "import", async () => {
        events.push("first writes");
        await release.opened;
        events.push("first done");
      });
      await until(() => events.length > 0);
      const b = withWriteLock(second, "tasks", async () => {
        events.push("second writes");
      });
      // The second polls for the lock: give it time to find it taken.
      await until(() => waits.length > 0);
      release.open();
      expect(events).toEqual(["first writes"]);
      expect(waits).toHaveLength(1);
      expect(waits[0]).toMatchObject({ purpose: "import", pid: process.pid });
      await Promise.all([a, b]);
      expect(events).toEqual(["first writes", "first done", "second writes"]);
    } finally {
      await first.close();
      await second.close();
    }
  });

  it("gives up after the timeout with DB_BUSY naming the holder, and never kept a closed session's lock", async () => {
    const first = await openDb(where.location);
    const second = await openDb(where.location, { writeLock: { timeoutMs: 600 } });
    try {
      const release = gate();
      let started = false;
      const a = withWriteLock(first, "analyze", () => {
        started = true;
        return release.opened;
      });
      await until(() => started);
      const failure = await withWriteLock(second, "grade", async () => "wrote").catch(
        (error: unknown) => error,
      );
      expect(isDbError(failure, "DB_BUSY")).toBe(true);
      expect((failure as Error).message).toContain("analyze");
      expect((failure as Error).message).toContain(`PID ${process.pid}`);
      expect((failure as Error).message).toContain("gave up after waiting 1 s");
      release.open();
      await a;
      // The first session ends while holding nothing; then the lock is the second's at once.
      await first.close();
      expect(await withWriteLock(second, "grade", async () => "wrote")).toBe("wrote");
    } finally {
      await first.close().catch(() => {});
      await second.close();
    }
  });

  it("is freed by the server when the holding session ends without releasing it", async () => {
    const first = await openDb(where.location);
    const second = await openDb(where.location, { writeLock: { timeoutMs: 5000 } });
    try {
      let started = false;
      void withWriteLock(first, "import", () => {
        started = true;
        return new Promise<void>(() => {});
      });
      await until(() => started);
      // Closing the session mid-write is what a killed process does to its connections.
      await first.close();
      expect(await withWriteLock(second, "import", async () => "wrote")).toBe("wrote");
    } finally {
      await second.close();
    }
  });
});
