import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DbHandle, openDb } from "../../index.ts";

describe("DuckDB driver", () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDb(":memory:");
  });
  afterAll(async () => {
    await handle?.close();
  });

  it("streams rows in chunks, normalized like executed ones", async () => {
    await handle.bulkLoad(
      "customers",
      ["code", "registered_on", "tags"],
      Array.from({ length: 2500 }, (_, i) => [`C${i}`, "2024-01-31", `["t${i}"]`]),
    );
    const seen: unknown[] = [];
    for await (const row of handle.db
      .selectFrom("customers")
      .select(["id", "code", "registered_on", "tags"])
      .orderBy("id")
      .stream(1000)) {
      seen.push(row);
    }
    expect(seen).toHaveLength(2500);
    expect(seen[2499]).toEqual({ id: 2500, code: "C2499", registered_on: "2024-01-31", tags: ["t2499"] });
  });

  it("serializes a bulk load with queries running at the same time", async () => {
    await handle.createStagingTable("stage_concurrent", ["v"]);
    const rows = Array.from({ length: 20_000 }, (_, i) => [String(i), `v${i}`]);
    const [loaded, counts] = await Promise.all([
      handle.bulkLoad("stage_concurrent", ["line", "v"], rows),
      Promise.all(
        Array.from({ length: 10 }, () =>
          sql<{ n: number }>`SELECT count(*) AS n FROM stage_concurrent`.execute(handle.db),
        ),
      ),
    ]);
    expect(loaded).toBe(20_000);
    // Each count sees the table before or after the whole load, never part of it.
    for (const { rows: result } of counts) expect([0, 20_000]).toContain(result[0]!.n);
  });
});
