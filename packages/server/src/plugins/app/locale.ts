import { LOCALES, type Locale } from "@custra/core/i18n";
import type { FastifyInstance } from "fastify";
import fp from "fastify-plugin";

declare module "fastify" {
  interface FastifyRequest {
    /** The reader's language: what every Text in this request's answer is rendered in. */
    locale: Locale;
  }
}

/**
 * The language of an `Accept-Language` header: the supported language with the highest weight
 * (zh, zh-TW … → zh-CN; en-US … → en), else zh-CN, custra's default.
 */
export function localeOf(header: string | undefined): Locale {
  if (!header) return "zh-CN";
  const ranked = header
    .split(",")
    .map((part, index) => {
      const [tag = "", ...rest] = part.trim().split(";");
      const q = rest.map((p) => /^\s*q=([\d.]+)\s*$/.exec(p)?.[1]).find((v) => v !== undefined);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((entry) => entry.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { tag } of ranked) {
    if (tag === "*" || tag.startsWith("zh")) return "zh-CN";
    if (tag.startsWith("en")) return "en";
    const exact = LOCALES.find((locale) => locale.toLowerCase() === tag);
    if (exact) return exact;
  }
  return "zh-CN";
}

/** Gives each request its reader's language (later: the signed-in user's own setting first). */
export const localePlugin = fp(
  async (app: FastifyInstance) => {
    app.decorateRequest("locale", "zh-CN");
    app.addHook("onRequest", async (request) => {
      request.locale = localeOf(request.headers["accept-language"]);
    });
  },
  { name: "custra-locale" },
);
