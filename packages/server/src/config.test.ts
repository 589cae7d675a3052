import { renderText } from "@custra/core/errors";
import { describe, expect, it } from "vitest";
import { loadServerConfig } from "./config.ts";

function refusal(flags: Parameters<typeof loadServerConfig>[0], env: NodeJS.ProcessEnv = {}) {
  try {
    loadServerConfig(flags, env);
  } catch (error) {
    const { code, params, text } = error as { code: string; params: Record<string, unknown>; text: never };
    return { code, setting: params.setting, en: renderText(text, "en") };
  }
  throw new Error("expected the configuration to be refused");
}

describe("the server configuration", () => {
  it("defaults to 127.0.0.1:3000 on the embedded database", () => {
    const config = loadServerConfig({}, {});
    expect(config).toMatchObject({
      port: 3000,
      host: "127.0.0.1",
      timeZone: undefined,
      sessionSecretGenerated: true,
    });
    expect(config.database.engine).toBe("duckdb");
    expect(config.sessionSecret.length).toBeGreaterThanOrEqual(32);
  });

  it("takes flags before the environment", () => {
    const env = { CUSTRA_PORT: "4000", CUSTRA_HOST: "0.0.0.0", CUSTRA_TIME_ZONE: "Europe/Berlin" };
    expect(loadServerConfig({}, env)).toMatchObject({
      port: 4000,
      host: "0.0.0.0",
      timeZone: "Europe/Berlin",
    });
    expect(loadServerConfig({ port: "5000", timeZone: "UTC" }, env)).toMatchObject({
      port: 5000,
      timeZone: "UTC",
    });
    expect(loadServerConfig({}, { PORT: "8081" }).port).toBe(8081);
  });

  it("reads sizes with units and a public https address", () => {
    const config = loadServerConfig(
      { publicUrl: "https://crm.example.com" },
      { CUSTRA_BODY_LIMIT: "2m", CUSTRA_UPLOAD_LIMIT: "200MB", CUSTRA_SESSION_SECRET: "s".repeat(40) },
    );
    expect(config.bodyLimit).toBe(2 * 1024 * 1024);
    expect(config.uploadLimit).toBe(200 * 1024 * 1024);
    expect(config.publicUrl?.protocol).toBe("https:");
    expect(config.sessionSecretGenerated).toBe(false);
  });

  it("refuses each bad setting by name, saying what it must be", () => {
    expect(refusal({ port: "70000" })).toMatchObject({ code: "SERVER_INVALID_SETTING", setting: "port" });
    expect(refusal({ port: "80a" }).en).toContain("must be a whole number from 0 to 65535");
    expect(refusal({ host: "bad host!" }).setting).toBe("host");
    expect(refusal({ timeZone: "Asia/Shanghi" })).toMatchObject({ setting: "timeZone" });
    expect(refusal({ publicUrl: "ftp://x" }).setting).toBe("publicUrl");
    expect(refusal({}, { CUSTRA_UPLOAD_LIMIT: "lots" }).setting).toBe("CUSTRA_UPLOAD_LIMIT");
    expect(refusal({}, { CUSTRA_LOG_LEVEL: "loud" }).setting).toBe("CUSTRA_LOG_LEVEL");
    const secret = refusal({}, { CUSTRA_SESSION_SECRET: "short" });
    expect(secret.setting).toBe("CUSTRA_SESSION_SECRET");
    // The value of a secret is never repeated back.
    expect(secret.en).not.toContain("short");
  });

  it("gives running requests 10 s at shutdown by default, or as long as CUSTRA_SHUTDOWN_GRACE says", () => {
    expect(loadServerConfig({}, {}).shutdownGraceMs).toBe(10_000);
    expect(loadServerConfig({}, { CUSTRA_SHUTDOWN_GRACE: "2" }).shutdownGraceMs).toBe(2000);
    expect(refusal({}, { CUSTRA_SHUTDOWN_GRACE: "0" })).toMatchObject({
      code: "SERVER_INVALID_SETTING",
      setting: "CUSTRA_SHUTDOWN_GRACE",
    });
  });

  it("beats a running job's heartbeat every 5 s by default, or as often as CUSTRA_JOB_HEARTBEAT says", () => {
    expect(loadServerConfig({}, {}).jobHeartbeatMs).toBe(5000);
    expect(loadServerConfig({}, { CUSTRA_JOB_HEARTBEAT: "1" }).jobHeartbeatMs).toBe(1000);
    for (const bad of ["0", "-1", "1.5", "soon"]) {
      const refused = refusal({}, { CUSTRA_JOB_HEARTBEAT: bad });
      expect(refused).toMatchObject({ code: "SERVER_INVALID_SETTING", setting: "CUSTRA_JOB_HEARTBEAT" });
      expect(refused.en).toContain("positive whole number of seconds");
    }
  });

  it("schedules the daily pipeline at 6:00 by default, from a cron expression, or not at all", () => {
    expect(loadServerConfig({}, {}).pipelineSchedule).toBe("0 6 * * *");
    expect(loadServerConfig({}, { CUSTRA_PIPELINE_SCHEDULE: "30 5 * * 1-5" }).pipelineSchedule).toBe(
      "30 5 * * 1-5",
    );
    expect(loadServerConfig({}, { CUSTRA_PIPELINE_SCHEDULE: "off" }).pipelineSchedule).toBeNull();
    expect(loadServerConfig({}, { CUSTRA_PIPELINE_SCHEDULE: " OFF " }).pipelineSchedule).toBeNull();
    for (const bad of ["every day", "61 6 * * *", "0 25 * * *", "* * *"]) {
      const refused = refusal({}, { CUSTRA_PIPELINE_SCHEDULE: bad });
      expect(refused).toMatchObject({ code: "SERVER_INVALID_SETTING", setting: "CUSTRA_PIPELINE_SCHEDULE" });
      expect(refused.en).toContain("cron expression");
    }
  });
});
