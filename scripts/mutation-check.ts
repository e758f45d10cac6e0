// The test command of `npm run mutation` (stryker.config.json): the mutation profile of
// `synod verify` (cli/verify/mutation-profile.ts), stopping at the first failed check, since
// Stryker needs only whether a mutant was killed. `--all` runs every check and times each;
// `--only TEXT` the checks whose name contains TEXT (to see which check kills a mutant made by hand).
import { mutationChecks } from "../cli/verify/mutation-profile.ts";

const all = process.argv.includes("--all");
const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] ?? "" : "";
const started = performance.now();
let failed = 0;
for (const check of mutationChecks.filter((c) => c.name.includes(only))) {
  const t = performance.now();
  const { passed, detail } = await check.run();
  console.log(`${passed ? "ok  " : "FAIL"} ${check.name} (${((performance.now() - t) / 1000).toFixed(1)} s): ${detail}`);
  if (!passed) {
    failed++;
    if (!all) break;
  }
}
console.log(`mutation profile: ${failed === 0 ? "PASS" : "FAIL"} in ${((performance.now() - started) / 1000).toFixed(1)} s`);
process.exit(failed === 0 ? 0 : 1);
