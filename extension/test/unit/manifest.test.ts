import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as DateTime from "effect/DateTime"
import * as Duration from "effect/Duration"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import {
  Mem0DecodeError,
  Mem0Forbidden,
  Mem0RateLimited,
  Mem0ResponseTooLarge,
  Mem0TransportError,
  Mem0Unauthorized
} from "effect-mem0/Mem0Error"
import { Member, Organization } from "effect-mem0/Organization"
import { Project, ProjectMember } from "effect-mem0/Project"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { InvalidSettings } from "../../src/model/KeyClients.js"
import { memoryCommands } from "../../src/commands/MemoryCommands.js"
import { ownerActions } from "../../src/commands/OwnerActions.js"
import { MainLayer } from "../../src/main.js"
import { DEFAULT_MCP_URL, MCP_PROVIDER_ID } from "../../src/model/McpServers.js"
import { COMMANDS, CONTEXT_VALUES, VIEW_ID, WALKTHROUGH_ID } from "../../src/platform/Ids.js"
import { Entity } from "effect-mem0/Entity"
import { Memory } from "effect-mem0/Memory"
import { MemoryEvent } from "effect-mem0/MemoryEvent"
import {
  type EventNode,
  type MemoryListNode,
  type ProjectNode,
  type TreeNode,
  errorNode,
  groupNode,
  memberNode,
  messageNode,
  organizationNode,
  projectMemberNode,
  projectNode,
  treeItem
} from "../../src/tree/Rows.js"
import { makeFakeVsCode } from "./fakeVsCode.js"

const root = fileURLToPath(new URL("../../", import.meta.url))
interface MenuItem {
  readonly command: string
  readonly when?: string
  readonly group?: string
}
interface Manifest {
  readonly name: string
  readonly publisher: string
  readonly displayName: string
  readonly preview?: boolean
  readonly categories: ReadonlyArray<string>
  readonly galleryBanner?: { readonly color: string; readonly theme: string }
  readonly engines: { readonly vscode: string }
  readonly activationEvents: ReadonlyArray<string>
  readonly icon: string
  readonly main: string
  readonly devDependencies: Record<string, string>
  readonly contributes: {
    readonly commands: ReadonlyArray<{ command: string; title: string; category: string }>
    readonly menus: Record<string, ReadonlyArray<MenuItem>>
    readonly viewsWelcome: ReadonlyArray<{ view: string; contents: string; when: string }>
    readonly views: Record<string, ReadonlyArray<{ id: string; name: string }>>
    readonly viewsContainers: { activitybar: ReadonlyArray<{ id: string; icon: string }> }
    readonly keybindings: ReadonlyArray<{ command: string; key: string; mac: string; when: string }>
    readonly configuration: { properties: Record<string, { default: unknown }> }
    readonly mcpServerDefinitionProviders: ReadonlyArray<{ id: string; label: string; when?: string }>
    readonly walkthroughs: ReadonlyArray<{
      readonly id: string
      readonly steps: ReadonlyArray<{
        readonly id: string
        readonly description: string
        readonly media: { readonly markdown: string }
        readonly completionEvents: ReadonlyArray<string>
      }>
    }>
  }
}
const rawManifest: unknown = JSON.parse(readFileSync(`${root}package.json`, "utf8"))
const nls = JSON.parse(readFileSync(`${root}package.nls.json`, "utf8")) as Record<string, string>
/** The manifest as VS Code reads it: each `%key%` replaced by its text in package.nls.json. */
const resolve = (value: unknown): unknown =>
  typeof value === "string"
    ? value.replace(/^%([\w.-]+)%$/, (whole, key: string) => nls[key] ?? whole)
    : Array.isArray(value)
    ? value.map(resolve)
    : typeof value === "object" && value !== null
    ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, resolve(v)]))
    : value
const manifest = resolve(rawManifest) as Manifest

let registered: ReadonlyArray<string> = []
let dispose: () => Promise<void>

beforeAll(async () => {
  const fake = makeFakeVsCode()
  const runtime = ManagedRuntime.make(MainLayer.pipe(Layer.provideMerge(fake.layer)))
  await runtime.runtime()
  registered = [...fake.record.commands.keys()]
  dispose = () => runtime.dispose()
})
afterAll(() => dispose())

describe("the Marketplace listing", () => {
  it("every text of the manifest is in package.nls.json (translatable), and every entry there is used", () => {
    const texts: Array<[string, unknown]> = []
    const raw = rawManifest as Record<string, unknown> & { contributes: Record<string, unknown> }
    const collect = (where: string, value: unknown, fields: ReadonlyArray<string>) => {
      if (Array.isArray(value)) return value.forEach((v, i) => collect(`${where}[${i}]`, v, fields))
      if (typeof value !== "object" || value === null) return
      for (const [k, v] of Object.entries(value)) {
        if (fields.includes(k) && typeof v === "string") texts.push([`${where}.${k}`, v])
        else collect(`${where}.${k}`, v, fields)
      }
    }
    texts.push(["displayName", raw["displayName"]], ["description", raw["description"]])
    collect("capabilities", raw["capabilities"], ["description"])
    collect("contributes", raw.contributes, ["title", "name", "contextualTitle", "contents", "category", "markdownDescription", "description", "label", "patternErrorMessage"])
    const used = new Set<string>()
    for (const [where, text] of texts) {
      const key = /^%([\w.-]+)%$/.exec(String(text))?.[1]
      expect(key, `${where} is not a %key%: ${String(text)}`).toBeDefined()
      expect(nls[key!], `${where}: ${key} is not in package.nls.json`).toBeDefined()
      used.add(key!)
    }
    expect(Object.keys(nls).filter((k) => !used.has(k))).toEqual([])
  })

  it("does not read as Mem0's own extension, is marked preview, and has a banner and fitting categories", () => {
    expect(manifest.displayName).toBe("Mem0 Organizations & Projects")
    expect(manifest.preview).toBe(true)
    expect(manifest.galleryBanner?.color).toMatch(/^#[0-9a-f]{6}$/i)
    expect(manifest.categories).toContain("AI")
  })

  it("the walkthrough: six steps, each page shipped, each link and completion a real command, view or setting", () => {
    const [walkthrough] = manifest.contributes.walkthroughs
    expect(`${manifest.publisher}.${manifest.name}#${walkthrough!.id}`).toBe(WALKTHROUGH_ID)
    expect(walkthrough!.steps.map((s) => s.id)).toEqual(["setKey", "openTree", "copyProjectId", "browseMemories", "useFromCode", "copilotTools"])
    const commands = new Set([...manifest.contributes.commands.map((c) => c.command), `${VIEW_ID}.focus`])
    for (const step of walkthrough!.steps) {
      expect(readFileSync(`${root}${step.media.markdown}`, "utf8").length).toBeGreaterThan(100)
      for (const [, id] of step.description.matchAll(/\(command:([\w.]+)\)/g)) expect(commands.has(id!), id).toBe(true)
      for (const event of step.completionEvents) {
        const [kind, id] = event.split(":")
        if (kind === "onCommand") expect(commands.has(id!), event).toBe(true)
        if (kind === "onView") expect(id).toBe(VIEW_ID)
        if (kind === "onContext") expect(id).toBe("mem0.hasApiKey")
        if (kind === "onSettingChanged") expect(Object.keys(manifest.contributes.configuration.properties)).toContain(id)
        expect(["onCommand", "onView", "onContext", "onSettingChanged"]).toContain(kind)
      }
    }
  })

  it("deactivating releases every command activation registered, and nothing else is left registered", async () => {
    const fake = makeFakeVsCode()
    const runtime = ManagedRuntime.make(MainLayer.pipe(Layer.provideMerge(fake.layer)))
    await runtime.runtime()
    const ids = [...fake.record.commands.keys()].sort()
    expect(ids.length).toBe(manifest.contributes.commands.length)
    await runtime.dispose()
    expect([...fake.record.disposedCommands].sort()).toEqual(ids)
    expect(fake.record.commands.size).toBe(0)
  })

  it("Get Started opens the walkthrough", async () => {
    const fake = makeFakeVsCode()
    const runtime = ManagedRuntime.make(MainLayer.pipe(Layer.provideMerge(fake.layer)))
    await runtime.runtime()
    await fake.run(COMMANDS.openWalkthrough)
    expect(fake.record.executed).toEqual([["workbench.action.openWalkthrough", WALKTHROUGH_ID, false]])
    await runtime.dispose()
  })
})

describe("manifest and code agree", () => {
  it("every contributed command is registered and every registered command is contributed", () => {
    const contributed = manifest.contributes.commands.map((c) => c.command).sort()
    expect([...registered].sort()).toEqual(contributed)
    expect(Object.values(COMMANDS).sort()).toEqual(contributed)
  })

  it("every command is in the Mem0 category", () => {
    for (const command of manifest.contributes.commands) expect(command.category).toBe("Mem0")
  })

  it("node-only commands are hidden from the palette, Copy org_id is not", () => {
    const hidden = manifest.contributes.menus["commandPalette"]!.filter((m) => m.when === "false").map((m) => m.command)
    expect(hidden.sort()).toEqual([
      COMMANDS.copyMemberEmail,
      COMMANDS.copySelection,
      COMMANDS.retry,
      // the memory browser's commands all act on a row
      ...memoryCommands.ids
    ].sort())
    expect(hidden).not.toContain(COMMANDS.copyOrgId)
  })

  /** The rows of every kind, as an owner and as a reader sees them, and every error row. */
  const everyRow = () => {
    const rows = (role: "OWNER" | "READER") => {
      const org = organizationNode(
        new Organization({ org_id: "o" as Organization["org_id"], name: "n", created_at: DateTime.unsafeMake(0), user_role: role })
      )
      const members = groupNode(org, "members", 1)
      const projects = groupNode(org, "projects", 1)
      const member = memberNode(members, new Member({ user_id: "u", role: "OWNER" }))
      const project = projectNode(projects, new Project({ project_id: "p" as Project["project_id"], name: "P", user_role: role }))
      const projectMember = projectMemberNode(project, new ProjectMember({ username: "ana", role: "OWNER" }), 0)
      return [org, members, projects, member, project, projectMember]
    }
    const [, , , , project] = rows("OWNER")
    const scope = {
      org: (project as ProjectNode).org,
      project: (project as ProjectNode).project,
      binding: { identity: { name: "k", id: "1", baseUrl: "https://api.mem0.ai" }, orgId: "o", projectId: "p" }
    }
    const list = (key: string, entity: Entity | undefined, filterText: string | undefined): MemoryListNode => ({
      _tag: "MemoryList", ...scope, scope: entity === undefined ? { _tag: "All" } : { _tag: "Entity", type: "user", id: entity.id },
      entity, parentKey: "m", key, count: 1, filterText, deleting: undefined
    })
    const event = (status: "FAILED" | "SUCCEEDED"): EventNode => ({ _tag: "Event", ...scope, event: new MemoryEvent({ id: status, status }), parentKey: "a", key: `a/${status}` })
    const memoryRows: ReadonlyArray<TreeNode> = [
      { _tag: "Memories", ...scope, parentKey: "p", key: "m" },
      { _tag: "Memories", ...scope, binding: undefined, parentKey: "q", key: "q/m" },
      { _tag: "EntityGroup", ...scope, type: "user", parentKey: "m", key: "m/user", count: 1 },
      list("m/all", undefined, undefined),
      list("m/all2", undefined, "filtered"),
      list("m/user/u", new Entity({ id: "u", type: "user" }), undefined),
      list("m/user/v", new Entity({ id: "v", type: "user" }), "filtered"),
      { _tag: "Search", ...scope, shown: { id: 1, search: { query: "q", topK: 10, threshold: 0.1, scope: { _tag: "All" } } }, parentKey: "m", key: "m/search/1" },
      {
        _tag: "Search",
        ...scope,
        shown: { id: 2, search: { query: "q", topK: 10, threshold: 0.1, scope: { _tag: "All" }, filter: { categories: ["a"] } } },
        parentKey: "m",
        key: "m/search/2"
      },
      { _tag: "Memory", ...scope, memory: new Memory({ id: "x", memory: "text" }), parentKey: "m/all", key: "m/all/m/x" },
      { _tag: "Activity", ...scope, parentKey: "m", key: "m/activity", filterText: undefined },
      { _tag: "Activity", ...scope, parentKey: "m2", key: "m2/activity", filterText: "filtered: FAILED" },
      event("FAILED"),
      event("SUCCEEDED"),
      { _tag: "LoadMore", parentKey: "m/all", key: "m/all/more", left: 3 }
    ]
    const [org] = rows("OWNER")
    const base = { method: "GET", path: "/", status: 401 }
    return [
      ...rows("OWNER"),
      ...rows("READER"),
      ...memoryRows,
      messageNode(undefined, "none"),
      errorNode(undefined, new InvalidSettings({ setting: "mem0.apiBaseUrl", reason: "bad" })),
      errorNode(undefined, new Mem0Unauthorized(base)),
      errorNode(undefined, new Mem0Forbidden(base)),
      errorNode(org as never, new Mem0Forbidden(base)),
      errorNode(undefined, new Mem0RateLimited({ ...base, status: 429, retryAfter: Duration.seconds(3) })),
      errorNode(undefined, new Mem0TransportError({ method: "GET", path: "/", detail: "x" })),
      errorNode(org as never, new Mem0DecodeError({ ...base, status: 200, issuePath: "$", issue: "x", body: "" })),
      errorNode(org as never, new Mem0ResponseTooLarge({ ...base, status: 200, limit: 1 }))
    ]
  }

  /** The context values a menu's `when` accepts: `viewItem == x`, or `viewItem =~ /re/` tried on each known value. */
  const accepted = (when: string | undefined): ReadonlyArray<string> => {
    const values = Object.values(CONTEXT_VALUES) as ReadonlyArray<string>
    const exact = [...(when ?? "").matchAll(/viewItem == ([\w.]+)/g)].map((m) => m[1]!)
    const patterns = [...(when ?? "").matchAll(/viewItem =~ \/(.+?)\/(?=\s|$)/g)].map((m) => new RegExp(m[1]!))
    return [...exact, ...values.filter((v) => patterns.some((re) => re.test(v)))]
  }

  const menusOf = (command: string) => manifest.contributes.menus["view/item/context"]!.filter((m) => m.command === command)

  it("every contextValue a node produces is used by a menu, and every menu's viewItem is produced", () => {
    const produced = new Set(everyRow().map((n) => treeItem(n).contextValue).filter((v): v is string => v !== undefined))
    expect([...produced].sort()).toEqual(Object.values(CONTEXT_VALUES).sort())
    const used = new Set(manifest.contributes.menus["view/item/context"]!.flatMap((m) => accepted(m.when)))
    expect([...used].sort()).toEqual([...produced].sort())
    for (const m of manifest.contributes.menus["view/item/context"]!) {
      expect(accepted(m.when).length, `${m.command}: ${m.when}`).toBeGreaterThan(0)
    }
  })

  it("Copy org_id is inline and in the context menu of organization nodes, owned or not", () => {
    const entries = menusOf(COMMANDS.copyOrgId)
    expect(entries.map((e) => e.group?.split("@")[0]).sort()).toEqual(["1_copy", "inline"])
    for (const e of entries) expect([...accepted(e.when)].sort()).toEqual([CONTEXT_VALUES.organization, CONTEXT_VALUES.organizationOwner])
  })

  it("Show Project Settings is on every project row; Edit… on owned ones only, Show… (read-only) on the others; all in the palette", () => {
    const hidden = (manifest.contributes.menus["commandPalette"] ?? []).map((m) => m.command)
    expect(menusOf(COMMANDS.showProjectSettings).flatMap((m) => accepted(m.when)).sort()).toEqual([CONTEXT_VALUES.project, CONTEXT_VALUES.projectOwner])
    for (const command of [COMMANDS.editCustomInstructions, COMMANDS.editCustomCategories]) {
      expect(menusOf(command).flatMap((m) => accepted(m.when))).toEqual([CONTEXT_VALUES.projectOwner])
    }
    for (const command of [COMMANDS.showCustomInstructions, COMMANDS.showCustomCategories]) {
      expect(menusOf(command).flatMap((m) => accepted(m.when))).toEqual([CONTEXT_VALUES.project])
      const title = manifest.contributes.commands.find((c) => c.command === command)?.title ?? ""
      expect(nls[/^%(.+)%$/.exec(title)?.[1] ?? ""] ?? title).toContain("(read-only)")
    }
    for (const command of [COMMANDS.showProjectSettings, COMMANDS.editCustomInstructions, COMMANDS.editCustomCategories, COMMANDS.showCustomInstructions, COMMANDS.showCustomCategories]) {
      expect(hidden).not.toContain(command)
    }
  })

  it("owner actions are offered only on rows the caller owns", () => {
    const owned = new Set<string>([
      CONTEXT_VALUES.organizationOwner,
      CONTEXT_VALUES.projectsOwner,
      CONTEXT_VALUES.membersOwner,
      CONTEXT_VALUES.memberOwner,
      CONTEXT_VALUES.projectOwner,
      CONTEXT_VALUES.projectMemberOwner
    ])
    const actions = [
      COMMANDS.deleteOrganization,
      COMMANDS.newProject,
      COMMANDS.editProject,
      COMMANDS.deleteProject,
      COMMANDS.inviteMember,
      COMMANDS.changeMemberRole,
      COMMANDS.removeMember
    ]
    for (const command of actions) {
      const where = menusOf(command).flatMap((m) => accepted(m.when))
      expect(where.length, command).toBeGreaterThan(0)
      for (const value of where) expect(owned.has(value), `${command} on ${value}`).toBe(true)
    }
    // deletes are in their own group, last, away from the copy actions
    for (const command of [COMMANDS.deleteOrganization, COMMANDS.deleteProject, COMMANDS.removeMember]) {
      for (const m of menusOf(command)) expect(m.group).toMatch(/^4_delete/)
    }
    const title = manifest.contributes.menus["view/title"]!.find((m) => m.command === COMMANDS.newOrganization)
    expect(title?.when).toBe(`view == ${VIEW_ID} && mem0.hasApiKey && !mem0.readOnly`)
  })

  it("mem0.readOnly hides every change: owner actions and deletes, on rows, in the title and in the palette", () => {
    const changes = [...ownerActions.ids, COMMANDS.deleteMemory, COMMANDS.deleteEntity]
    const menus = manifest.contributes.menus
    for (const command of changes) {
      const entries = [...menus["view/item/context"]!, ...menus["view/title"]!, ...menus["commandPalette"]!].filter((m) => m.command === command)
      expect(entries.length, command).toBeGreaterThan(0)
      for (const m of entries) expect(m.when === "false" || (m.when ?? "").includes("!mem0.readOnly"), `${command}: ${m.when}`).toBe(true)
    }
    const setting = manifest.contributes.configuration.properties["mem0.readOnly"]
    expect(setting).toMatchObject({ type: "boolean", default: false, scope: "application" })
  })

  it("Mem0's MCP servers: one provider, offered only while mem0.mcp.enabled, both settings the user's alone", () => {
    expect(manifest.contributes.mcpServerDefinitionProviders).toEqual([
      { id: MCP_PROVIDER_ID, label: expect.stringContaining("Mem0"), when: "config.mem0.mcp.enabled" }
    ])
    const props = manifest.contributes.configuration.properties
    expect(props["mem0.mcp.enabled"]).toMatchObject({ type: "boolean", default: false, scope: "application" })
    expect(props["mem0.mcp.serverUrl"]).toMatchObject({ type: "string", default: DEFAULT_MCP_URL, scope: "application" })
    // the settings editor refuses what the extension refuses
    const pattern = new RegExp((props["mem0.mcp.serverUrl"] as unknown as { pattern: string }).pattern)
    for (const ok of [DEFAULT_MCP_URL, "http://127.0.0.1:8080/mcp/", "http://localhost/mcp"]) expect(pattern.test(ok), ok).toBe(true)
    for (const refused of ["http://mcp.example/mcp/", "ftp://x/", "http://127.0.0.1.evil.example/"]) expect(pattern.test(refused), refused).toBe(false)
  })

  it("Refresh is in the view title's navigation group", () => {
    const refresh = manifest.contributes.menus["view/title"]!.find((m) => m.command === COMMANDS.refresh)
    expect(refresh?.group?.startsWith("navigation")).toBe(true)
    expect(refresh?.when).toBe(`view == ${VIEW_ID}`)
  })

  it("Ctrl+C / Cmd+C in the view copies the selection", () => {
    const binding = manifest.contributes.keybindings.find((k) => k.command === COMMANDS.copySelection)
    expect(binding).toMatchObject({ key: "ctrl+c", mac: "cmd+c", when: `focusedView == ${VIEW_ID}` })
  })

  it("the welcome view shows without a key, with a Set API Key button and a link to create keys", () => {
    const welcome = manifest.contributes.viewsWelcome.find((w) => w.view === VIEW_ID)
    expect(welcome?.when).toBe("!mem0.hasApiKey")
    expect(welcome?.contents).toContain(`[Set API Key](command:${COMMANDS.setApiKey})`)
    expect(welcome?.contents).toMatch(/\]\(https:\/\/app\.mem0\.ai\/[^)]*\)/)
  })

  it("has no * activation and supports VS Code 1.100 with matching @types/vscode", () => {
    expect(manifest.activationEvents).not.toContain("*")
    expect(manifest.engines.vscode).toBe("^1.100.0")
    expect(manifest.devDependencies["@types/vscode"]).toBe("1.100.0")
    expect(manifest.contributes.views["mem0"]?.map((v) => [v.id, v.name])).toEqual([[VIEW_ID, "Organizations"]])
  })

  it("settings default to the real API with the core's retry and timeout defaults", () => {
    const props = manifest.contributes.configuration.properties
    expect(props["mem0.apiBaseUrl"]?.default).toBe("https://api.mem0.ai")
    expect(props["mem0.requestTimeoutSeconds"]?.default).toBe(30)
    expect(props["mem0.maxRetries"]?.default).toBe(2)
  })

  it("ships a 128×128 PNG icon and an SVG activity-bar icon", () => {
    const png = readFileSync(`${root}${manifest.icon}`)
    expect(png.subarray(1, 4).toString()).toBe("PNG")
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([128, 128])
    const svg = readFileSync(`${root}${manifest.contributes.viewsContainers.activitybar[0]!.icon}`, "utf8")
    expect(svg).toContain("<svg")
  })
})
