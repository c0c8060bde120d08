/**
 * The read-only documents of a memory and of an event: every field Mem0 sent,
 * as JSON in which no server string can hide or reorder what is shown
 * (`jsonText`). A memory's document holds the memory, its metadata and entity
 * ids, and its history: each ADD, UPDATE or DELETE with the old and new text
 * and the input messages that caused it.
 */
import * as DateTime from "effect/DateTime"
import * as Either from "effect/Either"
import type { HistoryEntry, Memory } from "effect-mem0/Memory"
import type { Mem0RequestError } from "effect-mem0/Mem0Error"
import type { MemoryEvent } from "effect-mem0/MemoryEvent"
import { t } from "../platform/L10n.js"
import type { DocumentFailure } from "../platform/VsCodeApi.js"
import { jsonText, MAX_DOCUMENT_DEPTH, nestsDeeperThan, plain, tooDeep } from "./ProjectDocuments.js"

/** A record's text and the date an editor compares (its last change). */
export interface RecordText {
  readonly content: string
  readonly mtime: number
}

const millis = (at: DateTime.Utc | undefined) => (at === undefined ? 0 : DateTime.toEpochMillis(at))

const asDocument = (value: unknown, mtime: number): Either.Either<RecordText, DocumentFailure> =>
  nestsDeeperThan(value, MAX_DOCUMENT_DEPTH) ? Either.left(tooDeep()) : Either.right({ content: jsonText(plain(value)), mtime })

/** A memory's document: the memory, then its history (or why the history could not be read). */
export const memoryDocument = (
  memory: Memory,
  history: Either.Either<ReadonlyArray<HistoryEntry>, Mem0RequestError>
): Either.Either<RecordText, DocumentFailure> =>
  asDocument(
    {
      memory,
      history: Either.isRight(history)
        ? history.right
        : t("Mem0 did not send the history: {0}", history.left._tag)
    },
    millis(memory.updated_at ?? memory.created_at)
  )

/** An event's document: every field, its error first when it failed. */
export const eventDocument = (event: MemoryEvent): Either.Either<RecordText, DocumentFailure> =>
  asDocument(
    event.error === undefined ? event : { error: event.error, ...event },
    millis(event.updated_at ?? event.created_at)
  )
