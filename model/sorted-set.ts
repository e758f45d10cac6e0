// A set kept as an array sorted by a canonical key, so that equal sets are equal as data (the
// engine hashes arrays as sequences). The networks of the seed-004 models and of Multi-Paxos.

/** The set with `items` added; the same array when every item was in it already. */
export function addAllSorted<T>(set: readonly T[], items: readonly T[], key: (t: T) => string): readonly T[] {
  let result = set;
  for (const item of items) {
    const k = key(item);
    let at = 0;
    while (at < result.length && key(result[at]!) < k) at++;
    if (at < result.length && key(result[at]!) === k) continue;
    result = [...result.slice(0, at), item, ...result.slice(at)];
  }
  return result;
}
