export * from "./cdnow.ts";
