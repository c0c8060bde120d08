import { BODY_EXCERPT_LIMIT } from "../Mem0Error.js"

/** Cuts a body to the excerpt kept on errors, marking the cut. */
export const excerpt = (body: string): string =>
  body.length <= BODY_EXCERPT_LIMIT ? body : `${body.slice(0, BODY_EXCERPT_LIMIT - 1)}…`

/** The outcome of parsing a body as JSON, without throwing. */
export type JsonParse =
  | { readonly ok: true; readonly value: unknown }
  | { readonly ok: false; readonly reason: string }

/** Parses JSON; a body that is not JSON gives `ok: false` with the parser's reason. */
export const tryParseJson = (text: string): JsonParse => {
  if (text.trim() === "") return { ok: false, reason: "the body is empty" }
  try {
    return { ok: true, value: JSON.parse(text) }
  } catch (e) {
    return { ok: false, reason: `the body is not JSON (${e instanceof Error ? e.message : String(e)})` }
  }
}
