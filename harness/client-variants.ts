// Broken clients for the torture run, which the linearizability checker must catch. They live
// here, not in impl/: the store's own client has no such switch.
import type { ClusterConfig } from "../impl/config.ts";
import { ClusterClient } from "../impl/cluster-client.ts";
import type { ProposeOptions } from "../impl/store.ts";
import { openTcpStore } from "../impl/tcp-store.ts";
import { correctRules } from "../protocol/rules.ts";

/** What the torture run's clients do: propose, read, close. */
export type TortureClient = {
  propose(key: string, value: string, o?: ProposeOptions): Promise<string>;
  read(key: string, o?: ProposeOptions): Promise<string | null>;
  close(): Promise<void>;
};

export const clientVariants = {
  correct: "the store's client",
  "read-from-one-acceptor": "reads take the first acceptor that answers as the truth (a quorum of one), proposals are correct",
} as const;
export type ClientVariant = keyof typeof clientVariants;

export async function openTortureClient(config: ClusterConfig, variant: ClientVariant): Promise<TortureClient> {
  const client = await ClusterClient.open(config);
  if (variant === "correct") return client;
  const oneAcceptor = await openTcpStore(config, { rules: { ...correctRules, quorum: () => 1 } });
  return {
    propose: (k, v, o) => client.propose(k, v, o),
    read: (k, o) => oneAcceptor.read(k, o),
    close: async () => (await client.close(), await oneAcceptor.close()),
  };
}
