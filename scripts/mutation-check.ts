// The test command of `npm run mutation` (stryker.config.json): the mutation profile of
// `synod verify` (cli/verify/mutation-profile.ts), stopping at the first failed check, since
// Stryker needs only whether a mutant was killed. `--all` runs every check and times each.
import { mutationChecks } from "../cli/verify/mutation-profile.ts";

const all = process.argv.includes("--all");
const started = performance.now();
let failed = 0;
for (const check of mutationChecks) {
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
