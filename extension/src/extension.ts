/**
 * The extension's bundle (`dist/main.cjs`, loaded by the manifest's entry,
 * `boot.ts`). One `ManagedRuntime` per activation, built from layers;
 * `deactivate` disposes it, which unregisters every command and view and
 * interrupts every load. Activation makes no network call: the first request
 * waits until the view is shown.
 */
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import type * as vscode from "vscode"
import { MainLayer } from "./main.js"
import { layer as VsCodeLive } from "./platform/VsCode.js"

let runtime: { readonly dispose: () => Promise<void> } | undefined

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  await runtime?.dispose()
  const current = ManagedRuntime.make(MainLayer.pipe(Layer.provideMerge(VsCodeLive(context))))
  runtime = current
  await current.runtime() // builds the layers: registers the commands and the view
}

export async function deactivate(): Promise<void> {
  const current = runtime
  runtime = undefined
  await current?.dispose()
}
