/**
 * The API routes: every organizations and members path of Mem0's API,
 * answered from the store with Mem0's rules.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { Routes } from "effect-mem0/Routes"
import type { FixtureUser } from "./Fixture.js"
import { MCP_PATH, mcpHandler, mcpNotAllowed } from "./Mcp.js"
import { caller, json, readJson, shapeOf, type State, unauthorized } from "./State.js"
import type { Reply, Store } from "./Store.js"

/** The organizations path every route starts with. */
export const API = Routes.listOrganizations.path

/** A route's path template (`{org_id}`) as the router writes it (`:org_id`). */
const at = (route: { readonly path: string }): HttpRouter.PathInput => route.path.replace(/\{(\w+)\}/g, ":$1") as HttpRouter.PathInput


/** What the key's ping answers when the key is unknown (Mem0's own wording). */
const invalidKey: Reply = {
  status: 401,
  body: { detail: "Invalid API key. You can find your API key on https://app.mem0.ai/dashboard/api-keys." }
}

/** The API routes, each answering from the store. */
export const apiRouter = (state: State) => {
  const authed = (
    f: (
      user: FixtureUser,
      request: HttpServerRequest.HttpServerRequest,
      orgId: string,
      projectId: string
    ) => Effect.Effect<Reply, never, HttpRouter.RouteContext>
  ) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = yield* HttpRouter.params
      const user = caller(state, request)
      if (user === undefined) return json(unauthorized)
      return json(yield* f(user, request, params["org_id"] ?? "", params["project_id"] ?? ""))
    })
  const withBody = (f: (user: FixtureUser, orgId: string, body: unknown, projectId: string) => Reply) =>
    authed((user, request, orgId, projectId) =>
      Effect.map(readJson(request), Either.match({ onLeft: (body) => f(user, orgId, body, projectId), onRight: (r) => r }))
    )
  const { store } = state
  /** A memory route: the key's project's memory API, the query, the JSON body (`withBody`), the path parameters. */
  const memories = (
    f: (api: ReturnType<Store["memoryApi"]>, query: URLSearchParams, body: unknown, params: Readonly<Record<string, string | undefined>>) => Reply,
    withBody = false
  ) =>
    authed((user, request) =>
      Effect.gen(function*() {
        const params = yield* HttpRouter.params
        const url = new URL(request.url, `http://${request.headers["host"] ?? "127.0.0.1"}`)
        const api = store.memoryApi(user, url.origin)
        if (!withBody) return f(api, url.searchParams, undefined, params)
        const body = yield* readJson(request)
        return Either.match(body, { onLeft: (parsed) => f(api, url.searchParams, parsed, params), onRight: (refused) => refused })
      })
    )
  // Each route is effect-mem0's declaration (method and path), so client, server and spec cannot drift.
  return HttpRouter.empty.pipe(
    HttpRouter.get(at(Routes.listOrganizations), authed((user, request) => Effect.succeed(store.listOrganizations(user, shapeOf(state, request))))),
    HttpRouter.post(at(Routes.createOrganization), withBody((user, _orgId, body) => store.createOrganization(user, body))),
    HttpRouter.get(
      at(Routes.getOrganization),
      authed((user, request, orgId) => Effect.succeed(store.getOrganization(user, orgId, shapeOf(state, request))))
    ),
    HttpRouter.del(at(Routes.deleteOrganization), authed((user, _request, orgId) => Effect.succeed(store.deleteOrganization(user, orgId)))),
    HttpRouter.get(
      at(Routes.listMembers),
      authed((user, request, orgId) => Effect.succeed(store.listMembers(user, orgId, shapeOf(state, request))))
    ),
    HttpRouter.post(at(Routes.addMember), withBody((user, orgId, body) => store.addMember(user, orgId, body))),
    HttpRouter.put(at(Routes.updateMemberRole), withBody((user, orgId, body) => store.updateMemberRole(user, orgId, body))),
    HttpRouter.del(at(Routes.removeMember), withBody((user, orgId, body) => store.removeMember(user, orgId, body))),
    HttpRouter.get(at(Routes.listProjects), authed((user, _request, orgId) => Effect.succeed(store.listProjects(user, orgId)))),
    HttpRouter.post(at(Routes.createProject), withBody((user, orgId, body) => store.createProject(user, orgId, body))),
    HttpRouter.get(at(Routes.getProject), authed((user, _request, orgId, projectId) => Effect.succeed(store.getProject(user, orgId, projectId)))),
    HttpRouter.patch(at(Routes.updateProject), withBody((user, orgId, body, projectId) => store.updateProject(user, orgId, projectId, body))),
    HttpRouter.del(
      at(Routes.deleteProject),
      authed((user, _request, orgId, projectId) => Effect.succeed(store.deleteProject(user, orgId, projectId)))
    ),
    HttpRouter.get(
      at(Routes.listProjectMembers),
      authed((user, _request, orgId, projectId) => Effect.succeed(store.listProjectMembers(user, orgId, projectId)))
    ),
    HttpRouter.post(
      at(Routes.addProjectMember),
      withBody((user, orgId, body, projectId) => store.addProjectMember(user, orgId, projectId, body))
    ),
    HttpRouter.put(
      at(Routes.updateProjectMemberRole),
      withBody((user, orgId, body, projectId) => store.updateProjectMemberRole(user, orgId, projectId, body))
    ),
    // Removing a project member takes `?email=`, where the organization's variant takes a JSON body.
    HttpRouter.del(
      at(Routes.removeProjectMember),
      authed((user, request, orgId, projectId) =>
        Effect.succeed(
          store.removeProjectMember(
            user,
            orgId,
            projectId,
            new URL(request.url, "http://127.0.0.1").searchParams.get("email") ?? undefined
          )
        ))
    ),
    HttpRouter.get(
      at(Routes.ping),
      Effect.map(HttpServerRequest.HttpServerRequest, (request) => {
        const user = caller(state, request)
        return json(user === undefined ? invalidKey : state.store.ping(user))
      })
    ),
    HttpRouter.get(at(Routes.stats), authed((user) => Effect.succeed(store.stats(user))))
  ).pipe(
    // the memories, entities and events of the key's project (Mem0 scopes them by key)
    HttpRouter.post(at(Routes.listMemories), memories((api, query, body) => api.list(query, body), true)),
    HttpRouter.post(at(Routes.searchMemories), memories((api, _query, body) => api.search(body), true)),
    HttpRouter.get(at(Routes.memoryHistory), memories((api, _query, _body, params) => api.history(params["memory_id"] ?? ""))),
    HttpRouter.get(at(Routes.getMemory), memories((api, _query, _body, params) => api.get(params["memory_id"] ?? ""))),
    HttpRouter.del(at(Routes.deleteMemory), memories((api, query, _body, params) => api.remove(params["memory_id"] ?? "", query))),
    HttpRouter.get(
      at(Routes.entityMemories),
      memories((api, query, _body, params) => api.entityMemories(params["entity_type"] ?? "", params["entity_id"] ?? "", query))
    ),
    HttpRouter.get(at(Routes.listEntities), memories((api, query) => api.entities(query))),
    HttpRouter.get(at(Routes.entityFilters), memories((api) => api.filters())),
    HttpRouter.get(at(Routes.getEntity), memories((api, _query, _body, params) => api.entity(params["entity_type"] ?? "", params["entity_id"] ?? ""))),
    HttpRouter.del(
      at(Routes.deleteEntity),
      memories((api, _query, _body, params) => api.removeEntity(params["entity_type"] ?? "", params["entity_id"] ?? ""))
    ),
    HttpRouter.get(at(Routes.listEvents), memories((api, query) => api.events(query))),
    HttpRouter.get(at(Routes.getEvent), memories((api, _query, _body, params) => api.event(params["event_id"] ?? "")))
  ).pipe(
    // Mem0's hosted MCP server's endpoint (Streamable HTTP); the router takes it with or without the trailing slash
    HttpRouter.post(MCP_PATH, mcpHandler(state)),
    HttpRouter.get(MCP_PATH, mcpNotAllowed),
    HttpRouter.del(MCP_PATH, mcpNotAllowed)
  )
}

