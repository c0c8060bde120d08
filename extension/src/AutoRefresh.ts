/**
 * Optional auto-refresh (`mem0.autoRefreshMinutes`, 0 = off, the default):
 * every so many minutes the tree reloads, but only while its view is visible
 * and a VS Code window has the focus; otherwise that turn is skipped. A
 * change of the setting takes effect at once.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Fiber from "effect/Fiber"
import * as Layer from "effect/Layer"
import * as FiberSet from "effect/FiberSet"
import { OrganizationsView } from "./Commands.js"
import { Connection } from "./Connection.js"
import { OrganizationsTree } from "./OrganizationsTree.js"
import { VsCode } from "./VsCodeApi.js"

/** The shortest interval taken (0.6 s), whatever the setting says: a setting cannot make it hammer the API. */
export const MIN_AUTO_REFRESH_MINUTES = 0.01

export const AutoRefreshLive = Layer.scopedDiscard(
  Effect.gen(function*() {
    const vscode = yield* VsCode
    const connection = yield* Connection
    const tree = yield* OrganizationsTree
    const view = yield* OrganizationsView
    // Fibers started by VS Code's events end with the scope (deactivate), not after it.
    const runFork = yield* FiberSet.makeRuntime()
    let poller: Fiber.RuntimeFiber<unknown> | undefined

    const turn = Effect.suspend(() =>
      view.visible() && vscode.windowFocused()
        ? Effect.zipRight(Effect.logDebug("auto-refresh"), tree.refresh)
        : Effect.logDebug("auto-refresh skipped: the view is hidden or VS Code is not focused")
    )

    /** (Re)starts the poller from the settings; none when off or the settings are invalid. */
    const restart = Effect.gen(function*() {
      if (poller !== undefined) yield* Fiber.interrupt(poller)
      poller = undefined
      const minutes = yield* Effect.orElseSucceed(Effect.map(connection.settings, (s) => s.autoRefreshMinutes), () => 0)
      if (minutes <= 0) return
      const every = Duration.millis(Math.max(minutes, MIN_AUTO_REFRESH_MINUTES) * 60_000)
      poller = runFork(Effect.forever(Effect.zipRight(Effect.sleep(every), turn)))
    })

    yield* restart
    yield* vscode.onSettingsChange(() => runFork(restart))
    yield* Effect.addFinalizer(() => (poller === undefined ? Effect.void : Fiber.interrupt(poller)))
  })
)
