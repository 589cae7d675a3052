export { DemoOptionsError, type DemoOptionsErrorCode } from "./errors.ts";
export { type DemoOptions, MAX_DEMO_CUSTOMERS, writeDemoCsv } from "./write-demo-csv.ts";
