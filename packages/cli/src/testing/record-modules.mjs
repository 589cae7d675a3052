// `node --import ./record-modules.mjs …` appends the URL of every module the process loads to the
// file named by CUSTRA_RECORD_MODULES: the start-up tests check what a command loads.
import { register } from "node:module";

register("./record-modules.hooks.mjs", import.meta.url);
