// Shortest counterexample lengths (steps) of the Multi-Paxos catalogue's unsafe variants, found
// by breadth-first search under each variant's configuration (catalogue.ts).
export const pinnedLength: Readonly<Record<string, number>> = {
  "skip-phase-1": 10,
  "ignore-reported-votes": 8,
  "lowest-reported-vote": 13,
  "deposed-leader-counts-refusals": 7,
  "apply-out-of-order": 11,
  "retry-executed-twice": 9,
  "accept-below-promise": 8,
  "quorum-n-over-2": 5,
  "acceptor-state-lost": 10,
  "gap-kept-for-next-request": 10,
  "stale-read": 11,
  "read-before-catching-up": 13,
};

/** Those caught within a few thousand states: run by `npm test`; the others by `npm run test:deep`. */
export const quick = ["ignore-reported-votes", "deposed-leader-counts-refusals", "accept-below-promise", "quorum-n-over-2", "stale-read"];
