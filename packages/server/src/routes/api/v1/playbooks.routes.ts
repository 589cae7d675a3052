import { definitionRoutes } from "./schemes.routes.ts";

/** Playbooks: list, read with versions, validate, new version, activate. */
export const playbooksRoutes = definitionRoutes("playbook");
