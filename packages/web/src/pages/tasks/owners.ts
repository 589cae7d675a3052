/**
 * The people whose tasks the reader may filter by, and give tasks to: every active user for a
 * reader who may list users (admins); otherwise the owners of the customers the reader sees, as
 * 工作台's team table has them (GET /tasks/my-day, already cached when the reader came from there).
 */
import { useQuery } from "@tanstack/react-query";
import { api } from "../../api/client.ts";
import type { User } from "../../api/types.ts";
import { can, useCurrentUser } from "../../auth/session.tsx";
import type { MyDay } from "../my-day/my-day.types.ts";
import type { Assignee } from "../my-day/task-table.tsx";

export interface Owners {
  /** Everyone whose tasks may be filtered by. */
  readonly owners: readonly Assignee[];
  /** Those of them who are users: a task can be given only to a user. */
  readonly assignees: readonly Assignee[];
  /** Display names by user name. */
  readonly names: ReadonlyMap<string, string>;
}

export function useOwners(): Owners {
  const user = useCurrentUser();
  const listsUsers = can(user, "manageUsers");
  const users = useQuery({
    queryKey: ["users"],
    queryFn: ({ signal }) => api<User[]>("/users", { signal }),
    enabled: listsUsers,
  });
  const myDay = useQuery({
    queryKey: ["my-day"],
    queryFn: ({ signal }) => api<MyDay>("/tasks/my-day", { signal }),
    enabled: !listsUsers,
  });
  if (listsUsers) {
    const owners = (users.data ?? [])
      .filter((candidate) => candidate.active)
      .map((candidate) => ({ value: candidate.username, label: candidate.name ?? candidate.username }));
    return { owners, assignees: owners, names: new Map(owners.map((owner) => [owner.value, owner.label])) };
  }
  const day = myDay.data;
  const team = day?.team ?? (day?.mine ? [day.mine] : []);
  const owners = team.map((owner) => ({ value: owner.owner, label: owner.name ?? owner.owner }));
  return {
    owners,
    // An owner without a name is no user (an imported owner name): no task can be given to them.
    assignees: team.flatMap((owner) =>
      owner.name === null ? [] : [{ value: owner.owner, label: owner.name }],
    ),
    names: new Map(owners.map((owner) => [owner.value, owner.label])),
  };
}
