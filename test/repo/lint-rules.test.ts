/**
 * The repository's own lint rules do what they say: a relative import that
 * leaves its package is an error, one that stays inside is not.
 */
import { describe, expect, it } from "@effect/vitest"
import { ESLint } from "eslint"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const ROOT = fileURLToPath(new URL("../../", import.meta.url))

const errorsOf = async (file: string, code: string) => {
  const [result] = await new ESLint({ cwd: ROOT }).lintText(code, { filePath: join(ROOT, file) })
  return (result?.messages ?? []).filter((m) => m.ruleId === "repo/no-cross-package-import").map((m) => m.message)
}

describe("repo/no-cross-package-import", () => {
  it("refuses relative imports, re-exports, dynamic imports and requires that leave the package", async () => {
    const leaving = [
      `import { x } from "../../extension/src/ApiKey.js"\nexport { x }\n`,
      `export { x } from "../../packages/effect-mem0/src/index.js"\n`,
      `export const m = import("../../extension/src/main.js")\n`,
      `const m = require("../../packages/mem0-local-server/src/index.js")\nexport { m }\n`
    ]
    for (const code of leaving) {
      const errors = await errorsOf("test/bench/probe.mjs", code)
      expect(errors).toHaveLength(1)
      expect(errors[0]).toContain("leaves the package in ./test")
    }
  })

  it("allows relative imports inside the package and imports by package name", async () => {
    expect(await errorsOf("test/bench/probe.mjs", `import { x } from "./floor-entry.js"\nexport { x }\n`)).toEqual([])
    expect(await errorsOf("test/bench/probe.mjs", `import { x } from "mem0-organizations/testing"\nexport { x }\n`)).toEqual([])
    expect(await errorsOf("extension/test/unit/probe.mjs", `import { x } from "../../src/ApiKey.js"\nexport { x }\n`)).toEqual([])
  })
})
