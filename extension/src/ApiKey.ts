/**
 * The Mem0 API keys: any number, each under its own name ("work",
 * "personal"), kept only in VS Code's SecretStorage; one of them is in use.
 * The `MEM0_API_KEY` environment variable is the fallback when none is
 * stored. A key only ever leaves as a `Redacted`.
 *
 * SecretStorage holds `mem0.apiKeys` (the names and which one is in use: no
 * key in it) and `mem0.apiKey/<name>` for each key. The single key of
 * earlier versions (`mem0.apiKey`) moves, silently, to the name "default"
 * the first time the keys are read.
 */
import { t } from "./L10n.js"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Mem0Client from "effect-mem0/Mem0Client"
import { VsCode } from "./VsCodeApi.js"

/** The SecretStorage entry of the single key of earlier versions, moved to {@link DEFAULT_KEY_NAME}. */
export const SECRET_KEY = "mem0.apiKey"
/** The SecretStorage entry of the names of the keys and the one in use. */
export const KEYS_INDEX = "mem0.apiKeys"
/** The SecretStorage entry of one named key. */
export const keySecret = (name: string): string => `mem0.apiKey/${name}`
/** The name a key gets when none is given (Set API Key, the migrated key). */
export const DEFAULT_KEY_NAME = "default"
/** The environment fallback. */
export const ENV_KEY = "MEM0_API_KEY"
/** Longest key name. */
export const MAX_KEY_NAME = 40

/** Whether a SecretStorage change concerns the keys. */
export const isKeySecret = (id: string): boolean => id === SECRET_KEY || id === KEYS_INDEX || id.startsWith("mem0.apiKey/")

/** Where the key in use came from. */
export type KeySource = "secret-storage" | "environment"

/** The names of the stored keys, and the one in use. */
export interface KeyIndex {
  readonly names: ReadonlyArray<string>
  readonly active: string | undefined
}

export interface ApiKeyService {
  /** The key in use, its name (none for the environment's) and where it came from, if any. */
  readonly current: Effect.Effect<
    Option.Option<{ readonly key: Redacted.Redacted<string>; readonly source: KeySource; readonly name: string | undefined }>
  >
  /** The stored keys' names and the one in use. */
  readonly index: Effect.Effect<KeyIndex>
  /** A stored key by name. */
  readonly keyOf: (name: string) => Effect.Effect<Option.Option<Redacted.Redacted<string>>>
  /** Replaces the key in use (or stores it as "default" when none is); fails with a message when it cannot be used. */
  readonly set: (raw: string) => Effect.Effect<void, string>
  /** Stores a key under a name (replacing one of that name) and puts it in use. */
  readonly add: (name: string, raw: string) => Effect.Effect<void, string>
  /** Puts a stored key in use. */
  readonly use: (name: string) => Effect.Effect<void>
  /** Removes a stored key; if it was in use, the first one left is. */
  readonly remove: (name: string) => Effect.Effect<void>
  /** Removes the key in use. */
  readonly clear: Effect.Effect<void>
}

/** Why a typed key cannot be stored, or `undefined` when it can: the core's own rule, in a sentence of ours. */
export const keyProblem = (raw: string): string | undefined => {
  const problem = Mem0Client.apiKeyProblem(raw)
  if (problem === undefined) return undefined
  if (problem.includes("empty")) return t("The API key is empty.")
  if (problem.includes("control character")) return t("The API key contains a control character.")
  if (problem.includes("space")) return t("The API key contains a space.")
  return t("The API key contains a character that is not printable ASCII.")
}

/** Why a typed key name cannot be used, or `undefined`. */
export const keyNameProblem = (raw: string, taken: ReadonlyArray<string> = []): string | undefined => {
  const name = raw.trim()
  if (name === "") return t("Give the key a name, like work or personal.")
  if (name.length > MAX_KEY_NAME) return t("A key name can have at most {0} characters.", MAX_KEY_NAME)
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f-\u009f/]/.test(name)) return t("A key name cannot contain a slash or a control character.")
  if (taken.includes(name)) return t("There is already a key named {0}.", name)
  return undefined
}

const parseIndex = (text: string | undefined): KeyIndex | undefined => {
  if (text === undefined) return undefined
  try {
    const value: unknown = JSON.parse(text)
    if (typeof value !== "object" || value === null) return undefined
    const names = (value as { names?: unknown }).names
    const active = (value as { active?: unknown }).active
    if (!Array.isArray(names) || !names.every((n): n is string => typeof n === "string")) return undefined
    return { names, active: typeof active === "string" && names.includes(active) ? active : names[0] }
  } catch {
    return undefined
  }
}

export class ApiKey extends Context.Tag("mem0-vscode/ApiKey")<ApiKey, ApiKeyService>() {
  static readonly layer = Layer.effect(
    ApiKey,
    Effect.gen(function*() {
      const vscode = yield* VsCode
      const lock = yield* Effect.makeSemaphore(1)

      const writeIndex = (index: KeyIndex) => vscode.storeSecret(KEYS_INDEX, JSON.stringify(index))

      /** The index, after moving the single key of earlier versions to "default" if there is one. */
      const readIndex: Effect.Effect<KeyIndex> = Effect.gen(function*() {
        const stored = parseIndex(Option.getOrUndefined(yield* vscode.getSecret(KEYS_INDEX)))
        if (stored !== undefined) return stored
        const legacy = Option.filter(yield* vscode.getSecret(SECRET_KEY), (k) => k.trim() !== "")
        if (Option.isNone(legacy)) return { names: [], active: undefined }
        const index = { names: [DEFAULT_KEY_NAME], active: DEFAULT_KEY_NAME }
        yield* vscode.storeSecret(keySecret(DEFAULT_KEY_NAME), legacy.value.trim())
        yield* writeIndex(index)
        yield* vscode.deleteSecret(SECRET_KEY)
        return index
      })

      const index = lock.withPermits(1)(readIndex)
      // Move a key of an earlier version now, at activation (no network), rather than in the middle of a load.
      yield* index

      const keyOf = (name: string) =>
        Effect.map(vscode.getSecret(keySecret(name)), (k) => Option.map(Option.filter(k, (v) => v.trim() !== ""), (v) => Redacted.make(v.trim())))

      const store = (name: string, raw: string) =>
        Effect.gen(function*() {
          const problem = keyProblem(raw)
          if (problem !== undefined) return yield* Effect.fail(problem)
          const current = yield* readIndex
          yield* vscode.storeSecret(keySecret(name), raw.trim())
          yield* writeIndex({ names: current.names.includes(name) ? current.names : [...current.names, name], active: name })
        })

      const remove = (name: string) =>
        lock.withPermits(1)(Effect.gen(function*() {
          const current = yield* readIndex
          const names = current.names.filter((n) => n !== name)
          yield* writeIndex({ names, active: current.active === name ? names[0] : current.active })
          yield* vscode.deleteSecret(keySecret(name))
        }))

      return ApiKey.of({
        current: Effect.gen(function*() {
          const { active } = yield* index
          if (active !== undefined) {
            const key = yield* keyOf(active)
            if (Option.isSome(key)) return Option.some({ key: key.value, source: "secret-storage" as const, name: active })
          }
          const env = vscode.env(ENV_KEY)?.trim()
          return env ? Option.some({ key: Redacted.make(env), source: "environment" as const, name: undefined }) : Option.none()
        }),
        index,
        keyOf,
        set: (raw) => lock.withPermits(1)(Effect.flatMap(readIndex, ({ active }) => store(active ?? DEFAULT_KEY_NAME, raw))),
        add: (name, raw) =>
          lock.withPermits(1)(Effect.gen(function*() {
            const problem = keyNameProblem(name)
            if (problem !== undefined) return yield* Effect.fail(problem)
            yield* store(name.trim(), raw)
          })),
        use: (name) =>
          lock.withPermits(1)(Effect.gen(function*() {
            const current = yield* readIndex
            if (current.names.includes(name) && current.active !== name) yield* writeIndex({ ...current, active: name })
          })),
        remove,
        clear: Effect.flatMap(index, ({ active }) => (active === undefined ? Effect.void : remove(active)))
      })
    })
  )
}
