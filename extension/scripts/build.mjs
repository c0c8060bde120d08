// Bundles the extension into minified CommonJS, `vscode` external: the manifest's entry (`dist/extension.cjs`,
// a small loader that keeps V8's code cache) and the extension itself (`dist/main.cjs`), which it loads.
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

/** The manifest's entry (the code-cache loader) and the bundle it loads. */
const bundles = [
  ["src/boot.ts", "dist/extension.cjs"],
  ["src/extension.ts", "dist/main.cjs"]
]

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const [entry, outfile] of bundles) {
    const result = await esbuild.build({
      ...bundleOptions,
      absWorkingDir: root,
      entryPoints: [entry],
      outfile,
      metafile: true
    })
    const bytes = readFileSync(`${root}/${outfile}`)
    console.log(`${outfile}: ${bytes.length} bytes, ${gzipSync(bytes).length} gzip`)
    if (process.argv.includes("--meta")) console.log(await esbuild.analyzeMetafile(result.metafile, { verbose: false }))
  }
}
