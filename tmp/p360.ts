import { actorFor, openDemoSignIn, LOCAL_OPERATOR } from "@custra/app";
import { forReading, openDb, resolveLocation } from "@custra/db";
import { customerGrades, customerProfile, listTasks, loadRecommendationModel } from "@custra/engine";
const handle = await openDb(resolveLocation("/tmp/custra-bench-api.duckdb"));
const { examples } = await openDemoSignIn({ handle, actor: LOCAL_OPERATOR });
const email = examples.find((e) => e.role === "sales")!.email;
const user = await handle.db.selectFrom("users").select("id").where("email", "=", email).executeTakeFirstOrThrow();
const actor = await actorFor(handle, Number(user.id));
const time = async <T>(label: string, fn: () => Promise<T>, n = 3): Promise<T> => {
  let r: T; const ms: number[] = [];
  for (let i = 0; i < n; i++) { const t = performance.now(); r = await fn(); ms.push(performance.now() - t); }
  console.log(label.padEnd(20), ms.map((m) => m.toFixed(1)).join(" "));
  return r!;
};
const reader = forReading(handle);
const c = await handle.db.selectFrom("customers").select(["id","code"]).where("owner", "=", actor.username).limit(1).executeTakeFirstOrThrow();
const profile = await time("profile", () => customerProfile(reader, c.code, { scope: actor.scope }));
await time("profile all", () => customerProfile(reader, c.code, {}));
await time("grades", () => customerGrades(reader, Number(c.id), "zh-CN"));
await time("tasks", () => listTasks(reader, { customerCode: c.code }));
await time("model", () => loadRecommendationModel(handle, { focus: [Number(c.id)] }), 2);
await handle.close();
