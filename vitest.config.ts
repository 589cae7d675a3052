import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["packages/*/src/**/*.test.ts", "test/**/*.test.ts"],
    globalSetup: ["packages/db/src/testing/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Database tests open real DuckDB files and PostgreSQL databases; two workers fit this 2-core machine.
    maxWorkers: 2,
    // Environment stubs (vi.stubEnv: a time zone, an import limit) are undone after each test.
    unstubEnvs: true,
  },
});
