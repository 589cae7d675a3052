/**
 * A refusal of the server shown where it belongs: beside the field it is about (a taken email, a
 * short password, a role that would leave no one to manage users), or above the form when it is
 * about none of them. The text is the server's own `detail`, in the reader's language already.
 */
import { Alert, type FormInstance } from "antd";
import { useState } from "react";
import { ApiError, type Problem } from "../../api/client.ts";

/**
 * What a refusal is about, as a name the page maps to one of its fields: "email", "username",
 * "password", "role", "department", "user", "customer", "code", "names", "lastAdministrator", or
 * the path of an invalid input ("until", "personalFields.list"); undefined when it names nothing.
 */
export function refusalSubject(problem: Problem): string | undefined {
  const keyTail = (value: unknown) =>
    typeof value === "object" && value !== null && "key" in value
      ? String((value as { key: unknown }).key)
          .split(".")
          .pop()
      : undefined;
  switch (problem.code) {
    case "ACCESS_USER_EXISTS":
      return keyTail(problem.params.field);
    case "ACCESS_WEAK_PASSWORD":
      return "password";
    case "ACCESS_UNKNOWN_REFERENCE":
    case "ACCESS_CYCLE":
    case "APP_NOT_FOUND":
      return keyTail(problem.params.what);
    case "ACCESS_ROLE_EXISTS":
      return "code";
    case "ACCESS_BUILTIN_ROLE_NAMES":
      return "names";
    case "ACCESS_LAST_ADMINISTRATOR":
      return "lastAdministrator";
    case "APP_INVALID_INPUT": {
      // The first issue's path, as the server names it: "body.email" is the field "email".
      const [issue] = Array.isArray(problem.params.issues) ? problem.params.issues : [];
      const path = (issue as { params?: { path?: unknown } } | undefined)?.params?.path;
      return typeof path === "string" ? path.replace(/^body\./, "") : undefined;
    }
    default:
      return undefined;
  }
}

type FieldName = string | readonly (string | number)[];

/**
 * A form's handling of refusals: `fields` maps what a refusal is about (refusalSubject) to the
 * form's field; one about a field is shown beside it, any other (and a lost connection) is
 * `failure`, for `<Refusal>` above the form.
 */
export function useRefusals<Values>(form: FormInstance<Values>, fields: Readonly<Record<string, FieldName>>) {
  const [failure, setFailure] = useState<unknown>(null);
  return {
    failure,
    clear: () => setFailure(null),
    onError(error: unknown) {
      const problem = error instanceof ApiError ? error.problem : null;
      const subject = problem ? refusalSubject(problem) : undefined;
      const field = subject === undefined ? undefined : fields[subject];
      if (problem && field !== undefined) {
        setFailure(null);
        form.setFields([{ name: field as never, errors: [problem.detail] }]);
      } else setFailure(error);
    },
  };
}

/**
 * The form's `onValuesChange`: a field's refusal goes once the field is changed again (nested
 * fields, such as ["personalFields", "list"], by their whole path).
 */
export function clearedOnChange(form: FormInstance) {
  const paths = (values: object, prefix: string[] = []): string[][] =>
    Object.entries(values).flatMap(([key, value]) =>
      typeof value === "object" && value !== null && Object.getPrototypeOf(value) === Object.prototype
        ? paths(value, [...prefix, key])
        : [[...prefix, key]],
    );
  return (changed: object) => form.setFields(paths(changed).map((name) => ({ name, errors: [] })));
}

/** A refusal that no field shows: above the form, with the server's words. */
export function Refusal({ error, title, testId }: { error: unknown; title: string; testId: string }) {
  if (!error) return null;
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      description={error instanceof Error ? error.message : String(error)}
      style={{ marginBottom: 16 }}
      data-testid={testId}
    />
  );
}
