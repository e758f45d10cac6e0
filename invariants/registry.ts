// Every property Synod checks, in the order reports and docs list them.
import type { Eventually, Property, StateInvariant, StepProperty, Witness } from "./property.ts";
import { agreement } from "./agreement.ts";
import { validity } from "./validity.ts";
import { learnedIsChosen } from "./learned-is-chosen.ts";
import { learnersAgree } from "./learners-agree.ts";
import { voteBelowPromise } from "./vote-below-promise.ts";
import { oneValuePerBallot } from "./one-value-per-ballot.ts";
import { votesAreSafe } from "./votes-are-safe.ts";
import { promiseReportsTruthfully } from "./promise-reports-truthfully.ts";
import { promisesNeverDecrease } from "./promises-never-decrease.ts";
import { chosenStaysChosen } from "./chosen-stays-chosen.ts";
import { eventuallyChosen, eventuallyLearned } from "./eventually.ts";
import { acceptorDownAfterHigherPromise, acceptorVotesAgain, acceptReachesNonPromiser, proposerAdoptsReportedValue, twoProposersInPhase2, valueChosen, votesOfTwoBallotsInOneQuorum } from "./witnesses.ts";

export const stateInvariants: readonly StateInvariant[] = [
  agreement,
  validity,
  learnedIsChosen,
  learnersAgree,
  voteBelowPromise,
  oneValuePerBallot,
  votesAreSafe,
  promiseReportsTruthfully,
];
export const stepProperties: readonly StepProperty[] = [promisesNeverDecrease, chosenStaysChosen];
export const witnesses: readonly Witness[] = [valueChosen, twoProposersInPhase2, acceptorVotesAgain, proposerAdoptsReportedValue];
/** Witnesses of the verified envelope (docs/ci.md): required where a configuration has room for them. */
export const envelopeWitnesses: readonly Witness[] = [votesOfTwoBallotsInOneQuorum, acceptorDownAfterHigherPromise, acceptReachesNonPromiser];
/** Liveness: judged under weak fairness when a check asks for it (`synod check --liveness`). */
export const livenessProperties: readonly Eventually[] = [eventuallyChosen, eventuallyLearned];
export const allProperties: readonly Property[] = [...stateInvariants, ...stepProperties, ...witnesses, ...envelopeWitnesses, ...livenessProperties];

export function isLivenessProperty(id: string): boolean {
  return livenessProperties.some((p) => p.id === id);
}
