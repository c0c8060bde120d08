/**
 * Keeping the API key out of every string the client hands out (errors,
 * logs, span attributes), whatever encoding a server echoed it in.
 *
 * The scrubber only ever touches text meant for people; the bytes the
 * decoder reads are never altered, so a key that happens to be a substring
 * of ordinary data cannot corrupt a successful response.
 */

/** What a scrubbed key is replaced with. */
export const REDACTED = "<redacted>"

/** Why a key cannot be used. */
export type KeyProblem =
  | { readonly _tag: "Empty"; readonly message: string }
  | { readonly _tag: "ControlCharacter"; readonly message: string }
  | { readonly _tag: "Space"; readonly message: string }
  | { readonly _tag: "NotPrintableAscii"; readonly message: string }

/** Why a key cannot be used, or `undefined` when it can. Checked after trimming. */
export const keyProblem = (key: string): KeyProblem | undefined => {
  if (key === "") return { _tag: "Empty", message: "the API key is empty; set a Mem0 API key" }
  // A header value carries printable ASCII only: a control character (NUL, CR, LF, ...) could split or
  // truncate the header, a space makes `Token <key>` ambiguous, and no Mem0 key has anything else.
  for (let i = 0; i < key.length; i++) {
    const code = key.charCodeAt(i)
    if (code < 0x21 || code > 0x7e) {
      return code < 0x20 || (code >= 0x7f && code <= 0x9f)
        ? { _tag: "ControlCharacter", message: "the API key contains a control character" }
        : code === 0x20 || code === 0x09
        ? { _tag: "Space", message: "the API key contains a space" }
        : { _tag: "NotPrintableAscii", message: "the API key contains a character that is not printable ASCII" }
    }
  }
  return undefined
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&")

const hex2 = (code: number) => code.toString(16).padStart(2, "0")
const hex4 = (code: number) => code.toString(16).padStart(4, "0")

/**
 * One character of the key in any of the encodings a server may use when it
 * echoes text: as itself, a JSON `\uXXXX` escape (and `\/`, `\"`, `\\`), a
 * percent-encoded byte, or an HTML numeric entity. Encodings may be mixed
 * within one echo; hex digits match in either case.
 */
const charPattern = (ch: string): string => {
  const code = ch.charCodeAt(0)
  const forms = [
    escapeRegExp(ch),
    `\\\\u${hex4(code)}`,
    `%${hex2(code)}`,
    `&#0*${code};`,
    `&#x0*${hex2(code)};`
  ]
  if (ch === "/" || ch === "\"" || ch === "\\") forms.push(`\\\\${escapeRegExp(ch)}`)
  if (ch === " ") forms.push("\\+")
  return `(?:${forms.join("|")})`
}

/** The part of base64(prefix + key) that does not depend on what surrounds the key, for each alignment. */
const base64Cores = (key: string): ReadonlyArray<string> => {
  const cores: Array<string> = []
  for (let offset = 0; offset < 3; offset++) {
    // btoa, not Buffer: the core runs in browsers too. Keys are printable ASCII (see keyProblem).
    const encoded = btoa("\0".repeat(offset) + key).replace(/=+$/, "")
    // Characters fed partly by the padding before or by whatever follows the key are unstable.
    const start = offset === 0 ? 0 : Math.ceil((offset * 8) / 6)
    const end = Math.floor(((offset + key.length) * 8) / 6)
    const core = encoded.slice(start, end)
    if (core.length >= 8) {
      cores.push(core, core.replace(/\+/g, "-").replace(/\//g, "_"))
    }
  }
  return cores
}

/** A function that replaces the key, in any encoding, by {@link REDACTED}. */
export type Scrubber = (text: string) => string

/**
 * The shortest run of the key's characters scrubbed on its own. A server may
 * echo part of a key (its first 32 characters, its last 16): any run this
 * long is treated as the key.
 */
export const MIN_SCRUBBED_RUN = 12

/**
 * Builds the scrubber of one key (once per client: the pattern is compiled here).
 * It finds every place where a run of at least {@link MIN_SCRUBBED_RUN} of the
 * key's characters starts (in any encoding, overlapping), joins the runs that
 * touch, and replaces each joined run once, so no tail of a long echo is left.
 */
export const makeScrubber = (key: string): Scrubber => {
  if (key === "") return (text) => text
  const chars = Array.from(key, charPattern)
  const run = Math.min(MIN_SCRUBBED_RUN, chars.length)
  const windows = new Set<string>()
  for (let i = 0; i + run <= chars.length; i++) windows.add(chars.slice(i, i + run).join(""))
  // A lookahead matches at every start, so overlapping runs are all seen.
  const cores = base64Cores(key)
  const pattern = new RegExp(`(?=(${[...windows, ...cores.map(escapeRegExp)].join("|")}))`, "gi")
  // No match is shorter than a run of the key's own characters or than a base64 core.
  const shortest = Math.min(run, ...cores.map((core) => core.length))
  /**
   * Short texts already scrubbed, by text: the response headers copied onto every call's span repeat
   * (`application/json`), and the pattern tries every window at every position.
   */
  const recent = new Map<string, string>()
  const scrubCached = (text: string): string => {
    if (text.length < shortest) return text
    if (text.length > CACHED_TEXT_LENGTH) return scrubText(text)
    const known = recent.get(text)
    if (known !== undefined) return known
    if (recent.size >= CACHED_TEXTS) recent.clear()
    const scrubbed = scrubText(text)
    recent.set(text, scrubbed)
    return scrubbed
  }
  const scrubText = (text: string): string => {
    const spans: Array<[start: number, end: number]> = []
    pattern.lastIndex = 0
    for (let match = pattern.exec(text); match !== null; match = pattern.exec(text)) {
      const end = match.index + (match[1]?.length ?? 0)
      const last = spans[spans.length - 1]
      if (last !== undefined && match.index <= last[1]) last[1] = Math.max(last[1], end)
      else spans.push([match.index, end])
      pattern.lastIndex = match.index + 1 // a zero-width match: move on by hand
    }
    if (spans.length === 0) return text
    let out = ""
    let at = 0
    for (const [start, end] of spans) {
      out += text.slice(at, start) + REDACTED
      at = end
    }
    return out + text.slice(at)
  }
  return scrubCached
}

/** Texts up to this long are remembered once scrubbed, at most {@link CACHED_TEXTS} of them. */
const CACHED_TEXT_LENGTH = 256
const CACHED_TEXTS = 64
