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

const hexDigit = (code: number): number =>
  code >= 48 && code <= 57 ? code - 48 : code >= 97 && code <= 102 ? code - 87 : code >= 65 && code <= 70 ? code - 55 : -1

/** The number written by `length` hex digits at `at`, or -1. */
const hexAt = (text: string, at: number, length: number): number => {
  let value = 0
  for (let i = at; i < at + length; i++) {
    const digit = hexDigit(text.charCodeAt(i))
    if (digit < 0) return -1
    value = value * 16 + digit
  }
  return value
}

/** ASCII letters folded to lower case (the key is printable ASCII; echoes match in either case). */
const fold = (code: number): number => (code >= 65 && code <= 90 ? code + 32 : code)

/** An HTML numeric entity where it starts (sticky: read at one place, never searched for). */
const ENTITY = /&#(?:x0*([0-9a-f]{1,6})|0*([0-9]{1,7}));/iy

/** A character read from a text: its code and the length of the text that wrote it. */
interface Decoded {
  code: number
  length: number
}

/**
 * Reads the character that starts at `at` into `out`, as a server may have echoed it: a JSON `\uXXXX`
 * escape (or `\/`, `\"`, `\\`), a percent-encoded byte, or an HTML numeric entity (decimal or hex; hex
 * digits in either case). A character in none of these stands for itself.
 */
const decodeAt = (text: string, at: number, out: Decoded): void => {
  out.code = text.charCodeAt(at)
  out.length = 1
  if (out.code === 92 /* \ */) {
    const next = text.charCodeAt(at + 1)
    const escaped = next === 117 || next === 85 /* u U */ ? hexAt(text, at + 2, 4) : -1
    if (escaped >= 0) {
      out.code = escaped
      out.length = 6
    } else if (next === 47 || next === 34 || next === 92 /* / " \ */) {
      out.code = next
      out.length = 2
    }
  } else if (out.code === 37 /* % */) {
    const byte = hexAt(text, at + 1, 2)
    if (byte >= 0) {
      out.code = byte
      out.length = 3
    }
  } else if (out.code === 38 /* & */) {
    ENTITY.lastIndex = at
    const entity = ENTITY.exec(text)
    if (entity !== null) {
      out.code = entity[1] === undefined ? parseInt(entity[2]!, 10) : parseInt(entity[1], 16)
      out.length = entity[0].length
    }
  }
}

/**
 * Builds the scrubber of one key (once per client).
 *
 * The text is read once, character by character, each decoded from whichever encoding wrote it
 * (encodings may be mixed within one echo, letters match in either case); wherever a run of
 * {@link MIN_SCRUBBED_RUN} of the key's characters starts (overlapping), it is found. A key that itself
 * holds what reads as an encoding (`%41`) is also looked for as written. Base64 forms of the key are found
 * on their own. Runs that touch are joined and each joined run is replaced once, so no tail of a long
 * echo is left.
 *
 * It used to be one regular expression with an alternative per run and per encoding, which V8 took
 * 265 ms to compile on a new client's first call (a 43-character key); this compiles one small pattern,
 * for base64, and costs a table lookup per character of text unlike the key.
 */
export const makeScrubber = (key: string): Scrubber => {
  if (key === "") return (text) => text
  const run = Math.min(MIN_SCRUBBED_RUN, key.length)
  const folded = Array.from(key, (ch) => fold(ch.charCodeAt(0)))
  const windows = new Set<string>()
  for (let i = 0; i + run <= folded.length; i++) windows.add(String.fromCharCode(...folded.slice(i, i + run)))
  const isKeyChar = new Uint8Array(0x10000)
  for (const code of folded) isKeyChar[code] = 1
  const pairs = new Set<number>()
  for (let i = 1; i < folded.length; i++) pairs.add(folded[i - 1]! * 0x10000 + folded[i]!)
  const literalToo = /[\\%&]/.test(key)
  const cores = base64Cores(key)
  // A lookahead matches at every start, so overlapping forms are all seen.
  const base64 = cores.length === 0 ? undefined : new RegExp(`(?=(${cores.map(escapeRegExp).join("|")}))`, "gi")
  const shortest = Math.min(run, ...cores.map((core) => core.length))
  const decoded: Decoded = { code: 0, length: 0 }
  // the last `run` characters of the current stretch of the key's characters, and where each starts
  const last = new Array<number>(run).fill(0)
  const lastAt = new Array<number>(run).fill(0)

  /**
   * Pushes where each run of the key starts and ends, reading `text` decoded or as written. A window is
   * looked up only where each neighbouring pair of its characters is one of the key's.
   */
  const scan = (text: string, decode: boolean, spans: Array<[number, number]>) => {
    let length = 0 // characters in the current stretch of the key's characters
    let paired = 0 // neighbouring pairs of the key's, ending here
    let previous = 0
    for (let at = 0; at < text.length;) {
      if (decode) decodeAt(text, at, decoded)
      else {
        decoded.code = text.charCodeAt(at)
        decoded.length = 1
      }
      // beyond the BMP a character cannot be one of the key's
      const code = decoded.code > 0xffff ? 0 : fold(decoded.code)
      if (isKeyChar[code] === 0) {
        length = 0
        paired = 0
      } else {
        paired = length > 0 && pairs.has(previous * 0x10000 + code) ? paired + 1 : 0
        last[length % run] = code
        lastAt[length % run] = at
        length++
        previous = code
        if (paired >= run - 1) {
          let window = ""
          for (let i = length - run; i < length; i++) window += String.fromCharCode(last[i % run]!)
          if (windows.has(window)) spans.push([lastAt[(length - run) % run]!, at + decoded.length])
        }
      }
      at += decoded.length
    }
  }

  return (text) => {
    if (text.length < shortest) return text
    const spans: Array<[start: number, end: number]> = []
    scan(text, true, spans)
    if (literalToo) scan(text, false, spans)
    if (base64 !== undefined) {
      base64.lastIndex = 0
      for (let match = base64.exec(text); match !== null; match = base64.exec(text)) {
        spans.push([match.index, match.index + (match[1]?.length ?? 0)])
        base64.lastIndex = match.index + 1 // a zero-width match: move on by hand
      }
    }
    if (spans.length === 0) return text
    spans.sort((a, b) => a[0] - b[0])
    let out = ""
    let at = 0
    let [start, end] = spans[0]!
    for (const [nextStart, nextEnd] of spans) {
      if (nextStart <= end) {
        end = Math.max(end, nextEnd)
        continue
      }
      out += text.slice(at, start) + REDACTED
      at = end
      start = nextStart
      end = nextEnd
    }
    return out + text.slice(at, start) + REDACTED + text.slice(end)
  }
}
