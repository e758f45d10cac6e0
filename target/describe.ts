// Target runs in Synod's words, one line per message and per command, for reports and traces.
import { formatBallot } from "../protocol/ballot.ts";
import type { Meaning } from "./vocabulary.ts";
import type { TargetCommand } from "./command.ts";

export function describeMeaning(m: Meaning): string {
  switch (m.type) {
    case "prepare":
      return `prepare ${formatBallot(m.ballot)}`;
    case "promise":
      return `promise ${formatBallot(m.ballot)} reporting ${m.vote === "not-reported" ? "no vote (not reported)" : m.vote === null ? "no vote" : `(${formatBallot(m.vote.ballot)}, ${m.vote.value})`}`;
    case "accept":
      return `accept ${formatBallot(m.ballot)} ${m.value}`;
    case "accepted":
      return `accepted ${formatBallot(m.ballot)} ${m.value}`;
    case "nack":
      return `nack ${formatBallot(m.ballot)}${m.promised ? ` (promised ${formatBallot(m.promised)})` : ""}`;
    case "other":
      return `other${m.label ? ` ${m.label}` : ""}`;
  }
}

/**
 * What a message is, in one line: `p1->a1 prepare 1.p1`, then the target's own rendering in
 * parentheses. Commands name messages by it, so it is read back here too (recipientOf, kindOf).
 */
export function messageLine(from: string, to: string, m: Meaning, own: string | undefined): string {
  return `${from}->${to} ${describeMeaning(m)}${own ? ` (${own})` : ""}`;
}

/** The recipient a message line names. */
export function recipientOf(line: string): string {
  return line.slice(line.indexOf("->") + 2).split(" ")[0]!;
}

/** Sender, recipient and type of a message line, without its ballot or values. */
export function kindOf(line: string): string {
  return line.split(" ").slice(0, 2).join(" ");
}

/** `find` gives the message a deliver or lose names, while it is in flight. */
export function describeCommand(c: TargetCommand, find: (id: number) => { readonly line: string } | undefined): string {
  switch (c.kind) {
    case "propose":
      return `${c.proposer} is asked to propose`;
    case "timeout":
      return `${c.proposer} times out`;
    case "deliver":
      return `deliver${c.keep ? " a copy of" : ""} ${find(c.id)?.line ?? `#${c.id}`}`;
    case "lose":
      return `lose ${find(c.id)?.line ?? `#${c.id}`}`;
    case "crash":
      return `${c.node} crashes`;
    case "restart":
      return `${c.node} restarts`;
  }
}
