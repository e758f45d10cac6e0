// The impl/ commands' flag handling: --help documents every flag, bad usage exits 2 naming the flag.
import { describe, expect, it } from "vitest";
import { main } from "../../cli/main.ts";
import { runCommand } from "../cli/capture.ts";

/** synod ARGV in this process, with what it printed. */
const run = (argv: string[]) => runCommand({ summary: "synod", run: main }, argv);

describe("synod serve/propose/get/cluster flags", () => {
  it("--help lists every flag", async () => {
    const serve = await run(["serve", "--help"]);
    expect(serve.code).toBe(0);
    for (const f of ["--cluster", "--id", "--listen", "--data", "--init", "--trace", "--max-keys", "--max-connections", "--no-sync"]) expect(serve.out).toContain(f);
    expect((await run(["propose", "--help"])).out).toMatch(/--cluster[\s\S]*--deadline/);
    expect((await run(["cluster", "--help"])).out).toMatch(/--nodes/);
  });

  const bad: [string[], RegExp][] = [
    [["serve", "--cluster", "c.json", "--id", "a1", "--listen", "nowhere", "--data", "/tmp/x"], /--listen: an address is HOST:PORT/],
    [["serve", "--cluster", "c.json", "--id", "a1", "--listen", "[1.2.3.4]:7001", "--data", "/tmp/x"], /--listen: the host in brackets must be an IPv6 address/],
    [["serve", "--cluster", "c.json", "--listen", "127.0.0.1:0", "--data", "/tmp/x"], /^synod serve: --id: /m],
    [["serve", "--id", "a1", "--data", "/tmp/x"], /^synod serve: --cluster: is required/m],
    [["serve", "--cluster", "c.json", "--id", "a1", "--data", "/tmp/x", "--variant", "promise-off-by-one"], /unknown flag --variant/],
    [["serve", "--cluster", "c.json", "--id", "a1", "--data", "/tmp/x", "--peers", "a1=127.0.0.1:1"], /unknown flag --peers/],
    [["serve", "--cluster", "c.json", "--id", "a1", "--data", "/tmp/x", "--max-keys", "lots"], /--max-keys: must be a number of keys/],
    [["propose", "--cluster", "c.json", "k"], /expected KEY VALUE/],
    [["propose", "--cluster", "a1=127.0.0.1:1", "k", "v"], /--cluster: takes a cluster file now, not a list of addresses/],
    [["new-cluster", "--acceptors", "a1=bad", "--out", "/tmp/x"], /--acceptors: an address is HOST:PORT/],
    [["new-cluster", "--acceptors", "a1=127.0.0.1:1,a1=127.0.0.1:2", "--out", "/tmp/x"], /--acceptors: acceptor ids must be distinct/],
    [["get", "--cluster", "a1=127.0.0.1:1", "--deadline", "soon", "k"], /--deadline: must be a number/],
    [["get", "k"], /^synod get: --cluster: is required/m],
    [["cluster", "--nodes", "12"], /--nodes: at most 9/],
    [["cluster", "--bogus"], /unknown flag --bogus/],
  ];
  for (const [argv, msg] of bad) {
    it(`exits 2 on: synod ${argv.join(" ")}`, async () => {
      const r = await run(argv);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(msg);
    });
  }
});
