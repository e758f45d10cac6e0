#!/usr/bin/env node
// stdio-paxos: a single-decree Paxos in plain Node.js (no build step, no dependencies) that a
// verification harness drives over stdin/stdout, one JSON request per line, one JSON reply per
// line (Synod's process protocol, docs/targets.md). The harness owns the network: every request
// is one thing happening to one node, and the reply lists what that node sent and learned.
//
// Its own conventions: ballots are bare integers, round * 10 + the proposer's number (p1 -> 1),
// so two proposers never share one; messages are small JSON objects:
//   {"t":"prep","b":21}                      prepare ballot 21
//   {"t":"prom","b":21,"vb":11,"vv":"A"}     promise 21; my vote: ballot 11, value A (vb 0: none)
//   {"t":"acc","b":21,"v":"A"}               accept A in ballot 21
//   {"t":"accd","b":21,"v":"A"}              I voted A in ballot 21 (sent to every proposer)
// Proposers learn: a majority of "accd" for one ballot. Acceptors keep their state across a
// crash (durable); a proposer keeps only its round.
//
//   node main.mjs [--mode NAME] [--white-box]
// Modes (README.md): correct; bugs shared-ballots, sticky-vote, no-promise-check; safe
// a mode Synod flags though it does no harm here, idempotent-prepare; a look-alike, accept-to-all; faults of the protocol itself garbage-reply,
// bad-meaning, silent. Diagnostics go to stderr; stdout carries replies only.
import { createInterface } from "node:readline";

const MODES = {
  correct: "Basic Paxos; ballots round * 10 + proposer number",
  "shared-ballots": "bug: ballots are a plain counter (1, 2, ...) both proposers use, and an acceptor answers a Prepare of the ballot it promised again",
  "sticky-vote": "bug: an acceptor records only its first vote and reports it in every promise",
  "no-promise-check": "bug: an acceptor accepts without comparing the ballot with its promise",
  "idempotent-prepare": "flagged by promise-reports-truthfully (harmless with owned ballots): an acceptor answers a re-sent Prepare of the ballot it promised again (>= rather than >)",
  "accept-to-all": "safe: a proposer sends accept to every acceptor, not only to those that promised",
  "garbage-reply": "protocol fault: answers a propose with a line that is not JSON",
  "bad-meaning": "protocol fault: the promises it sends carry a meaning with a malformed ballot",
  silent: "protocol fault: never answers a propose",
};

function parseArgs(argv) {
  const o = { mode: "correct", whiteBox: false };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--mode") o.mode = argv[++i];
    else if (argv[i].startsWith("--mode=")) o.mode = argv[i].slice("--mode=".length);
    else if (argv[i] === "--white-box") o.whiteBox = true;
    else if (argv[i] === "--help") {
      process.stderr.write(`usage: node main.mjs [--mode NAME] [--white-box]\nmodes:\n${Object.entries(MODES).map(([m, d]) => `  ${m.padEnd(20)} ${d}`).join("\n")}\n`);
      process.exit(0);
    } else {
      process.stderr.write(`stdio-paxos: unknown argument ${argv[i]}\n`);
      process.exit(2);
    }
  }
  if (!Object.hasOwn(MODES, o.mode)) {
    process.stderr.write(`stdio-paxos: no mode '${o.mode}'; modes: ${Object.keys(MODES).join(", ")}\n`);
    process.exit(2);
  }
  return o;
}

const { mode, whiteBox } = parseArgs(process.argv.slice(2));
const log = (s) => process.stderr.write(`stdio-paxos[${mode}]: ${s}\n`);

// ---------------------------------------------------------------------------------------------
// The cluster: plain objects, one per node.

class RequestError extends Error {}

let cluster = null;

function createCluster(roles) {
  if (!roles || !Array.isArray(roles.acceptors) || !Array.isArray(roles.proposers)) throw new RequestError("create needs roles.acceptors and roles.proposers");
  if (roles.proposers.length > 9) throw new RequestError("at most 9 proposers: a ballot's last digit is its proposer");
  const c = { acceptorIds: roles.acceptors, proposerIds: roles.proposers, acceptors: new Map(), proposers: new Map() };
  for (const a of roles.acceptors) c.acceptors.set(a, { promised: 0, vb: 0, vv: null, up: true });
  roles.proposers.forEach((p, i) => c.proposers.set(p, { num: i + 1, round: 0, up: true, ...freshProposer() }));
  return c;
}

/** What a proposer forgets when it crashes. */
function freshProposer() {
  return { input: null, phase: "idle", ballot: 0, promises: new Map(), votes: new Map(), learned: null };
}

const majority = () => Math.floor(cluster.acceptorIds.length / 2) + 1;

function need(map, id, what) {
  const n = map.get(id);
  if (!n) throw new RequestError(`no ${what} ${JSON.stringify(id)} in this cluster`);
  return n;
}

// ---------------------------------------------------------------------------------------------
// The protocol.

function startBallot(self, p) {
  if (mode === "shared-ballots") p.ballot = p.ballot + 1;
  else {
    p.round += 1;
    p.ballot = p.round * 10 + p.num;
  }
  p.phase = "preparing";
  p.promises = new Map();
  return cluster.acceptorIds.map((a) => send(self, a, { t: "prep", b: p.ballot }));
}

function onAcceptor(self, a, from, m) {
  switch (m.t) {
    case "prep": {
      const ok = mode === "idempotent-prepare" || mode === "shared-ballots" ? m.b >= a.promised : m.b > a.promised;
      if (!ok) return [];
      a.promised = m.b;
      return [send(self, from, { t: "prom", b: m.b, vb: a.vb, vv: a.vv })];
    }
    case "acc": {
      if (mode !== "no-promise-check" && m.b < a.promised) return [];
      a.promised = Math.max(a.promised, m.b);
      if (mode !== "sticky-vote" || a.vv === null) {
        a.vb = m.b;
        a.vv = m.v;
      }
      return cluster.proposerIds.map((p) => send(self, p, { t: "accd", b: m.b, v: m.v }));
    }
    default:
      return [];
  }
}

function onProposer(self, p, from, m) {
  const learned = [];
  const sent = [];
  if (m.t === "prom" && p.phase === "preparing" && m.b === p.ballot && !p.promises.has(from)) {
    p.promises.set(from, m.vb > 0 ? { b: m.vb, v: m.vv } : null);
    if (p.promises.size >= majority()) {
      let best = null;
      for (const vote of p.promises.values()) if (vote && (!best || vote.b > best.b)) best = vote;
      const value = best ? best.v : p.input;
      p.phase = "accepting";
      const to = mode === "accept-to-all" ? cluster.acceptorIds : [...p.promises.keys()];
      for (const a of to) sent.push(send(self, a, { t: "acc", b: p.ballot, v: value }));
    }
  } else if (m.t === "accd" && p.learned === null) {
    const key = `${m.b}:${m.v}`;
    const voters = p.votes.get(key) ?? new Set();
    voters.add(from);
    p.votes.set(key, voters);
    if (voters.size >= majority()) {
      p.learned = m.v;
      learned.push({ node: self, value: m.v });
    }
  }
  return { sent, learned };
}

/** A message with what it means in the harness's words. */
function send(from, to, msg) {
  return { from, to, msg, meaning: meaningOf(msg) };
}

function meaningOf(m) {
  switch (m.t) {
    case "prep":
      return { type: "prepare", ballot: m.b };
    case "prom":
      if (mode === "bad-meaning") return { type: "promise", ballot: `b${m.b}`, vote: null };
      return { type: "promise", ballot: m.b, vote: m.vb > 0 ? { ballot: m.vb, value: m.vv } : null };
    case "acc":
      return { type: "accept", ballot: m.b, value: m.v };
    case "accd":
      return { type: "accepted", ballot: m.b, value: m.v };
    default:
      return { type: "other", label: String(m.t) };
  }
}

// ---------------------------------------------------------------------------------------------
// Requests.

const effects = (sent = [], learned = []) => ({ sent, learned });

function handle(req) {
  switch (req.op) {
    case "hello":
      if (req.version !== 1) throw new RequestError(`protocol version ${req.version} is not supported (1 is)`);
      return {
        name: `stdio-paxos:${mode}${whiteBox ? "+white-box" : ""}`,
        capabilities: { nacks: false, acceptRouting: mode === "accept-to-all" ? "all" : "promisers", learners: "proposers", acceptors: "durable", ballots: "shared" },
        whiteBox,
      };
    case "create":
      cluster = createCluster(req.roles);
      return effects();
    case "close":
      cluster = null;
      return effects();
  }
  if (!cluster) throw new RequestError(`${req.op} before create`);
  switch (req.op) {
    case "propose": {
      const p = need(cluster.proposers, req.proposer, "proposer");
      if (typeof req.value !== "string") throw new RequestError("propose needs a string value");
      p.input = req.value;
      return effects(startBallot(req.proposer, p));
    }
    case "timeout": {
      const p = need(cluster.proposers, req.proposer, "proposer");
      return effects(p.input === null ? [] : startBallot(req.proposer, p));
    }
    case "deliver": {
      const e = req.envelope;
      if (!e || typeof e.to !== "string" || typeof e.from !== "string" || !e.msg || typeof e.msg.t !== "string") throw new RequestError("deliver needs envelope {from, to, msg: {t, ...}}");
      if (cluster.acceptors.has(e.to)) return effects(onAcceptor(e.to, cluster.acceptors.get(e.to), e.from, e.msg));
      const r = onProposer(e.to, need(cluster.proposers, e.to, "node"), e.from, e.msg);
      return effects(r.sent, r.learned);
    }
    case "crash": {
      const a = cluster.acceptors.get(req.node);
      if (a) a.up = false; // durable: it keeps promised and vote
      else Object.assign(need(cluster.proposers, req.node, "node"), { up: false }, freshProposer());
      return effects();
    }
    case "restart": {
      const n = cluster.acceptors.get(req.node) ?? need(cluster.proposers, req.node, "node");
      n.up = true;
      return effects();
    }
    case "state": {
      if (!whiteBox) throw new RequestError("state: this target was started without --white-box");
      const acceptors = {};
      for (const [id, a] of cluster.acceptors) acceptors[id] = { promised: a.promised > 0 ? a.promised : null, accepted: a.vb > 0 ? { ballot: a.vb, value: a.vv } : null };
      return { acceptors };
    }
    default:
      throw new RequestError(`unknown op ${JSON.stringify(req.op)}`);
  }
}

function reply(obj) {
  process.stdout.write(`${JSON.stringify(obj)}\n`);
}

createInterface({ input: process.stdin }).on("line", (line) => {
  if (line.trim() === "") return;
  let req;
  try {
    req = JSON.parse(line);
  } catch {
    return log(`a request that is not JSON, ignored: ${line.slice(0, 200)}`);
  }
  if (!req || !Number.isInteger(req.id) || req.id < 1) return log(`a request without an id, ignored: ${line.slice(0, 200)}`);
  if (mode === "silent" && req.op === "propose") return log(`not answering request ${req.id} (mode silent)`);
  if (mode === "garbage-reply" && req.op === "propose") return process.stdout.write(`ok, proposing ${req.value} now\n`);
  try {
    reply({ id: req.id, ...handle(req) });
  } catch (e) {
    if (!(e instanceof RequestError)) log(`internal error on ${line}: ${e.stack ?? e}`);
    reply({ id: req.id, error: e.message });
  }
});
