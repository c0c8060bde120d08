/** The rows that are no data: a failure with its remedy (Retry, Set API Key, ...), and a message ("No members"). */
import type { LoadKey } from "../../model/LoadKey.js"
import { type Failure, REMEDIES, remedyOf, type RemedyAction } from "../../model/Remedy.js"
import { clean } from "../../platform/Display.js"
import type { Kind, RowParent } from "./Kind.js"

/** The rows whose failures are a project's memories' (their wording says so). */
const MEMORY_KINDS: ReadonlySet<string> = new Set(["Memories", "EntityGroup", "MemoryList", "Search", "Activity"])

/** What clicking an error row does. */
export type ErrorAction = RemedyAction

export interface ErrorNode {
  readonly _tag: "Error"
  /** The organization whose rows failed to load, or `undefined` for the root. */
  readonly orgId: string | undefined
  /** The key of the row it is under, or `undefined` for the root. */
  readonly parentKey: string | undefined
  /** The load Retry starts again (`undefined`: the organizations, i.e. the whole tree). */
  readonly load: LoadKey | undefined
  /** Fixed wording for the error type (see `model/Remedy.ts`). */
  readonly label: string
  /** The error's full message, cleaned, for the plain-text tooltip. */
  readonly detail: string
  /** The error's tag, e.g. `Mem0RateLimited`. */
  readonly tag: string
  readonly action: ErrorAction
}

export interface MessageNode {
  readonly _tag: "Message"
  readonly parentKey: string | undefined
  readonly label: string
}

export const messageNode = (parentKey: string | undefined, text: string): MessageNode => ({
  _tag: "Message",
  parentKey,
  label: text
})

/** The row a failure becomes: fixed wording and a remedy; the full message only in the tooltip. */
export const errorNode = (parent: RowParent | undefined, error: Failure, load?: LoadKey): ErrorNode => {
  const remedy = remedyOf(
    error,
    parent === undefined
      ? "organizations"
      : parent._tag === "Group" && parent.group === "projects"
      ? "projects"
      : MEMORY_KINDS.has(parent._tag)
      ? "memories"
      : "members"
  )
  return {
    _tag: "Error",
    orgId: parent?.org.org_id,
    parentKey: parent?.key,
    load,
    label: remedy.summary,
    detail: clean(error.message),
    tag: error._tag,
    action: remedy.action
  }
}

export const Errors: Kind<ErrorNode> = {
  id: (node) => (node.parentKey === undefined ? "error" : `${node.parentKey}/error`),
  parentKey: (node) => node.parentKey,
  item: (node) => {
    const remedy = REMEDIES[node.action]
    return {
      label: node.label,
      description: remedy.hint(),
      tooltip: `${node.detail}\n\n${remedy.click()}`,
      icon: { id: "warning", color: "list.warningForeground" },
      collapsible: "none",
      contextValue: remedy.contextValue,
      command: { command: remedy.command, title: remedy.hint(), arguments: [node] }
    }
  }
}

export const Messages: Kind<MessageNode> = {
  id: (node) => (node.parentKey === undefined ? "message" : `${node.parentKey}/message`),
  parentKey: (node) => node.parentKey,
  item: (node) => ({ label: node.label, icon: { id: "info" }, collapsible: "none" })
}
