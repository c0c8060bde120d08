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
import { InvalidSettings } from "../../src/Connection.js"
import { MainLayer } from "../../src/main.js"
import { COMMANDS, CONTEXT_VALUES, VIEW_ID } from "../../src/Ids.js"
import {
  errorNode,
  groupNode,
  memberNode,
  messageNode,
  organizationNode,
  projectMemberNode,
  projectNode,
  treeItem
} from "../../src/TreeNodes.js"
import { makeFakeVsCode } from "./fakeVsCode.js"

const root = fileURLToPath(new URL("../../", import.meta.url))
interface MenuItem {
  readonly command: string
  readonly when?: string
  readonly group?: string
}
interface Manifest {
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
  }
}
const manifest = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as Manifest

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
    expect(hidden.sort()).toEqual([COMMANDS.copyMemberEmail, COMMANDS.copySelection, COMMANDS.retry].sort())
    expect(hidden).not.toContain(COMMANDS.copyOrgId)
  })

  it("every contextValue a node produces is used by a menu, and every menu's viewItem is produced", () => {
    const org = organizationNode(
      new Organization({ org_id: "o" as Organization["org_id"], name: "n", created_at: DateTime.unsafeMake(0) })
    )
    const members = groupNode(org, "members", 1)
    const projects = groupNode(org, "projects", 1)
    const member = memberNode(members, new Member({ user_id: "u", role: "OWNER" }))
    const project = projectNode(projects, new Project({ project_id: "p" as Project["project_id"], name: "P" }))
    const projectMember = projectMemberNode(project, new ProjectMember({ username: "ana", role: "OWNER" }), 0)
    const base = { method: "GET", path: "/", status: 401 }
    const nodes = [
      org,
      members,
      projects,
      member,
      project,
      projectMember,
      messageNode(undefined, "none"),
      errorNode(undefined, new InvalidSettings({ setting: "mem0.apiBaseUrl", reason: "bad" })),
      errorNode(undefined, new Mem0Unauthorized(base)),
      errorNode(undefined, new Mem0Forbidden(base)),
      errorNode(org, new Mem0Forbidden(base)),
      errorNode(undefined, new Mem0RateLimited({ ...base, status: 429, retryAfter: Duration.seconds(3) })),
      errorNode(undefined, new Mem0TransportError({ method: "GET", path: "/", detail: "x" })),
      errorNode(org, new Mem0DecodeError({ ...base, status: 200, issuePath: "$", issue: "x", body: "" })),
      errorNode(org, new Mem0ResponseTooLarge({ ...base, status: 200, limit: 1 }))
    ]
    const produced = new Set(nodes.map((n) => treeItem(n).contextValue).filter((v): v is string => v !== undefined))
    expect([...produced].sort()).toEqual(Object.values(CONTEXT_VALUES).sort())

    const used = new Set<string>()
    for (const item of manifest.contributes.menus["view/item/context"]!) {
      for (const match of (item.when ?? "").matchAll(/viewItem == ([\w.]+)/g)) used.add(match[1]!)
    }
    expect([...used].sort()).toEqual([...produced].sort())
  })

  it("Copy org_id is inline and in the context menu of organization nodes", () => {
    const entries = manifest.contributes.menus["view/item/context"]!.filter((m) => m.command === COMMANDS.copyOrgId)
    expect(entries.map((e) => e.group?.split("@")[0]).sort()).toEqual(["1_copy", "inline"])
    for (const e of entries) expect(e.when).toContain(`viewItem == ${CONTEXT_VALUES.organization}`)
  })

  it("Show Project Settings is in the context menu of project rows only, and in the palette", () => {
    const entries = manifest.contributes.menus["view/item/context"]!.filter((m) => m.command === COMMANDS.showProjectSettings)
    expect(entries.map((e) => e.when)).toEqual([`view == ${VIEW_ID} && viewItem == ${CONTEXT_VALUES.project}`])
    const hidden = (manifest.contributes.menus["commandPalette"] ?? []).map((m) => m.command)
    expect(hidden).not.toContain(COMMANDS.showProjectSettings)
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
