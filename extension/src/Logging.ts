/**
 * Effect's logs go to the "Mem0" log channel. The core logs one debug line
 * per request attempt (method, path, status, ms, attempt); those are shown at
 * info level here, so the channel lists every request by default.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as HashMap from "effect/HashMap"
import * as Layer from "effect/Layer"
import * as Logger from "effect/Logger"
import * as LogLevel from "effect/LogLevel"
import { type LogChannel, VsCode } from "./VsCodeApi.js"

const text = (message: unknown): string =>
  (Array.isArray(message) ? message : [message]).map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ")

/** A logger writing to the channel, request lines at info. */
export const channelLogger = (channel: LogChannel) =>
  Logger.make(({ annotations, cause, logLevel, message }) => {
    const line = Cause.isEmpty(cause) ? text(message) : `${text(message)}\n${Cause.pretty(cause)}`
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

/** Replaces the default logger with the channel logger, debug and up. */
export const LoggerLive = Layer.unwrapEffect(
  Effect.map(VsCode, (vscode) =>
    Layer.merge(Logger.replace(Logger.defaultLogger, channelLogger(vscode.log)), Logger.minimumLogLevel(LogLevel.Debug)))
)
