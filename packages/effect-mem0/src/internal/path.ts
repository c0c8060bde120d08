/**
 * Encodes one path segment so that no value can change the request path:
 * `/`, `?`, `#` and `%` are percent-encoded by `encodeURIComponent`.
 * The URL standard resolves `.` and `..` segments even when percent-encoded
 * (`%2E%2E`), so those two values are refused by {@link segmentProblem}.
 */
export const encodeSegment = (value: string): string => encodeURIComponent(value)

/** A UTF-16 surrogate without its pair: no UTF-8 encoding exists for it (`encodeURIComponent` throws). */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** Why a value cannot be a path segment, or `undefined` when it can. */
export const segmentProblem = (value: unknown, what = "an organization id"): string | undefined => {
  if (typeof value !== "string" || value.trim() === "") return `${what} must not be empty`
  if (value === "." || value === "..") return `${JSON.stringify(value)} cannot be sent as a path segment`
  if (LONE_SURROGATE.test(value)) return `${what} must be valid Unicode (it has a lone surrogate)`
  return undefined
}

/** The paths of the API, with their documented trailing slash. */
export const paths = {
  organizations: "/api/v1/orgs/organizations/",
  organization: (orgId: string) => `/api/v1/orgs/organizations/${encodeSegment(orgId)}/`,
  members: (orgId: string) => `/api/v1/orgs/organizations/${encodeSegment(orgId)}/members/`,
  projects: (orgId: string) => `/api/v1/orgs/organizations/${encodeSegment(orgId)}/projects/`,
  project: (orgId: string, projectId: string) =>
    `/api/v1/orgs/organizations/${encodeSegment(orgId)}/projects/${encodeSegment(projectId)}/`,
  projectMembers: (orgId: string, projectId: string) =>
    `/api/v1/orgs/organizations/${encodeSegment(orgId)}/projects/${encodeSegment(projectId)}/members/`,
  ping: "/v1/ping/"
} as const
