// npm run docs: regenerates docs/invariants.md, docs/scenarios.md, docs/derivation.md, docs/catalogue.md and docs/multi-paxos.md from the code.
import { writeFileSync } from "node:fs";
import { check } from "../checker/check.ts";
import { catalogue, catalogueSymmetry, variantConfig } from "../model/basic-paxos/catalogue.ts";
import { definition } from "../model/basic-paxos/definition.ts";
import { invariantsDoc } from "../docs/gen/invariants-doc.ts";
import { catalogueDoc } from "../docs/gen/catalogue-doc.ts";
import { scenariosDoc } from "../docs/gen/scenarios-doc.ts";
import { derivationDoc } from "../docs/gen/derivation-doc.ts";
import { multiPaxosDoc } from "../docs/gen/multi-paxos-doc.ts";
import { multiPaxosCatalogue } from "../model/multi-paxos/catalogue.ts";
import { checkStableLeader, checkVariant } from "../model/multi-paxos/catalogue-check.ts";

writeFileSync("docs/invariants.md", await invariantsDoc());
writeFileSync("docs/scenarios.md", scenariosDoc());
writeFileSync("docs/derivation.md", await derivationDoc());
const results = new Map();
for (const v of catalogue) results.set(v.name, await check({ definition, config: variantConfig(v), variant: v.name }, { symmetry: catalogueSymmetry }));
writeFileSync("docs/catalogue.md", catalogueDoc(results));
const multi = new Map();
for (const v of multiPaxosCatalogue) multi.set(v.name, await checkVariant(v));
writeFileSync("docs/multi-paxos.md", multiPaxosDoc(await checkStableLeader(), multi));
console.log("wrote docs/invariants.md, docs/scenarios.md, docs/derivation.md, docs/catalogue.md and docs/multi-paxos.md");
