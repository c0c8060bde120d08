/**
 * Effect's logs go to the "Mem0" log channel. The core logs one debug line
 * per request attempt (method, path, status, ms, attempt); those are shown at
 * info level here, so the channel lists every request by default.
 *
 * A log entry may quote a server (an error's message, an org_id): control
 * characters are written as escapes (`Display.logText`), so no server string
 * can start a new line that looks like an entry of its own. A failure's cause
 * is written on the same line (`Tag: message`); only defects, which come from
 * this code and not from a server, add their stack, indented.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as HashMap from "effect/HashMap"
import * as HashSet from "effect/HashSet"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { logText } from "./Display.js"
import { type LogChannel, VsCode } from "./VsCodeApi.js"

const text = (message: unknown): string =>
  logText(
    (Array.isArray(message) ? message : [message]).map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ")
  )

/** A cause in one line (its failures and interruptions), plus the indented stacks of defects. */
const causeText = (cause: Cause.Cause<unknown>): string => {
  const failures = [...Cause.failures(cause)].map((e) =>
    typeof e === "object" && e !== null && "_tag" in e
      ? `${String(e._tag)}: ${logText(String((e as { message?: unknown }).message ?? ""))}`
      : logText(String(e))
  )
  const defects = [...Cause.defects(cause)].map((d) =>
    d instanceof Error ? `${logText(`${d.name}: ${d.message}`)}${indent(d.stack)}` : logText(String(d))
  )
  const parts = [...failures, ...defects]
  if (parts.length === 0 && Cause.isInterrupted(cause)) parts.push("interrupted")
  return parts.join("; ")
}

const indent = (stack: string | undefined): string =>
  stack === undefined ? "" : `\n${stack.split("\n").slice(1).map((l) => `    ${logText(l.trim())}`).join("\n")}`

/** A logger writing to the channel, request lines at info. */
export const channelLogger = (channel: LogChannel) =>
  Logger.make(({ annotations, cause, logLevel, message }) => {
    const line = Cause.isEmpty(cause) ? text(message) : `${text(message)} — ${causeText(cause)}`
    const isRequestLine = HashMap.has(annotations, "attempt")
    switch (logLevel._tag) {
      case "Fatal":
      case "Error":
        return channel.error(line)
      case "Warning":
        return channel.warn(line)
      case "Info":
        return channel.info(line)
      case "Debug":
        return isRequestLine ? channel.info(line) : channel.debug(line)
      default:
        return channel.trace(line)
    }
  })

/**
 * The channel logger in place of the default one, debug and up, for the rest of the calling fiber and every
 * fiber and runtime it makes from now on (the extension's build: its commands, tree and watchers). Set, not
 * scoped: a scoped FiberRef restores its old value when the scope closes, through a diff and a patch of every
 * FiberRef, on every deactivation; the fiber that set it has ended by then, so there is nothing to restore.
 */
export const logToChannel = Effect.flatMap(VsCode, (vscode) =>
  Effect.zipRight(
    FiberRef.update(FiberRef.currentLoggers, (loggers) =>
      HashSet.add(HashSet.remove(loggers, Logger.defaultLogger), channelLogger(vscode.log))),
    FiberRef.set(FiberRef.currentMinimumLogLevel, LogLevel.Debug)
  ))
