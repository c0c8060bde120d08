/**
 * The API routes: every organizations and members path of Mem0's API,
 * answered from the store with Mem0's rules.
 */
import * as HttpRouter from "@effect/platform/HttpRouter"
import * as HttpServerRequest from "@effect/platform/HttpServerRequest"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import type { FixtureUser } from "./Fixture.js"
import { caller, json, readJson, shapeOf, type State } from "./State.js"
import type { Reply } from "./Store.js"

/** The organizations path every route starts with. */
export const API = "/api/v1/orgs/organizations/"

const unauthorized: Reply = { status: 401, body: { detail: "Invalid API key or missing Authorization: Token <key>." } }

/** The API routes, each answering from the store. */
export const apiRouter = (state: State) => {
  const authed = (
    f: (user: FixtureUser, request: HttpServerRequest.HttpServerRequest, orgId: string) => Effect.Effect<Reply>
  ) =>
    Effect.gen(function*() {
      const request = yield* HttpServerRequest.HttpServerRequest
      const params = yield* HttpRouter.params
      const user = caller(state, request)
      if (user === undefined) return json(unauthorized)
      return json(yield* f(user, request, params["org_id"] ?? ""))
    })
  const withBody = (f: (user: FixtureUser, orgId: string, body: unknown) => Reply) =>
    authed((user, request, orgId) =>
      Effect.map(readJson(request), Either.match({ onLeft: (body) => f(user, orgId, body), onRight: (r) => r }))
    )
  const { store } = state
  return HttpRouter.empty.pipe(
    HttpRouter.get(API, authed((user, request) => Effect.succeed(store.listOrganizations(user, shapeOf(state, request))))),
    HttpRouter.post(API, withBody((user, _orgId, body) => store.createOrganization(user, body))),
    HttpRouter.get(
      `${API}:org_id/`,
      authed((user, request, orgId) => Effect.succeed(store.getOrganization(user, orgId, shapeOf(state, request))))
    ),
    HttpRouter.del(`${API}:org_id/`, authed((user, _request, orgId) => Effect.succeed(store.deleteOrganization(user, orgId)))),
    HttpRouter.get(
      `${API}:org_id/members/`,
      authed((user, request, orgId) => Effect.succeed(store.listMembers(user, orgId, shapeOf(state, request))))
    ),
    HttpRouter.post(`${API}:org_id/members/`, withBody((user, orgId, body) => store.addMember(user, orgId, body))),
    HttpRouter.put(`${API}:org_id/members/`, withBody((user, orgId, body) => store.updateMemberRole(user, orgId, body))),
    HttpRouter.del(`${API}:org_id/members/`, withBody((user, orgId, body) => store.removeMember(user, orgId, body)))
  )
}

