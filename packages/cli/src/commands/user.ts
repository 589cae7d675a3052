/**
 * `custra user add|list|deactivate` and `custra department add|list`: thin adapters over the app's
 * users use cases, acting as the local operator. The password comes only from standard input.
 */
import {
  addUser,
  createDepartment,
  type DepartmentView,
  deactivateUser,
  LOCAL_OPERATOR,
  listDepartments,
  listUsers,
  type UserView,
} from "@custra/app";
import type { Command } from "commander";
import { withDb } from "../db-context.ts";
import { CliError } from "../errors.ts";
import "../messages.ts";
import { examples } from "../options.ts";
import { formatTable, message, printJson, printLine } from "../output.ts";
import "./access.messages.ts";
import { t } from "../locale.ts";

/** Standard input up to its end, without the line break a shell's echo or a file adds. */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

const departmentRef = (value: string): number | string => (/^\d+$/.test(value) ? Number(value) : value);

export function registerUserCommands(program: Command): void {
  const user = program
    .command("user")
    .description(t("cli.user.description"))
    .addHelpText(
      "after",
      examples([
        "printf '%s' \"$PASSWORD\" | custra user add --email li.lei@example.com --name 李雷 --role sales --department 华东 --password-stdin",
        "custra user list",
        "custra user deactivate 7",
      ]),
    );
  user
    .command("add")
    .description(t("cli.user.add.description"))
    .requiredOption("--email <email>", t("cli.user.option.email"))
    .requiredOption("--name <name>", t("cli.user.option.name"))
    .requiredOption("--role <code>", t("cli.user.option.role"))
    .option("--department <name-or-id>", t("cli.user.option.department"))
    .option("--manager <id>", t("cli.user.option.manager"))
    .option("--username <name>", t("cli.user.option.username"))
    .option("--password-stdin", t("cli.user.option.passwordStdin"))
    .option("--json", t("cli.option.json"))
    .action(async (options: Record<string, string | boolean | undefined>, command: Command) => {
      if (!options.passwordStdin) throw new CliError(t("cli.user.passwordStdinRequired"), 2);
      const password = await readStdin();
      const input = {
        email: options.email,
        name: options.name,
        role: options.role,
        password,
        ...(typeof options.department === "string" ? { department: departmentRef(options.department) } : {}),
        ...(typeof options.manager === "string" ? { managerId: Number(options.manager) } : {}),
        ...(typeof options.username === "string" ? { username: options.username } : {}),
      };
      await withDb(command, async (handle) => {
        const added = await addUser({ handle, actor: LOCAL_OPERATOR }, input);
        if (options.json) printJson(added);
        else
          message(
            t("cli.user.added", {
              email: added.email ?? added.username,
              id: added.id,
              role: added.role ?? "",
            }),
          );
      });
    });
  user
    .command("list")
    .description(t("cli.user.list.description"))
    .option("--json", t("cli.option.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const ctx = { handle, actor: LOCAL_OPERATOR };
        const users = await listUsers(ctx);
        if (options.json) printJson(users);
        else printUsers(users, await listDepartments(ctx));
      });
    });
  user
    .command("deactivate")
    .description(t("cli.user.deactivate.description"))
    .argument("<id>", t("cli.user.col.id"))
    .option("--json", t("cli.option.json"))
    .action(async (id: string, options: { json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const done = await deactivateUser({ handle, actor: LOCAL_OPERATOR }, { userId: Number(id) });
        if (options.json) printJson(done);
        else message(t("cli.user.deactivated", { email: done.email ?? done.username }));
      });
    });
}

function status(user: UserView): string {
  if (!user.active) return t("cli.user.status.inactive");
  if (user.lockedUntil !== null && Date.parse(user.lockedUntil) > Date.now())
    return t("cli.user.status.locked", { until: user.lockedUntil });
  if (!user.canSignIn) return t("cli.user.status.noPassword");
  return t("cli.user.status.active");
}

function printUsers(users: readonly UserView[], departments: readonly DepartmentView[]): void {
  if (users.length === 0) {
    message(t("cli.user.none"));
    return;
  }
  const names = new Map(departments.map((d) => [d.id, d.name]));
  printLine(
    formatTable(
      ["id", "username", "name", "email", "role", "department", "status"].map((c) => t(`cli.user.col.${c}`)),
      users.map((u) => [
        String(u.id),
        u.username,
        u.name ?? "",
        u.email ?? "",
        u.role ?? "",
        u.departmentId === null ? "" : (names.get(u.departmentId) ?? String(u.departmentId)),
        status(u),
      ]),
    ),
  );
}

export function registerDepartmentCommands(program: Command): void {
  const department = program.command("department").description(t("cli.department.description"));
  department
    .command("add")
    .description(t("cli.department.add.description"))
    .argument("<name>", t("cli.department.add.name"))
    .option("--parent <id>", t("cli.department.option.parent"))
    .option("--json", t("cli.option.json"))
    .action(async (name: string, options: { parent?: string; json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const added = await createDepartment(
          { handle, actor: LOCAL_OPERATOR },
          { name, ...(options.parent === undefined ? {} : { parentId: Number(options.parent) }) },
        );
        if (options.json) printJson(added);
        else message(t("cli.department.added", { name: added.name, id: added.id }));
      });
    });
  department
    .command("list")
    .description(t("cli.department.list.description"))
    .option("--json", t("cli.option.json"))
    .action(async (options: { json?: boolean }, command: Command) => {
      await withDb(command, async (handle) => {
        const departments = await listDepartments({ handle, actor: LOCAL_OPERATOR });
        if (options.json) printJson(departments);
        else if (departments.length === 0) message(t("cli.department.none"));
        else for (const line of treeLines(departments)) printLine(line);
      });
    });
}

/** "Sales (1)", "  East (2)" …: each department under its parent; one whose parent is gone at the top. */
function treeLines(departments: readonly DepartmentView[]): string[] {
  const ids = new Set(departments.map((d) => d.id));
  const lines: string[] = [];
  const seen = new Set<number>();
  const walk = (parent: number | null, depth: number) => {
    for (const d of departments) {
      const top = d.parentId === null || !ids.has(d.parentId);
      if ((parent === null ? top : d.parentId === parent) && !seen.has(d.id)) {
        seen.add(d.id);
        lines.push(`${"  ".repeat(depth)}${d.name} (${d.id})`);
        walk(d.id, depth + 1);
      }
    }
  };
  walk(null, 0);
  return lines;
}
