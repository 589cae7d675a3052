export { AppError, type AppErrorCode } from "./app-error.ts";
export {
  ERROR_OUTCOMES,
  type ErrorCode,
  type ErrorOutcome,
  type ExitCode,
  type HttpStatus,
  outcomeOf,
} from "./error-outcomes.ts";
export { ServerError, type ServerErrorCode } from "./server-error.ts";
