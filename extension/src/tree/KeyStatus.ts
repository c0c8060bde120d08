/**
 * The status bar item: `Mem0: <user_email> · <org> / <project>` for the key
 * in use, from the tree's location of the key's project (`ping`). Hidden
 * while no key is set; clicking it opens the Copy project_id quick pick. It
 * makes no request of its own: the ping runs with the first load of the
 * organizations (the view shown, or a palette command), so activation stays
 * free of network calls.
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as FiberSet from "effect/FiberSet"
import { ApiKey } from "../model/ApiKey.js"
import { consume } from "../platform/Events.js"
import { ownSync } from "../platform/Owned.js"
import { clean, label } from "../platform/Display.js"
import { COMMANDS, STATUS_ITEM_ID } from "../platform/Ids.js"
import { t } from "../platform/L10n.js"
import { type KeyProjectState, OrganizationsTree } from "./OrganizationsTree.js"
import { remedyOf } from "../model/Remedy.js"
import type { StatusContent } from "../platform/VsCodeApi.js"
import { VsCode } from "../platform/VsCodeApi.js"

const click = () => t("Click to copy a project_id.")

/**
 * What the item shows for what is known of the key's project, and the key's name when several are
 * stored. Server text is cleaned and cut.
 */
export const statusContent = (state: KeyProjectState, keyName?: string): StatusContent => {
  const content = stateContent(state)
  if (keyName === undefined) return content
  const name = label(keyName, 40)
  return {
    ...content,
    // a function, not a string: `$&`, `$'` and `` $` `` in a key's name are not replacement patterns
    text: content.text.replace(/^Mem0/, () => `Mem0 (${name})`),
    tooltip: `${t("Key: {0}", name)}\n${content.tooltip}`
  }
}

const stateContent = (state: KeyProjectState): StatusContent => {
  switch (state._tag) {
    case "Unknown":
      return {
        icon: "key",
        text: "Mem0",
        tooltip: `${t("Mem0: an API key is set. Open the Mem0 view to see the organization and project it is bound to.")}\n${click()}`
      }
    case "Failed":
      return {
        icon: "warning",
        text: "Mem0",
        tooltip: `${t("Mem0: {0}. See Mem0: Show Logs.", remedyOf(state.error, "organizations").summary)}\n${click()}`
      }
    case "Known": {
      const { context, org, project } = state.value
      const orgName = org === undefined ? context.orgId : org.name
      const projectName = project === undefined ? context.projectId : project.name
      const place = [orgName, projectName].filter((p): p is string => p !== undefined).map((p) => label(p, 40)).join(" / ")
      const who = context.userEmail === undefined ? undefined : label(context.userEmail, 60)
      const text = [who, place === "" ? undefined : place].filter((p): p is string => p !== undefined).join(" · ")
      const lines = [t("Your Mem0 API key")]
      if (context.userEmail !== undefined) lines.push(t("User: {0}", clean(context.userEmail)))
      if (context.orgId !== undefined) {
        lines.push(t("Organization: {0}", `${org === undefined ? "" : `${clean(org.name)} — `}${clean(context.orgId)}`))
      }
      if (context.projectId !== undefined) {
        lines.push(t("Project: {0}", `${project === undefined ? "" : `${clean(project.name)} — `}${clean(context.projectId)}`))
      }
      return { icon: "key", text: text === "" ? "Mem0" : `Mem0: ${text}`, tooltip: `${lines.join("\n")}\n\n${click()}` }
    }
  }
}

/** Shows the key in use in the status bar and keeps it current (in fibers of the caller's scope). */
export const keyStatus = Effect.gen(function*() {
  const vscode = yield* VsCode
  const apiKey = yield* ApiKey
  const tree = yield* OrganizationsTree
  // Fibers started by VS Code's events end with the scope (deactivate), not after it.
  const runFork = yield* FiberSet.makeRuntime()
  const item = yield* vscode.statusItem({ id: STATUS_ITEM_ID, name: t("Mem0 API key"), command: COMMANDS.copyProjectId })
  let state: KeyProjectState = { _tag: "Unknown" }
  const render = Effect.gen(function*() {
    const key = yield* apiKey.current
    if (Option.isNone(key)) return yield* item.hide
    const { names } = yield* apiKey.index
    yield* item.show(statusContent(state, names.length > 1 ? key.value.name : undefined))
  })
  yield* render
  yield* ownSync(
    () =>
      tree.onKeyProject((next) => {
        state = next
        runFork(render)
      }),
    (unsubscribe) => unsubscribe()
  )
  yield* consume(apiKey.changes, () => render)
})
