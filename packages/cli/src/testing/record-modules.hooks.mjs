import { appendFileSync } from "node:fs";

export async function resolve(specifier, context, next) {
  const resolved = await next(specifier, context);
  appendFileSync(process.env.CUSTRA_RECORD_MODULES, `${resolved.url}\n`);
  return resolved;
}
