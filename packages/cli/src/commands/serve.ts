import type { Command } from "commander";
import { examples } from "../options.ts";
import { message } from "../output.ts";
import "./serve.messages.ts";
import { t } from "../locale.ts";

/**
 * `custra serve`: runs the HTTP server until SIGINT or SIGTERM. The CLI's one edge to the server
 * package, loaded only by this command: it starts the server and says where, nothing more.
 */
export function registerServeCommand(program: Command): void {
  program
    .command("serve")
    .description(t("cli.serve.description"))
    .option("--port <port>", t("cli.serve.option.port"))
    .option("--host <host>", t("cli.serve.option.host"))
    .option("--public-url <url>", t("cli.serve.option.publicUrl"))
    .option("--time-zone <name>", t("cli.serve.option.timeZone"))
    .addHelpText(
      "after",
      examples([
        "custra serve",
        "custra serve --port 8080 --host 0.0.0.0 --public-url https://crm.example.com",
        "custra serve --db postgres://postgres@127.0.0.1:5432/custra",
      ]),
    )
    .action(
      async (
        options: { port?: string; host?: string; publicUrl?: string; timeZone?: string },
        command: Command,
      ) => {
        const { db } = command.optsWithGlobals<{ db?: string }>();
        const { closeOnSignals, loadServerConfig, startServer } = await import("@custra/server");
        const config = loadServerConfig({ ...options, ...(db === undefined ? {} : { db }) });
        const server = await startServer(config);
        closeOnSignals(server);
        message(t("cli.serve.listening", { url: server.url, database: config.database.display }));
      },
    );
}
