/**
 * Builds the core's client from the current settings and key, each time it
 * is asked (building is cheap and makes a change of key or URL take effect
 * at once). No network call happens here.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type * as Redacted from "effect/Redacted"
import * as Mem0Client from "effect-mem0/Mem0Client"
import type { Mem0ConfigError } from "effect-mem0/Mem0Error"
import { ApiKey } from "./ApiKey.js"
import { parseSettings, type Settings } from "./Settings.js"
import { VsCode } from "./VsCodeApi.js"

/** No key in SecretStorage nor in `MEM0_API_KEY`. */
export class NoApiKey extends Data.TaggedError("NoApiKey")<{}> {
  override get message() {
    return "No Mem0 API key is set."
  }
}

/** A `mem0.*` setting that cannot be used. */
export class InvalidSettings extends Data.TaggedError("InvalidSettings")<{ readonly setting: string; readonly reason: string }> {
  override get message() {
    return this.reason
  }
}

/** Why no client could be built. */
export type ConnectionError = NoApiKey | InvalidSettings | Mem0ConfigError

/** The deadline of one call: every attempt may take its full time, plus room for backoff. */
const callDeadlineSeconds = (settings: Settings): number =>
  settings.timeoutSeconds * (settings.maxRetries + 1) + 10

export interface ConnectionService {
  readonly settings: Effect.Effect<Settings, InvalidSettings>
  /** A client for the key in use. */
  readonly client: Effect.Effect<Mem0Client.Mem0ClientService, ConnectionError>
  /** A client for another key (Switch Key asks each stored key who it is). */
  readonly clientWith: (key: Redacted.Redacted<string>) => Effect.Effect<Mem0Client.Mem0ClientService, InvalidSettings | Mem0ConfigError>
}

export class Connection extends Context.Tag("mem0-vscode/Connection")<Connection, ConnectionService>() {
  static readonly layer = Layer.effect(
    Connection,
    Effect.gen(function*() {
      const vscode = yield* VsCode
      const apiKey = yield* ApiKey
      const http = yield* HttpClient.HttpClient
      const settings = Effect.flatMap(vscode.readSettings, (raw) =>
        Either.match(parseSettings(raw), {
          onLeft: (problem) => Effect.fail(new InvalidSettings({ setting: problem.setting, reason: problem.message })),
          onRight: Effect.succeed
        }))
      const clientWith = (key: Redacted.Redacted<string>) =>
        Effect.flatMap(settings, (current) =>
          Mem0Client.make({
            apiKey: key,
            baseUrl: current.baseUrl,
            retry: { maxRetries: current.maxRetries },
            timeout: { perAttempt: `${current.timeoutSeconds} seconds`, total: `${callDeadlineSeconds(current)} seconds` }
          }).pipe(Effect.provideService(HttpClient.HttpClient, http)))
      const client = Effect.gen(function*() {
        const key = yield* apiKey.current
        if (Option.isNone(key)) return yield* new NoApiKey()
        return yield* clientWith(key.value.key)
      })
      return Connection.of({ settings, client, clientWith })
    })
  )
}
