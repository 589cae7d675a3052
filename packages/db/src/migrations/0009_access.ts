import type { Migration } from "./migration.ts";

/*
 * Users who sign in, and what each may see and do (DESIGN.md §8).
 *
 * - departments form a tree (parent_id); users belong to one and have a manager (reporting lines).
 * - roles name their actions (a JSON array of permission codes, as text), their data scope and
 *   their rights on personal fields in lists and in the detail view. The ready-made four are
 *   seeded here, not on a request path, so concurrent first requests never race to create them.
 * - users keep the columns the CSV import fills (username, display_name, email, team, role: the
 *   role's code); the new ones are nullable, so imported users are inserted as before and simply
 *   cannot sign in until they have a password. No added column has a default: DuckDB 1.5 fails
 *   to commit an ADD COLUMN with a default followed by another on a table holding rows ("another
 *   transaction has altered this table"), and cannot replay such an ALTER from its WAL. So a user
 *   is active until deactivated_at is set, and a null failed_logins counts as none.
 * - sessions and api_tokens keep only the SHA-256 of their secret: a copy of the database signs
 *   no one in.
 * - customer_shares is customer-owned: it keys on (customer_id, id) like every such table, so it
 *   can live on the customer's shard (DESIGN.md §3).
 * - audit_log is append-only and chained: each row carries the hash of the one before it
 *   (audit.repository.ts). audit_head holds the chain's last id and hash in one row; updating it
 *   first in the appending transaction serialises appends (PostgreSQL's row lock; DuckDB has one
 *   writer connection), so two appends never take the same predecessor. Values are stored as the
 *   exact text that was hashed, so neither engine's JSON normalisation can break a verification.
 *   On PostgreSQL a trigger refuses UPDATE, DELETE and TRUNCATE of it (EngineDialect.appendOnlySql).
 * - customer_erasures records the customers anonymised on a personal-data request (their rows
 *   stay, without identity, so that aggregates stay right).
 */

const ROLES: readonly {
  code: string;
  zh: string;
  en: string;
  permissions: readonly string[];
  scope: string;
  list: string;
  detail: string;
}[] = [
  {
    code: "admin",
    zh: "管理员",
    en: "Administrator",
    permissions: [
      "read",
      "create",
      "edit",
      "delete",
      "export",
      "import",
      "reassign",
      "analyze",
      "editSchemes",
      "manageUsers",
      "viewAudit",
      "erase",
    ],
    scope: "all",
    list: "show",
    detail: "show",
  },
  {
    code: "manager",
    zh: "销售经理",
    en: "Manager",
    permissions: ["read", "create", "edit", "export", "import", "reassign", "analyze"],
    scope: "department_tree",
    list: "mask",
    detail: "show",
  },
  {
    code: "sales",
    zh: "销售",
    en: "Sales",
    permissions: ["read", "create", "edit"],
    scope: "own",
    list: "mask",
    detail: "show",
  },
  {
    code: "analyst",
    zh: "分析师",
    en: "Analyst",
    permissions: ["read", "export", "analyze", "editSchemes"],
    scope: "all",
    list: "mask",
    detail: "mask",
  },
];

const quote = (value: string) => `'${value.replaceAll("'", "''")}'`;

export const access: Migration = {
  version: "0009_access",
  statements({ sqlTypes: ty, analyticIndexes, appendOnlySql }) {
    const created = [
      `created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP`,
      `updated_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP`,
    ];
    return [
      "CREATE SEQUENCE departments_id_seq",
      `CREATE TABLE departments (
        id ${ty.bigint} NOT NULL DEFAULT nextval('departments_id_seq') PRIMARY KEY,
        name ${ty.text} NOT NULL,
        parent_id ${ty.bigint},
        ${created.join(",\n        ")}
      )`,
      `CREATE TABLE roles (
        code ${ty.text} NOT NULL PRIMARY KEY,
        name_zh ${ty.text} NOT NULL,
        name_en ${ty.text} NOT NULL,
        permissions ${ty.text} NOT NULL,
        data_scope ${ty.text} NOT NULL,
        list_fields ${ty.text} NOT NULL,
        detail_fields ${ty.text} NOT NULL,
        builtin ${ty.boolean} NOT NULL DEFAULT FALSE,
        ${created.join(",\n        ")}
      )`,
      ...ROLES.map(
        (role) =>
          `INSERT INTO roles (code, name_zh, name_en, permissions, data_scope, list_fields, detail_fields, builtin)
        VALUES (${[
          role.code,
          role.zh,
          role.en,
          JSON.stringify(role.permissions),
          role.scope,
          role.list,
          role.detail,
        ]
          .map(quote)
          .join(", ")}, TRUE)`,
      ),
      `ALTER TABLE users ADD COLUMN department_id ${ty.bigint}`,
      `ALTER TABLE users ADD COLUMN manager_id ${ty.bigint}`,
      `ALTER TABLE users ADD COLUMN password_hash ${ty.text}`,
      `ALTER TABLE users ADD COLUMN deactivated_at ${ty.timestamp}`,
      `ALTER TABLE users ADD COLUMN failed_logins ${ty.integer}`,
      `ALTER TABLE users ADD COLUMN locked_until ${ty.timestamp}`,
      `ALTER TABLE users ADD COLUMN locale ${ty.text}`,
      `ALTER TABLE users ADD COLUMN password_changed_at ${ty.timestamp}`,
      `CREATE TABLE customer_erasures (
        customer_id ${ty.bigint} NOT NULL PRIMARY KEY,
        erased_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        erased_by ${ty.text}
      )`,
      `CREATE TABLE sessions (
        id_hash ${ty.text} NOT NULL PRIMARY KEY,
        user_id ${ty.bigint} NOT NULL,
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        last_seen_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        expires_at ${ty.timestamp} NOT NULL,
        revoked_at ${ty.timestamp}
      )`,
      "CREATE SEQUENCE api_tokens_id_seq",
      `CREATE TABLE api_tokens (
        id ${ty.bigint} NOT NULL DEFAULT nextval('api_tokens_id_seq') PRIMARY KEY,
        user_id ${ty.bigint} NOT NULL,
        name ${ty.text} NOT NULL,
        token_hash ${ty.text} NOT NULL UNIQUE,
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        expires_at ${ty.timestamp},
        last_used_at ${ty.timestamp},
        revoked_at ${ty.timestamp}
      )`,
      "CREATE SEQUENCE customer_shares_id_seq",
      `CREATE TABLE customer_shares (
        customer_id ${ty.bigint} NOT NULL,
        id ${ty.bigint} NOT NULL DEFAULT nextval('customer_shares_id_seq'),
        user_id ${ty.bigint},
        department_id ${ty.bigint},
        access ${ty.text} NOT NULL,
        until ${ty.date},
        created_by ${ty.text},
        created_at ${ty.timestamp} NOT NULL DEFAULT CURRENT_TIMESTAMP,
        PRIMARY KEY (customer_id, id),
        CHECK ((user_id IS NULL) <> (department_id IS NULL)),
        CHECK (access IN ('read', 'write'))
      )`,
      `CREATE TABLE audit_log (
        id ${ty.bigint} NOT NULL PRIMARY KEY,
        occurred_at ${ty.timestamp} NOT NULL,
        actor_id ${ty.bigint},
        actor_name ${ty.text},
        action ${ty.text} NOT NULL,
        entity ${ty.text},
        entity_id ${ty.text},
        changes ${ty.text},
        details ${ty.text},
        prev_hash ${ty.text} NOT NULL,
        hash ${ty.text} NOT NULL
      )`,
      `CREATE TABLE audit_head (
        id ${ty.integer} NOT NULL PRIMARY KEY,
        last_id ${ty.bigint} NOT NULL,
        last_hash ${ty.text} NOT NULL
      )`,
      `INSERT INTO audit_head (id, last_id, last_hash) VALUES (1, 0, '${"0".repeat(64)}')`,
      ...appendOnlySql("audit_log"),
      ...(analyticIndexes
        ? [
            "CREATE INDEX customers_owner_idx ON customers (owner)",
            "CREATE INDEX customer_shares_user_idx ON customer_shares (user_id)",
            "CREATE INDEX customer_shares_department_idx ON customer_shares (department_id)",
            "CREATE INDEX audit_log_at_idx ON audit_log (occurred_at)",
            "CREATE INDEX sessions_user_idx ON sessions (user_id)",
          ]
        : []),
    ];
  },
};
