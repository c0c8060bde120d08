/**
 * Loading the extension's bundle with V8's code cache: what V8 compiled of it
 * in an earlier session (bytecode, not data) is kept in the extension's
 * global storage and handed back to V8 at the next start, so loading and
 * activating skip most of their parsing and compiling (benchmark 4).
 *
 * Plain Node, no Effect: this runs before the bundle it loads.
 *
 * - The cache is named by a hash of the bundle, the Node version and the
 *   architecture: an updated extension or a new VS Code writes a new one and
 *   removes the others.
 * - It is written once per bundle, a while after activation (or at deactivate,
 *   whichever comes first), through a temporary file renamed into place, with
 *   a SHA-256 of its bytes in front: a damaged or cut file is never handed to
 *   V8; it is removed and written again.
 * - V8 itself refuses a cache made for other flags or another V8 (then it is
 *   written again), and a cache holds code, never a value the code computed
 *   (no key can be in it; a test checks).
 * - Nothing here can stop the extension: any failure to read or write the
 *   cache loads the bundle as `require` would.
 */
import { createHash } from "node:crypto"
import * as fs from "node:fs"
import { createRequire } from "node:module"
import * as path from "node:path"
import * as vm from "node:vm"

/** How the bundle was loaded: with a cache V8 accepted, without one (first start), or without caching at all. */
export type CacheUse = "used" | "written later" | "off"

export interface Loaded<M> {
  readonly exports: M
  readonly cache: CacheUse
  /** Writes the cache now if it is still to be written (deactivate calls it); never throws. */
  readonly flush: () => void
}

const DIGEST_BYTES = 32

const digest = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest()

/** The cache's bytes when the file holds a whole, undamaged one. */
const readCache = (file: string): Buffer | undefined => {
  let bytes: Buffer
  try {
    bytes = fs.readFileSync(file)
  } catch {
    return undefined
  }
  const data = bytes.subarray(DIGEST_BYTES)
  if (bytes.length > DIGEST_BYTES && digest(data).equals(bytes.subarray(0, DIGEST_BYTES))) return data
  fs.rmSync(file, { force: true })
  return undefined
}

const writeCache = (dir: string, file: string, data: Buffer) => {
  fs.mkdirSync(dir, { recursive: true })
  const partial = `${file}.${process.pid}.partial`
  try {
    fs.writeFileSync(partial, Buffer.concat([digest(data), data]))
    fs.renameSync(partial, file)
  } finally {
    fs.rmSync(partial, { force: true })
  }
  // the caches of other versions of the bundle (or of Node), and what a write cut short left, are of no more use
  for (const name of fs.readdirSync(dir)) {
    if (/\.code-cache(\.\d+\.partial)?$/.test(name) && path.join(dir, name) !== file) fs.rmSync(path.join(dir, name), { force: true })
  }
}

/**
 * Loads the CommonJS bundle `file` as `require` would, with V8's code cache kept in `cacheDir` (none when
 * `undefined`). The cache is written `writeAfterMs` after loading when there was none to use.
 */
export const loadWithCodeCache = <M>(file: string, cacheDir: string | undefined, writeAfterMs = 20_000): Loaded<M> => {
  const plain = (): Loaded<M> => ({ exports: createRequire(__filename)(file) as M, cache: "off", flush: () => {} })
  if (cacheDir === undefined) return plain()
  let source: string
  let script: vm.Script
  let cacheFile: string
  let cachedData: Buffer | undefined
  try {
    source = fs.readFileSync(file, "utf8")
    const tag = createHash("sha256").update(source).update(`\0${process.version}\0${process.arch}`).digest("hex").slice(0, 24)
    cacheFile = path.join(cacheDir, `${path.basename(file)}-${tag}.code-cache`)
    cachedData = readCache(cacheFile)
    // the wrapper Node puts around a CommonJS module
    script = new vm.Script(`(function (exports, require, module, __filename, __dirname) { ${source}\n})`, {
      filename: file,
      ...(cachedData === undefined ? {} : { cachedData })
    })
  } catch {
    return plain()
  }
  const module = { exports: {} as M }
  const run = script.runInThisContext() as (...args: ReadonlyArray<unknown>) => void
  run.call(module.exports, module.exports, createRequire(file), module, file, path.dirname(file))
  if (cachedData !== undefined && !script.cachedDataRejected) return { exports: module.exports, cache: "used", flush: () => {} }
  let written = false
  const flush = () => {
    if (written) return
    written = true
    clearTimeout(timer)
    try {
      writeCache(cacheDir, cacheFile, script.createCachedData())
    } catch {
      // a read-only or full disk: the next start compiles again, nothing else changes
    }
  }
  const timer = setTimeout(flush, writeAfterMs)
  timer.unref()
  return { exports: module.exports, cache: "written later", flush }
}
