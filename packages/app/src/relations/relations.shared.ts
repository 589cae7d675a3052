/**
 * What the contacts, interactions and surveys use cases share: ids of rows written through the API
 * (their pages and customer lookup are records-page.ts's).
 */
import { randomUUID } from "node:crypto";
import "../customers/customers.messages.ts";
import "./relations.messages.ts";

/**
 * The external id of a row written through the API rather than imported. Imported rows carry the
 * file's id or a derived `#<hash>-<n>` (engine/import/pipeline.ts deriveKey); external_id is unique
 * per table (UNIQUE on PostgreSQL, the importer's check on DuckDB). `api:` and a random UUID match
 * no derived key, and a file holds it only when it is an export of this very row (re-importing it
 * updates the row, as it should).
 */
export function apiExternalId(): string {
  return `api:${randomUUID()}`;
}

/** A number column as both engines return it (BIGINT may come back as bigint). */
export function numberOrNull(value: number | bigint | string | null): number | null {
  return value === null ? null : Number(value);
}
