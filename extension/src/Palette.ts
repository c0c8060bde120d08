/**
 * What palette commands share: the failure of a pick that has nothing to offer.
 */
import * as Data from "effect/Data"

/** A palette pick with nothing to offer; the message says what is missing (fixed wording). */
export class NothingToPick extends Data.TaggedError("NothingToPick")<{ readonly message: string }> {}
