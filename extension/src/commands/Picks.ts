/**
 * What the command modules share: the failure of a pick that has nothing to offer, and the text the
 * org_id and project_id pair is copied as.
 */
import * as Data from "effect/Data"

/** What Mem0's SDKs read from the environment: the pair a memory lives in, one per line. */
export const orgAndProjectEnv = (orgId: string, projectId: string) => `MEM0_ORG_ID=${orgId}\nMEM0_PROJECT_ID=${projectId}`

/** A palette pick with nothing to offer; the message says what is missing (fixed wording). */
export class NothingToPick extends Data.TaggedError("NothingToPick")<{ readonly message: string }> {}
