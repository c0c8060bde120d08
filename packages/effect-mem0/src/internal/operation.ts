/**
 * One call of the API as the request pipeline sees it. Operation names are
 * the routes' names (`Routes.ts`, which imports nothing), so the pipeline
 * needs nothing from the public `Mem0Client` module at run time.
 */
import type * as Either from "effect/Either"
import type * as ParseResult from "effect/ParseResult"
import type { RouteName } from "../Routes.js"

/** The name of an operation (its span is `Mem0Client.<name>`): one per declared route. */
export type OperationName = RouteName

/** What one operation asks and how its body decodes. */
export interface Operation<A> {
  readonly name: OperationName
  readonly method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE"
  /** The path, without query: what errors, logs and spans name. */
  readonly path: string
  /** Query parameters (sent, never named in errors, logs or spans). */
  readonly query?: Readonly<Record<string, string>>
  readonly orgId?: string
  readonly projectId?: string
  /** Sent as JSON. */
  readonly body?: unknown
  /** A read sent as a POST: retried when GET is. */
  readonly read?: boolean
  /** Decodes a 2xx body; absent when any 2xx body means success (the change happened). */
  readonly decode?: (u: unknown) => Either.Either<A, ParseResult.ParseError>
}
