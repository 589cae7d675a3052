import { existsSync } from "node:fs";
import path from "node:path";
import { t } from "@custra/core/i18n";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fp from "fastify-plugin";

/**
 * Paths never answered with the web app: the API and its docs, and built assets that do not exist
 * (a script answered with HTML would fail in the browser far from the cause).
 */
const notTheApp = (url: string) =>
  url === "/api" || url.startsWith("/api/") || url.startsWith("/api?") || url.startsWith("/assets/");

/**
 * The built web workbench (packages/web/dist) at /: its files as they are, and index.html for
 * every other GET outside /api, so that a link to /customers?grade=A opens the app at that page
 * (the app's router takes it from there). Unknown API paths still get their problem document. Built
 * assets carry a content hash in their names, so they may be cached for long; index.html must not
 * be, or a new build would load old assets. Without a build, / says how to make one instead.
 */
export const webPlugin = fp(
  async (app: FastifyInstance, { root }: { root: string }) => {
    const index = path.join(root, "index.html");
    if (!existsSync(index)) {
      app.log.warn({ root }, "the web app is not built: / explains how to build it");
      app.get("/*", { schema: { hide: true } }, (request, reply) => {
        if (notTheApp(request.url)) return reply.callNotFound();
        return reply
          .code(503)
          .type("text/plain; charset=utf-8")
          .send(`${t("server.web.missing", { root }, request.locale)}\n`);
      });
      return;
    }
    await app.register(fastifyStatic, {
      root,
      // Only the files that exist become routes; everything else falls through to the app's index.
      wildcard: false,
      index: false,
      setHeaders: (reply, file) => {
        const hashed = file.includes(`${path.sep}assets${path.sep}`);
        reply.header("cache-control", hashed ? "public, max-age=31536000, immutable" : "no-cache");
      },
    });
    const sendIndex = (request: FastifyRequest, reply: FastifyReply) => {
      if (notTheApp(request.url)) return reply.callNotFound();
      return reply.header("cache-control", "no-cache").sendFile("index.html");
    };
    app.get("/", { schema: { hide: true } }, sendIndex);
    app.get("/*", { schema: { hide: true } }, sendIndex);
  },
  { name: "custra-web", dependencies: ["custra-locale", "custra-problem"] },
);
