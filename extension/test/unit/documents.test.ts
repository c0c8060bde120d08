/**
 * The mem0: documents are bound to what opened them: read and saved with the
 * key that read them (another key in use asks, naming both; a replaced key
 * refuses), saved only as typed (no replacement characters that a wrong
 * encoding made), checked against the server's copy by content just before
 * the PATCH, and built from server data of any depth without a RangeError.
 * Plus the rules of the bridge: only an explicit save of an open dirty
 * editor writes.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Either from "effect/Either"
import { DEMO_KEY } from "mem0-local-server"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import { COMMANDS } from "../../src/platform/Ids.js"
import { documentPath, FILES, MAX_DOCUMENT_DEPTH } from "../../src/documents/ProjectDocuments.js"
import { saveRefusal, servedBytes } from "../../src/documents/Saves.js"
import type { ProjectNode } from "../../src/tree/Rows.js"
import { activate, type Activated, server, useLocalServer } from "./harness.js"

useLocalServer()

const ORGS = "/api/v1/orgs/organizations/"
const PERSONAL = "org_7f3a9c1e5d2b4a60"
const SUPPORT = "proj_9c1e5d2b4a607f3a"
const BO_KEY = "m0-demo-bo-00000000000000000"
const INSTRUCTIONS = documentPath("default", PERSONAL, SUPPORT, FILES.instructions)
const PROJECT = `${ORGS}${PERSONAL}/projects/${SUPPORT}/`

const supportRow = async (ext: Activated) =>
  (await ext.projectRows(await ext.orgRow(PERSONAL))).find((r) => r.node._tag === "Project" && r.node.project.project_id === SUPPORT)!
    .node as ProjectNode
const patches = () => server.requests().filter((r) => r.method === "PATCH")
const instructionsOnServer = async () =>
  ((await (await fetch(`${server.url}${PROJECT}`, { headers: { authorization: `Token ${DEMO_KEY}` } })).json()) as {
    custom_instructions: string
  }).custom_instructions
/** The server answers the project once with `change` applied to its real body (`raw` fields spliced in as JSON text). */
const serveProjectOnce = async (change: (project: Record<string, unknown>) => Record<string, unknown>, raw: Record<string, string> = {}) => {
  const project = (await (await fetch(`${server.url}${PROJECT}`, { headers: { authorization: `Token ${DEMO_KEY}` } })).json()) as Record<
    string,
    unknown
  >
  const text = JSON.stringify(change(project))
  const body = Object.entries(raw).reduce((json, [field, value]) => `${json.slice(0, -1)},${JSON.stringify(field)}:${value}}`, text)
  server.faults.add({
    method: "GET",
    path: PROJECT,
    faults: [{ kind: "status", status: 200, headers: { "content-type": "application/json" }, body }],
    times: 1
  })
}

describe("a document keeps the key that read it", () => {
  it("after Switch Key, the open document is read again with its own key, and a save asks, naming both keys", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.editCustomInstructions, await supportRow(ext))
    expect(ext.fake.record.opened.at(-1)?.uri).toBe(`mem0:${INSTRUCTIONS}`)
    ext.fake.script.inputBox.push("work", BO_KEY)
    await ext.command(COMMANDS.addKey) // "work" (bo, who cannot see Personal) is in use now
    // the tab reloads (a refresh tells it to): with ana's key, not bo's, so it is not "deleted"
    const reread = await ext.fake.readDocument("mem0", INSTRUCTIONS)
    expect(Either.isRight(reread)).toBe(true)
    expect(server.requests().filter((r) => r.path === PROJECT).every((r) => r.user === "ana")).toBe(true)
    // a save asks; No sends nothing
    ext.fake.script.confirm.push(false)
    const refused = await ext.fake.writeDocument("mem0", INSTRUCTIONS, "Typed under the first key.")
    expect(ext.fake.record.confirms.at(-1)?.message).toBe(`Save ${FILES.instructions} with key "default" at ${server.url}?`)
    expect(ext.fake.record.confirms.at(-1)?.detail).toContain(`The key in use now is key "work" at ${server.url}`)
    expect(refused).toEqual(Either.left({ reason: "unavailable", message: "Not saved: the key in use changed since this document was read." }))
    expect(patches()).toEqual([])
    // Save with This Key: PATCHed with the key that read it
    ext.fake.script.confirm.push(true)
    expect(await ext.fake.writeDocument("mem0", INSTRUCTIONS, "Typed under the first key.")).toEqual(Either.right(undefined))
    expect(patches().map((r) => r.user)).toEqual(["ana"])
    expect(await instructionsOnServer()).toBe("Typed under the first key.")
  })

  it("a key replaced under the same name reads and saves nothing for a document the old one read", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.editCustomInstructions, await supportRow(ext))
    ext.fake.script.inputBox.push(DEMO_KEY) // Set API Key: the same name, a new entry
    await ext.command(COMMANDS.setApiKey)
    const read = await ext.fake.readDocument("mem0", INSTRUCTIONS)
    expect(read).toEqual(Either.left({
      reason: "unavailable",
      message: `The key that read this document, key "default" at ${server.url}, was replaced or removed; close it and open it again.`
    }))
    expect(Either.isLeft(await ext.fake.writeDocument("mem0", INSTRUCTIONS, "x"))).toBe(true)
    expect(patches()).toEqual([])
    // opening it again binds it to the key as it is now
    await ext.command(COMMANDS.editCustomInstructions, await supportRow(ext))
    expect(Either.isRight(await ext.fake.readDocument("mem0", INSTRUCTIONS))).toBe(true)
  })
})

describe("a save sends what was typed, over what the editor read", () => {
  it("a change on the server of the same length and the same date is caught by content: the save asks before overwriting", async () => {
    const ext = await activate()
    await ext.command(COMMANDS.editCustomInstructions, await supportRow(ext))
    const served = ext.fake.record.opened.at(-1)!.content
    // someone else's edit: same length, updated_at unchanged (VS Code's own check cannot see it)
    const theirs = served.replace("Never", "NEVER")
    expect(theirs.length).toBe(served.length)
    await serveProjectOnce((p) => ({ ...p, custom_instructions: theirs }))
    ext.fake.script.confirm.push(false)
    const refused = await ext.fake.writeDocument("mem0", INSTRUCTIONS, `${served}\nMine.`)
    expect(ext.fake.record.confirms.at(-1)?.message).toBe(`${FILES.instructions} changed on Mem0 since this editor read it. Overwrite it with your text?`)
    expect(refused).toMatchObject({ left: { message: `Not saved: ${FILES.instructions} changed on Mem0 since this editor read it.` } })
    expect(patches()).toEqual([])
    await serveProjectOnce((p) => ({ ...p, custom_instructions: theirs }))
    ext.fake.script.confirm.push(true)
    expect(await ext.fake.writeDocument("mem0", INSTRUCTIONS, `${served}\nMine.`)).toEqual(Either.right(undefined))
    expect(await instructionsOnServer()).toBe(`${served}\nMine.`)
  })

  it("a project without updated_at: a change is still caught", async () => {
    await serveProjectOnce((p) => ({ ...p, updated_at: null }))
    const ext = await activate()
    expect(Either.isRight(await ext.fake.readDocument("mem0", INSTRUCTIONS))).toBe(true)
    await serveProjectOnce((p) => ({ ...p, updated_at: null, custom_instructions: "Changed elsewhere." }))
    ext.fake.script.confirm.push(false)
    expect(Either.isLeft(await ext.fake.writeDocument("mem0", INSTRUCTIONS, "Mine."))).toBe(true)
    expect(patches()).toEqual([])
  })

  it("text with replacement characters or NULs the server's copy lacks (a wrong encoding) is refused; the server's own are kept", async () => {
    const ext = await activate()
    expect(Either.isRight(await ext.fake.readDocument("mem0", INSTRUCTIONS))).toBe(true)
    for (const garbled of ["Ana\ufffds plan", "A\u0000n\u0000a"]) {
      const result = await ext.fake.writeDocument("mem0", INSTRUCTIONS, garbled)
      expect(result).toMatchObject({ left: { reason: "unavailable" } })
      expect(Either.isLeft(result) && result.left.message).toContain("replacement characters")
    }
    expect(patches()).toEqual([])
    server.clearRequests()
    // a copy that already has one may keep it
    const set = await fetch(`${server.url}${PROJECT}`, {
      method: "PATCH",
      headers: { authorization: `Token ${DEMO_KEY}`, "content-type": "application/json" },
      body: JSON.stringify({ custom_instructions: ["Old \ufffd text"] })
    })
    expect(set.status).toBe(200)
    expect(Either.isRight(await ext.fake.readDocument("mem0", INSTRUCTIONS))).toBe(true)
    expect(await ext.fake.writeDocument("mem0", INSTRUCTIONS, "Old \ufffd text, edited")).toEqual(Either.right(undefined))
  })

  it("served as UTF-8 with a byte order mark, so VS Code reads UTF-8 whatever files.encoding says", () => {
    const bytes = servedBytes("Zürich 研究所")
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
    expect(new TextDecoder().decode(bytes.slice(3))).toBe("Zürich 研究所")
  })
})

describe("only an explicit save of an open, dirty editor writes", () => {
  it("refuses another extension's workspace.fs.writeFile, a clean or closed editor, and auto save", () => {
    expect(saveRefusal(undefined, "manual")).toMatchObject({ reason: "noPermissions" })
    expect(saveRefusal({ dirty: false }, "manual")).toMatchObject({ reason: "noPermissions" })
    expect(saveRefusal({ dirty: true }, undefined)).toMatchObject({ reason: "noPermissions" }) // no save under way
    expect(saveRefusal({ dirty: true }, "afterDelay")?.message).toContain("never by auto save")
    expect(saveRefusal({ dirty: true }, "focusOut")?.message).toContain("never by auto save")
    expect(saveRefusal({ dirty: true }, "manual")).toBeUndefined()
  })
})

describe("documents built from server data", () => {
  it("categories nested 10,000 levels deep fail typed, in fixed words, with no RangeError", async () => {
    // written as text: even JSON.stringify cannot make it
    const deep = `[{"deep":${"{\"a\":".repeat(10_000)}"x"${"}".repeat(10_000)}}]`
    await serveProjectOnce(({ custom_categories: _c, ...p }) => p, { custom_categories: deep })
    const ext = await activate()
    const read = await ext.fake.readDocument("mem0", documentPath("default", PERSONAL, SUPPORT, FILES.categories))
    expect(read).toEqual(Either.left({
      reason: "unavailable",
      message: `Mem0 sent data nested more than ${MAX_DOCUMENT_DEPTH} levels deep; it cannot be shown as a document.`
    }))
    await serveProjectOnce(({ custom_categories: _c, ...p }) => p, { custom_categories: deep })
    const settings = await ext.fake.readDocument("mem0", documentPath("default", PERSONAL, SUPPORT, FILES.settings))
    expect(Either.isLeft(settings) && settings.left.message).toContain("levels deep")
  })

  it("names no VS Code schema or preview picks up: plain-text instructions in a language of their own, no project.json", () => {
    expect(Object.values(FILES)).not.toContain("project.json")
    expect(FILES.instructions.endsWith(".md")).toBe(false)
    const manifest = JSON.parse(readFileSync(fileURLToPath(new URL("../../package.json", import.meta.url)), "utf8")) as {
      contributes: {
        languages: Array<{ id: string; filenames?: Array<string> }>
        configurationDefaults: Record<string, Record<string, unknown>>
      }
    }
    // the writable documents have languages of their own: auto save off (the tab stays dirty until File: Save),
    // no formatting or trimming on save, whatever a workspace says for text or JSON in general
    for (const file of [FILES.instructions, FILES.categories]) {
      const language = manifest.contributes.languages.find((l) => l.filenames?.includes(file))
      expect(language, file).toBeDefined()
      expect(manifest.contributes.configurationDefaults[`[${language!.id}]`]).toMatchObject({
        "files.autoSave": "off",
        "editor.formatOnSave": false,
        "files.trimTrailingWhitespace": false,
        "files.insertFinalNewline": false,
        "files.trimFinalNewlines": false
      })
    }
  })
})
