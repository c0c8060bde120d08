// Bundles the extension into one minified CommonJS file, `vscode` external.
// Usage: node scripts/build.mjs [--meta]   (--meta prints what takes the room)
import * as esbuild from "esbuild"
import { gzipSync } from "node:zlib"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"

/** The settings the bundle and the benchmark's floor share. */
export const bundleOptions = {
  bundle: true,
  format: "cjs",
  platform: "node",
  target: "node20",
  external: ["vscode"],
  minify: true,
  treeShaking: true,
  legalComments: "none",
  mainFields: ["module", "main"],
  logLevel: "warning"
}

const root = fileURLToPath(new URL("..", import.meta.url))

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const result = await esbuild.build({
    ...bundleOptions,
    absWorkingDir: root,
    entryPoints: ["src/extension.ts"],
    outfile: "dist/extension.cjs",
    metafile: true
  })
  const bytes = readFileSync(`${root}/dist/extension.cjs`)
  console.log(`dist/extension.cjs: ${bytes.length} bytes, ${gzipSync(bytes).length} gzip`)
  if (process.argv.includes("--meta")) console.log(await esbuild.analyzeMetafile(result.metafile, { verbose: false }))
}
