/**
 * The Mem0 API keys: any number, each under its own name ("work",
 * "personal"), kept only in VS Code's SecretStorage; one of them is in use.
 * The `MEM0_API_KEY` environment variable is the fallback when none is
 * stored. A key only ever leaves as a `Redacted`.
 *
 * SecretStorage holds `mem0.apiKeys` (the names and which one is in use: no
 * key in it) and `mem0.apiKey/<name>` for each key: the key, the base URL it
 * was added for (the key is sent there and nowhere else), and a random id
 * that changes whenever the key under that name is replaced (so a document
 * or a row read with the old one is never saved with the new one). A copy of
 * the index, without keys, is kept in the extension's global state, so the
 * names survive a damaged index. The single key of earlier versions
 * (`mem0.apiKey`) and keys stored without a base URL are moved, silently, to
 * this form the first time the keys are read, bound to the base URL set then.
 */
import { t } from "../platform/L10n.js"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Mem0Client from "effect-mem0/Mem0Client"
import { parseSettings } from "./Settings.js"
import { consume, makeHub, type Subscribe } from "../platform/Events.js"
import { VsCode, type VsCodeApi } from "../platform/VsCodeApi.js"

/** The SecretStorage entry of the single key of earlier versions, moved to {@link DEFAULT_KEY_NAME}. */
export const SECRET_KEY = "mem0.apiKey"
/** The SecretStorage entry of the names of the keys and the one in use. */
export const KEYS_INDEX = "mem0.apiKeys"
/** The global-state copy of {@link KEYS_INDEX} (names only, never a key), to recover a damaged index. */
export const KEYS_INDEX_COPY = "mem0.keyNames"
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

/** A stored key: the key, where it may be sent, and the id of this version of the entry. */
export interface StoredKey {
  readonly key: Redacted.Redacted<string>
  /** The base URL the key was added for: it is sent there only. */
  readonly baseUrl: string
  /** Random; a new one each time a key is stored under the name. */
  readonly id: string
}

/** The key in use. */
export interface CurrentKey {
  readonly key: Redacted.Redacted<string>
  readonly source: KeySource
  /** Its name; none for the environment's. */
  readonly name: string | undefined
  /** The base URL it was added for; none for the environment's, which follows `mem0.apiBaseUrl`. */
  readonly baseUrl: string | undefined
  /** The stored entry's id; `"env"` for the environment's. */
  readonly id: string
}

export interface ApiKeyService {
  /** The key in use, if any. */
  readonly current: Effect.Effect<Option.Option<CurrentKey>>
  /** The stored keys' names and the one in use. */
  readonly index: Effect.Effect<KeyIndex>
  /** A stored key by name, with its base URL and id. */
  readonly entryOf: (name: string) => Effect.Effect<Option.Option<StoredKey>>
  /** Replaces the key in use (or stores it as "default" when none is), for the base URL set now. */
  readonly set: (raw: string) => Effect.Effect<void, string>
  /** Stores a key under a name (replacing one of that name), for the base URL set now, and puts it in use. */
  readonly add: (name: string, raw: string) => Effect.Effect<void, string>
  /** Puts a stored key in use. */
  readonly use: (name: string) => Effect.Effect<void>
  /** Removes a stored key; if it was in use, the first one left is. */
  readonly remove: (name: string) => Effect.Effect<void>
  /** Removes the key in use. */
  readonly clear: Effect.Effect<void>
  /**
   * Counts the changes of the stored keys: this window's writes (counted as they are made) and
   * any window's (counted as VS Code tells). What is derived from a key is valid while it holds.
   */
  readonly version: () => number
  /** Each change of the stored keys VS Code tells of (after `version` counted it), from the subscription on. */
  readonly changes: Subscribe<void>
}

/** Why a typed key cannot be stored, or `undefined` when it can: the core's own rule, in a sentence of ours. */
export const keyProblem = (raw: string): string | undefined => {
  const problem = Mem0Client.apiKeyProblem(raw)
  if (problem === undefined) return undefined
  switch (problem._tag) {
    case "Empty":
      return t("The API key is empty.")
    case "ControlCharacter":
      return t("The API key contains a control character.")
    case "Space":
      return t("The API key contains a space.")
    case "NotPrintableAscii":
      return t("The API key contains a character that is not printable ASCII.")
  }
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

/** A key entry as stored: `{ key, baseUrl, id }`, or the bare key of earlier versions (`baseUrl` unknown). */
const parseEntry = (text: string): { readonly key: string; readonly baseUrl?: string; readonly id?: string } | undefined => {
  const trimmed = text.trim()
  if (trimmed === "") return undefined
  if (!trimmed.startsWith("{")) return { key: trimmed }
  try {
    const value = JSON.parse(trimmed) as { key?: unknown; baseUrl?: unknown; id?: unknown }
    if (typeof value.key !== "string" || value.key.trim() === "") return undefined
    return {
      key: value.key.trim(),
      ...(typeof value.baseUrl === "string" ? { baseUrl: value.baseUrl } : {}),
      ...(typeof value.id === "string" ? { id: value.id } : {})
    }
  } catch {
    return undefined
  }
}

/** What a damaged index was recovered to, or that it could not be. */
export type IndexRecovery =
  | { readonly _tag: "Recovered"; readonly names: ReadonlyArray<string> }
  | { readonly _tag: "Lost" }

/**
 * How the index and the entries are read and written in SecretStorage, moving a key of an earlier version
 * (and rebuilding a damaged index) as it reads.
 */
const keyStore = (
  vscode: VsCodeApi,
  storeSecret: (id: string, value: string) => Effect.Effect<void>,
  deleteSecret: (id: string) => Effect.Effect<void>
) => {
  /** Said once per activation: a damaged index, recovered or not. */
  let told = false

  const writeIndex = (index: KeyIndex) =>
    Effect.zipRight(storeSecret(KEYS_INDEX, JSON.stringify(index)), vscode.setState(KEYS_INDEX_COPY, index))

  /** The base URL set now (a key is stored for it), or why there is none. */
  const baseUrlNow = Effect.map(vscode.readSettings, (raw) => Either.map(parseSettings(raw), (s) => s.baseUrl))

  const storeEntry = (name: string, key: string, baseUrl: string) =>
    storeSecret(keySecret(name), JSON.stringify({ key, baseUrl, id: crypto.randomUUID() }))

  /** The names a damaged index can be rebuilt from: the global-state copy, each checked for its key. */
  const recover = Effect.gen(function*() {
    const copy = yield* vscode.getState(KEYS_INDEX_COPY)
    const listed = parseIndex(copy === undefined ? undefined : JSON.stringify(copy))
    const names: Array<string> = []
    for (const name of listed?.names ?? []) {
      if (Option.isSome(yield* vscode.getSecret(keySecret(name)))) names.push(name)
    }
    return { names, active: listed?.active !== undefined && names.includes(listed.active) ? listed.active : names[0] }
  })

  const tell = (recovery: IndexRecovery) =>
    Effect.suspend(() => {
      if (told) return Effect.void
      told = true
      const message = recovery._tag === "Recovered"
        ? t("The list of your Mem0 keys in VS Code's secret storage was damaged; it was rebuilt with {0}.", recovery.names.join(", "))
        : t("The list of your Mem0 keys in VS Code's secret storage could not be read, and no copy of it was found. The keys are still stored, but their names are lost: add them again.")
      return Effect.logWarning(`the key index in SecretStorage was damaged: ${recovery._tag}`).pipe(
        Effect.zipRight(Effect.forkDaemon(
          Effect.flatMap(vscode.showMessage("warning", message, t("Add Key")), (chosen) =>
            Option.isSome(chosen) ? vscode.executeCommand("mem0.addKey") : Effect.void)
        )),
        Effect.asVoid
      )
    })

  /** The index, after moving the single key of earlier versions to "default", or rebuilding a damaged one. */
  const readIndex: Effect.Effect<KeyIndex> = Effect.gen(function*() {
    const text = Option.getOrUndefined(yield* vscode.getSecret(KEYS_INDEX))
    const stored = parseIndex(text)
    if (stored !== undefined) return stored
    if (text !== undefined) {
      const recovered = yield* recover
      yield* tell(recovered.names.length > 0 ? { _tag: "Recovered", names: recovered.names } : { _tag: "Lost" })
      if (recovered.names.length > 0) yield* writeIndex(recovered)
      return recovered
    }
    const legacy = Option.filter(yield* vscode.getSecret(SECRET_KEY), (k) => k.trim() !== "")
    if (Option.isNone(legacy)) return { names: [], active: undefined }
    const url = yield* baseUrlNow
    if (Either.isLeft(url)) return { names: [], active: undefined } // moved once the settings can say where it goes
    const index = { names: [DEFAULT_KEY_NAME], active: DEFAULT_KEY_NAME }
    yield* storeEntry(DEFAULT_KEY_NAME, legacy.value.trim(), url.right)
    yield* writeIndex(index)
    yield* deleteSecret(SECRET_KEY)
    return index
  })

  /** A stored entry; a bare key of an earlier version is bound, once, to the base URL set now. */
  const readEntry = (name: string): Effect.Effect<Option.Option<StoredKey>> =>
    Effect.gen(function*() {
      const text = yield* vscode.getSecret(keySecret(name))
      if (Option.isNone(text)) return Option.none()
      const entry = parseEntry(text.value)
      if (entry === undefined) return Option.none()
      if (entry.baseUrl !== undefined && entry.id !== undefined) {
        return Option.some({ key: Redacted.make(entry.key), baseUrl: entry.baseUrl, id: entry.id })
      }
      const url = yield* baseUrlNow
      if (Either.isLeft(url)) return Option.none()
      yield* storeEntry(name, entry.key, url.right)
      return yield* readEntry(name)
    })

  return { readIndex, readEntry, writeIndex, storeEntry, baseUrlNow }
}

export class ApiKey extends Context.Tag("mem0-vscode/ApiKey")<ApiKey, ApiKeyService>() {
  /** The service, built in the caller's scope (`main.ts` builds every service in one layer). */
  static readonly make = Effect.gen(function*() {
    const vscode = yield* VsCode
    const lock = yield* Effect.makeSemaphore(1)
    let version = 0
    const changes = yield* makeHub<void>()
    /** Every write of a key secret counts as a change, as soon as it is made. */
    const counted = (write: Effect.Effect<void>) => Effect.ensuring(write, Effect.sync(() => version++))
    const storeSecret = (id: string, value: string) => counted(vscode.storeSecret(id, value))
    const deleteSecret = (id: string) => counted(vscode.deleteSecret(id))
    const { baseUrlNow, readEntry, readIndex, storeEntry, writeIndex } = keyStore(vscode, storeSecret, deleteSecret)

    const index = lock.withPermits(1)(readIndex)
    // Move a key of an earlier version now, at activation (no network), rather than in the middle of a load.
    const { names } = yield* index
    yield* lock.withPermits(1)(Effect.forEach(names, readEntry, { discard: true }))
    // From now on (the moves above are no change to tell of), each change VS Code tells of counts, then is told.
    yield* consume(vscode.secretChanges, (id) =>
      isKeySecret(id) ? Effect.zipRight(Effect.sync(() => version++), changes.publish()) : Effect.void)

    const store = (name: string, raw: string) =>
      Effect.gen(function*() {
        const problem = keyProblem(raw)
        if (problem !== undefined) return yield* Effect.fail(problem)
        const url = yield* baseUrlNow
        if (Either.isLeft(url)) return yield* Effect.fail(url.left.message)
        const current = yield* readIndex
        yield* storeEntry(name, raw.trim(), url.right)
        yield* writeIndex({ names: current.names.includes(name) ? current.names : [...current.names, name], active: name })
      })

    const remove = (name: string) =>
      lock.withPermits(1)(Effect.gen(function*() {
        const current = yield* readIndex
        const names = current.names.filter((n) => n !== name)
        yield* writeIndex({ names, active: current.active === name ? names[0] : current.active })
        yield* deleteSecret(keySecret(name))
      }))

    const entryOf = (name: string) => lock.withPermits(1)(readEntry(name))

    return ApiKey.of({
      current: Effect.gen(function*() {
        const { active } = yield* index
        if (active !== undefined) {
          const entry = yield* entryOf(active)
          if (Option.isSome(entry)) {
            return Option.some({ ...entry.value, source: "secret-storage" as const, name: active })
          }
        }
        const env = vscode.env(ENV_KEY)?.trim()
        return env
          ? Option.some({ key: Redacted.make(env), source: "environment" as const, name: undefined, baseUrl: undefined, id: "env" })
          : Option.none()
      }),
      index,
      entryOf,
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
      clear: Effect.flatMap(index, ({ active }) => (active === undefined ? Effect.void : remove(active))),
      version: () => version,
      changes: changes.subscribe
    })
  })

  static readonly layer = Layer.scoped(ApiKey, ApiKey.make)
}
