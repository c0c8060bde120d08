/**
 * The documentation of effect-mem0 is checked like code: every public export
 * has `@since` and `@category` (and values an `@example`), and every example
 * in the READMEs and the JSDoc of the public modules typechecks against the
 * package as a user imports it (`from "effect-mem0"`).
 */
import { describe, expect, it } from "@effect/vitest"
import { execFileSync } from "node:child_process"
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const ROOT = fileURLToPath(new URL("../../", import.meta.url))
const CORE = join(ROOT, "packages/effect-mem0")
const PUBLIC_MODULES = ["index", "Mem0Client", "Mem0Error", "Organization", "Project", "Routes", "Stats", "Memory", "MemoryFilter", "Entity", "MemoryEvent"]

interface Example {
  readonly source: string
  readonly code: string
}

const fenced = (text: string): ReadonlyArray<string> =>
  [...text.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1]!)

const readmeExamples = (file: string): ReadonlyArray<Example> =>
  fenced(readFileSync(join(ROOT, file), "utf8")).map((code, i) => ({ source: `${file} example ${i + 1}`, code }))

const jsdocExamples = (module: string): ReadonlyArray<Example> => {
  const file = `packages/effect-mem0/src/${module}.ts`
  const text = readFileSync(join(ROOT, file), "utf8")
  // Inside a comment: strip the leading " * " of each line, then take the fenced blocks.
  return [...text.matchAll(/\/\*\*[\s\S]*?\*\//g)].flatMap((comment) =>
    fenced(comment[0].split("\n").map((l) => l.replace(/^\s*\* ?/, "")).join("\n"))
  ).map((code, i) => ({ source: `${file} example ${i + 1}`, code }))
}

describe("effect-mem0's documentation", () => {
  it("every public export has @since and @category, and every exported value an @example", () => {
    const missing: Array<string> = []
    for (const module of PUBLIC_MODULES) {
      const path = join(CORE, "src", `${module}.ts`)
      const source = ts.createSourceFile(path, readFileSync(path, "utf8"), ts.ScriptTarget.ES2022, true)
      for (const statement of source.statements) {
        const exported = ts.isExportDeclaration(statement) ||
          (ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword))
        if (!exported) continue
        const tags = ts.getJSDocTags(statement).map((t) => t.tagName.text)
        const isValue = ts.isVariableStatement(statement) || ts.isClassDeclaration(statement) ||
          ts.isFunctionDeclaration(statement) || (ts.isExportDeclaration(statement) && !statement.isTypeOnly)
        // accessors are generated from the service (Effect.serviceFunctions): the operation's docs are the example
        const accessor = ts.getJSDocTags(statement).some((t) => t.tagName.text === "category" && String(t.comment ?? "").trim() === "accessors")
        const wanted = isValue && !accessor ? ["since", "category", "example"] : ["since", "category"]
        const name = statement.getText().split("\n")[0]!.slice(0, 70)
        for (const tag of wanted) if (!tags.includes(tag)) missing.push(`${module}: ${name}: no @${tag}`)
      }
    }
    expect(missing).toEqual([])
  })

  it("every README and JSDoc example typechecks against the package as published", () => {
    const examples = [
      ...readmeExamples("README.md"),
      ...readmeExamples("packages/effect-mem0/README.md"),
      ...readmeExamples("extension/media/walkthrough/use-from-code.md"),
      ...PUBLIC_MODULES.flatMap(jsdocExamples)
    ]
    expect(examples.length).toBeGreaterThan(40)
    const dir = join(CORE, ".examples")
    rmSync(dir, { recursive: true, force: true })
    mkdirSync(dir)
    const files = examples.map((example, i) => {
      const file = `example-${String(i).padStart(3, "0")}.ts`
      writeFileSync(join(dir, file), `// ${example.source}\n${example.code}\nexport {}\n`)
      return { file, source: example.source }
    })
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../../tsconfig.base.json",
        compilerOptions: { noEmit: true, noUnusedLocals: false, types: ["node"] },
        include: ["*.ts"]
      })
    )
    let output = ""
    try {
      execFileSync(join(ROOT, "node_modules/.bin/tsc"), ["-p", join(dir, "tsconfig.json")], { encoding: "utf8" })
    } catch (error) {
      output = String((error as { stdout?: unknown }).stdout)
      for (const { file, source } of files) output = output.replaceAll(file, `${file} (${source})`)
    }
    rmSync(dir, { recursive: true, force: true })
    expect(output).toBe("")
  }, 120_000)
})
