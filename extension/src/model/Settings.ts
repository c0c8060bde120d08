/**
 * The `mem0.*` settings, validated. A base URL that is not HTTPS is refused
 * unless it points at this machine (a local server), so a key is never sent
 * in clear over a network.
 */
import * as Either from "effect/Either"
import * as Mem0Client from "effect-mem0/Mem0Client"
import { t } from "../platform/L10n.js"
import type { RawSettings } from "../platform/VsCodeApi.js"

/** Where requests go by default: the core's own default. */
export const DEFAULT_BASE_URL = Mem0Client.DEFAULT_BASE_URL

/** What `WorkspaceConfiguration.inspect` reports of a setting, in the parts used here. */
export interface InspectedSetting {
  readonly defaultValue?: unknown
  readonly globalValue?: unknown
  readonly workspaceValue?: unknown
  readonly workspaceFolderValue?: unknown
}

/**
 * The value of a setting as the user set it (user settings, else the
 * default), whatever a workspace says. `mem0.apiBaseUrl` decides where the
 * key is sent, so it is read only from here: its `application` scope already
 * keeps workspaces out, and this keeps them out even if that ever changed.
 */
export const userValue = (inspected: InspectedSetting | undefined): unknown =>
  inspected?.globalValue ?? inspected?.defaultValue

/** Valid settings. */
export interface Settings {
  readonly baseUrl: string
  readonly timeoutSeconds: number
  readonly maxRetries: number
  /** Minutes between automatic refreshes of a visible tree; 0: never. */
  readonly autoRefreshMinutes: number
  /** Hides and refuses every change (deletes, owner actions): the user's settings only. */
  readonly readOnly: boolean
}

/** A setting that cannot be used, with the reason a person can act on. */
export interface SettingsProblem {
  readonly setting: string
  readonly message: string
}

/**
 * Checks a URL a key is sent to by the core's one rule (`Mem0Client.baseUrlProblem`: https, or http
 * to this machine only; no credentials, query or fragment), in words of ours naming `setting`. A
 * message never repeats what was typed: a URL with credentials, or a string that is not a URL at
 * all, may hold a password. It names the URL's origin (which has no credentials) where there is one.
 * The URL comes back normalised (`URL.href`).
 */
export const checkServerUrl = (raw: unknown, setting: string, example: string): Either.Either<string, SettingsProblem> => {
  const problem = (message: string) => Either.left({ setting, message })
  if (typeof raw !== "string" || raw.trim() === "") return problem(t("{0} is empty; set it to {1}.", setting, example))
  const refused = Mem0Client.baseUrlProblem(raw)
  if (refused === undefined) return Either.right(new URL(raw.trim()).href)
  switch (refused._tag) {
    case "NotAUrl":
      return problem(t("{0} is not a URL; set it to {1} or your server's https:// address.", setting, example))
    case "Credentials":
      return problem(t("{0} must not contain credentials.", setting))
    case "NotHttp":
      return problem(t("{0} must start with https://.", setting))
    case "QueryOrFragment":
      return problem(t("{0} must not contain a query or a fragment.", setting))
    case "PlainHttp":
      return problem(
        t("{0} \"{1}\" is refused: it must use https:// (plain http:// is allowed only for localhost and 127.0.0.1), so the API key is never sent unencrypted.", setting, refused.origin)
      )
  }
}

/** `mem0.apiBaseUrl` checked, as the core sends to it: without trailing slashes. */
export const checkBaseUrl = (raw: unknown): Either.Either<string, SettingsProblem> =>
  Either.map(checkServerUrl(raw, "mem0.apiBaseUrl", DEFAULT_BASE_URL), (url) => url.replace(/\/+$/, ""))

const numberIn = (raw: unknown, fallback: number, min: number, max: number, integer: boolean): number => {
  const n = typeof raw === "number" ? raw : typeof raw === "string" && raw.trim() !== "" ? Number(raw) : NaN
  if (!Number.isFinite(n)) return fallback
  const clamped = Math.min(max, Math.max(min, n))
  return integer ? Math.round(clamped) : clamped
}

/** Validates raw settings; out-of-range numbers are clamped, a bad URL is a problem. */
export const parseSettings = (raw: RawSettings): Either.Either<Settings, SettingsProblem> =>
  Either.map(checkBaseUrl(raw.apiBaseUrl ?? DEFAULT_BASE_URL), (baseUrl) => ({
    baseUrl,
    timeoutSeconds: numberIn(raw.requestTimeoutSeconds, 30, 1, 300, false),
    maxRetries: numberIn(raw.maxRetries, 2, 0, 10, true),
    autoRefreshMinutes: numberIn(raw.autoRefreshMinutes, 0, 0, 1440, false),
    readOnly: raw.readOnly === true
  }))
