/**
 * What a failure means to a person, and what they can do about it: one map
 * used by error rows in the tree and by notifications alike. The wording is
 * fixed per error type (plus the status or the wait, which are numbers): a
 * server's own text never reaches a notification, a row label or a
 * description, where VS Code would render links. It goes to the log channel
 * and, cleaned, to the row's plain-text tooltip.
 */
import * as Duration from "effect/Duration"
import type { Mem0RequestError } from "effect-mem0/Mem0Error"
import { type KeyClientError, describeKey } from "./KeyClients.js"
import { label } from "../platform/Display.js"
import { COMMANDS, CONTEXT_VALUES } from "../platform/Ids.js"
import { t } from "../platform/L10n.js"

/** What the person can do: the action offered on the row and in the notification. */
export type RemedyAction = "setApiKey" | "retry" | "openSettings" | "showLogs"

export interface Remedy {
  /** Fixed wording, e.g. "Mem0 rejected the API key (401)". */
  readonly summary: string
  readonly action: RemedyAction
}

/** Every failure a load can end with. */
export type Failure = KeyClientError | Mem0RequestError

/** Where the failure happened: a list being loaded, or a change (create, rename, invite, delete...). */
export type FailureScope = "organizations" | "members" | "projects" | "memories" | "change"

/** A wait as a person reads it, to the second ("2m 5s"); a day or more says so. */
const waitText = (wait: Duration.Duration): string => {
  const seconds = Math.ceil(Duration.toSeconds(wait))
  return seconds >= 86_400 || !Number.isFinite(seconds) ? t("more than a day") : Duration.format(Duration.seconds(seconds))
}

/** The one map from a failure to its summary and its remedy. */
export const remedyOf = (error: Failure, scope: FailureScope): Remedy => {
  switch (error._tag) {
    case "NoApiKey":
      return { summary: t("No Mem0 API key is set"), action: "setApiKey" }
    case "KeyNotForThisUrl":
      return {
        summary: t("The key \"{0}\" was added for {1}, not for {2}: add a key for this address", label(error.name, 40), error.keyUrl, error.settingUrl),
        action: "setApiKey"
      }
    case "KeyChanged":
      return {
        summary: error.now === undefined
          ? t("Not sent: this was read with {0}, which is no longer stored; refresh and try again", describeKey(error.readWith))
          : t("Not sent: this was read with {0}, and {1} is in use now; refresh and try again", describeKey(error.readWith), describeKey(error.now)),
        action: "retry"
      }
    case "InvalidSettings":
      return { summary: t("Invalid Mem0 settings"), action: "openSettings" }
    case "Mem0ConfigError":
      return error.setting === "apiKey"
        ? { summary: t("The API key cannot be used"), action: "setApiKey" }
        : { summary: t("Invalid Mem0 settings"), action: "openSettings" }
    case "Mem0Unauthorized":
      return { summary: t("Mem0 rejected the API key (401)"), action: "setApiKey" }
    case "Mem0Forbidden":
      return scope === "change"
        ? { summary: t("Mem0 allows this to owners only (403)"), action: "retry" }
        : scope === "organizations"
        ? { summary: t("This API key may not list organizations (403)"), action: "setApiKey" }
        : scope === "projects"
        ? { summary: t("Not allowed to see the projects (403)"), action: "retry" }
        : scope === "memories"
        ? { summary: t("Not allowed to see the memories (403)"), action: "retry" }
        : { summary: t("Not allowed to see the members (403)"), action: "retry" }
    case "Mem0RateLimited":
      return {
        summary: error.retryAfter === undefined
          ? t("Rate limited by Mem0")
          : t("Rate limited by Mem0: retry in {0}", waitText(error.retryAfter)),
        action: "retry"
      }
    case "Mem0Timeout":
      return { summary: t("Mem0 did not answer in time"), action: "retry" }
    case "Mem0TransportError":
      return { summary: t("Cannot reach Mem0"), action: "retry" }
    case "Mem0ServerError":
      return { summary: t("Mem0 server error ({0})", error.status), action: "retry" }
    case "Mem0NotFound":
      return scope === "change"
        ? { summary: t("Mem0 no longer has it (404); refresh the tree"), action: "retry" }
        : scope === "memories"
        ? { summary: t("Mem0 has no such page or entity (404)"), action: "retry" }
        : { summary: t("Organization not found (404)"), action: "retry" }
    case "Mem0BadRequest":
      return { summary: t("Mem0 refused the request as invalid ({0})", error.status), action: "showLogs" }
    case "Mem0UnexpectedStatus":
      return { summary: t("Unexpected answer from Mem0 ({0})", error.status), action: "retry" }
    case "Mem0DecodeError":
      return { summary: t("Unexpected response from Mem0"), action: "retry" }
    case "Mem0ResponseTooLarge":
      return { summary: t("Mem0's response was too large to read"), action: "showLogs" }
    case "Mem0RedirectRefused":
      return { summary: t("Mem0 redirected elsewhere ({0}); not followed", error.status), action: "openSettings" }
    case "Mem0InvalidInput":
      return { summary: t("Mem0 sent an id that cannot be used"), action: "showLogs" }
  }
}

/** What a remedy is, wherever it is offered: the command that takes it, the error row's menu and words, the button's. */
export interface RemedyOffer {
  readonly command: string
  readonly contextValue: string
  /** The row's description and the notification's button. */
  readonly hint: () => string
  /** The row tooltip's last line. */
  readonly click: () => string
}

/** One table for error rows and notifications alike. */
export const REMEDIES: { readonly [A in RemedyAction]: RemedyOffer } = {
  setApiKey: {
    command: COMMANDS.setApiKey,
    contextValue: CONTEXT_VALUES.errorSetKey,
    hint: () => t("Set API Key"),
    click: () => t("Click to set the API key.")
  },
  retry: { command: COMMANDS.retry, contextValue: CONTEXT_VALUES.errorRetry, hint: () => t("Retry"), click: () => t("Click to retry.") },
  openSettings: {
    command: COMMANDS.openSettings,
    contextValue: CONTEXT_VALUES.errorSettings,
    hint: () => t("Open Settings"),
    click: () => t("Click to open the settings.")
  },
  showLogs: {
    command: COMMANDS.showLogs,
    contextValue: CONTEXT_VALUES.errorLogs,
    hint: () => t("Show Logs"),
    click: () => t("Click to show the logs.")
  }
}
