// A node process for the nemesis's disk faults: the server `synod serve` runs, on a file
// system that makes its next fsync fail with EIO when the process gets SIGUSR2. The node
// must then stop (fail-stop: exit 1) without replying for the failed write; the nemesis
// restarts it on its data directory.
//   node --import tsx harness/torture-node.ts --cluster FILE --id ID --data DIR [--init]
import { parseArgs } from "node:util";
import { readClusterFile } from "../impl/config.ts";
import { startServer } from "../impl/server.ts";
import { nodeFileSystem } from "../impl/adapters/node-file-system.ts";
import { FaultyFs } from "./faulty-fs.ts";

const { values } = parseArgs({ options: { cluster: { type: "string" }, id: { type: "string" }, data: { type: "string" }, init: { type: "boolean" } } });
const fs = new FaultyFs(nodeFileSystem);
const cluster = await readClusterFile(values.cluster!);
const server = await startServer({
  id: values.id!,
  cluster,
  dataDir: values.data!,
  init: values.init ?? false,
  fs,
  log: (l) => console.error(l),
  onFatal: (e) => {
    console.error(`${values.id} stopped: ${e.message}`);
    process.exit(1);
  },
});
process.on("SIGUSR2", () => void (fs.syncsLeft = 0));
console.log(`torture-node: ${values.id} listening on ${server.address}`);
