/** Test support for every package: `import { ENGINES, openTestDb } from "@custra/db/testing"`. */
import "../index.ts";

export {
  createTestLocation,
  ENGINES,
  type OpenTestDbOptions,
  openTestDb,
  type TestLocation,
} from "./engines.ts";
export { PG_SERVER_KEY, PG_URL_KEY } from "./names.ts";
export { oncePerRun, sharedTemplate } from "./shared-template.ts";
export { tamperWithAuditLog } from "./tamper.ts";
