// Runs inside a real VS Code with the extension under development, against the
// local Mem0 server whose URL and demo key the runner passes in the environment.
const assert = require("node:assert/strict")
const vscode = require("vscode")
const manifest = require("../../package.json")

const EXTENSION_ID = `${manifest.publisher}.${manifest.name}`
const LAB = "org_2b8d0f44a1c9e7b3"

suite("Mem0 extension in VS Code", () => {
  suiteSetup(async () => {
    await vscode.workspace
      .getConfiguration("mem0")
      .update("apiBaseUrl", process.env.MEM0_LOCAL_URL, vscode.ConfigurationTarget.Global)
    await vscode.extensions.getExtension(EXTENSION_ID).activate()
  })

  test("activates and registers every contributed command", async () => {
    const all = await vscode.commands.getCommands(true)
    for (const { command } of manifest.contributes.commands) assert.ok(all.includes(command), command)
  })

  test("Copy org_id on an organization node writes the clipboard", async () => {
    await vscode.env.clipboard.writeText("")
    await vscode.commands.executeCommand("mem0.copyOrgId", { _tag: "Organization", org: { org_id: LAB, name: "Lab" } })
    assert.equal(await vscode.env.clipboard.readText(), LAB)
  })
})
