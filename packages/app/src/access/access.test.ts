import { type DbHandle, visibleCustomer } from "@custra/db";
import { ENGINES, openTestDb, tamperWithAuditLog } from "@custra/db/testing";
import * as argon2 from "@node-rs/argon2";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { AppContext } from "../context.ts";
import { outcomeOf } from "../errors/error-outcomes.ts";
import { createDepartment, deleteDepartment, updateDepartment } from "../users/departments.service.ts";
import { ensureInitialAdmin } from "../users/initial-admin.service.ts";
import { createRole } from "../users/roles.service.ts";
import {
  addUser,
  changePassword,
  currentUser,
  deactivateUser,
  listUsers,
  updateUser,
} from "../users/users.service.ts";
import { actorFor } from "./actor.service.ts";
import { type Actor, LOCAL_OPERATOR } from "./actor.ts";
import { listAuditEntries, verifyAuditChain } from "./audit.service.ts";
import { applyFieldRights, maskAddress, maskBirthday, maskEmail, maskPhone } from "./masking.ts";
import { erasePersonalData, exportPersonalData } from "./personal-data.service.ts";
import { auditPersonalView } from "./personal-views.ts";
import {
  createApiToken,
  endSessions,
  LOCK_MS,
  listSessions,
  lookUpApiToken,
  lookUpSession,
  revokeApiToken,
  rotateSession,
  signedInActor,
  signIn,
  signOut,
} from "./sessions.service.ts";
import { shareCustomer, unshareCustomer } from "./shares.service.ts";

// The real argon2, watched: a sign-in for an unknown email must verify as long as one for a known one.
vi.mock("@node-rs/argon2", async (original) => {
  const real = await original<typeof import("@node-rs/argon2")>();
  return { ...real, verify: vi.fn(real.verify) };
});

const PASSWORD = "correct horse battery";
const TODAY = "2026-12-02";

/** What a failed call threw: its code, or the message of an error without one. */
async function failure(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    return (error as { code?: string }).code ?? String(error);
  }
  return "no error";
}

for (const engine of ENGINES) {
  describe(`access on ${engine}`, () => {
    let handle: DbHandle;
    const ids: Record<string, number> = {};
    const customers: Record<string, number> = {};
    const admin = (): AppContext => ({ handle, actor: LOCAL_OPERATOR });
    const actor = (name: string): Promise<Actor> => actorFor(handle, ids[name]!, { today: TODAY });
    const as = async (name: string): Promise<AppContext> => ({ handle, actor: await actor(name) });

    /** The codes of the customers `who` sees, and how many orders a count over them finds. */
    async function visible(who: Actor, access: "read" | "write" = "read") {
      // The set of customers in scope, and each row's owner (a lookup, and a list over a wide
      // scope): two ways to the same customers.
      const codesBy = async (options: Parameters<typeof visibleCustomer>[3]) =>
        (
          await handle.db
            .selectFrom("customers")
            .select("code")
            .where(visibleCustomer(who.scope, "customers.id", access, options))
            .orderBy("code")
            .execute()
        ).map((r) => r.code);
      const rows = await codesBy({});
      expect(await codesBy({ ownerColumn: "customers.owner" })).toEqual(rows);
      const orders = await handle.db
        .selectFrom("orders")
        .select((eb) => eb.fn.countAll().as("n"))
        .where(visibleCustomer(who.scope, "orders.customer_id", access))
        .executeTakeFirstOrThrow();
      return { codes: rows, orders: Number(orders.n) };
    }

    beforeAll(async () => {
      handle = await openTestDb(engine);
      const ctx = admin();
      // Sales ─┬─ East ── Hangzhou
      //        └─ North
      const sales = await createDepartment(ctx, { name: "Sales" });
      const east = await createDepartment(ctx, { name: "East", parentId: sales.id });
      const hangzhou = await createDepartment(ctx, { name: "Hangzhou", parentId: east.id });
      const north = await createDepartment(ctx, { name: "North", parentId: sales.id });
      ids.hangzhou = hangzhou.id;
      ids.east = east.id;
      await createRole(ctx, {
        code: "lead",
        names: { "zh-CN": "组长", en: "Team lead" },
        permissions: ["read", "edit"],
        dataScope: "own_and_subordinates",
        personalFields: { list: "hide", detail: "mask" },
      });
      await createRole(ctx, {
        code: "desk",
        names: { "zh-CN": "部门助理", en: "Desk" },
        permissions: ["read"],
        dataScope: "department",
        personalFields: { list: "hide", detail: "hide" },
      });
      const add = async (name: string, role: string, department: number | string, managerId?: number) => {
        const user = await addUser(ctx, {
          email: `${name}@example.com`,
          name,
          role,
          department,
          username: name,
          password: PASSWORD,
          ...(managerId === undefined ? {} : { managerId }),
        });
        ids[name] = user.id;
      };
      await add("boss", "admin", "Sales");
      await add("mgr", "manager", "East");
      await add("s1", "sales", hangzhou.id, undefined);
      await add("s2", "sales", north.id);
      await add("lead", "lead", "East");
      await add("s3", "sales", "East", ids.lead);
      await add("s4", "sales", "Hangzhou", ids.s3);
      await add("desk", "desk", "East");
      await add("ana", "analyst", "Sales");
      // C1 s1 (Hangzhou), C2 s2 (North), C3 mgr (East), C4 s3 (East, under lead), C5 s4 (Hangzhou, under s3).
      const owners = { C1: "s1", C2: "s2", C3: "mgr", C4: "s3", C5: "s4" };
      for (const [code, owner] of Object.entries(owners)) {
        const row = await handle.db
          .insertInto("customers")
          .values({
            code,
            name: `客户${code}`,
            owner,
            phone: "13812345678",
            email: "zhang.san@example.com",
            address: "浙江省杭州市西湖区文三路100号",
            birthday: "1990-05-12",
          })
          .returning("id")
          .executeTakeFirstOrThrow();
        customers[code] = Number(row.id);
        await handle.db
          .insertInto("orders")
          .values({
            customer_id: customers[code]!,
            external_id: `O-${code}`,
            order_date: "2026-01-05",
            amount: 100.5,
          })
          .execute();
      }
    }, 120_000);
    afterAll(async () => {
      await handle?.close();
    });

    describe("data scope", () => {
      it("own: a sales user sees their customers only, and counts only theirs", async () => {
        expect(await visible(await actor("s1"))).toEqual({ codes: ["C1"], orders: 1 });
        expect(await visible(await actor("s2"))).toEqual({ codes: ["C2"], orders: 1 });
      });

      it("own and subordinates: follows the reporting lines to any depth", async () => {
        expect(await visible(await actor("lead"))).toEqual({ codes: ["C4", "C5"], orders: 2 });
      });

      it("department: the users of the department itself, not of the ones below it", async () => {
        expect((await visible(await actor("desk"))).codes).toEqual(["C3", "C4"]);
      });

      it("department tree: the department and every one below it, not the sibling's", async () => {
        expect(await visible(await actor("mgr"))).toEqual({ codes: ["C1", "C3", "C4", "C5"], orders: 4 });
      });

      it("all: analysts and admins see every customer", async () => {
        expect((await visible(await actor("ana"))).codes).toEqual(["C1", "C2", "C3", "C4", "C5"]);
        expect((await actor("boss")).scope).toEqual({ kind: "all" });
      });

      it("follows a move: a user put in another department takes the new department's scope", async () => {
        await updateDepartment(admin(), { id: ids.hangzhou!, parentId: null });
        try {
          expect((await visible(await actor("mgr"))).codes).toEqual(["C3", "C4"]);
        } finally {
          await updateDepartment(admin(), { id: ids.hangzhou!, parentId: ids.east! });
        }
      });

      it("refuses a department moved under its own sub-department", async () => {
        expect(await failure(updateDepartment(admin(), { id: ids.east!, parentId: ids.hangzhou! }))).toBe(
          "ACCESS_CYCLE",
        );
      });

      it("gives the role's permissions, and refuses what the role lacks", async () => {
        const sales = await actor("s1");
        expect(await currentUser({ handle, actor: sales })).toMatchObject({
          username: "s1",
          email: "s1@example.com",
          role: "sales",
          departmentId: ids.hangzhou,
          permissions: ["create", "edit", "read"],
          personalFields: { list: "mask", detail: "show" },
          canSignIn: true,
        });
        expect(await failure(currentUser(admin()))).toBe("ACCESS_NOT_SIGNED_IN");
        expect([...sales.permissions].sort()).toEqual(["create", "edit", "read"]);
        expect(
          await failure(
            addUser(
              { handle, actor: sales },
              { email: "x@example.com", name: "x", role: "sales", password: PASSWORD },
            ),
          ),
        ).toBe("APP_FORBIDDEN");
        expect(outcomeOf("APP_FORBIDDEN").status).toBe(403);
      });
    });

    describe("refusals", () => {
      it("lets only roles with manageUsers change users, departments and roles", async () => {
        const mgr = await as("mgr");
        expect(await failure(listUsers(mgr))).toBe("APP_FORBIDDEN");
        expect(await failure(updateUser(mgr, { userId: ids.s1!, role: "admin" }))).toBe("APP_FORBIDDEN");
        expect(await failure(deactivateUser(mgr, { userId: ids.s1! }))).toBe("APP_FORBIDDEN");
        expect(await failure(createDepartment(mgr, { name: "Rogue" }))).toBe("APP_FORBIDDEN");
        expect(
          await failure(
            createRole(mgr, {
              code: "boss2",
              names: { "zh-CN": "老板", en: "Boss" },
              permissions: ["manageUsers"],
              dataScope: "all",
              personalFields: { list: "show", detail: "show" },
            }),
          ),
        ).toBe("APP_FORBIDDEN");
        expect(
          await failure(changePassword(mgr, { userId: ids.s1!, newPassword: "a new long password" })),
        ).toBe("APP_FORBIDDEN");
        expect((await actor("s1")).role).toBe("sales");
      });

      it("checks what it is given: permissions, roles, departments, managers", async () => {
        const ctx = admin();
        expect(
          await failure(
            createRole(ctx, {
              code: "odd",
              names: { "zh-CN": "怪", en: "Odd" },
              permissions: ["read", "fly"],
              dataScope: "own",
              personalFields: { list: "mask", detail: "mask" },
            }),
          ),
        ).toBe("APP_INVALID_INPUT");
        expect(await failure(updateUser(ctx, { userId: ids.s1!, role: "nope" }))).toBe(
          "ACCESS_UNKNOWN_REFERENCE",
        );
        expect(await failure(updateUser(ctx, { userId: ids.s1!, department: "Nowhere" }))).toBe(
          "ACCESS_UNKNOWN_REFERENCE",
        );
        // lead manages s3, who manages s4: lead cannot report to s4.
        expect(await failure(updateUser(ctx, { userId: ids.lead!, managerId: ids.s4! }))).toBe(
          "ACCESS_CYCLE",
        );
        expect(await failure(deleteDepartment(ctx, { id: ids.east! }))).toBe("ACCESS_DEPARTMENT_IN_USE");
        expect(await failure(updateUser(ctx, { userId: 999_999, name: "x" }))).toBe("APP_NOT_FOUND");
      });

      it("erases only customers in the eraser's scope (404 otherwise)", async () => {
        await createRole(admin(), {
          code: "dpo",
          names: { "zh-CN": "个人信息保护", en: "Data protection" },
          permissions: ["read", "erase"],
          dataScope: "own",
          personalFields: { list: "mask", detail: "show" },
        });
        await updateUser(admin(), { userId: ids.s2!, role: "dpo" });
        try {
          expect(
            await failure(erasePersonalData(await as("s2"), { customerId: customers.C3!, reason: "x" })),
          ).toBe("APP_NOT_FOUND");
          expect(await failure(exportPersonalData(await as("s2"), { customerId: customers.C3! }))).toBe(
            "APP_NOT_FOUND",
          );
          expect(
            await failure(erasePersonalData(await as("ana"), { customerId: customers.C3!, reason: "x" })),
          ).toBe("APP_FORBIDDEN");
        } finally {
          await updateUser(admin(), { userId: ids.s2!, role: "sales" });
        }
        expect(
          (
            await handle.db
              .selectFrom("customers")
              .select("name")
              .where("id", "=", customers.C3!)
              .executeTakeFirstOrThrow()
          ).name,
        ).toBe("客户C3");
      });
    });

    describe("sharing", () => {
      it("shows a shared customer until the share's last day, and not after", async () => {
        const ctx = await as("s2");
        const share = await shareCustomer(ctx, { customerId: customers.C2!, userId: ids.s1!, until: TODAY });
        expect((await visible(await actor("s1"))).codes).toEqual(["C1", "C2"]);
        const tomorrow = await actorFor(handle, ids.s1!, { today: "2026-12-03" });
        expect((await visible(tomorrow)).codes).toEqual(["C1"]);
        // Read-only: s1 sees C2 but may not change it, nor share it on.
        expect((await visible(await actor("s1"), "write")).codes).toEqual(["C1"]);
        expect(
          await failure(shareCustomer(await as("s1"), { customerId: customers.C2!, userId: ids.s4! })),
        ).toBe("APP_FORBIDDEN");
        await unshareCustomer(ctx, { customerId: customers.C2!, shareId: share.id });
        expect((await visible(await actor("s1"))).codes).toEqual(["C1"]);
      });

      it("shares read-write with a department: its users see and may change the customer", async () => {
        const ctx = await as("s2");
        const share = await shareCustomer(ctx, {
          customerId: customers.C2!,
          departmentId: ids.hangzhou!,
          access: "write",
        });
        expect((await visible(await actor("s1"), "write")).codes).toEqual(["C1", "C2"]);
        expect((await visible(await actor("s4"))).codes).toEqual(["C2", "C5"]);
        expect((await visible(await actor("lead"))).codes).toEqual(["C4", "C5"]);
        await unshareCustomer(ctx, { customerId: customers.C2!, shareId: share.id });
      });

      it("does not find a customer out of scope: 404, never 403", async () => {
        expect(
          await failure(shareCustomer(await as("s1"), { customerId: customers.C2!, userId: ids.s4! })),
        ).toBe("APP_NOT_FOUND");
        expect(await failure(shareCustomer(await as("s1"), { customerId: 999_999, userId: ids.s4! }))).toBe(
          "APP_NOT_FOUND",
        );
      });
    });

    describe("personal fields", () => {
      const row = {
        code: "C1",
        phone: "13812345678",
        email: "zhang.san@example.com",
        address: "浙江省杭州市西湖区文三路100号",
        birthday: "1990-05-12",
      };

      it("masks as 138****5678, z***@example.com, the city, the year", () => {
        expect(maskPhone("13812345678")).toBe("138****5678");
        expect(maskEmail("zhang.san@example.com")).toBe("z***@example.com");
        expect(maskAddress("浙江省杭州市西湖区文三路100号")).toBe("浙江省杭州市****");
        expect(maskBirthday("1990-05-12")).toBe("1990-**-**");
      });

      it("applies each role's rights, separately in lists and details", async () => {
        const masked = {
          code: "C1",
          phone: "138****5678",
          email: "z***@example.com",
          address: "浙江省杭州市****",
          birthday: "1990-**-**",
        };
        const hidden = { code: "C1", phone: null, email: null, address: null, birthday: null };
        const analyst = await actor("ana");
        expect(applyFieldRights(analyst, "list", row)).toEqual(masked);
        expect(applyFieldRights(analyst, "detail", row)).toEqual(masked);
        const sales = await actor("s1");
        expect(applyFieldRights(sales, "list", row)).toEqual(masked);
        expect(applyFieldRights(sales, "detail", row)).toEqual(row);
        const lead = await actor("lead");
        expect(applyFieldRights(lead, "list", row)).toEqual(hidden);
        expect(applyFieldRights(lead, "detail", row)).toEqual(masked);
        expect(applyFieldRights(await actor("boss"), "list", row)).toEqual(row);
        expect(row.phone).toBe("13812345678");
      });
    });

    describe("sign-in", () => {
      it("locks an account after five failures in a row, even for the right password, until the lock ends", async () => {
        const ctx = { handle };
        const now = new Date("2026-12-02T01:00:00Z");
        for (let i = 1; i <= 4; i++)
          expect(
            await failure(signIn(ctx, { email: "s2@example.com", password: "wrong password" }, { now })),
          ).toBe("ACCESS_BAD_CREDENTIALS");
        expect(
          await failure(signIn(ctx, { email: "s2@example.com", password: "wrong password" }, { now })),
        ).toBe("ACCESS_LOCKED");
        expect(await failure(signIn(ctx, { email: "S2@example.com", password: PASSWORD }, { now }))).toBe(
          "ACCESS_LOCKED",
        );
        expect(outcomeOf("ACCESS_LOCKED").status).toBe(423);
        const later = new Date(now.getTime() + LOCK_MS + 1000);
        const session = await signIn(ctx, { email: "S2@example.com", password: PASSWORD }, { now: later });
        expect(session.userId).toBe(ids.s2);
        const user = await handle.db
          .selectFrom("users")
          .select(["failed_logins", "locked_until"])
          .where("id", "=", ids.s2!)
          .executeTakeFirstOrThrow();
        expect(user).toEqual({ failed_logins: 0, locked_until: null });
      });

      it("answers an unknown email as a wrong password (401), and audits both", async () => {
        expect(await failure(signIn({ handle }, { email: "nobody@example.com", password: PASSWORD }))).toBe(
          "ACCESS_BAD_CREDENTIALS",
        );
        expect(outcomeOf("ACCESS_BAD_CREDENTIALS").status).toBe(401);
        const entries = await listAuditEntries(admin(), { action: "session.login_failed" });
        expect(entries.some((e) => e.details?.email === "nobody@example.com")).toBe(true);
        expect(entries.some((e) => e.entityId === String(ids.s2) && e.details?.locked === true)).toBe(true);
      });

      it("spends a password verification on an unknown email, so that timing does not tell", async () => {
        const verify = vi.mocked(argon2.verify);
        verify.mockClear();
        await failure(
          signIn({ handle }, { email: "nobody-at-all@example.com", password: "not the password" }),
        );
        expect(verify).toHaveBeenCalledTimes(1);
        verify.mockClear();
        await failure(signIn({ handle }, { email: "ana@example.com", password: "not the password" }));
        expect(verify).toHaveBeenCalledTimes(1);
        await handle.db.updateTable("users").set({ failed_logins: 0 }).where("id", "=", ids.ana!).execute();
      });

      it("creates a first admin with a one-time password only while no admin can sign in", async () => {
        expect(await ensureInitialAdmin({ handle })).toBeNull();
        const empty = await openTestDb(engine);
        try {
          const first = await ensureInitialAdmin({ handle: empty });
          expect(first?.email).toBe("admin@localhost");
          expect(first!.password.length).toBeGreaterThanOrEqual(20);
          const session = await signIn(
            { handle: empty },
            { email: "admin@localhost", password: first!.password },
          );
          expect((await actorFor(empty, session.userId, { today: TODAY })).scope).toEqual({ kind: "all" });
          expect(await ensureInitialAdmin({ handle: empty })).toBeNull();
        } finally {
          await empty.close();
        }
      });

      it("stores an argon2id hash, never the password", async () => {
        const row = await handle.db
          .selectFrom("users")
          .select("password_hash")
          .where("id", "=", ids.s1!)
          .executeTakeFirstOrThrow();
        expect(row.password_hash).toMatch(/^\$argon2id\$/);
        expect(row.password_hash).not.toContain(PASSWORD);
      });
    });

    describe("sessions", () => {
      it("rotates the id at sign-in and on demand, and ends at sign-out", async () => {
        const ctx = { handle };
        const first = await signIn(
          ctx,
          { email: "s1@example.com", password: PASSWORD },
          { client: { ip: "203.0.113.7", userAgent: "test" } },
        );
        expect(await lookUpSession(ctx, { sessionId: first.sessionId })).toMatchObject({ userId: ids.s1 });
        expect((await signedInActor(ctx, { sessionId: first.sessionId }, { today: TODAY })).role).toBe(
          "sales",
        );
        const [login] = await listAuditEntries(admin(), {
          action: "session.login",
          entityId: String(ids.s1),
        });
        expect(login?.details).toEqual({ client: { ip: "203.0.113.7", userAgent: "test" } });
        const second = await signIn(ctx, {
          email: "s1@example.com",
          password: PASSWORD,
          previousSessionId: first.sessionId,
        });
        expect(second.sessionId).not.toBe(first.sessionId);
        expect(await failure(lookUpSession(ctx, { sessionId: first.sessionId }))).toBe(
          "ACCESS_NOT_SIGNED_IN",
        );
        const third = await rotateSession(ctx, { sessionId: second.sessionId });
        expect(await failure(lookUpSession(ctx, { sessionId: second.sessionId }))).toBe(
          "ACCESS_NOT_SIGNED_IN",
        );
        expect(await lookUpSession(ctx, { sessionId: third.sessionId })).toMatchObject({ userId: ids.s1 });
        const stored = await handle.db.selectFrom("sessions").select("id_hash").execute();
        expect(stored.map((s) => s.id_hash)).not.toContain(third.sessionId);
        await signOut(ctx, { sessionId: third.sessionId });
        expect(await failure(lookUpSession(ctx, { sessionId: third.sessionId }))).toBe(
          "ACCESS_NOT_SIGNED_IN",
        );
      });

      it("lists a user's live sessions without their secrets, and ends them all", async () => {
        const a = await signIn({ handle }, { email: "s3@example.com", password: PASSWORD });
        const b = await signIn({ handle }, { email: "s3@example.com", password: PASSWORD });
        const ctx = await as("s3");
        const listed = await listSessions(ctx);
        expect(listed).toHaveLength(2);
        expect(JSON.stringify(listed)).not.toContain(a.sessionId);
        expect(await failure(listSessions(ctx, { userId: ids.s1! }))).toBe("APP_FORBIDDEN");
        expect(await endSessions(ctx)).toBe(2);
        expect(await failure(lookUpSession({ handle }, { sessionId: b.sessionId }))).toBe(
          "ACCESS_NOT_SIGNED_IN",
        );
        expect(await listSessions(admin(), { userId: ids.s3! })).toEqual([]);
      });

      it("ends the other sessions when the password changes, and signs in with the new one only", async () => {
        const old = await signIn({ handle }, { email: "s4@example.com", password: PASSWORD });
        const ctx = await as("s4");
        expect(
          await failure(
            changePassword(ctx, { currentPassword: "wrong one!!", newPassword: "a new long password" }),
          ),
        ).toBe("ACCESS_BAD_CREDENTIALS");
        expect(await failure(changePassword(ctx, { currentPassword: PASSWORD, newPassword: "short" }))).toBe(
          "ACCESS_WEAK_PASSWORD",
        );
        await changePassword(ctx, { currentPassword: PASSWORD, newPassword: "a new long password" });
        expect(await failure(lookUpSession({ handle }, { sessionId: old.sessionId }))).toBe(
          "ACCESS_NOT_SIGNED_IN",
        );
        expect(await failure(signIn({ handle }, { email: "s4@example.com", password: PASSWORD }))).toBe(
          "ACCESS_BAD_CREDENTIALS",
        );
        await signIn({ handle }, { email: "s4@example.com", password: "a new long password" });
        await changePassword(admin(), { userId: ids.s4!, newPassword: PASSWORD });
      });

      it("expires, and stops at once when the user is deactivated", async () => {
        const ctx = { handle };
        const session = await signIn(ctx, { email: "desk@example.com", password: PASSWORD });
        // Live now (and so kept by the read cache on DuckDB), expired a millisecond after its end.
        expect((await lookUpSession(ctx, { sessionId: session.sessionId })).userId).toBe(ids.desk);
        expect(
          await failure(
            lookUpSession(
              ctx,
              { sessionId: session.sessionId },
              { now: new Date(Date.parse(session.expiresAt) + 1) },
            ),
          ),
        ).toBe("ACCESS_NOT_SIGNED_IN");
        await deactivateUser(admin(), { userId: ids.desk! });
        expect(await failure(lookUpSession(ctx, { sessionId: session.sessionId }))).toBe(
          "ACCESS_NOT_SIGNED_IN",
        );
        expect(await failure(actorFor(handle, ids.desk!))).toBe("ACCESS_NOT_SIGNED_IN");
        expect(await failure(signIn(ctx, { email: "desk@example.com", password: PASSWORD }))).toBe(
          "ACCESS_ACCOUNT_DISABLED",
        );
      });
    });

    describe("API tokens", () => {
      it("shows a token once, finds its user by it, and stops it when revoked", async () => {
        const ctx = await as("s1");
        const created = await createApiToken(ctx, { name: "BI" });
        expect(created.token).toMatch(/^custra_/);
        const viaToken = await signedInActor({ handle }, { token: created.token }, { today: TODAY });
        expect(await visible(viaToken)).toEqual(await visible(ctx.actor));
        expect(viaToken.username).toBe("s1");
        expect(await lookUpApiToken({ handle }, { token: created.token })).toEqual({
          userId: ids.s1,
          tokenId: created.id,
        });
        const stored = await handle.db.selectFrom("api_tokens").select("token_hash").execute();
        expect(stored.map((s) => s.token_hash)).not.toContain(created.token);
        // Another user's token is not theirs to see or revoke.
        expect(await failure(revokeApiToken(await as("s2"), { id: created.id }))).toBe("APP_NOT_FOUND");
        expect(await failure(createApiToken(ctx, { name: "x", userId: ids.s2! }))).toBe("APP_FORBIDDEN");
        await revokeApiToken(ctx, { id: created.id });
        expect(await failure(lookUpApiToken({ handle }, { token: created.token }))).toBe(
          "ACCESS_NOT_SIGNED_IN",
        );
        expect(await failure(lookUpApiToken({ handle }, { token: "custra_made_up" }))).toBe(
          "ACCESS_NOT_SIGNED_IN",
        );
      });
    });

    describe("audit", () => {
      it("records changes field by field, and only admins read it", async () => {
        await updateUser(admin(), { userId: ids.s4!, name: "Si Four", locale: "en" });
        const [entry] = await listAuditEntries(admin(), { action: "user.update", entityId: String(ids.s4) });
        expect(entry?.changes).toEqual({
          display_name: { before: "s4", after: "Si Four" },
          locale: { before: null, after: "en" },
        });
        expect(entry?.actorName).toBe("local");
        expect(await failure(listAuditEntries(await as("mgr")))).toBe("APP_FORBIDDEN");
      });

      it("records views of unmasked personal data, not masked ones", async () => {
        expect(await auditPersonalView(await as("ana"), "detail", [customers.C1!], "customer.show")).toBe(
          false,
        );
        expect(await auditPersonalView(await as("s1"), "list", [customers.C1!], "customers.list")).toBe(
          false,
        );
        expect(await auditPersonalView(await as("s1"), "detail", [customers.C1!], "customer.show")).toBe(
          true,
        );
        const [entry] = await listAuditEntries(admin(), { action: "customer.view_personal" });
        expect(entry).toMatchObject({
          actorId: ids.s1,
          actorName: "s1",
          entityId: String(customers.C1),
          details: { view: "detail", purpose: "customer.show", customerIds: [customers.C1] },
        });
      });

      it("verifies the chain, and finds an edited and a removed entry", async () => {
        const report = await verifyAuditChain(admin());
        expect(report.ok).toBe(true);
        expect(report.entries).toBeGreaterThan(20);
        const [victim] = await listAuditEntries(admin(), { action: "user.update" });
        await tamperWithAuditLog(
          handle,
          `UPDATE audit_log SET changes = '{"display_name":{"after":"x","before":"s4"}}' WHERE id = ${victim!.id}`,
        );
        expect(await verifyAuditChain(admin())).toMatchObject({
          ok: false,
          problem: { kind: "edited", id: victim!.id },
        });
        const original = await handle.db
          .selectFrom("audit_log")
          .selectAll()
          .where("id", "=", 3)
          .executeTakeFirstOrThrow();
        await tamperWithAuditLog(handle, "DELETE FROM audit_log WHERE id = 3");
        expect(await verifyAuditChain(admin())).toMatchObject({
          ok: false,
          problem: { kind: "missing", id: 3 },
        });
        // Put back as it was, the entry verifies again up to the edited one.
        await handle.db.insertInto("audit_log").values(original).execute();
        expect(await verifyAuditChain(admin())).toMatchObject({
          problem: { kind: "edited", id: victim!.id },
        });
      });
    });

    describe("personal data", () => {
      it("exports everything on one customer, and erases identity but keeps totals, scores and grades", async () => {
        const c1 = customers.C1!;
        await handle.db
          .insertInto("contacts")
          .values({ customer_id: c1, external_id: "K1", name: "李四", phone: "13900000000" })
          .execute();
        await handle.db
          .insertInto("orders")
          .values({ customer_id: c1, external_id: "O-C1b", order_date: "2026-02-05", amount: 49.5 })
          .execute();
        await handle.db
          .insertInto("customer_scores")
          .values({ run_id: 1, customer_id: c1, orders: 2, revenue: 150, revenue_12m: 150, margin: 10 })
          .execute();
        await handle.db
          .insertInto("customer_grades")
          .values({ grade_run_id: 1, customer_id: c1, grade: "A", score_grade: "A", pinned: false })
          .execute();
        const total = async () =>
          Number(
            (
              await handle.db
                .selectFrom("orders")
                .select((eb) => eb.fn.sum<number>("amount").as("s"))
                .executeTakeFirstOrThrow()
            ).s,
          );
        const before = await total();
        expect(before).toBeCloseTo(552, 2);

        expect(await failure(exportPersonalData(await as("s1"), { customerId: c1 }))).toBe("APP_FORBIDDEN");
        const exported = await exportPersonalData(admin(), { customerId: c1 });
        expect(exported.customer).toMatchObject({ code: "C1", phone: "13812345678" });
        expect(exported.tables.orders.map((o) => o.external_id).sort()).toEqual(["O-C1", "O-C1b"]);
        expect(exported.tables.contacts).toHaveLength(1);
        expect(exported.tables.customer_grades).toHaveLength(1);

        expect(await erasePersonalData(admin(), { customerId: c1, reason: "request 2026-12-01" })).toEqual({
          customerId: c1,
          erased: true,
          contactsRemoved: 1,
        });
        const erased = await handle.db
          .selectFrom("customers")
          .selectAll()
          .where("id", "=", c1)
          .executeTakeFirstOrThrow();
        expect(erased).toMatchObject({
          code: `erased-${c1}`,
          name: null,
          phone: null,
          email: null,
          address: null,
          birthday: null,
          owner: "s1",
        });
        expect(
          await handle.db.selectFrom("contacts").select("id").where("customer_id", "=", c1).execute(),
        ).toEqual([]);
        expect(await total()).toBeCloseTo(before, 2);
        expect(
          await handle.db
            .selectFrom("customer_scores")
            .select("revenue")
            .where("customer_id", "=", c1)
            .execute(),
        ).toEqual([{ revenue: 150 }]);
        expect(
          await handle.db
            .selectFrom("customer_grades")
            .select("grade")
            .where("customer_id", "=", c1)
            .execute(),
        ).toEqual([{ grade: "A" }]);
        const [entry] = await listAuditEntries(admin(), { action: "customer.erase" });
        expect(entry).toMatchObject({ entityId: String(c1) });
        expect(JSON.stringify(entry)).not.toContain("13812345678");
        expect(await erasePersonalData(admin(), { customerId: c1, reason: "again" })).toMatchObject({
          erased: false,
        });
      });
    });
  });
}
