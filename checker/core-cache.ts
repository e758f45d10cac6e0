// The small caches in front of the visited set and of memoized checks are sized to stay in a
// core's own cache: larger, they hit more often, but their lookups go out to the cache the cores
// share, which workers on the other cores fill too (measured on Paxos.tla: with two workers, a
// cache of recent lookups several times this size made the run slower).

/** Most bytes of one such cache. */
const CORE_CACHE_BYTES = 1 << 18;

/** The most slots of `slotBytes` bytes such a cache holds: a power of two. */
export function coreCacheSlots(slotBytes: number): number {
  return 2 ** Math.floor(Math.log2(Math.max(1, CORE_CACHE_BYTES / slotBytes)));
}
