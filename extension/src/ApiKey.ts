/**
 * The Mem0 API key: kept only in VS Code's SecretStorage, with the
 * `MEM0_API_KEY` environment variable as a fallback when nothing is stored.
 * The key only ever leaves as a `Redacted`.
 */
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Redacted from "effect/Redacted"
import * as Mem0Client from "effect-mem0/Mem0Client"
import { VsCode } from "./VsCodeApi.js"

/** The SecretStorage entry of the key. */
export const SECRET_KEY = "mem0.apiKey"
/** The environment fallback. */
export const ENV_KEY = "MEM0_API_KEY"

/** Where the key in use came from. */
export type KeySource = "secret-storage" | "environment"

export interface ApiKeyService {
  /** The key in use and where it came from, if any. */
  readonly current: Effect.Effect<Option.Option<{ readonly key: Redacted.Redacted<string>; readonly source: KeySource }>>
  /** Stores a key after trimming; fails with a message when it is empty or spans lines. */
  readonly set: (raw: string) => Effect.Effect<void, string>
  /** Removes the stored key. */
  readonly clear: Effect.Effect<void>
}

/** Why a typed key cannot be stored, or `undefined` when it can: the core's own rule, as a sentence. */
export const keyProblem = (raw: string): string | undefined => {
  const problem = Mem0Client.apiKeyProblem(raw)
  return problem === undefined ? undefined : `${problem.charAt(0).toUpperCase()}${problem.slice(1).replace(/;.*$/, "")}.`
}

export class ApiKey extends Context.Tag("mem0-vscode/ApiKey")<ApiKey, ApiKeyService>() {
  static readonly layer = Layer.effect(
    ApiKey,
    Effect.gen(function*() {
      const vscode = yield* VsCode
      return ApiKey.of({
        current: Effect.gen(function*() {
          const stored = Option.filter(yield* vscode.getSecret(SECRET_KEY), (k) => k.trim() !== "")
          if (Option.isSome(stored)) {
            return Option.some({ key: Redacted.make(stored.value.trim()), source: "secret-storage" as const })
          }
          const env = vscode.env(ENV_KEY)?.trim()
          return env ? Option.some({ key: Redacted.make(env), source: "environment" as const }) : Option.none()
        }),
        set: (raw) => {
          const problem = keyProblem(raw)
          return problem === undefined ? vscode.storeSecret(SECRET_KEY, raw.trim()) : Effect.fail(problem)
        },
        clear: vscode.deleteSecret(SECRET_KEY)
      })
    })
  )
}
