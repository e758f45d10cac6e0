// Worker threads of the verify pool start here: plain JavaScript that registers tsx, then
// imports the TypeScript worker (as checker/object-worker-entry.mjs does).
import { register } from "tsx/esm/api";

register();
await import("./job-worker.ts");
