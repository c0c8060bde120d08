import { afterAll, beforeAll, beforeEach, describe, expect, it } from "@effect/vitest"
import { spawn } from "node:child_process"
import { once } from "node:events"
import * as Http from "node:http"
import { fileURLToPath } from "node:url"
import { DEMO_KEY } from "../src/Fixture.js"
import { type LocalServer, MAX_BODY_BYTES, MAX_LOGGED_REQUESTS, startLocalServer } from "../src/Server.js"

const API = "/api/v1/orgs/organizations/"
let server: LocalServer
const lines: Array<string> = []

beforeAll(async () => {
  server = await startLocalServer({ port: 0, log: (line) => lines.push(line) })
})
afterAll(() => server.close())
beforeEach(async () => {
  await admin("reset", "POST")
  lines.length = 0
})

/** An admin request, JSON as the admin endpoint requires of every write. */
const admin = (path: string, method = "GET", body?: unknown) =>
  fetch(`${server.url}/__admin/${path}`, {
    method,
    ...(method === "GET" ? {} : { headers: { "content-type": "application/json" } }),
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(5000)
  })

const call = (path: string, init: RequestInit & { key?: string | null } = {}) => {
  const { key = DEMO_KEY, ...rest } = init
  const headers = new Headers(rest.headers)
  if (key !== null) headers.set("authorization", `Token ${key}`)
  return fetch(`${server.url}${path}`, { ...rest, headers, signal: AbortSignal.timeout(5000) })
}

describe("local server over HTTP", () => {
  it("listens on 127.0.0.1 and prints nothing of the key", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/)
    const res = await call(API)
    expect(res.status).toBe(200)
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(/^GET \/api\/v1\/orgs\/organizations\/ 200 \d+ms user=ana$/)
    expect(lines.join("\n")).not.toContain(DEMO_KEY)
  })

  it("answers 401 to a missing, malformed or unknown key", async () => {
    for (const headers of [{}, { authorization: "Bearer x" }, { authorization: "Token nope" }]) {
      const res = await call(API, { key: null, headers })
      expect(res.status).toBe(401)
      expect(await res.json()).toHaveProperty("detail")
    }
  })

  it("serves the seed shape on request with x-mem0-shape and as the default after PUT /__admin/shape", async () => {
    const seed = (await (await call(API, { headers: { "x-mem0-shape": "seed" } })).json()) as Array<{ members: unknown }>
    expect(seed[0]?.members).toEqual([1])
    await admin("shape", "PUT", { shape: "seed" })
    const again = (await (await call(API)).json()) as Array<{ id?: number }>
    expect(again[0]?.id).toBe(101)
    for (const shape of [{ shape: "v3" }, null, [], "seed"]) expect((await admin("shape", "PUT", shape)).status).toBe(400)
    await admin("shape", "PUT", { shape: "current" })
  })

  it("creates, reads and deletes an organization through the API", async () => {
    const created = await call(API, { method: "POST", body: JSON.stringify({ name: "Made over HTTP" }) })
    expect(created.status).toBe(201)
    const { org_id } = (await created.json()) as { org_id: string }
    expect((await (await call(`${API}${org_id}/`)).json()) as object).toMatchObject({ name: "Made over HTTP" })
    expect((await call(`${API}${org_id}/`, { method: "DELETE" })).status).toBe(200)
    expect((await call(`${API}${org_id}/`)).status).toBe(404)
  })

  it("adds, updates and removes members, and READERs get 403", async () => {
    const org = `${API}org_7f3a9c1e5d2b4a60/members/`
    const body = (b: object) => ({ body: JSON.stringify(b), headers: { "content-type": "application/json" } })
    expect((await call(org, { method: "POST", ...body({ email: "eli@example.net", role: "READER" }) })).status).toBe(201)
    expect((await call(org, { method: "PUT", ...body({ email: "eli@example.net", role: "OWNER" }) })).status).toBe(200)
    expect((await call(org, { method: "DELETE", ...body({ email: "eli@example.net" }) })).status).toBe(200)
    const asReader = await call(`${API}org_2b8d0f44a1c9e7b3/members/`, {
      method: "POST",
      ...body({ email: "eli@example.net", role: "READER" })
    })
    expect(asReader.status).toBe(403)
    expect(await asReader.json()).toEqual({ message: "Unauthorized" })
  })

  it("answers invalid input with a documented 4xx, never a crash", async () => {
    const badJson = await call(API, { method: "POST", body: "{not json" })
    expect(badJson.status).toBe(400)
    expect(await badJson.json()).toEqual({ errors: { non_field_errors: ["Invalid JSON body."] } })
    const missing = await call(API, { method: "POST", body: "{}" })
    expect(await missing.json()).toEqual({ errors: { name: ["This field is required."] } })
    const role = await call(`${API}org_7f3a9c1e5d2b4a60/members/`, {
      method: "POST",
      body: JSON.stringify({ email: "a@b.co", role: "GOD" })
    })
    expect(role.status).toBe(400)
    const huge = await call(API, { method: "POST", body: JSON.stringify({ name: "x".repeat(MAX_BODY_BYTES) }) })
    expect(huge.status).toBe(413)
    expect((await call("/api/v1/unknown/")).status).toBe(404)
    // the server still answers after all that
    expect((await call(API)).status).toBe(200)
  })

  it("keeps a percent-encoded org_id in one path segment", async () => {
    const res = await call(`${API}${encodeURIComponent("org_7f3a9c1e5d2b4a60/../x")}/members/`)
    expect(res.status).toBe(404)
    expect(server.requests().at(-1)?.path).toBe(`${API}org_7f3a9c1e5d2b4a60%2F..%2Fx/members/`)
  })
})

describe("admin endpoint", () => {
  it("scripts statuses for a route: 503, 503, then the real answer", async () => {
    const added = await admin("faults", "POST", {
      path: API,
      faults: [{ kind: "status", status: 503 }, { kind: "status", status: 503 }]
    })
    expect(added.status).toBe(201)
    const statuses = []
    for (let i = 0; i < 3; i++) statuses.push((await call(API)).status)
    expect(statuses).toEqual([503, 503, 200])
    const log = (await (await admin("requests")).json()) as Array<{ status: number; fault?: string }>
    expect(log.map((r) => [r.status, r.fault])).toEqual([[503, "status"], [503, "status"], [200, undefined]])
  })

  it("refuses an invalid rule with 400 and the reason", async () => {
    const res = await admin("faults", "POST", { faults: [{ kind: "explode" }] })
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain("faults")
  })

  it("scopes a fault to one key", async () => {
    server.faults.add({ key: "m0-demo-bo-00000000000000000", faults: [{ kind: "status", status: 500 }] })
    expect((await call(API)).status).toBe(200)
    expect((await call(API, { key: "m0-demo-bo-00000000000000000" })).status).toBe(500)
  })

  it("answers a held request only once it is released, and a reset releases what is held", async () => {
    /** Until the server has taken `n` requests into the hold (a request's arrival is not its sending). */
    const caught = async (hold: { readonly caught: () => number }, n: number) => {
      for (let i = 0; i < 500 && hold.caught() < n; i++) await new Promise((resolve) => setTimeout(resolve, 10))
      expect(hold.caught()).toBe(n)
    }
    const hold = server.faults.hold({ path: API })
    let answered = false
    const held = call(API).then((res) => ((answered = true), res.status))
    await caught(hold, 1)
    // another path is served meanwhile; the held one is still waiting after it
    expect((await call(`${API}org_7f3a9c1e5d2b4a60/members/`)).status).toBe(200)
    expect(answered).toBe(false)
    hold.release()
    expect(await held).toBe(200)
    const all = server.faults.hold({})
    const second = call(API)
    await caught(all, 1)
    await admin("reset", "POST")
    expect((await second).status).toBe(200)
  })

  it("sends a 429 with Retry-After as an HTTP-date", async () => {
    server.faults.add({ faults: [{ kind: "rate-limit", retryAfterDateSeconds: 30 }] })
    const res = await call(API)
    expect(res.status).toBe(429)
    const at = Date.parse(res.headers.get("retry-after")!)
    expect(at - Date.now()).toBeGreaterThan(25_000)
    expect(at - Date.now()).toBeLessThanOrEqual(30_000)
  })

  it("resets a connection mid-body", async () => {
    server.faults.add({ faults: [{ kind: "reset" }] })
    await expect(call(API).then((r) => r.text())).rejects.toThrow()
    expect(server.requests().at(-1)?.status).toBe("reset")
  })

  it("reset clears faults and restores data", async () => {
    server.setShape("seed")
    server.faults.add({ latencyMs: 30 })
    expect((await call(`${API}org_c4e1a9f07b3d5e28/`, { method: "DELETE" })).status).toBe(200)
    expect(server.requests().at(-1)?.ms).toBeGreaterThanOrEqual(25)
    await admin("reset", "POST")
    expect(server.faults.list()).toEqual([])
    expect(server.requests()).toEqual([])
    const restored = await call(`${API}org_c4e1a9f07b3d5e28/`)
    expect(restored.status).toBe(200)
    // the default shape is back to the one the server started with
    expect(await restored.json()).toHaveProperty("user_role")
  })
})

describe("admin endpoint against other sites", () => {
  const raw = (path: string, headers: Record<string, string>, body?: string, method = "POST") =>
    new Promise<number>((resolve, reject) => {
      const request = Http.request(
        `${server.url}/__admin/${path}`,
        { method, headers: { ...headers, ...(body === undefined ? {} : { "content-length": String(Buffer.byteLength(body)) }) } },
        (res) => {
          res.resume()
          resolve(res.statusCode ?? 0)
        }
      )
      request.on("error", reject)
      request.end(body)
    })

  it("refuses a Host other than its own loopback address and port (DNS rebinding)", async () => {
    const rule = JSON.stringify({ faults: [{ kind: "status", status: 500 }] })
    for (const host of ["evil.example", `evil.example:${server.port}`, "127.0.0.1:1", "127.0.0.1"]) {
      expect(await raw("faults", { host, "content-type": "application/json" }, rule)).toBe(421)
      expect(await raw("requests", { host }, undefined, "GET")).toBe(421)
    }
    expect(server.faults.list()).toEqual([])
    for (const host of [`127.0.0.1:${server.port}`, `localhost:${server.port}`]) {
      expect(await raw("requests", { host }, undefined, "GET")).toBe(200)
    }
  })

  it("refuses bodies that are not application/json (cross-site text/plain or form POSTs)", async () => {
    const rule = JSON.stringify({ faults: [{ kind: "status", status: 500 }] })
    const host = `127.0.0.1:${server.port}`
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      expect(await raw("faults", { host, "content-type": type }, rule)).toBe(415)
      expect(await raw("shape", { host, "content-type": type }, "{\"shape\":\"seed\"}", "PUT")).toBe(415)
    }
    expect(await raw("faults", { host }, rule)).toBe(415)
    expect(server.faults.list()).toEqual([])
    expect(await raw("faults", { host, "content-type": "application/json; charset=utf-8" }, rule)).toBe(201)
  })

  it("refuses every write without a JSON content type or the admin header, bodyless ones included", async () => {
    const host = `127.0.0.1:${server.port}`
    server.faults.add({ faults: [{ kind: "status", status: 500 }] })
    // what a web page can send without a preflight: a bodyless POST or a text/plain one
    expect(await raw("reset", { host })).toBe(415)
    expect(await raw("reset", { host, "content-type": "text/plain" }, "")).toBe(415)
    expect(await raw("faults", { host }, undefined, "DELETE")).toBe(415)
    expect(await raw("requests", { host }, undefined, "DELETE")).toBe(415)
    expect(server.faults.list()).toHaveLength(1)
    expect(await raw("reset", { host, "x-mem0-admin": "1" })).toBe(200)
    expect(server.faults.list()).toEqual([])
    expect(await raw("reset", { host, "content-type": "application/json" })).toBe(200)
  })

  it("refuses a web page's Origin, and the null Origin, even with a JSON body", async () => {
    const host = `127.0.0.1:${server.port}`
    const rule = JSON.stringify({ faults: [{ kind: "status", status: 500 }] })
    for (const origin of ["https://evil.example", "null", `http://127.0.0.1:${server.port + 1}`, "http://localhost"]) {
      expect(await raw("faults", { host, origin, "content-type": "application/json" }, rule)).toBe(403)
      expect(await raw("shape", { host, origin, "content-type": "application/json" }, "{\"shape\":\"seed\"}", "PUT")).toBe(403)
      expect(await raw("reset", { host, origin, "x-mem0-admin": "1" })).toBe(403)
      expect(await raw("requests", { host, origin }, undefined, "GET")).toBe(403)
    }
    expect(server.faults.list()).toEqual([])
    expect(await raw("faults", { host, origin: `http://127.0.0.1:${server.port}`, "content-type": "application/json" }, rule)).toBe(201)
  })

  it("keeps only the newest requests in its log", async () => {
    for (let i = 0; i < MAX_LOGGED_REQUESTS + 25; i++) {
      await call(`${API}org_${i}/`)
    }
    const log = server.requests()
    expect(log).toHaveLength(MAX_LOGGED_REQUESTS)
    expect(log.at(-1)?.path).toBe(`${API}org_${MAX_LOGGED_REQUESTS + 24}/`)
    expect(log[0]?.path).toBe(`${API}org_25/`)
  }, 60_000)

  it("stops reading a request body at 64 KB, even when no length is declared", async () => {
    const socketBefore = process.memoryUsage().rss
    let written = 0
    const status = await new Promise<number>((resolve, reject) => {
      const request = Http.request(`${server.url}${API}`, {
        method: "POST",
        headers: { authorization: `Token ${DEMO_KEY}`, "content-type": "application/json", "transfer-encoding": "chunked" }
      }, (res) => {
        res.resume()
        resolve(res.statusCode ?? 0)
      })
      request.on("error", () => resolve(-1))
      const chunk = Buffer.alloc(64 * 1024, 0x20)
      const pump = () => {
        // at most 64 MB offered; the server must answer long before
        while (written < 64 * 1024 * 1024) {
          written += chunk.length
          if (!request.write(chunk)) return void request.once("drain", pump)
        }
        request.end()
      }
      pump()
      setTimeout(() => reject(new Error("no answer")), 10_000).unref()
    })
    expect([413, -1]).toContain(status)
    expect(written).toBeLessThan(64 * 1024 * 1024)
    expect(process.memoryUsage().rss - socketBefore).toBeLessThan(64 * 1024 * 1024)
  }, 20_000)
})

describe("the server's own data stays consistent", () => {
  it("never gives two members one user_id: a new bo@elsewhere is not bo", async () => {
    const org = "org_7f3a9c1e5d2b4a60"
    const add = (email: string) =>
      call(`${API}${org}/members/`, { method: "POST", body: JSON.stringify({ email, role: "READER" }) })
    for (const email of ["bo@elsewhere.example", "bo@third.example"]) expect((await add(email)).status).toBe(201)
    const { members } = (await (await call(`${API}${org}/members/`)).json()) as { members: Array<{ user_id: string }> }
    const ids = members.map((m) => m.user_id)
    expect(new Set(ids).size).toBe(ids.length)
    expect(ids).toEqual(expect.arrayContaining(["bo-2", "bo-3"]))
  })
})

describe("standalone command", () => {
  it("prints the URL and a demo key, serves, and stops cleanly on Ctrl-C", async () => {
    const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url))
    const child = spawn(process.execPath, ["--import", "tsx", bin, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] })
    let out = ""
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString()))
    const deadline = Date.now() + 15_000
    while (!/API key: /.test(out) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50))
    const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]
    expect(url).toBeDefined()
    expect(out).toContain(`API key: ${DEMO_KEY}`)
    const res = await fetch(`${url}${API}`, { headers: { authorization: `Token ${DEMO_KEY}` } })
    expect(res.status).toBe(200)
    while (!out.includes("GET /api/v1/orgs/organizations/ 200") && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50))
    }
    child.kill("SIGINT")
    const [code] = (await once(child, "exit")) as [number | null]
    expect(code).toBe(0)
    expect(out).toContain("GET /api/v1/orgs/organizations/ 200")
    // the request line names the user, never the key (the banner shows the demo key on purpose)
    expect(out.split("\n").filter((l) => l.startsWith("GET ")).join("\n")).not.toContain(DEMO_KEY)
  }, 20_000)

  it("refuses bad flags with exit code 2 and a usage line", async () => {
    const bin = fileURLToPath(new URL("../src/bin.ts", import.meta.url))
    const child = spawn(process.execPath, ["--import", "tsx", bin, "--port", "99999"], { stdio: ["ignore", "pipe", "pipe"] })
    let err = ""
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()))
    const [code] = (await once(child, "exit")) as [number | null]
    expect(code).toBe(2)
    expect(err).toContain("Usage:")
  }, 20_000)
})
