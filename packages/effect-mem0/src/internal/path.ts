import { fill, Routes } from "../Routes.js"

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

/** The paths of the API, filled in from the routes declared in `Routes.ts` (one declaration each). */
export const paths = {
  organizations: Routes.listOrganizations.path,
  organization: (orgId: string) => fill(Routes.getOrganization.path, { org_id: orgId }),
  members: (orgId: string) => fill(Routes.listMembers.path, { org_id: orgId }),
  projects: (orgId: string) => fill(Routes.listProjects.path, { org_id: orgId }),
  project: (orgId: string, projectId: string) => fill(Routes.getProject.path, { org_id: orgId, project_id: projectId }),
  projectMembers: (orgId: string, projectId: string) =>
    fill(Routes.listProjectMembers.path, { org_id: orgId, project_id: projectId }),
  ping: Routes.ping.path
} as const
