/**
 * effect-mem0: Mem0's Organizations and Members API as typed Effects.
 *
 * - `Mem0Client`: the service tag (`Mem0Client.Mem0Client`), `layer`,
 *   `layerConfig`, `make`, options and defaults.
 * - The errors (`Mem0Unauthorized`, `Mem0RateLimited`, ...), their union
 *   `Mem0Error` and the refinement `isMem0Error`.
 * - The schemas: `Organization`, `OrganizationList`, `Member`, `OrgId`, ...
 *
 * @example
 * ```ts
 * import * as Effect from "effect/Effect"
 * import { Mem0Client } from "effect-mem0"
 *
 * const names = Effect.map(Mem0Client.listOrganizations(), (orgs) => orgs.map((o) => o.name))
 * ```
 *
 * @since 0.1.0
 */

/**
 * The client service, its options and layers.
 *
 * @since 0.1.0
 */
export * as Mem0Client from "./Mem0Client.js"

export * from "./Mem0Error.js"

export * from "./Organization.js"
