/**
 * A JSON column's value as the driver gives it: parsed already on PostgreSQL (jsonb), text on
 * DuckDB. Null (or a missing column) stays null.
 */
export function jsonColumn<T>(value: unknown): T | null {
  if (value === null || value === undefined) return null;
  return (typeof value === "string" ? JSON.parse(value) : value) as T;
}
