/**
 * Encodes one path segment so that no value can change the request path:
 * `/`, `?`, `#` and `%` are percent-encoded by `encodeURIComponent`.
 * The URL standard resolves `.` and `..` segments even when percent-encoded
 * (`%2E%2E`), so those two values are refused by {@link segmentProblem}.
 */
export const encodeSegment = (value: string): string => encodeURIComponent(value)

/** Why a value cannot be a path segment, or `undefined` when it can. */
export const segmentProblem = (value: unknown): string | undefined => {
  if (typeof value !== "string" || value.trim() === "") return "an organization id must not be empty"
  if (value === "." || value === "..") return `${JSON.stringify(value)} cannot be sent as a path segment`
  return undefined
}

/** The paths of the API, with their documented trailing slash. */
export const paths = {
  organizations: "/api/v1/orgs/organizations/",
  organization: (orgId: string) => `/api/v1/orgs/organizations/${encodeSegment(orgId)}/`,
  members: (orgId: string) => `/api/v1/orgs/organizations/${encodeSegment(orgId)}/members/`
} as const
