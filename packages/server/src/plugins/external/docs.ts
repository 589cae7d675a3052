import swagger from "@fastify/swagger";
import swaggerUi from "@fastify/swagger-ui";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { jsonSchemaTransform, jsonSchemaTransformObject } from "fastify-type-provider-zod";

/** The OpenAPI 3 document of every route (from its zod schemas) at /api/docs/json, and its UI at /api/docs. */
export const docsPlugin = fp(
  async (app: FastifyInstance) => {
    await app.register(swagger, {
      openapi: {
        openapi: "3.0.3",
        info: {
          title: "custra API",
          description:
            "客户结构管理 custra 的 HTTP 接口。Errors are application/problem+json documents with a stable `code`.",
          version: "1",
        },
        components: {
          securitySchemes: {
            session: { type: "apiKey", in: "cookie", name: "custra_session" },
            token: { type: "http", scheme: "bearer" },
          },
        },
      },
      transform: jsonSchemaTransform,
      transformObject: jsonSchemaTransformObject,
    });
    await app.register(swaggerUi, { routePrefix: "/api/docs", staticCSP: true });
  },
  { name: "custra-docs" },
);
