/**
 * Whole sets as streams, page by page, by number: the `next` URL a server
 * sends is never followed (it is absolute, and would carry the key wherever
 * it points). The stream ends at the last page (no `next`, or an empty page)
 * or at Mem0's 404 "Invalid page." past the end; one page is fetched ahead of
 * the consumer at most; interrupting the stream aborts the request in flight.
 */
import * as Chunk from "effect/Chunk"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Stream from "effect/Stream"
import type { Mem0RequestError } from "../Mem0Error.js"

/** Pages fetched ahead of the consumer, at most. */
const PREFETCH_PAGES = 1

export const pagedStream = <A, R>(
  fetch: (page: number) => Effect.Effect<{ readonly results: ReadonlyArray<A>; readonly hasNext: boolean }, Mem0RequestError, R>
): Stream.Stream<A, Mem0RequestError, R> =>
  Stream.paginateChunkEffect(1, (page) =>
    fetch(page).pipe(
      Effect.map((p) => [Chunk.fromIterable(p.results), p.hasNext && p.results.length > 0 ? Option.some(page + 1) : Option.none<number>()] as const),
      // past the last page Mem0 answers 404 "Invalid page.": the end, not a failure (the first page's 404 is one)
      Effect.catchIf(
        (error) => page > 1 && error._tag === "Mem0NotFound",
        () => Effect.succeed([Chunk.empty<A>(), Option.none<number>()] as const)
      )
    )).pipe(Stream.bufferChunks({ capacity: PREFETCH_PAGES }))
