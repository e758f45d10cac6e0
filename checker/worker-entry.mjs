// Worker threads start here. Plain JavaScript, so that it loads whoever started us (tsx,
// vitest or node): it registers tsx's loader, then imports the TypeScript worker. zod, which
// every model's action schema is made of (checker/model.ts), is imported before the loader:
// through tsx's hooks its many files load several times slower, and a worker's start is on the
// critical path of a run with workers.
import { register } from "tsx/esm/api";

await import("zod");
register();
await import("./worker.ts");
