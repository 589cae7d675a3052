import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";
import { sendProblem, shuttingDown } from "./problem.ts";

/**
 * The HTTP side of a graceful shutdown (start.ts runs the whole of it). From the moment the server
 * starts closing, new connections are refused by Node, and a request that still arrives (on a
 * connection already open) is answered 503 SERVER_SHUTTING_DOWN with Retry-After before sign-in or
 * any database work. Every answer then says `Connection: close`, so a kept-alive connection ends
 * with its last answer: Node would otherwise hold an idle one open until its keep-alive timeout,
 * and the shutdown would wait for it.
 */
export const shutdownPlugin = fp(
  async (app: FastifyInstance) => {
    let closing = false;
    app.addHook("preClose", async () => {
      closing = true;
    });
    app.addHook("onRequest", async (_request, reply) => {
      if (closing) return sendProblem(reply, shuttingDown());
    });
    app.addHook("onSend", async (_request, reply) => {
      if (closing) reply.header("connection", "close");
    });
  },
  { name: "custra-shutdown", dependencies: ["custra-problem"] },
);
