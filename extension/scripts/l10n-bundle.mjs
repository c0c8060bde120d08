// Writes l10n/bundle.l10n.json: every message given to t() in src/ (the strings a translation
// replaces), as @vscode/l10n-dev's export would. `--check` fails when the file is out of date.
import { readdirSync, readFileSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))
const files = (dir) =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? files(join(dir, e.name)) : e.name.endsWith(".ts") ? [join(dir, e.name)] : []
  )
export const messages = () => {
  const found = new Set()
  for (const file of files(join(root, "src"))) {
    const text = readFileSync(file, "utf8")
    for (const m of text.matchAll(/\bt\(\s*"((?:[^"\\]|\\.)*)"/g)) found.add(JSON.parse(`"${m[1]}"`))
  }
  return Object.fromEntries([...found].sort().map((m) => [m, m]))
}
const target = join(root, "l10n", "bundle.l10n.json")
const wanted = `${JSON.stringify(messages(), null, 2)}\n`
if (process.argv.includes("--check")) {
  if (readFileSync(target, "utf8") !== wanted) {
    console.error("l10n/bundle.l10n.json is out of date: run node scripts/l10n-bundle.mjs")
    process.exit(1)
  }
} else {
  writeFileSync(target, wanted)
  console.log(`${target}: ${Object.keys(messages()).length} messages`)
}
