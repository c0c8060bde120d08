/**
 * When a `mem0:` document may be written, decided as plain data (no `vscode`
 * import, so it is unit-tested): only by an explicit save (File: Save,
 * Ctrl+S) of an editor of it that is open and dirty. Not by auto save (the
 * editor stays dirty until an explicit save), and not by another extension's
 * `workspace.fs.writeFile`, which skips VS Code's read-only and conflict
 * checks. The bytes are served with a UTF-8 byte order mark, so VS Code reads
 * them as UTF-8 whatever `files.encoding` says.
 */
import { t } from "../platform/L10n.js"
import type { DocumentFailure } from "../platform/VsCodeApi.js"

/** Why a save is under way, as VS Code's `TextDocumentWillSaveEvent` says; `undefined` when none is. */
export type SaveReason = "manual" | "afterDelay" | "focusOut" | undefined

/** The UTF-8 byte order mark served before a document's text. */
export const UTF8_BOM = new Uint8Array([0xef, 0xbb, 0xbf])

/** A document's text as served: a BOM, then UTF-8. */
export const servedBytes = (text: string): Uint8Array => {
  const body = new TextEncoder().encode(text)
  const bytes = new Uint8Array(UTF8_BOM.byteLength + body.byteLength)
  bytes.set(UTF8_BOM, 0)
  bytes.set(body, UTF8_BOM.byteLength)
  return bytes
}

/** Why a write of a document is refused, or `undefined` when it is a save the person asked for. */
export const saveRefusal = (editor: { readonly dirty: boolean } | undefined, reason: SaveReason): DocumentFailure | undefined => {
  if (editor === undefined || !editor.dirty || reason === undefined) {
    return { reason: "noPermissions", message: t("Mem0 documents change only when their open editor is saved (File: Save).") }
  }
  if (reason !== "manual") {
    return {
      reason: "unavailable",
      message: t("Not saved: Mem0 documents are saved only with File: Save (Ctrl+S), never by auto save. The editor keeps your text.")
    }
  }
  return undefined
}
