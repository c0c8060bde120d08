/**
 * Exporting memories to a file, as a stream: page by page from Mem0 (the
 * core's `Memory.stream`), each page written before the next is asked for, so
 * memory use stays one page whatever the size of the set. The file is written
 * under a temporary name beside the target and renamed when complete: a
 * cancelled or failed export leaves no file behind (and an existing file at
 * the target is replaced only by a complete export).
 *
 * Each memory is written as the core's schema encodes it (`Schema.encode`),
 * so the file reads back through `MemoryFromWire`. JSON is an array; JSONL
 * one memory per line. The characters JSON leaves raw but line readers split
 * on (U+2028, U+2029) are written as `\u` escapes.
 */
import * as Chunk from "effect/Chunk"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Schema from "effect/Schema"
import * as Stream from "effect/Stream"
import type { Mem0ClientService } from "effect-mem0/Mem0Client"
import { Mem0Client } from "effect-mem0/Mem0Client"
import type { Mem0RequestError } from "effect-mem0/Mem0Error"
import * as MemoryModule from "effect-mem0/Memory"
import * as fs from "node:fs"
import * as path from "node:path"
import { type ListFilter, listOptions, type MemoryScope, scopeFilter } from "./MemoryQuery.js"

export type ExportFormat = "json" | "jsonl"

/** What is exported: a list (an entity's or the project's, filtered) or the results of a search. */
export type ExportSource =
  | { readonly _tag: "List"; readonly scope: MemoryScope; readonly filter: ListFilter | undefined }
  | { readonly _tag: "Results"; readonly memories: ReadonlyArray<MemoryModule.Memory> }

/** Rows asked per page when exporting (Mem0's most). */
export const EXPORT_PAGE_SIZE = 200

/** The file could not be written. */
export class ExportFileError extends Data.TaggedError("ExportFileError")<{ readonly reason: string }> {
  override get message() {
    return this.reason
  }
}

const encodeMemory = Schema.encodeSync(MemoryModule.Memory)

/** One memory as a line of JSON. */
export const memoryLine = (memory: MemoryModule.Memory): string =>
  JSON.stringify(encodeMemory(memory)).replace(/[\u2028\u2029]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16)}`)

/** The memories of a source, as a stream. */
export const memoriesOf = (client: Mem0ClientService, source: ExportSource): Stream.Stream<MemoryModule.Memory, Mem0RequestError> =>
  source._tag === "Results"
    ? Stream.fromIterable(source.memories)
    : MemoryModule.stream(scopeFilter(source.scope), { ...listOptions(source.filter), pageSize: EXPORT_PAGE_SIZE }).pipe(
      Stream.provideService(Mem0Client, client)
    )

/** Opens the temporary file (a new one: an existing file of that name is never written into). */
const openFile = (file: string) =>
  Effect.async<fs.WriteStream, ExportFileError>((resume) => {
    const stream = fs.createWriteStream(file, { flags: "wx", mode: 0o600 })
    const failed = (error: Error) => resume(Effect.fail(new ExportFileError({ reason: String(error) })))
    stream.once("error", failed)
    stream.once("open", () => {
      stream.off("error", failed)
      // from now on a failure reaches the write that meets it
      stream.on("error", () => undefined)
      resume(Effect.succeed(stream))
    })
  })

/** Writes text, resuming once the stream took it (one page at a time is in flight). */
const write = (stream: fs.WriteStream, text: string) =>
  Effect.async<void, ExportFileError>((resume) => {
    stream.write(text, (error) => resume(error == null ? Effect.void : Effect.fail(new ExportFileError({ reason: String(error) }))))
  })

/** Flushes and closes a complete file; a failed or cancelled one is just closed. */
const closeFile = (stream: fs.WriteStream, complete: boolean) =>
  Effect.async<void>((resume) => {
    if (!complete) {
      stream.destroy()
      return resume(Effect.void)
    }
    stream.end(() => resume(Effect.void))
  })

/**
 * Writes the memories to `target` in `format`, calling `progress` with the count after each page; returns
 * the count. Interrupting it (Cancel) or a failure removes what was written.
 */
export const exportTo = <E>(
  memories: Stream.Stream<MemoryModule.Memory, E>,
  target: string,
  format: ExportFormat,
  progress: (written: number) => Effect.Effect<void>
): Effect.Effect<number, E | ExportFileError> => {
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.${Date.now()}.partial`)
  const remove = Effect.promise(() => fs.promises.rm(partial, { force: true }))
  return Effect.acquireUseRelease(
    openFile(partial),
    (file) =>
      Effect.gen(function*() {
        let count = 0
        if (format === "json") yield* write(file, "[")
        yield* Stream.runForEachChunk(memories, (chunk) => {
          const lines = Chunk.toReadonlyArray(chunk).map(memoryLine)
          if (lines.length === 0) return Effect.void
          const text = format === "json"
            ? `${count === 0 ? "\n" : ",\n"}${lines.join(",\n")}`
            : `${lines.join("\n")}\n`
          count += lines.length
          return Effect.zipRight(write(file, text), progress(count))
        })
        yield* write(file, format === "json" ? (count === 0 ? "]\n" : "\n]\n") : "")
        return count
      }),
    (file, exit) => closeFile(file, exit._tag === "Success")
  ).pipe(
    Effect.tap(() => Effect.tryPromise({ try: () => fs.promises.rename(partial, target), catch: (error) => new ExportFileError({ reason: String(error) }) })),
    // cancelled or failed: nothing is left behind
    Effect.onExit((exit) => (exit._tag === "Success" ? Effect.void : remove))
  )
}
