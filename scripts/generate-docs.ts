// npm run docs: regenerates docs/invariants.md, docs/scenarios.md, docs/derivation.md and docs/catalogue.md from the code.
import { writeFileSync } from "node:fs";
import { check } from "../checker/check.ts";
import { catalogue, catalogueSymmetry, variantConfig } from "../model/basic-paxos/catalogue.ts";
import { definition } from "../model/basic-paxos/definition.ts";
import { invariantsDoc } from "../docs/gen/invariants-doc.ts";
import { catalogueDoc } from "../docs/gen/catalogue-doc.ts";
import { scenariosDoc } from "../docs/gen/scenarios-doc.ts";
import { derivationDoc } from "../docs/gen/derivation-doc.ts";

writeFileSync("docs/invariants.md", await invariantsDoc());
writeFileSync("docs/scenarios.md", scenariosDoc());
writeFileSync("docs/derivation.md", await derivationDoc());
const results = new Map();
for (const v of catalogue) results.set(v.name, await check({ definition, config: variantConfig(v), variant: v.name }, { symmetry: catalogueSymmetry }));
writeFileSync("docs/catalogue.md", catalogueDoc(results));
console.log("wrote docs/invariants.md, docs/scenarios.md, docs/derivation.md and docs/catalogue.md");
