/**
 * The loader's code cache (`src/platform/CodeCache.ts`), each start in its own Node process, as VS Code
 * starts an extension host: a first start writes the cache, a later one hands it to V8, and a damaged,
 * outdated or unwritable cache never stops the bundle from loading.
 */
import { afterAll, beforeAll, describe, expect, it } from "@effect/vitest"
import * as esbuild from "esbuild"
import { execFileSync } from "node:child_process"
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import { tmpdir } from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"

const KEY = "m0-CodeCacheKeyZq8vL2xN4pR7tY1uW3sK6dF9gH5j"
let dir: string
let loader: string
let bundle: string
let storage: string

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "mem0-code-cache-"))
  loader = join(dir, "loader.cjs")
  await esbuild.build({
    entryPoints: [fileURLToPath(new URL("../../src/platform/CodeCache.ts", import.meta.url))],
    outfile: loader,
    bundle: true,
    format: "cjs",
    platform: "node",
    logLevel: "warning"
  })
  bundle = join(dir, "main.cjs")
  storage = join(dir, "storage", "code-cache")
})

afterAll(() => rmSync(dir, { recursive: true, force: true }))

const writeBundle = (answer: number) =>
  writeFileSync(
    bundle,
    `let kept; exports.answer = () => ${answer}; exports.remember = (key) => { kept = key; return kept.length }\n`
  )

/** One start in a fresh process: loads the bundle, calls it, then flushes (as deactivate does) unless told not to. */
const start = (options: { readonly storage?: string; readonly flush?: boolean; readonly writeAfterMs?: number; readonly waitMs?: number } = {}) => {
  const script = `
    const { loadWithCodeCache } = require(${JSON.stringify(loader)})
    const loaded = loadWithCodeCache(${JSON.stringify(bundle)}, ${JSON.stringify(options.storage)}, ${options.writeAfterMs ?? 60_000})
    const answer = loaded.exports.answer()
    loaded.exports.remember(${JSON.stringify(KEY)})
    if (${options.flush ?? true}) loaded.flush()
    setTimeout(() => process.stdout.write(JSON.stringify({ cache: loaded.cache, answer })), ${options.waitMs ?? 0})
  `
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { encoding: "utf8" })) as { cache: string; answer: number }
}

const caches = () => (existsSync(storage) ? readdirSync(storage) : [])

// each test starts fresh Node processes one after another (about 0.2 s each here): 7.5 s for nine of them on a
// machine with three busy processes per core, past the default 5 s
describe("the loader's code cache", { timeout: 30_000 }, () => {
  it("a first start writes the cache; a later start hands it to V8, which accepts it", () => {
    rmSync(storage, { recursive: true, force: true })
    writeBundle(42)
    expect(start({ storage, flush: false })).toEqual({ cache: "written later", answer: 42 })
    expect(caches()).toEqual([]) // not written before its time or deactivate
    expect(start({ storage })).toEqual({ cache: "written later", answer: 42 })
    expect(caches()).toEqual([expect.stringMatching(/^main\.cjs-[0-9a-f]{24}\.code-cache$/)])
    expect(start({ storage })).toEqual({ cache: "used", answer: 42 })
    expect(start({ storage })).toEqual({ cache: "used", answer: 42 })
  })

  it("writes it on its own a while after loading, whole, through a temporary file; what a cut write left is removed", () => {
    rmSync(storage, { recursive: true, force: true })
    mkdirSync(storage, { recursive: true })
    writeFileSync(join(storage, "main.cjs-000000000000000000000000.code-cache.12345.partial"), "cut short")
    writeBundle(42)
    expect(start({ storage, flush: false, writeAfterMs: 20, waitMs: 300 })).toEqual({ cache: "written later", answer: 42 })
    expect(caches()).toHaveLength(1)
    expect(caches().some((name) => name.endsWith(".partial"))).toBe(false)
    expect(start({ storage })).toEqual({ cache: "used", answer: 42 })
  })

  it("never hands V8 a damaged or cut cache: the bundle loads without it and the cache is written again", () => {
    const flipped = (b: Buffer) => {
      const middle = b.length >> 1
      b.writeUInt8(b.readUInt8(middle) ^ 0xff, middle)
      return b
    }
    for (const damage of [flipped, (b: Buffer) => b.subarray(0, b.length >> 1), () => Buffer.alloc(0)]) {
      rmSync(storage, { recursive: true, force: true })
      writeBundle(42)
      start({ storage })
      const file = join(storage, caches()[0]!)
      writeFileSync(file, damage(readFileSync(file)))
      expect(start({ storage })).toEqual({ cache: "written later", answer: 42 })
      expect(start({ storage })).toEqual({ cache: "used", answer: 42 })
    }
  })

  it("an updated bundle gets a cache of its own and the old one is removed", () => {
    rmSync(storage, { recursive: true, force: true })
    writeBundle(42)
    start({ storage })
    const before = caches()
    writeBundle(43)
    expect(start({ storage })).toEqual({ cache: "written later", answer: 43 })
    expect(caches()).toHaveLength(1)
    expect(caches()).not.toEqual(before)
    expect(start({ storage })).toEqual({ cache: "used", answer: 43 })
  })

  it("loads the bundle without a cache where there is no storage or it cannot be written", () => {
    writeBundle(42)
    expect(start()).toEqual({ cache: "off", answer: 42 })
    const blocked = join(dir, "a-file")
    writeFileSync(blocked, "not a folder")
    expect(start({ storage: join(blocked, "code-cache") })).toEqual({ cache: "written later", answer: 42 })
    expect(readFileSync(blocked, "utf8")).toBe("not a folder")
  })

  it("holds code, never a value the code handled: the key it was given is not in it, in any encoding", () => {
    rmSync(storage, { recursive: true, force: true })
    writeBundle(42)
    start({ storage })
    const cache = readFileSync(join(storage, caches()[0]!))
    expect(cache.length).toBeGreaterThan(0)
    for (const form of [Buffer.from(KEY, "utf8"), Buffer.from(KEY, "utf16le"), Buffer.from(Buffer.from(KEY).toString("base64"))]) {
      expect(cache.includes(form)).toBe(false)
    }
    expect(cache.includes(Buffer.from("remember"))).toBe(true) // the check can see text in it
  })
})
