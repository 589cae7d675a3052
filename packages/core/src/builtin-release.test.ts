import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BUILTIN_DEFINITIONS_RELEASE } from "./builtin-release.ts";
import { BUILTIN_SCHEMES } from "./grading/builtin.ts";
import { BUILTIN_PLAYBOOKS } from "./strategy/builtin.ts";

/** Keys sorted: PostgreSQL's JSONB does not keep their order, and the content is what counts. */
function canonical(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([x], [y]) => (x < y ? -1 : 1)))
      : v,
  );
}

describe("the ready-made definitions' release", () => {
  it("is raised whenever a ready-made scheme or playbook changes", () => {
    const content = createHash("sha256")
      .update(canonical({ schemes: BUILTIN_SCHEMES, playbooks: BUILTIN_PLAYBOOKS }))
      .digest("hex")
      .slice(0, 16);
    // A changed definition with the same release would never reach existing databases: raise
    // BUILTIN_DEFINITIONS_RELEASE and write the new release and hash here.
    expect({ release: BUILTIN_DEFINITIONS_RELEASE, content }).toEqual({
      release: 1,
      content: "2ba57d99c331100e",
    });
  });
});
