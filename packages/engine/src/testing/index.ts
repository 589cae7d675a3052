export * from "./cdnow.ts";
export * from "./render.ts";
