/**
 * Several Mem0 keys, each under its own name: Add Key..., Switch Key
 * (each key shown with its user's email and project from `ping`, never the
 * key), Remove Key...; Show Who I Am (the key in use, as `ping` says,
 * a line copied when chosen); Open in Mem0 Dashboard; Offer Mem0's Memory Tools to Copilot
 * (turns `mem0.mcp.enabled` on: one MCP server per stored key, `model/McpServers`). Switching changes the
 * key in SecretStorage, which reloads the tree and the status bar and
 * interrupts what was loading (the watchers in `main.ts`).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import { ApiKey, keyNameProblem, keyProblem } from "../model/ApiKey.js"
import { KeyClients } from "../model/KeyClients.js"
import { clean, label } from "../platform/Display.js"
import { COMMANDS, DASHBOARD_URL } from "../platform/Ids.js"
import { t } from "../platform/L10n.js"
import { NothingToPick, orgAndProjectEnv } from "./Picks.js"
import { remedyOf } from "../model/Remedy.js"
import { ENV_KEY } from "../model/ApiKey.js"
import { type QuickPickEntry, type VsCodeApi, VsCode } from "../platform/VsCodeApi.js"
import { defineCommand, type Feature } from "./Registry.js"

/** How long Switch Key waits for each key's ping before showing it without. */
const PING_WAIT = "5 seconds"

/** The services the key commands use. */
interface KeyKit {
  readonly vscode: VsCodeApi
  readonly apiKey: typeof ApiKey.Service
  readonly keyClients: typeof KeyClients.Service
}

/** The stored keys in a quick pick; with `ping`, each says who it is (asked for all at once). */
const keyPicks = ({ apiKey, keyClients, vscode }: KeyKit) => {
  /** What a key's ping says, as one line of plain text: its user and where it is bound, or why not. */
  const whoIs = (name: string) =>
    Effect.gen(function*() {
      // each key is asked at the base URL it was added for, never at another
      const connected = yield* Effect.either(keyClients.clientNamed(name))
      if (Either.isLeft(connected)) return remedyOf(connected.left, "organizations").summary
      if (Option.isNone(connected.right)) return t("no key stored under this name")
      const answer = yield* connected.right.value.client.ping().pipe(
        Effect.timeout(PING_WAIT),
        Effect.either
      )
      if (Either.isLeft(answer)) {
        const error = answer.left
        return error._tag === "TimeoutException" ? t("Mem0 did not answer in time") : remedyOf(error, "organizations").summary
      }
      const { orgId, projectId, userEmail } = answer.right
      return [userEmail, projectId === undefined ? orgId : `${orgId ?? "?"} / ${projectId}`]
        .filter((p): p is string => p !== undefined)
        .map((p) => label(p, 80))
        .join(" · ")
    })

  /** The stored keys as quick-pick entries; with `ping`, each says who it is (asked for all at once). */
  const keyEntries = (ping: boolean) =>
    Effect.gen(function*() {
      const { active, names } = yield* apiKey.index
      if (names.length === 0) {
        return yield* Effect.fail(new NothingToPick({ message: t("No Mem0 key is stored. Add one with Mem0: Add Key.") }))
      }
      const settingUrl = Option.getOrUndefined(Option.map(yield* Effect.option(keyClients.settings), (s) => s.baseUrl))
      return yield* Effect.forEach(names, (name): Effect.Effect<QuickPickEntry<string>> =>
        Effect.gen(function*() {
          const detail = ping ? yield* whoIs(name) : undefined
          // a key added for another address than mem0.apiBaseUrl says so
          const url = Option.getOrUndefined(Option.map(yield* apiKey.entryOf(name), (e) => e.baseUrl))
          const description = [
            name === active ? t("in use") : undefined,
            url !== undefined && url !== settingUrl ? t("for {0}", url) : undefined
          ].filter((p): p is string => p !== undefined).join(" · ")
          return {
            label: label(name, 40),
            ...(description === "" ? {} : { description }),
            ...(detail === undefined ? {} : { detail }),
            value: name
          }
        }), { concurrency: "unbounded" })
    })

  const pickKey = (title: string, ping: boolean, use: (name: string) => Effect.Effect<void>) =>
    Effect.gen(function*() {
      const picked = yield* Effect.either(vscode.showQuickPick(keyEntries(ping), { title, placeHolder: t("Choose a key") }))
      if (Either.isLeft(picked)) {
        yield* vscode.showMessage("info", picked.left.message)
        return
      }
      if (Option.isSome(picked.right)) yield* use(picked.right.value)
    })

  return pickKey
}

/** Set, add, switch, remove and clear keys. */
const keyChanges = (kit: KeyKit) => {
  const { apiKey, vscode } = kit
  const pickKey = keyPicks(kit)

  const setApiKey = Effect.gen(function*() {
    const typed = yield* vscode.showInputBox({
      title: t("Mem0: Set API Key"),
      prompt: t("Paste your Mem0 API key. It is kept in VS Code's secret storage, never in settings."),
      placeHolder: "m0-…",
      password: true,
      validate: keyProblem
    })
    if (Option.isNone(typed)) return
    yield* apiKey.set(typed.value).pipe(
      Effect.zipRight(vscode.flash(t("Mem0 API key saved"))),
      Effect.catchAll((problem) => vscode.showMessage("error", problem))
    )
  })

  const clearApiKey = Effect.gen(function*() {
    yield* apiKey.clear
    yield* vscode.flash(t("Mem0 API key cleared"))
    if (vscode.env(ENV_KEY)?.trim()) {
      yield* vscode.showMessage("info", t("The stored key is cleared; the {0} environment variable is still used.", ENV_KEY))
    }
  })

  const addKey = Effect.gen(function*() {
    const { names } = yield* apiKey.index
    const name = yield* vscode.showInputBox({
      title: t("Mem0: Add Key"),
      prompt: t("A name for the key, to tell it from the others (work, personal...)"),
      validate: (value) => keyNameProblem(value, names)
    })
    if (Option.isNone(name)) return
    const key = yield* vscode.showInputBox({
      title: t("Mem0: Add Key {0}", label(name.value.trim(), 40)),
      prompt: t("Paste the Mem0 API key. It is kept in VS Code's secret storage, never in settings."),
      placeHolder: "m0-…",
      password: true,
      validate: keyProblem
    })
    if (Option.isNone(key)) return
    yield* apiKey.add(name.value.trim(), key.value).pipe(
      Effect.zipRight(vscode.flash(t("Mem0 key {0} added and in use", label(name.value.trim(), 40)))),
      Effect.catchAll((problem) => vscode.showMessage("error", problem))
    )
  })

  const switchKey = Effect.suspend(() =>
    pickKey(t("Mem0: Switch Key"), true, (name) =>
      Effect.zipRight(apiKey.use(name), vscode.flash(t("Mem0 key {0} in use", label(name, 40)))))
  )

  const removeKey = Effect.suspend(() =>
    pickKey(t("Mem0: Remove Key"), false, (name) =>
      Effect.gen(function*() {
        const sure = yield* vscode.confirm(
          t("Remove the Mem0 key {0}?", label(name, 40)),
          t("It is deleted from VS Code's secret storage. The key itself stays valid at Mem0; revoke it in the dashboard."),
          t("Remove")
        )
        if (!sure) return
        yield* apiKey.remove(name)
        yield* vscode.flash(t("Mem0 key {0} removed", label(name, 40)))
      }))
  )

  return { setApiKey, clearApiKey, addKey, switchKey, removeKey }
}

/** The key in use, as `ping` says: a quick pick whose lines are copied when chosen. */
const whoAmI = ({ apiKey, keyClients, vscode }: KeyKit) =>
  Effect.gen(function*() {
    const current = yield* apiKey.current
    if (Option.isNone(current)) {
      yield* vscode.showMessage("info", t("No Mem0 API key is set."))
      return
    }
    const entries = Effect.gen(function*() {
      const client = yield* keyClients.client
      const { orgId, projectId, userEmail } = yield* client.ping()
      const line = (field: string, value: string | undefined): ReadonlyArray<QuickPickEntry<string>> =>
        value === undefined ? [] : [{ label: label(value), description: field, value }]
      return [
        ...line("user_email", userEmail),
        ...line("org_id", orgId),
        ...line("project_id", projectId),
        ...(orgId !== undefined && projectId !== undefined
          ? [{
            label: t("MEM0_ORG_ID and MEM0_PROJECT_ID"),
            description: t("both, as .env lines"),
            value: orgAndProjectEnv(orgId, projectId)
          }]
          : [])
      ]
    })
    const title = current.value.name === undefined
      ? t("Mem0: Who I Am (the MEM0_API_KEY environment variable)")
      : t("Mem0: Who I Am (key {0})", label(current.value.name, 40))
    const picked = yield* Effect.either(vscode.showQuickPick(entries, { title, placeHolder: t("Choose a line to copy it") }))
    if (Either.isLeft(picked)) {
      yield* Effect.logWarning(`ping failed: ${picked.left._tag}: ${picked.left.message}`)
      yield* vscode.showMessage("error", t("Mem0: Who I Am failed: {0}.", remedyOf(picked.left, "organizations").summary))
      return
    }
    if (Option.isSome(picked.right)) {
      yield* vscode.writeClipboard(picked.right.value)
      yield* vscode.flash(t("Copied {0}", label(clean(picked.right.value), 80)))
    }
  })

/**
 * Turns `mem0.mcp.enabled` on in the user's settings and says what that offers; on a VS Code without
 * the MCP API (1.100), says so and changes nothing.
 */
const enableMcp = ({ apiKey, vscode }: KeyKit) =>
  Effect.gen(function*() {
    if (!vscode.mcpAvailable()) {
      yield* vscode.showMessage("warning", t("This VS Code cannot offer MCP servers to Copilot: that needs VS Code 1.101 or later. Nothing was changed."))
      return
    }
    yield* vscode.setUserSetting("mcp.enabled", true)
    const { names } = yield* apiKey.index
    if (names.length === 0) {
      const add = t("Add Key...")
      const chosen = yield* vscode.showMessage(
        "info",
        t("Mem0's memory tools are on for Copilot. Add a key: each stored key is offered as an MCP server named after it."),
        add
      )
      if (Option.getOrUndefined(chosen) === add) yield* vscode.executeCommand(COMMANDS.addKey)
      return
    }
    const list = t("List MCP Servers")
    const chosen = yield* vscode.showMessage(
      "info",
      t("Mem0's memory tools are on for Copilot: each key stored for this server is offered as an MCP server, \"Mem0 (key name)\". The key is read from secret storage only when VS Code starts the server."),
      list
    )
    if (Option.getOrUndefined(chosen) === list) yield* vscode.executeCommand("workbench.mcp.listServer")
  })

export const keyCommands: Feature<VsCode | ApiKey | KeyClients> = {
  name: "key commands",
  ids: [
    COMMANDS.setApiKey,
    COMMANDS.clearApiKey,
    COMMANDS.addKey,
    COMMANDS.switchKey,
    COMMANDS.removeKey,
    COMMANDS.whoAmI,
    COMMANDS.openDashboard,
    COMMANDS.enableMcp
  ],
  build: Effect.gen(function*() {
    const kit: KeyKit = { vscode: yield* VsCode, apiKey: yield* ApiKey, keyClients: yield* KeyClients }
    const changes = keyChanges(kit)
    return [
      defineCommand(COMMANDS.setApiKey, { palette: changes.setApiKey }),
      defineCommand(COMMANDS.clearApiKey, { palette: changes.clearApiKey }),
      defineCommand(COMMANDS.addKey, { palette: changes.addKey }),
      defineCommand(COMMANDS.switchKey, { palette: changes.switchKey }),
      defineCommand(COMMANDS.removeKey, { palette: changes.removeKey }),
      defineCommand(COMMANDS.whoAmI, { palette: whoAmI(kit) }),
      defineCommand(COMMANDS.openDashboard, { palette: kit.vscode.openExternal(DASHBOARD_URL) }),
      defineCommand(COMMANDS.enableMcp, { palette: enableMcp(kit) })
    ]
  })
}
