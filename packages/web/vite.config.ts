import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

/**
 * The workbench is served by `custra serve` at / (packages/server/src/plugins/external/web.ts);
 * in development `vite` proxies /api to a server on :3000 so the session cookie stays same-origin.
 */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    // antd alone is ~1 MB unminified; the budget that matters is the first page's gzip size (README).
    chunkSizeWarningLimit: 1500,
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
