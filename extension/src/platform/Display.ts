/**
 * Text from a server is data, never markup. Every string a Mem0 server sends
 * (names, ids, emails, roles, messages) passes through here before VS Code
 * shows it:
 *
 * - control characters (C0, DEL, C1) and bidirectional controls are removed,
 *   so a name cannot hide or reorder what is around it; a line break becomes
 *   a space;
 * - a name longer than {@link MAX_NAME} characters is cut with an ellipsis
 *   (the whole name, cleaned, goes in the tooltip);
 * - where VS Code renders `$(icon)` syntax (quick picks, the status bar),
 *   it is escaped so it shows as typed;
 * - in the log channel, control characters are written as escapes (`\n`),
 *   so a name can never start a new log line.
 *
 * Tooltips are plain text (never Markdown) and notifications use fixed
 * wording (`Remedy.ts`), so no server string can become a link.
 */

/** Longest name shown in a label or a quick pick; longer ones are cut with "…". */
export const MAX_NAME = 200

/** C0 controls, DEL, C1 controls; bidi embeddings, overrides and isolates, and the marks LRM, RLM and ALM. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g
const LINE_BREAKS = /[\r\n\t\u0085\u2028\u2029]+/g

/** Cuts to `max` characters (never inside a surrogate pair), with "…" when cut. */
const cutText = (text: string, max: number): string => {
  if (text.length <= max) return text
  let end = max - 1
  const code = text.charCodeAt(end - 1)
  if (code >= 0xd800 && code <= 0xdbff) end-- // do not leave half of a pair
  return `${text.slice(0, end)}…`
}

/** Server text made safe to show: no controls, no bidi, one line. Not cut. */
export const clean = (text: string): string => text.replace(LINE_BREAKS, " ").replace(UNSAFE, "")

/** A server name for a label or a description: cleaned and cut to {@link MAX_NAME}. */
export const label = (text: string, max: number = MAX_NAME): string => cutText(clean(text), max)

/** Escapes `$(icon)` syntax, for places that render it (quick picks, the status bar). */
export const noIcons = (text: string): string => text.replace(/\$\(/g, "\\$(")

/** U+2060 WORD JOINER: invisible, no width, and no part of any link syntax. */
const JOINER = "\u2060"

/** What a character is taken for by a renderer that folds look-alikes (NFKC: full-width, small forms). */
const folded = (ch: string): string => ch.normalize("NFKC")

/** Scheme names a renderer would open without `//` after the colon. */
const BARE_SCHEMES = new Set(["command", "file", "vscode", "vscode-insiders", "mailto", "data", "javascript"])

/**
 * Text for the places VS Code renders as linked text, where `[label](target)`
 * becomes a link and `command:` targets run commands with arguments: an input
 * box's prompt and validation message, notifications, quick pick details.
 * An invisible word joiner goes wherever a link could form: between `]` and
 * `(`, after `<` (autolinks), and before the colon of `scheme://` or of a
 * scheme opened without slashes (`command:`), also where look-alikes (full
 * width, small forms) fold to those characters. The text reads the same.
 */
export const noLinks = (text: string): string => {
  const chars = Array.from(text)
  const plain = chars.map(folded)
  let out = ""
  for (let i = 0; i < chars.length; i++) {
    const here = plain[i]!
    const before = i === 0 ? "" : plain[i - 1]!
    if (here.startsWith("(") && before.endsWith("]")) out += JOINER
    else if (before.endsWith("<") && here !== "") out += JOINER
    else if (here.startsWith(":") && /[a-z0-9+.-]$/i.test(before)) {
      let start = i
      while (start > 0 && /^[a-z0-9+.-]$/i.test(plain[start - 1]!)) start--
      const scheme = plain.slice(start, i).join("").toLowerCase()
      const after = plain.slice(i + 1, i + 3).join("")
      if (/^[a-z]/.test(scheme) && (after.startsWith("//") || BARE_SCHEMES.has(scheme))) out += JOINER
    }
    out += chars[i]
  }
  return out
}

/** Zero-width characters (space, joiners, BOM, Mongolian vowel separator). */
const ZERO_WIDTH = /[\u200b-\u200d\u2060\ufeff\u180e]/g
/** Bidi controls and marks. */
const BIDI = /[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/g
// eslint-disable-next-line no-control-regex
const CONTROLS = /[\u0000-\u001f\u007f-\u009f]/g

/**
 * A server name where a person compares it or confirms an action on it
 * (modals, quick picks): like {@link label}, but zero-width and bidi
 * characters are shown as escapes (`\u200b`), so two names that differ only
 * by them never look alike.
 */
export const visible = (text: string, max: number = MAX_NAME): string =>
  cutText(
    text.replace(LINE_BREAKS, " ").replace(CONTROLS, "").replace(ZERO_WIDTH, escapeControl).replace(BIDI, escapeControl),
    max
  )


const escapeControl = (ch: string): string => {
  switch (ch) {
    case "\n":
      return "\\n"
    case "\r":
      return "\\r"
    case "\t":
      return "\\t"
    default:
      return `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`
  }
}

/** Text for one log line: controls and bidi written as escapes, so the line stays one line and reads as sent. */
export const logText = (text: string): string =>
  text.replace(UNSAFE, escapeControl).replace(/[\u0085\u2028\u2029]/g, escapeControl)

/**
 * The start of a text of any size, for a label or a description: only its first characters are looked at
 * (a memory can be megabytes), cleaned and cut like {@link label}.
 */
export const excerpt = (text: string, max: number): string => {
  const head = text.length > max * 2 ? text.slice(0, max * 2) : text
  const shown = label(head, max)
  return head.length < text.length && !shown.endsWith("…") ? `${shown}…` : shown
}

/** How long ago, as a person reads it in a row ("5m ago", "3d ago"). */
export const ageText = (thenMs: number, nowMs: number): string => {
  const seconds = Math.max(0, Math.round((nowMs - thenMs) / 1000))
  if (seconds < 60) return `${seconds}s`
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m`
  if (seconds < 86_400) return `${Math.floor(seconds / 3600)}h`
  if (seconds < 86_400 * 365) return `${Math.floor(seconds / 86_400)}d`
  return `${Math.floor(seconds / (86_400 * 365))}y`
}
