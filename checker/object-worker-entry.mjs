// Worker threads of exploreParallel start here: plain JavaScript that registers tsx, then
// imports the TypeScript worker (see packed-worker-entry.mjs).
import { register } from "tsx/esm/api";

register();
await import("./object-worker.ts");
