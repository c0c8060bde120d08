/**
 * Projects and ping: every operation's method, path and body (with the API's
 * quirks), decoding with drift tolerance, path safety, spans, 404s naming both
 * ids, and the retry rules (GET only) applied to the new calls.
 */
import { describe, expect, it } from "@effect/vitest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Schema from "effect/Schema"
import type * as Mem0Client from "../src/Mem0Client.js"
import { Project, ProjectList } from "../src/Project.js"
import { failure, json, recordingTracer, success, withClientTimed } from "./support.js"

const ORG = "org_1"
const PROJECT = "proj_1"
const base = `/api/v1/orgs/organizations/${ORG}/projects/`

describe("project operations", () => {
  it.effect("send each call with its method, path and body, as Mem0 documents them", () =>
    Effect.gen(function*() {
      const member = { email: "bo@example.com", role: "READER" } as const
      const calls: ReadonlyArray<readonly [string, (c: Mem0Client.Mem0ClientService) => Effect.Effect<unknown, Mem0Client.Mem0RequestError>, unknown, string, unknown]> = [
        ["listProjects", (c) => c.listProjects(ORG), [], `GET ${base}`, undefined],
        ["getProject", (c) => c.getProject(ORG, PROJECT), { project_id: PROJECT, name: "P" }, `GET ${base}${PROJECT}/`, undefined],
        ["createProject", (c) => c.createProject(ORG, { name: " Bot ", description: "Tickets" }), { project_id: "p2", message: "Project created successfully." }, `POST ${base}`, { name: "Bot", description: "Tickets" }],
        ["updateProject", (c) => c.updateProject(ORG, PROJECT, { custom_instructions: "Keep names.", decay: true }), { message: "ok" }, `PATCH ${base}${PROJECT}/`, { decay: true, custom_instructions: ["Keep names."] }],
        ["deleteProject", (c) => c.deleteProject(ORG, PROJECT), { message: "ok" }, `DELETE ${base}${PROJECT}/`, undefined],
        ["listProjectMembers", (c) => c.listProjectMembers(ORG, PROJECT), { members: [] }, `GET ${base}${PROJECT}/members/`, undefined],
        ["addProjectMember", (c) => c.addProjectMember(ORG, PROJECT, member), { message: "ok" }, `POST ${base}${PROJECT}/members/`, member],
        ["updateProjectMemberRole", (c) => c.updateProjectMemberRole(ORG, PROJECT, member), { message: "ok" }, `PUT ${base}${PROJECT}/members/`, member],
        ["removeProjectMember", (c) => c.removeProjectMember(ORG, PROJECT, "bo@example.com"), { message: "ok" }, `DELETE ${base}${PROJECT}/members/?email=bo%40example.com`, undefined],
        ["ping", (c) => c.ping(), { status: "ok", org_id: ORG, project_id: PROJECT, user_email: "ana@example.com" }, "GET /v1/ping/", undefined]
      ]
      for (const [name, call, answer, expected, body] of calls) {
        // every project call answers 200, project creation included (organization creation answers 201)
        const { result, seen } = yield* withClientTimed(() => json(answer, 200), call)
        success(result)
        const url = new URL(seen[0]!.url)
        expect(`${seen[0]!.method} ${url.pathname}${url.search}`, name).toBe(expected)
        expect(seen[0]!.body === undefined ? undefined : JSON.parse(seen[0]!.body), name).toEqual(body)
      }
    }))

  it.effect("return what the API says: created project ids, decoded projects, ping's context", () =>
    Effect.gen(function*() {
      const created = yield* withClientTimed(() => json({ project_id: "p2", message: "Project created successfully." }), (c) =>
        c.createProject(ORG, { name: "Bot" }))
      expect(success(created.result)).toEqual({ projectId: "p2", message: "Project created successfully." })
      const ping = yield* withClientTimed(() => json({ status: "ok", org_id: ORG, project_id: PROJECT, user_email: "ana@example.com" }), (c) => c.ping())
      expect(success(ping.result)).toEqual({ orgId: ORG, projectId: PROJECT, userEmail: "ana@example.com" })
      const partial = yield* withClientTimed(() => json({ status: "ok", org_id: 5 }), (c) => c.ping())
      expect(success(partial.result)).toEqual({ orgId: undefined, projectId: undefined, userEmail: undefined })
      const project = yield* withClientTimed(
        () => json({ project_id: PROJECT, name: "P", custom_instructions: "Keep names.", members: [{ username: "ana", role: "OWNER" }], enable_graph: true }),
        (c) => c.getProject(ORG, PROJECT)
      )
      const p = success(project.result)
      expect(p).toBeInstanceOf(Project)
      expect(p).toMatchObject({ project_id: PROJECT, name: "P", custom_instructions: "Keep names.", enable_graph: true })
      expect(p.members?.[0]).toMatchObject({ username: "ana", role: "OWNER" })
    }))

  it.effect("a 404 names the organization and the project; a project change is not retried on 503", () =>
    Effect.gen(function*() {
      const missing = yield* withClientTimed(() => json({ message: "Organization or project not found" }, 404), (c) =>
        c.getProject(ORG, "gone"))
      const error = failure(missing.result)
      expect(error).toMatchObject({ _tag: "Mem0NotFound", orgId: ORG, projectId: "gone" })
      expect(error.message).toContain("project \"gone\" of organization \"org_1\"")
      const change = yield* withClientTimed(() => json({}, 503), (c) => c.updateProject(ORG, PROJECT, { name: "x" }))
      expect(change.seen).toHaveLength(1)
      const read = yield* withClientTimed(() => json({}, 503), (c) => c.listProjects(ORG))
      expect(read.seen).toHaveLength(3)
    }))

  it.effect("project ids are path-safe: empty, dot segments and lone surrogates fail before any request", () =>
    Effect.gen(function*() {
      for (const id of ["", "..", "\ud800"]) {
        const { result, seen } = yield* withClientTimed(() => json({}), (c) => c.getProject(ORG, id))
        expect(failure(result)).toMatchObject({ _tag: "Mem0InvalidInput", argument: "projectId" })
        expect(seen).toHaveLength(0)
      }
      const slash = yield* withClientTimed(() => json({ project_id: "a/b", name: "n" }), (c) => c.getProject(ORG, "a/b"))
      expect(new URL(slash.seen[0]!.url).pathname).toBe(`${base}a%2Fb/`)
    }))

  it.effect("each project call runs in its span with mem0.org_id and mem0.project_id", () => {
    const { spans, tracer } = recordingTracer()
    return Effect.gen(function*() {
      yield* withClientTimed(() => json({ members: [] }), (c) => c.listProjectMembers(ORG, PROJECT))
      const span = spans.find((s) => s.name === "Mem0Client.listProjectMembers")
      expect(span?.attributes.get("mem0.org_id")).toBe(ORG)
      expect(span?.attributes.get("mem0.project_id")).toBe(PROJECT)
    }).pipe(Effect.withTracer(tracer))
  })
})

describe("Project schema", () => {
  it("only project_id and name are required; drifted optional fields are read as absent", () => {
    const decode = Schema.decodeUnknownEither(ProjectList)
    const [p] = Either.getOrThrow(decode([{ project_id: "p", name: "n", decay: "yes", summary_batch_size: 1.5, members: {}, custom_categories: [{ a: "b" }] }]))
    expect(p).not.toHaveProperty("decay")
    expect(p).not.toHaveProperty("summary_batch_size")
    expect(p).not.toHaveProperty("members")
    expect(p?.custom_categories).toEqual([{ a: "b" }])
    expect(Either.isLeft(decode([{ name: "no id" }]))).toBe(true)
    expect(Either.isLeft(decode([{ project_id: "p", name: 3 }]))).toBe(true)
  })
})
