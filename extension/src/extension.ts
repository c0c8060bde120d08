/**
 * The extension's bundle (`dist/main.cjs`, loaded by the manifest's entry,
 * `boot.ts`). Each activation builds the extension (`main.ts`) in a scope of
 * its own; `deactivate` closes it, which unregisters every command and view
 * and interrupts every load. No layer and no `ManagedRuntime`: Effect's layer
 * machinery around one effect was a quarter of activation's work. Activation
 * makes no network call: the first request waits until the view is shown.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as Exit from "effect/Exit"
import * as Scope from "effect/Scope"
import type * as vscode from "vscode"
import { main } from "./main.js"
import { make as makeVsCode } from "./platform/VsCode.js"
import { VsCode } from "./platform/VsCodeApi.js"

let active: Scope.CloseableScope | undefined

/** Closes the scope of the activation before, if any. */
const close = async () => {
  const scope = active
  active = undefined
  if (scope !== undefined) await Effect.runPromise(Scope.close(scope, Exit.void))
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await close()
  const scope = Effect.runSync(Scope.make())
  active = scope
  // registers the commands and the view; they hold the runtime they were registered with
  const built = await Effect.runPromiseExit(
    Effect.flatMap(makeVsCode(context), (vscode) => Effect.provideService(main, VsCode, vscode)).pipe(Scope.extend(scope))
  )
  if (Exit.isFailure(built)) {
    // what was registered before the failure is let go, and VS Code is told activation failed
    if (active === scope) await close()
    throw Cause.squash(built.cause)
  }
}

export async function deactivate(): Promise<void> {
  await close()
}
