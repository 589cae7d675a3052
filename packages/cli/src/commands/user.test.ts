/** `custra user`, `custra department` and `custra audit` on each engine. */
import { Readable } from "node:stream";
import { openDb } from "@custra/db";
import { createTestLocation, ENGINES, type TestLocation, tamperWithAuditLog } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { custra } from "../testing/run-cli.ts";

/** `custra …` with `input` on standard input. */
async function withStdin(input: string, args: readonly string[], lang = "en") {
  const stdin = Readable.from([Buffer.from(input)]);
  const spy = vi.spyOn(process, "stdin", "get").mockReturnValue(stdin as unknown as typeof process.stdin);
  try {
    return await custra(args, lang);
  } finally {
    spy.mockRestore();
  }
}

for (const engine of ENGINES) {
  describe(`custra user and audit on ${engine}`, () => {
    let db: TestLocation;
    let at: string[];
    beforeAll(async () => {
      db = await createTestLocation(engine);
      at = ["--db", db.location];
    });
    afterAll(async () => {
      await db?.drop();
    });

    it("adds departments and a user with the password from standard input, and lists them", async () => {
      expect((await custra(["department", "add", "华东", ...at])).code).toBe(0);
      const added = await withStdin("a long enough password\n", [
        "user",
        "add",
        "--email",
        "Li.Lei@example.com",
        "--name",
        "李雷",
        "--role",
        "sales",
        "--department",
        "华东",
        "--password-stdin",
        ...at,
      ]);
      expect(added.code, added.stderr).toBe(0);
      expect(added.stderr).toContain("added li.lei@example.com (id 1, role sales)");
      const list = await custra(["user", "list", ...at], "zh-CN");
      expect(list.code, list.stderr).toBe(0);
      expect(list.stdout).toMatch(
        /1\s+li\.lei@example\.com\s+李雷\s+li\.lei@example\.com\s+sales\s+华东\s+正常/,
      );
      expect((await custra(["department", "list", ...at])).stdout).toBe("华东 (1)\n");
    });

    it("refuses a password on the command line, a short password, an unknown role and a taken email", async () => {
      const base = ["user", "add", "--email", "x@example.com", "--name", "X", "--role", "sales", ...at];
      const noStdin = await custra(base);
      expect(noStdin.code).toBe(2);
      expect(noStdin.stderr).toContain("--password-stdin");
      const short = await withStdin("short", [...base, "--password-stdin"]);
      expect(short).toMatchObject({ code: 1 });
      expect(short.stderr).toContain("A password must have 10 to 256 characters");
      const role = await withStdin("a long enough password", [
        ...base.map((a) => (a === "sales" ? "boss" : a)),
        "--password-stdin",
      ]);
      expect(role.code).toBe(1);
      expect(role.stderr).toContain("No role boss");
      const taken = await withStdin(
        "a long enough password",
        [...base.map((a) => (a === "x@example.com" ? "LI.LEI@example.com" : a)), "--password-stdin"],
        "zh-CN",
      );
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain("已有用户使用邮箱 li.lei@example.com");
    });

    it("verifies the audit chain, and exits 1 naming the entry once one is edited", async () => {
      const ok = await custra(["audit", "verify", ...at]);
      expect(ok.code, ok.stderr).toBe(0);
      expect(ok.stderr).toContain("the audit log holds: 2 entries, chain intact");
      const listed = await custra(["audit", "list", ...at]);
      expect(listed.stdout).toMatch(/2\s+\S+ \S+\s+local\s+user\.create\s+user 1/);
      const handle = await openDb(db.location);
      try {
        await tamperWithAuditLog(handle, "UPDATE audit_log SET actor_name = 'someone else' WHERE id = 1");
      } finally {
        await handle.close();
      }
      const broken = await custra(["audit", "verify", ...at], "zh-CN");
      expect(broken.code).toBe(1);
      expect(broken.stderr).toContain("审计日志已被篡改：第 1 条记录被修改过");
    });
  });
}
