// npm run docs: regenerates docs/invariants.md, docs/scenarios.md and docs/catalogue.md from the code.
import { writeFileSync } from "node:fs";
import { explore } from "../checker/explore.ts";
import { catalogue, variantConfig } from "../model/basic-paxos/catalogue.ts";
import { createPaxosModel } from "../model/basic-paxos/paxos-model.ts";
import { invariantsDoc } from "../docs/gen/invariants-doc.ts";
import { catalogueDoc } from "../docs/gen/catalogue-doc.ts";
import { scenariosDoc } from "../docs/gen/scenarios-doc.ts";

writeFileSync("docs/invariants.md", invariantsDoc());
writeFileSync("docs/scenarios.md", scenariosDoc());
const results = new Map(catalogue.map((v) => [v.name, explore(createPaxosModel(variantConfig(v), v))]));
writeFileSync("docs/catalogue.md", catalogueDoc(results));
console.log("wrote docs/invariants.md, docs/scenarios.md and docs/catalogue.md");
