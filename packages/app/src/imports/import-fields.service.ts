/**
 * What can be imported, field by field (core/entities.ts, the one description of the data custra
 * takes in): for an import wizard's column mapping, which offers each entity's fields to map a
 * file's columns to. Field names are codes; the reader's labels for them are the client's.
 */
import { ENTITIES, type EntityName, type FieldKind, LOAD_ORDER } from "@custra/core";
import type { Actor } from "../access/actor.ts";
import { requirePermission } from "../access/permissions.ts";
import type { AppContext } from "../context.ts";

export interface ImportableField {
  readonly name: string;
  readonly kind: FieldKind;
  /** A file must fill it (a column, or a default). */
  readonly required: boolean;
  /** An enum's stored values. */
  readonly values?: readonly string[];
}

export interface ImportableEntity {
  readonly name: EntityName;
  /** The field that identifies a row across imports. */
  readonly key: string;
  /** Without a key column, the key is derived from the row (a plain transaction log). */
  readonly derivesKey: boolean;
  /** Unknown columns are kept in this field (a customer's free attributes) instead of ignored. */
  readonly extraField: string | null;
  readonly fields: readonly ImportableField[];
}

/** Users are importable with `manageUsers` too: a users file sets roles (import.service.ts). */
function mayImport(actor: Actor, entity: EntityName): boolean {
  return entity !== "users" || actor.permissions.has("manageUsers");
}

/** The entities the actor may import, in the order they can be loaded, with their fields. Needs `import`. */
export function importableEntities(ctx: AppContext): ImportableEntity[] {
  requirePermission(ctx.actor, "import");
  return LOAD_ORDER.filter((name) => mayImport(ctx.actor, name)).map((name) => {
    const spec = ENTITIES[name];
    return {
      name,
      key: spec.key,
      derivesKey: spec.deriveKeyFrom !== undefined,
      extraField: spec.extraField ?? null,
      fields: spec.fields.map((field) => ({
        name: field.name,
        kind: field.kind,
        // The key of an entity that derives it is not required (headers.ts, matchHeaders).
        required: field.required === true && !(field.name === spec.key && spec.deriveKeyFrom !== undefined),
        ...(field.values ? { values: Object.keys(field.values) } : {}),
      })),
    };
  });
}
