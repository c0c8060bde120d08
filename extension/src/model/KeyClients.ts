/**
 * The core's client for a key: one per key and settings, held (in a
 * `SubscriptionRef`) until either changes: the stored keys' version
 * (`ApiKey.version`, counted as they are written or VS Code tells of a
 * change) or the `mem0.*` settings as read now. A load reads no secret while
 * they hold. No network call happens here.
 *
 * A stored key goes only to the base URL it was added for. The key in use is
 * used only while `mem0.apiBaseUrl` names that same URL: otherwise the tree
 * says so and offers to set a key for the new one. Rows and documents
 * remember the key they were read with (its {@link KeyIdentity}); a change
 * made from them uses that key, or none.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Exit from "effect/Exit"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as SubscriptionRef from "effect/SubscriptionRef"
import type * as Redacted from "effect/Redacted"
import * as Mem0Client from "effect-mem0/Mem0Client"
import type { Mem0ConfigError } from "effect-mem0/Mem0Error"
import { ApiKey, ENV_KEY } from "./ApiKey.js"
import { label } from "../platform/Display.js"
import { t } from "../platform/L10n.js"
import { parseSettings, type Settings } from "./Settings.js"
import { VsCode } from "../platform/VsCodeApi.js"

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

/** Which key something was read with: a stored key's name and entry id, and where it was sent. */
export interface KeyIdentity {
  /** The stored key's name; `undefined` for the `MEM0_API_KEY` environment variable. */
  readonly name: string | undefined
  /** The stored entry's id (new whenever a key is stored under the name); `"env"` for the environment's. */
  readonly id: string
  /** Where the key was sent. */
  readonly baseUrl: string
}

export const sameIdentity = (a: KeyIdentity, b: KeyIdentity): boolean =>
  a.name === b.name && a.id === b.id && a.baseUrl === b.baseUrl

/** A key as a person tells it from the others: its name and where it goes (never the key). */
export const describeKey = (identity: KeyIdentity): string =>
  identity.name === undefined
    ? t("the {0} environment variable at {1}", ENV_KEY, identity.baseUrl)
    : t("key \"{0}\" at {1}", label(identity.name, 40), identity.baseUrl)

/** The key in use was added for another base URL than `mem0.apiBaseUrl` names: it is not sent there. */
export class KeyNotForThisUrl extends Data.TaggedError("KeyNotForThisUrl")<{
  readonly name: string
  readonly keyUrl: string
  readonly settingUrl: string
}> {
  override get message() {
    return `The key "${this.name}" was added for ${this.keyUrl}; it is not sent to ${this.settingUrl} (mem0.apiBaseUrl).`
  }
}

/** The key something was read with is no longer the one it would be sent with (switched, replaced, removed). */
export class KeyChanged extends Data.TaggedError("KeyChanged")<{
  readonly readWith: KeyIdentity
  readonly now: KeyIdentity | undefined
}> {
  override get message() {
    return `Read with ${describeKey(this.readWith)}; ${this.now === undefined ? "no such key now" : `now ${describeKey(this.now)}`}.`
  }
}

/** The client of the key in use, as built for a stamp (the keys' version and the settings). */
interface Held {
  readonly stamp: string
  readonly result: Exit.Exit<Connected, KeyClientError>
}

/** Why no client could be built. */
export type KeyClientError = NoApiKey | InvalidSettings | Mem0ConfigError | KeyNotForThisUrl | KeyChanged

/** The deadline of one call: every attempt may take its full time, plus room for backoff. */
const callDeadlineSeconds = (settings: Settings): number =>
  settings.timeoutSeconds * (settings.maxRetries + 1) + 10

/** A client and the key it sends. */
export interface Connected {
  readonly client: Mem0Client.Mem0ClientService
  readonly identity: KeyIdentity
}

export interface KeyClientsService {
  readonly settings: Effect.Effect<Settings, InvalidSettings>
  /** The key in use, and a client that sends it to its own base URL. */
  readonly current: Effect.Effect<Connected, KeyClientError>
  /** A client for the key in use. */
  readonly client: Effect.Effect<Mem0Client.Mem0ClientService, KeyClientError>
  /**
   * The key in use as SecretStorage says at this moment, read again: a change checks the key with
   * it (another window may have switched keys an instant ago, before VS Code told this one).
   */
  readonly latest: Effect.Effect<Connected, KeyClientError>
  /**
   * A client for the key something was read with: fails with `KeyChanged` when the key stored under
   * that name was replaced or removed, or (with `inUse`) when another key is in use now. With
   * `latest`, the keys are read again rather than taken from what is held.
   */
  readonly clientOf: (
    identity: KeyIdentity,
    options?: { readonly inUse?: boolean; readonly latest?: boolean }
  ) => Effect.Effect<Mem0Client.Mem0ClientService, KeyClientError>
  /** A client for a stored key by name, at the base URL it was added for (Switch Key asks each who it is). */
  readonly clientNamed: (name: string) => Effect.Effect<Option.Option<Connected>, InvalidSettings | Mem0ConfigError>
}

export class KeyClients extends Context.Tag("mem0-vscode/KeyClients")<KeyClients, KeyClientsService>() {
  /** The service, built in the caller's scope (`main.ts` builds every service in one layer). */
  static readonly make = Effect.gen(function*() {
    const vscode = yield* VsCode
    const apiKey = yield* ApiKey
    const http = yield* HttpClient.HttpClient
    const settings = Effect.flatMap(vscode.readSettings, (raw) =>
      Either.match(parseSettings(raw), {
        onLeft: (problem) => Effect.fail(new InvalidSettings({ setting: problem.setting, reason: problem.message })),
        onRight: Effect.succeed
      }))
    const build = (key: Redacted.Redacted<string>, baseUrl: string) =>
      Effect.flatMap(settings, (current) =>
        Mem0Client.make({
          apiKey: key,
          baseUrl,
          retry: { maxRetries: current.maxRetries },
          timeout: { perAttempt: `${current.timeoutSeconds} seconds`, total: `${callDeadlineSeconds(current)} seconds` }
        }).pipe(Effect.provideService(HttpClient.HttpClient, http)))

    const connect: Effect.Effect<Connected, KeyClientError> = Effect.gen(function*() {
      const { baseUrl: settingUrl } = yield* settings
      const key = yield* apiKey.current
      if (Option.isNone(key)) return yield* new NoApiKey()
      const { baseUrl: keyUrl, id, name } = key.value
      if (keyUrl !== undefined && keyUrl !== settingUrl) {
        return yield* new KeyNotForThisUrl({ name: name ?? ENV_KEY, keyUrl, settingUrl })
      }
      return { client: yield* build(key.value.key, settingUrl), identity: { name, id, baseUrl: settingUrl } }
    })

    /** What the held clients were built for: the keys' version and the settings, as they are now. */
    const stampNow = Effect.map(vscode.readSettings, (raw) => `${apiKey.version()}\n${JSON.stringify(raw)}`)
    const held = yield* SubscriptionRef.make<Held | undefined>(undefined)
    /** Built for a stamp: kept while it holds, unless interrupted or the stamp changed meanwhile. */
    const buildFor = <A, E>(stamp: string, build: Effect.Effect<A, E>, keep: (result: Exit.Exit<A, E>) => Effect.Effect<void>) =>
      Effect.flatten(Effect.tap(Effect.exit(build), (result) =>
        Effect.flatMap(stampNow, (now) => (now === stamp && !Exit.isInterrupted(result) ? keep(result) : Effect.void))))

    const current: Effect.Effect<Connected, KeyClientError> = Effect.gen(function*() {
      const stamp = yield* stampNow
      const known = yield* SubscriptionRef.get(held)
      if (known !== undefined && known.stamp === stamp) return yield* known.result
      return yield* buildFor(stamp, connect, (result) => SubscriptionRef.set(held, { stamp, result }))
    })

    /** The clients of stored keys by name, for the stamp they were built for. */
    const named = new Map<string, { readonly stamp: string; readonly client: Option.Option<Connected> }>()
    const clientNamed = (name: string) =>
      Effect.flatMap(stampNow, (stamp) => {
        const known = named.get(name)
        if (known !== undefined && known.stamp === stamp) return Effect.succeed(known.client)
        return buildFor(stamp, buildNamed(name), (result) =>
          Exit.isSuccess(result) ? Effect.sync(() => void named.set(name, { stamp, client: result.value })) : Effect.void)
      })

    const buildNamed = (name: string) =>
      Effect.flatMap(apiKey.entryOf(name), (entry) =>
        Option.isNone(entry)
          ? Effect.succeedNone
          : Effect.map(build(entry.value.key, entry.value.baseUrl), (client) =>
            Option.some({ client, identity: { name, id: entry.value.id, baseUrl: entry.value.baseUrl } })))

    const clientOf = (identity: KeyIdentity, options?: { readonly inUse?: boolean; readonly latest?: boolean }) =>
      Effect.gen(function*() {
        const latest = options?.latest === true
        if (options?.inUse === true || identity.name === undefined) {
          const now = yield* Effect.either(latest ? connect : current)
          if (Either.isRight(now) && sameIdentity(now.right.identity, identity)) return now.right.client
          return yield* new KeyChanged({ readWith: identity, now: Either.isRight(now) ? now.right.identity : undefined })
        }
        const named = yield* (latest ? buildNamed : clientNamed)(identity.name)
        if (Option.isSome(named) && sameIdentity(named.value.identity, identity)) return named.value.client
        return yield* new KeyChanged({ readWith: identity, now: Option.getOrUndefined(Option.map(named, (n) => n.identity)) })
      })

    return KeyClients.of({ settings, current, latest: connect, client: Effect.map(current, (c) => c.client), clientOf, clientNamed })
  })

  static readonly layer = Layer.effect(KeyClients, KeyClients.make)
}
