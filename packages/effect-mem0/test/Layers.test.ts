/**
 * How an Effect program gets the client: `transformClient` on every
 * constructor, `layerConfig` from `Config` values, and an accessor for every
 * operation.
 */
import * as HttpClient from "@effect/platform/HttpClient"
import * as HttpClientRequest from "@effect/platform/HttpClientRequest"
import * as HttpClientResponse from "@effect/platform/HttpClientResponse"
import { describe, expect, it } from "@effect/vitest"
import * as Config from "effect/Config"
import * as ConfigProvider from "effect/ConfigProvider"
import * as Effect from "effect/Effect"
import * as Layer from "effect/Layer"
import * as Ref from "effect/Ref"
import * as Mem0Client from "../src/Mem0Client.js"
import { API_KEY, failure, fakeHttp, json } from "./support.js"

const withEnv = (env: Record<string, string>) => Effect.withConfigProvider(ConfigProvider.fromMap(new Map(Object.entries(env))))

describe("transformClient", () => {
  it.effect("changes the HttpClient of make, layer and layerConfig alike (extra headers, a proxy, ...)", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      const transformClient = HttpClient.mapRequest(HttpClientRequest.setHeader("x-proxy-token", "p1"))
      const viaMake = yield* Mem0Client.make({ apiKey: API_KEY, transformClient }).pipe(Effect.provide(http.layer))
      yield* viaMake.listOrganizations()
      yield* Mem0Client.listOrganizations().pipe(
        Effect.provide(Mem0Client.layer({ apiKey: API_KEY, transformClient }).pipe(Layer.provide(http.layer)))
      )
      yield* Mem0Client.listOrganizations().pipe(
        Effect.provide(Mem0Client.layerConfig({ transformClient }).pipe(Layer.provide(http.layer))),
        withEnv({ MEM0_API_KEY: API_KEY })
      )
      const seen = yield* Ref.get(http.seen)
      expect(seen).toHaveLength(3)
      for (const request of seen) {
        expect(request.headers["x-proxy-token"]).toBe("p1")
        expect(request.headers["authorization"]).toBe(`Token ${API_KEY}`)
      }
    }))

  it.effect("can replace the transport entirely, as a test double", () =>
    Effect.gen(function*() {
      const unused = yield* fakeHttp(() => json([{ org_id: "from-unused", name: "x" }]))
      const double = HttpClient.make((request) =>
        Effect.succeed(
          HttpClientResponse.fromWeb(request, new Response(JSON.stringify([{ org_id: "from-double", name: "D" }])))
        )
      )
      const client = yield* Mem0Client.make({ apiKey: API_KEY, transformClient: () => double }).pipe(
        Effect.provide(unused.layer)
      )
      expect((yield* client.listOrganizations()).map((o) => o.org_id)).toEqual(["from-double"])
      expect(yield* Ref.get(unused.seen)).toHaveLength(0)
    }))
})

describe("layerConfig from Config values", () => {
  it.effect("reads the key and the base URL from the Configs it is given", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      yield* Mem0Client.listOrganizations().pipe(
        Effect.provide(
          Mem0Client.layerConfig({ apiKey: Config.redacted("WORK_KEY"), baseUrl: Config.string("WORK_URL") }).pipe(
            Layer.provide(http.layer)
          )
        ),
        withEnv({ WORK_KEY: "m0-work", WORK_URL: "https://mem0.internal.example/", MEM0_API_KEY: "m0-other" })
      )
      const [request] = yield* Ref.get(http.seen)
      expect(request?.url).toBe("https://mem0.internal.example/api/v1/orgs/organizations/")
      expect(request?.headers["authorization"]).toBe("Token m0-work")
    }))

  it.effect("a missing or unusable custom key names its option", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp(() => json([]))
      const build = (env: Record<string, string>) =>
        Effect.exit(
          Mem0Client.listOrganizations().pipe(
            Effect.provide(Mem0Client.layerConfig({ apiKey: Config.redacted("WORK_KEY") }).pipe(Layer.provide(http.layer))),
            withEnv(env)
          )
        )
      expect(failure(yield* build({}))).toMatchObject({ _tag: "Mem0ConfigError", setting: "apiKey", reason: "apiKey is not set" })
      expect(failure(yield* build({ WORK_KEY: "m0 bad" }))).toMatchObject({ _tag: "Mem0ConfigError", setting: "apiKey" })
      expect(yield* Ref.get(http.seen)).toHaveLength(0)
    }))
})

describe("accessors", () => {
  it.effect("exist for every operation and call the client in the context", () =>
    Effect.gen(function*() {
      const http = yield* fakeHttp((_n, request) =>
        request.method === "POST" && request.url.endsWith("/organizations/")
          ? json({ org_id: "org_new", message: "ok" }, 201)
          : request.url.endsWith("/members/") && request.method === "GET"
          ? json({ members: [] })
          : request.method === "GET" && request.url.endsWith("/org_1/")
          ? json({ org_id: "org_1", name: "One" })
          : json([])
      )
      const layer = Mem0Client.layer({ apiKey: API_KEY }).pipe(Layer.provide(http.layer))
      const member = { email: "ana@example.com", role: "READER" } as const
      const calls = [
        Mem0Client.listOrganizations(),
        Mem0Client.getOrganization("org_1"),
        Mem0Client.listMembers("org_1"),
        Mem0Client.createOrganization("New"),
        Mem0Client.deleteOrganization("org_1"),
        Mem0Client.addMember("org_1", member),
        Mem0Client.updateMemberRole("org_1", member),
        Mem0Client.removeMember("org_1", "ana@example.com")
      ] as const
      for (const call of calls) yield* Effect.provide(call as Effect.Effect<unknown, unknown, Mem0Client.Mem0Client>, layer)
      const seen = yield* Ref.get(http.seen)
      expect(seen.map((s) => `${s.method} ${new URL(s.url).pathname}`)).toEqual([
        "GET /api/v1/orgs/organizations/",
        "GET /api/v1/orgs/organizations/org_1/",
        "GET /api/v1/orgs/organizations/org_1/members/",
        "POST /api/v1/orgs/organizations/",
        "DELETE /api/v1/orgs/organizations/org_1/",
        "POST /api/v1/orgs/organizations/org_1/members/",
        "PUT /api/v1/orgs/organizations/org_1/members/",
        "DELETE /api/v1/orgs/organizations/org_1/members/"
      ])
      // every function of the service has an accessor of the same name
      const service = yield* Mem0Client.make({ apiKey: API_KEY }).pipe(Effect.provide(http.layer))
      const operations = Object.keys(service).filter((k) => typeof service[k as keyof typeof service] === "function")
      for (const name of operations) expect(typeof (Mem0Client as Record<string, unknown>)[name]).toBe("function")
    }))
})
