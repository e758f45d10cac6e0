// A model state as a person inspects it, whatever the model: each node with its named fields,
// the messages in flight, and a few facts about the whole system (what is chosen). A step of a
// run is drawn on a message sequence chart as a message from one node to another, or a note.
// The HTML report (report/html/) renders these; model/*/inspect.ts produce them.

export type InspectedField = { readonly name: string; readonly value: string };

export type InspectedNode = {
  readonly id: string;
  /** acceptor, proposer, ... as the model names its roles. */
  readonly role: string;
  readonly up: boolean;
  readonly fields: readonly InspectedField[];
};

export type InspectedMessage = { readonly from: string; readonly to: string; readonly label: string };

export type Inspection = {
  readonly nodes: readonly InspectedNode[];
  readonly inFlight: readonly InspectedMessage[];
  /** Facts about the whole system, such as the values chosen so far. */
  readonly facts: readonly InspectedField[];
};

/** How one step shows on a sequence chart: a message arrow (a loss is drawn crossed), or a note over nodes. */
export type ChartEvent =
  | { readonly kind: "message"; readonly from: string; readonly to: string; readonly label: string; readonly lost: boolean }
  | { readonly kind: "note"; readonly over: readonly string[]; readonly text: string };
