/**
 * The extension under test: a local Mem0 server on 127.0.0.1 for the whole
 * file (reset before each test), and `activate`, which builds the extension's
 * layers over a fake VS Code as extension.ts does. Each activation is
 * disposed after its test.
 */
import { afterAll, afterEach, beforeAll, beforeEach } from "@effect/vitest"
import { vi } from "vitest"
import * as Layer from "effect/Layer"
import * as ManagedRuntime from "effect/ManagedRuntime"
import { DEMO_KEY, type LocalServer, startLocalServer } from "mem0-local-server"
import { keySecret, SECRET_KEY } from "../../src/model/ApiKey.js"
import * as Effect from "effect/Effect"
import { MainLayer } from "../../src/main.js"
import { OrganizationsTree, type OrganizationsTreeService } from "../../src/tree/OrganizationsTree.js"
import type { OrganizationNode, TreeNode } from "../../src/tree/Rows.js"
import { type FakeOptions, makeFakeVsCode } from "./fakeVsCode.js"

/** The local server of the current test file (a live binding, set in `beforeAll`). */
export let server: LocalServer
let runtime: ManagedRuntime.ManagedRuntime<unknown, unknown> | undefined

/**
 * `vi.waitFor` with 3 s to succeed (its default, 1 s, is what a busy machine can stall a request and its redraw for):
 * the tests wait for what the extension does after a request, never for how fast it is.
 */
export const eventually = <T>(check: () => T | Promise<T>) => vi.waitFor(check, { timeout: 3000, interval: 20 })

/** Registers the server's and the activations' lifecycle in the calling test file. */
export const useLocalServer = () => {
  beforeAll(async () => {
    server = await startLocalServer({ port: 0 })
  })
  afterAll(() => server.close())
  beforeEach(() => server.reset())
  afterEach(deactivate)
}

/** The key stored under a name (SecretStorage holds it with the base URL it was added for). */
export const storedKey = (secrets: ReadonlyMap<string, string>, name: string): string | undefined => {
  const text = secrets.get(keySecret(name))
  return text === undefined ? undefined : (JSON.parse(text) as { key: string }).key
}

/** Disposes the current activation, as `deactivate` does. */
export const deactivate = async () => {
  await runtime?.dispose()
  runtime = undefined
}

/**
 * Activates the extension against a fake VS Code holding the demo key and
 * pointing at the local server (2 s timeouts, no retries unless the options say).
 */
export const activate = async (options: FakeOptions = {}) => {
  const fake = makeFakeVsCode({
    secrets: { [SECRET_KEY]: DEMO_KEY },
    ...options,
    settings: { apiBaseUrl: server.url, requestTimeoutSeconds: 2, maxRetries: 0, ...options.settings }
  })
  const rt = ManagedRuntime.make(MainLayer.pipe(Layer.provideMerge(fake.layer)))
  await rt.runtime()
  runtime = rt as unknown as ManagedRuntime.ManagedRuntime<unknown, unknown>
  // Rows and commands run as VS Code runs them, through the bridge's captured runtime (not this test's).
  /** The rows of one of an organization's groups ("Projects (n)" or "Members (n)"), as a person expands them. */
  const groupRows = async (org: TreeNode, group: "projects" | "members") => {
    const groups = await fake.rows(org)
    const row = groups.find((r) => r.node._tag === "Group" && r.node.group === group)
    if (row === undefined) throw new Error(`no ${group} group under ${JSON.stringify(groups.map((g) => g.item.label))}`)
    return fake.rows(row.node)
  }
  return {
    fake,
    rows: (node?: TreeNode) => fake.rows(node),
    /** The row of one organization, as a person finds it at the root. */
    orgRow: async (orgId: string): Promise<OrganizationNode> => {
      const row = (await fake.rows()).find((r) => r.node._tag === "Organization" && r.node.org.org_id === orgId)
      if (row === undefined) throw new Error(`no row for ${orgId}`)
      return row.node as OrganizationNode
    },
    /** An organization's members: its "Members (n)" group expanded. */
    memberRows: (org: TreeNode) => groupRows(org, "members"),
    /** An organization's projects: its "Projects (n)" group expanded. */
    projectRows: (org: TreeNode) => groupRows(org, "projects"),
    /** A project's member rows: the project expanded, its Memories row (first) left out. */
    projectMembers: async (project: TreeNode) => (await fake.rows(project)).filter((r) => r.node._tag !== "Memories"),
    command: (id: string, ...args: Array<unknown>) => fake.run(id, ...args),
    /** Runs something of the tree's service in the activation (what no command reaches, such as auto-refresh's reload). */
    withTree: <A>(use: (tree: OrganizationsTreeService) => Effect.Effect<A>) => rt.runPromise(Effect.flatMap(OrganizationsTree, use)),
    /** Waits for the tree to locate the key's project (started by the organizations' load), as an `Either`. */
    keyProject: () => rt.runPromise(Effect.either(Effect.flatMap(OrganizationsTree, (tree) => tree.keyProject)))
  }
}

export type Activated = Awaited<ReturnType<typeof activate>>
