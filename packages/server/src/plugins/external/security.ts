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
      // The API docs page loads its own script and styles; everything else is JSON.
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", "data:"],
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
