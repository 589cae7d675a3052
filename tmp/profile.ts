import { actorFor, listCustomers, showCustomer, openDemoSignIn, LOCAL_OPERATOR } from "@custra/app";
import { openDb, resolveLocation } from "@custra/db";
import { sql } from "kysely";

const handle = await openDb(resolveLocation(process.argv[2] ?? "/tmp/custra-bench-api.duckdb"));
const { examples } = await openDemoSignIn({ handle, actor: LOCAL_OPERATOR });
const time = async <T>(label: string, fn: () => Promise<T>, n = 5): Promise<T> => {
  let r: T; const ms: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); r = await fn(); ms.push(performance.now() - t); }
  console.log(label, ms.map((m) => m.toFixed(1)).join(" "));
  return r!;
};
for (const role of ["sales", "manager"]) {
  const email = examples.find((e) => e.role === role)!.email;
  const user = await handle.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
  const actor = await time(`${role} actorFor`, () => actorFor(handle, Number(user.id)));
  const ctx = { handle, actor };
  const page = await time(`${role} list`, () => listCustomers(ctx, { valueTier: ["high"], sort: "revenue", order: "desc", limit: 50 }));
  console.log(role, "total", page.total, "owners", actor.scope.kind === "limited" ? actor.scope.owners.length : "all");
  const code = page.items[0]!.code;
  await time(`${role} 360`, () => showCustomer(ctx, { code, locale: "zh-CN" }), 3);
}
await handle.close();
