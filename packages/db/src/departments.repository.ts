/** The department tree: each department names its parent (null at the top). */
import type { Kysely, Selectable } from "kysely";
import type { Database, DepartmentsTable } from "./schema.ts";

export type DepartmentRow = Selectable<DepartmentsTable>;

export async function listDepartments(db: Kysely<Database>): Promise<DepartmentRow[]> {
  return db.selectFrom("departments").selectAll().orderBy("id").execute();
}

export async function findDepartment(db: Kysely<Database>, id: number): Promise<DepartmentRow | undefined> {
  return db.selectFrom("departments").selectAll().where("id", "=", id).executeTakeFirst();
}

export async function insertDepartment(
  db: Kysely<Database>,
  department: { name: string; parent_id: number | null },
): Promise<number> {
  const row = await db.insertInto("departments").values(department).returning("id").executeTakeFirstOrThrow();
  return Number(row.id);
}

export async function updateDepartment(
  db: Kysely<Database>,
  id: number,
  changes: { name?: string; parent_id?: number | null },
): Promise<void> {
  await db
    .updateTable("departments")
    .set({ ...changes, updated_at: new Date() })
    .where("id", "=", id)
    .execute();
}

export async function deleteDepartment(db: Kysely<Database>, id: number): Promise<void> {
  await db.deleteFrom("departments").where("id", "=", id).execute();
}

/** `id` and every department below it, at any depth (a cycle ends: UNION drops rows seen before). */
export async function departmentSubtree(db: Kysely<Database>, id: number): Promise<number[]> {
  const rows = await db
    .withRecursive("tree(id)", (qb) =>
      qb
        .selectFrom("departments")
        .select("id")
        .where("id", "=", id)
        .union((qb2) =>
          qb2
            .selectFrom("departments")
            .innerJoin("tree", "tree.id", "departments.parent_id")
            .select("departments.id"),
        ),
    )
    .selectFrom("tree")
    .select("id")
    .orderBy("id")
    .execute();
  return rows.map((row) => Number(row.id));
}
