/**
 * The routes of Mem0's API that effect-mem0 calls, declared once: for each
 * operation of `Mem0Client`, its HTTP method and its path template exactly as
 * Mem0's OpenAPI document writes it (`{org_id}`, `{project_id}`). The client
 * builds its requests from them, the local server (`mem0-local-server`)
 * serves them, and a test checks them against the OpenAPI document, so the
 * three cannot drift apart.
 *
 * @since 0.3.0
 */

/**
 * An HTTP method the API uses.
 *
 * @since 0.3.0
 * @category models
 */
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE"

/**
 * One route: a method and a path template with `{name}` parameters.
 *
 * @since 0.3.0
 * @category models
 */
export interface Route {
  /** The HTTP method. */
  readonly method: Method
  /** The path template, with its documented trailing slash, e.g. `/api/v1/orgs/organizations/{org_id}/`. */
  readonly path: string
}

const ORGANIZATIONS = "/api/v1/orgs/organizations/"
const ORGANIZATION = `${ORGANIZATIONS}{org_id}/`
const MEMBERS = `${ORGANIZATION}members/`
const PROJECTS = `${ORGANIZATION}projects/`
const PROJECT = `${PROJECTS}{project_id}/`
const PROJECT_MEMBERS = `${PROJECT}members/`
const ENTITY = "/v2/entities/{entity_type}/{entity_id}/"
const MEMORY = "/v1/memories/{memory_id}/"

/**
 * Every route the client calls, by the name of its `Mem0Client` operation.
 *
 * @example
 * ```ts
 * import { Routes } from "effect-mem0"
 *
 * const { method, path } = Routes.Routes.listMembers // "GET", "/api/v1/orgs/organizations/{org_id}/members/"
 * ```
 *
 * @since 0.3.0
 * @category routes
 */
export const Routes = {
  listOrganizations: { method: "GET", path: ORGANIZATIONS },
  createOrganization: { method: "POST", path: ORGANIZATIONS },
  getOrganization: { method: "GET", path: ORGANIZATION },
  deleteOrganization: { method: "DELETE", path: ORGANIZATION },
  listMembers: { method: "GET", path: MEMBERS },
  addMember: { method: "POST", path: MEMBERS },
  updateMemberRole: { method: "PUT", path: MEMBERS },
  removeMember: { method: "DELETE", path: MEMBERS },
  listProjects: { method: "GET", path: PROJECTS },
  createProject: { method: "POST", path: PROJECTS },
  getProject: { method: "GET", path: PROJECT },
  updateProject: { method: "PATCH", path: PROJECT },
  deleteProject: { method: "DELETE", path: PROJECT },
  listProjectMembers: { method: "GET", path: PROJECT_MEMBERS },
  addProjectMember: { method: "POST", path: PROJECT_MEMBERS },
  updateProjectMemberRole: { method: "PUT", path: PROJECT_MEMBERS },
  removeProjectMember: { method: "DELETE", path: PROJECT_MEMBERS },
  ping: { method: "GET", path: "/v1/ping/" },
  stats: { method: "GET", path: "/v1/stats/" },
  listEntities: { method: "GET", path: "/v1/entities/" },
  entityFilters: { method: "GET", path: "/v1/entities/filters/" },
  getEntity: { method: "GET", path: ENTITY },
  deleteEntity: { method: "DELETE", path: ENTITY },
  listMemories: { method: "POST", path: "/v3/memories/" },
  searchMemories: { method: "POST", path: "/v3/memories/search/" },
  getMemory: { method: "GET", path: MEMORY },
  deleteMemory: { method: "DELETE", path: MEMORY },
  memoryHistory: { method: "GET", path: `${MEMORY}history/` },
  entityMemories: { method: "GET", path: "/v1/memories/{entity_type}/{entity_id}/" },
  listEvents: { method: "GET", path: "/v1/events/" },
  getEvent: { method: "GET", path: "/v1/event/{event_id}/" }
} as const satisfies Record<string, Route>

/**
 * The name of an operation that has a route.
 *
 * @since 0.3.0
 * @category models
 */
export type RouteName = keyof typeof Routes

/**
 * A path template with its parameters filled in, each percent-encoded as one
 * path segment (`/`, `?`, `#` and `%` in a value cannot change the path).
 * Every `{name}` of the template must be given.
 *
 * @example
 * ```ts
 * import { Routes } from "effect-mem0"
 *
 * const path = Routes.fill(Routes.Routes.getProject.path, { org_id: "org 1", project_id: "proj/2" })
 * // "/api/v1/orgs/organizations/org%201/projects/proj%2F2/"
 * ```
 *
 * @since 0.3.0
 * @category routes
 */
export const fill = (template: string, params: Readonly<Record<string, string>>): string =>
  template.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params[name]
    if (value === undefined) throw new Error(`no value for {${name}} in ${template}`)
    return encodeURIComponent(value)
  })

/**
 * The parameter names of a path template, in order.
 *
 * @example
 * ```ts
 * import { Routes } from "effect-mem0"
 *
 * const names = Routes.parameters(Routes.Routes.getProject.path) // ["org_id", "project_id"]
 * ```
 *
 * @since 0.3.0
 * @category routes
 */
export const parameters = (template: string): ReadonlyArray<string> => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!)
