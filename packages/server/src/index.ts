export {
  LOG_LEVELS,
  type LogLevel,
  loadServerConfig,
  type ServerConfig,
  type ServerFlags,
} from "./config.ts";
export { localeOf } from "./plugins/app/locale.ts";
export { type Problem, problemOf } from "./plugins/app/problem.ts";
export { type BuildOptions, buildServer } from "./server.ts";
export { closeOnSignals, type RunningServer, startServer } from "./start.ts";
