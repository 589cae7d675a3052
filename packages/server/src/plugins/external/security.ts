import cookie from "@fastify/cookie";
import helmet from "@fastify/helmet";
import multipart from "@fastify/multipart";
import rateLimit from "@fastify/rate-limit";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import type { ServerConfig } from "../../config.ts";

/**
 * Security headers, cookies, uploads and rate limits, set up once for the whole server. Rate
 * limits are per route (sign-in above all), not global: scripts and BI tools legitimately send
 * hundreds of requests a second from one address.
 */
export const securityPlugins = fp(
  async (app: FastifyInstance, { config }: { config: ServerConfig }) => {
    await app.register(helmet, {
      // The web app and the API docs page load their own scripts; antd (CSS-in-JS) and the docs
      // page write <style> elements, hence 'unsafe-inline' for styles only.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
          // helmet's default upgrade-insecure-requests makes the browser fetch the app's own
          // scripts over https, which a server reached over plain http (a LAN address) does not
          // answer: the page stays blank. Only where users come over https is it kept.
          upgradeInsecureRequests: config.publicUrl?.protocol === "https:" ? [] : null,
        },
      },
      strictTransportSecurity: config.publicUrl?.protocol === "https:",
    });
    await app.register(cookie, { secret: config.sessionSecret });
    await app.register(multipart, {
      limits: { fileSize: config.uploadLimit, files: 1, fields: 20, fieldSize: 64 * 1024, parts: 30 },
    });
    await app.register(rateLimit, { global: false });
  },
  { name: "custra-security" },
);
