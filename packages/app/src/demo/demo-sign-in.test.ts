import type { DbHandle } from "@custra/db";
import { ENGINES, openTestDb } from "@custra/db/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOCAL_OPERATOR } from "../access/actor.ts";
import { signedInActor, signIn } from "../access/sessions.service.ts";
import { contextOf, READER } from "../testing/customers.fixture.ts";
import { createDemoCompany } from "./demo.service.ts";
import { DEMO_PASSWORD, openDemoSignIn } from "./demo-sign-in.service.ts";

for (const engine of ENGINES) {
  describe(`signing in to the demo company on ${engine}`, () => {
    let handle: DbHandle;
    beforeAll(async () => {
      handle = await openTestDb(engine);
      await createDemoCompany(
        { handle, actor: LOCAL_OPERATOR },
        { customers: 600, seed: 5, asOf: "2026-06-30" },
      );
    });
    afterAll(async () => {
      await handle?.close();
    });

    const actorOf = async (email: string) => {
      const session = await signIn({ handle }, { email, password: DEMO_PASSWORD });
      return signedInActor({ handle }, { sessionId: session.sessionId });
    };
    const owned = async (usernames: readonly string[]) =>
      Number(
        (
          await handle.db
            .selectFrom("customers")
            .select((eb) => eb.fn.countAll().as("n"))
            .where("owner", "in", usernames.length > 0 ? [...usernames] : [""])
            .executeTakeFirstOrThrow()
        ).n,
      );

    it("needs the right to manage users", async () => {
      await expect(openDemoSignIn(contextOf(handle, READER))).rejects.toMatchObject({
        code: "APP_FORBIDDEN",
      });
    });

    it("lets each ready-made role sign in, sales seeing its own book and a manager his team's", async () => {
      const opened = await openDemoSignIn({ handle, actor: LOCAL_OPERATOR });
      expect(opened.users).toBeGreaterThan(4);
      expect(opened.examples.map((example) => example.role)).toEqual([
        "admin",
        "manager",
        "sales",
        "analyst",
      ]);
      const byRole = Object.fromEntries(opened.examples.map((example) => [example.role, example.email]));

      const admin = await actorOf(byRole.admin!);
      expect(admin.scope.kind).toBe("all");

      const sales = await actorOf(byRole.sales!);
      expect(sales.scope).toMatchObject({ kind: "limited", owners: [sales.username] });

      const manager = await actorOf(byRole.manager!);
      expect(manager.scope.kind).toBe("limited");
      const managerOwners = manager.scope.kind === "limited" ? manager.scope.owners : [];
      // The team's reps are under the manager; customers of other teams are not.
      const team = await handle.db
        .selectFrom("users")
        .select("username")
        .where("manager_id", "=", manager.userId!)
        .execute();
      expect(team.length).toBeGreaterThan(0);
      for (const { username } of team) expect(managerOwners).toContain(username);
      const total = await owned(
        (await handle.db.selectFrom("users").select("username").execute()).map((u) => u.username),
      );
      expect(await owned(managerOwners)).toBeGreaterThan(0);
      expect(await owned(managerOwners)).toBeLessThan(total);

      const analyst = await actorOf(byRole.analyst!);
      expect(analyst.personalFields).toEqual({ list: "mask", detail: "mask" });
    });

    it("does nothing the second time", async () => {
      expect((await openDemoSignIn({ handle, actor: LOCAL_OPERATOR })).users).toBe(0);
    });
  });
}
