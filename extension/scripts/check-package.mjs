// Packages the .vsix and checks it: vsce printed no warning, and the archive
// holds only the two bundles (the loader and the extension), the icons, the walkthrough's pages, README, CHANGELOG, LICENSE and the manifest,
// and that every file the manifest names (icon, walkthrough media) is in it.
import { execFileSync, spawnSync } from "node:child_process"
import { statSync } from "node:fs"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const run = spawnSync("pnpm", ["run", "package"], { cwd: root, encoding: "utf8" })
const output = `${run.stdout}\n${run.stderr}`
process.stdout.write(output)
const problems = []
if (run.status !== 0) problems.push(`vsce package exited with ${run.status}`)
for (const line of output.split("\n")) if (/\bWARNING\b|\bwarn(ing)?:/i.test(line)) problems.push(`vsce warned: ${line.trim()}`)

const vsix = `${root}dist/mem0-organizations.vsix`
const listing = execFileSync("python3", ["-c", "import sys,zipfile;print('\\n'.join(zipfile.ZipFile(sys.argv[1]).namelist()))", vsix], {
  encoding: "utf8"
}).trim().split("\n")
const expected = [
  "[Content_Types].xml",
  "extension.vsixmanifest",
  "extension/LICENSE.txt",
  "extension/changelog.md",
  "extension/dist/extension.cjs",
  "extension/dist/main.cjs",
  "extension/media/icon.png",
  "extension/media/mem0.svg",
  "extension/media/walkthrough/browse-memories.md",
  "extension/media/walkthrough/copilot-tools.md",
  "extension/media/walkthrough/copy-ids.md",
  "extension/media/walkthrough/open-tree.md",
  "extension/media/walkthrough/set-key.md",
  "extension/media/walkthrough/use-from-code.md",
  "extension/package.json",
  "extension/package.nls.json",
  "extension/l10n/bundle.l10n.json",
  "extension/readme.md",
  "extension/syntaxes/mem0-categories.tmLanguage.json"
]
const manifest = JSON.parse(execFileSync("python3", ["-c", "import sys,zipfile;print(zipfile.ZipFile(sys.argv[1]).read('extension/package.json').decode())", vsix], { encoding: "utf8" }))
const named = [manifest.icon, ...(manifest.contributes.walkthroughs ?? []).flatMap((w) => w.steps.map((s) => s.media?.markdown ?? s.media?.image))]
for (const file of named) if (!listing.includes(`extension/${file.replace(/^\.\//, "")}`)) problems.push(`the manifest names ${file}, not in the .vsix`)
const extra = listing.filter((f) => !expected.includes(f))
const missing = expected.filter((f) => !listing.includes(f))
if (extra.length > 0) problems.push(`unexpected files in the .vsix: ${extra.join(", ")}`)
if (missing.length > 0) problems.push(`missing from the .vsix: ${missing.join(", ")}`)
console.log(`${vsix}: ${statSync(vsix).size} bytes, ${listing.length} entries`)
if (problems.length > 0) {
  console.error(problems.join("\n"))
  process.exit(1)
}
console.log("package check: ok")
