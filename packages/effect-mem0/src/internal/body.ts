import type * as Headers from "@effect/platform/Headers"
import type * as HttpClientError from "@effect/platform/HttpClientError"
import type * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import * as Effect from "effect/Effect"
import * as Stream from "effect/Stream"
import { cut } from "./issue.js"

/** Body excerpt kept on errors: at most this many characters. */
export const BODY_EXCERPT_LIMIT = 1024

/** Cuts a body to the excerpt kept on errors, marking the cut. */
export const excerpt = (body: string): string => cut(body, BODY_EXCERPT_LIMIT)

/** The outcome of parsing a body as JSON, without throwing. */
export type JsonParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string }

/** Parses JSON (a leading UTF-8 BOM is allowed); a body that is not JSON gives `ok: false` with the parser's reason. */
export const tryParseJson = (text: string): JsonParse => {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text
  if (body.trim() === "") return { ok: false, reason: "the body is empty" }
  try {
    return { ok: true, value: JSON.parse(body) }
  } catch (e) {
    return { ok: false, reason: `the body is not JSON (${e instanceof Error ? cut(e.message, 200) : "parse error"})` }
  }
}

/** The body went past the limit; `declared` is the `content-length` when that already said so. */
export interface BodyTooLarge {
  readonly _tag: "BodyTooLarge"
  readonly declared: number | undefined
}

const tooLarge = (declared: number | undefined): BodyTooLarge => ({ _tag: "BodyTooLarge", declared })

/**
 * Reads a body as UTF-8 text, never holding more than `limit` bytes of it.
 *
 * A declared `content-length` over the limit fails before reading. A plain
 * body within a declared length is read whole (its size is bounded by that
 * length). Anything else, a chunked body or a compressed one (whose declared
 * length says nothing of its decoded size), is counted chunk by chunk and the
 * read is abandoned, closing the stream, as soon as it passes the limit.
 */
export const readBody = (
  response: HttpClientResponse.HttpClientResponse,
  headers: Headers.Headers,
  limit: number
): Effect.Effect<string, BodyTooLarge | HttpClientError.ResponseError> => {
  const length = headers["content-length"]
  const declared = length !== undefined && /^\d+$/.test(length) ? Number(length) : undefined
  if (declared !== undefined && declared > limit) return Effect.fail(tooLarge(declared))
  const encoding = headers["content-encoding"]
  if (declared !== undefined && (encoding === undefined || encoding === "identity")) return response.text
  return Effect.suspend(() => {
    const decoder = new TextDecoder()
    const parts: Array<string> = []
    let received = 0
    return response.stream.pipe(
      Stream.runForEachChunk((chunk) => {
        for (const bytes of chunk) {
          received += bytes.byteLength
          if (received > limit) return Effect.fail(tooLarge(declared))
          parts.push(decoder.decode(bytes, { stream: true }))
        }
        return Effect.void
      }),
      Effect.map(() => {
        parts.push(decoder.decode())
        return parts.join("")
      })
    )
  })
}
