// Worker threads start here. Plain JavaScript, so that it loads whoever started us (tsx,
// vitest or node): it registers tsx's loader, then imports the TypeScript worker.
import { register } from "tsx/esm/api";

register();
await import("./worker.ts");
