/**
 * The manifest's entry: loads the extension's bundle (`main.cjs`, built from
 * `extension.ts`) with V8's code cache kept in the extension's global storage
 * (`platform/CodeCache.ts`), and hands activation to it. Plain Node, no Effect.
 */
import * as path from "node:path"
import type * as vscode from "vscode"
import { type Loaded, loadWithCodeCache } from "./platform/CodeCache.js"

interface Main {
  readonly activate: (context: vscode.ExtensionContext) => Promise<void>
  readonly deactivate: () => Promise<void>
}

let main: Loaded<Main> | undefined

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  // without a storage folder (a host that gives none), the bundle is loaded without a cache
  const storage = (context.globalStorageUri as vscode.Uri | undefined)?.fsPath
  main ??= loadWithCodeCache<Main>(path.join(__dirname, "main.cjs"), storage ? path.join(storage, "code-cache") : undefined)
  await main.exports.activate(context)
}

export async function deactivate(): Promise<void> {
  main?.flush()
  await main?.exports.deactivate()
}
