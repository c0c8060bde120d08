/**
 * Optional auto-refresh (`mem0.autoRefreshMinutes`, 0 = off, the default;
 * only the user's settings can set it): every so many minutes (at least
 * {@link MIN_AUTO_REFRESH_MINUTES}) the tree reloads, but only while its view
 * is visible and a VS Code window has the focus, and never while a load is
 * under way. Each turn waits for its reload to end, retries included, so a
 * turn never cancels the one before. A failed reload waits twice as long
 * before the next turn (up to {@link MAX_BACKOFF}), and at least as long as
 * the server's `Retry-After` says. A change of the setting takes effect at once.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Fiber from "effect/Fiber"
import * as FiberSet from "effect/FiberSet"
import { consume } from "../platform/Events.js"
import { KeyClients } from "../model/KeyClients.js"
import { type LoadError, OrganizationsTree, OrganizationsView } from "./OrganizationsTree.js"
import { VsCode } from "../platform/VsCodeApi.js"

/** The shortest interval taken, whatever the setting says: a setting cannot make it hammer the API. */
export const MIN_AUTO_REFRESH_MINUTES = 1

/** The longest wait after failures. */
export const MAX_BACKOFF = Duration.hours(1)

/** The wait before the next turn: the interval, doubled per failure in a row (capped), and never less than the server asked. */
export const nextDelay = (every: Duration.Duration, failures: number, error: LoadError | undefined): Duration.Duration => {
  const backoff = Duration.min(Duration.times(every, 2 ** Math.min(failures, 20)), Duration.max(every, MAX_BACKOFF))
  const asked = error?._tag === "Mem0RateLimited" || error?._tag === "Mem0ServerError" ? error.retryAfter : undefined
  return asked === undefined ? backoff : Duration.max(backoff, asked)
}

/** What a turn of auto-refresh needs. */
export interface AutoRefreshPort {
  /** Whether the view is visible and VS Code focused now. */
  readonly watched: () => boolean
  /** Whether a load of the tree is under way now. */
  readonly loading: Effect.Effect<boolean>
  /** Reloads the tree and waits for the organizations' load, retries included. */
  readonly reload: Effect.Effect<Either.Either<unknown, LoadError>>
}

/** The auto-refresh loop at an interval (runs until interrupted). */
export const autoRefreshLoop = (every: Duration.Duration, port: AutoRefreshPort): Effect.Effect<never> =>
  Effect.gen(function*() {
    let delay = every
    let failures = 0
    for (;;) {
      yield* Effect.sleep(delay)
      delay = every
      if (!port.watched()) {
        yield* Effect.logDebug("auto-refresh skipped: the view is hidden or VS Code is not focused")
        continue
      }
      if (yield* port.loading) {
        yield* Effect.logDebug("auto-refresh skipped: a load is under way")
        continue
      }
      yield* Effect.logDebug("auto-refresh")
      const result = yield* port.reload
      if (Either.isRight(result)) {
        failures = 0
        continue
      }
      failures++
      delay = nextDelay(every, failures, result.left)
      yield* Effect.logDebug(`auto-refresh failed (${result.left._tag}); next in ${Duration.format(delay)}`)
    }
  })

/** Runs the auto-refresh loop while `mem0.autoRefresh` asks for it (in fibers of the caller's scope). */
export const autoRefresh = Effect.gen(function*() {
  const vscode = yield* VsCode
  const keyClients = yield* KeyClients
  const tree = yield* OrganizationsTree
  const view = yield* OrganizationsView
  // Fibers started by VS Code's events end with the scope (deactivate), not after it.
  const runFork = yield* FiberSet.makeRuntime()
  let poller: Fiber.RuntimeFiber<unknown> | undefined

  const port: AutoRefreshPort = {
    watched: () => view.visible() && vscode.windowFocused(),
    loading: tree.loading,
    // the memory lists shown stay as loaded: only the person loads them again
    reload: Effect.zipRight(tree.refreshKeepingBrowsing, Effect.either(tree.organizations))
  }

  /** (Re)starts the poller from the settings; none when off or the settings are invalid. */
  const restart = Effect.gen(function*() {
    if (poller !== undefined) yield* Fiber.interrupt(poller)
    poller = undefined
    const minutes = yield* Effect.orElseSucceed(Effect.map(keyClients.settings, (s) => s.autoRefreshMinutes), () => 0)
    if (minutes <= 0) return
    poller = runFork(autoRefreshLoop(Duration.minutes(Math.max(minutes, MIN_AUTO_REFRESH_MINUTES)), port))
  })

  yield* restart
  yield* consume(vscode.settingChanges, () => restart)
})
