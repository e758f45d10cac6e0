// The Basic Paxos configurations the bench runs: the default one (what `npm start` checks,
// one retry with a higher ballot), the default without the retry, and that one with a proposer
// crash and restart. The bounds are spelled out so that a change of the defaults does not
// silently change the rows.
export const PAXOS_BENCH_CONFIGS = [
  // The packed engine exhausts it (17.5 million states); the object engine's rows stop at their time bound.
  { name: "basic paxos default (1 retry)", config: { retries: 1 } },
  { name: "basic paxos no retry", config: { retries: 0 } },
  { name: "basic paxos no retry +crash", config: { retries: 0, proposerCrashes: 1 } },
] as const;
