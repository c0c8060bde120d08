/**
 * The `mem0:` documents: `mem0:/<org_id>/<project_id>/project.json` is a
 * project's settings (instructions, categories, flags, members) as read-only
 * JSON, fetched fresh each time it is opened or reloaded. Server text stays
 * data: it is JSON-escaped, and the invisible characters that could reorder
 * or hide what an editor shows (bidi controls, C1) are written as `\u` escapes.
 * A tree refresh tells open documents to reload.
 */
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { Project, ProjectMember } from "effect-mem0/Project"
import { Connection } from "./Connection.js"
import { DOCUMENT_SCHEME } from "./Ids.js"
import { OrganizationsTree, type LoadError } from "./OrganizationsTree.js"
import { remedyOf } from "./Remedy.js"
import { type DocumentFailure, type ServedDocument, VsCode } from "./VsCodeApi.js"

/** The file of a project's settings. */
export const SETTINGS_FILE = "project.json"

/** The path of a project's settings document (each id one path segment, percent-encoded). */
export const settingsPath = (orgId: string, projectId: string): string =>
  `/${encodeURIComponent(orgId)}/${encodeURIComponent(projectId)}/${SETTINGS_FILE}`

/** What a `mem0:` path names: a folder (organization or project), a project's file, or nothing. */
export type DocumentPath =
  | { readonly _tag: "Folder" }
  | { readonly _tag: "File"; readonly orgId: string; readonly projectId: string; readonly file: string }
  | { readonly _tag: "None" }

export const parsePath = (path: string): DocumentPath => {
  if (!path.startsWith("/")) return { _tag: "None" }
  const parts = path.slice(1).split("/")
  if (parts.length === 1 && parts[0] === "") return { _tag: "Folder" } // the root
  if (parts.length > 3 || parts.some((part) => part === "")) return { _tag: "None" }
  if (parts.length < 3) return { _tag: "Folder" }
  try {
    const [orgId, projectId, file] = parts.map(decodeURIComponent) as [string, string, string]
    return { _tag: "File", orgId, projectId, file }
  } catch {
    return { _tag: "None" } // a malformed escape
  }
}

/** Characters JSON leaves as they are but an editor would act on: C1 controls, bidi controls, line separators. */
const INVISIBLE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** JSON text in which no server string can hide or reorder what is shown. */
export const jsonText = (value: unknown): string =>
  `${
    JSON.stringify(value, null, 2).replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)
  }\n`

/** A decoded value as JSON data: dates as ISO strings, models as their fields. */
const plain = (value: unknown): unknown => {
  if (DateTime.isDateTime(value)) return DateTime.formatIso(value)
  if (Array.isArray(value)) return value.map(plain)
  if (typeof value === "object" && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plain(v)]))
  }
  return value
}

/** The fields shown first, in this order; every other field the project has follows. */
const FIRST = [
  "project_id",
  "name",
  "description",
  "user_role",
  "is_default",
  "created_at",
  "updated_at",
  "custom_instructions",
  "custom_categories"
] as const

/** A project's settings document: every field Mem0 sent (and the model knows), its members last. */
export const projectSettingsText = (
  orgId: string,
  project: Project,
  members: ReadonlyArray<ProjectMember> | undefined
): string => {
  const fields = plain(project) as Record<string, unknown>
  const ordered: Record<string, unknown> = { org_id: orgId }
  for (const key of FIRST) if (fields[key] !== undefined) ordered[key] = fields[key]
  for (const [key, value] of Object.entries(fields)) {
    if (!(key in ordered) && key !== "members" && value !== undefined) ordered[key] = value
  }
  const list = members ?? project.members
  if (list !== undefined) ordered["members"] = plain(list)
  return jsonText(ordered)
}

/** Why a document could not be read, in fixed wording (a server's text goes to the log only). */
export const documentFailure = (error: LoadError): DocumentFailure => {
  switch (error._tag) {
    case "Mem0NotFound":
      return { reason: "notFound", message: "Mem0 has no such project (404)." }
    case "Mem0Forbidden":
      return { reason: "noPermissions", message: "Not allowed to see this project (403)." }
    default:
      return { reason: "unavailable", message: `${remedyOf(error, "projects").summary}.` }
  }
}

export interface ProjectDocumentsService {
  /** Opens a project's settings in an editor; fails with fixed wording when it cannot be read. */
  readonly showSettings: (orgId: string, projectId: string) => Effect.Effect<void, string>
}

export class ProjectDocuments extends Context.Tag("mem0-vscode/ProjectDocuments")<
  ProjectDocuments,
  ProjectDocumentsService
>() {
  static readonly layer = Layer.scoped(
    ProjectDocuments,
    Effect.gen(function*() {
      const vscode = yield* VsCode
      const connection = yield* Connection
      const tree = yield* OrganizationsTree
      /** Paths read in this activation, told to reload on refresh. */
      const served = new Set<string>()

      const readSettings = (orgId: string, projectId: string) =>
        Effect.gen(function*() {
          const client = yield* connection.client
          const [project, members] = yield* Effect.all([
            client.getProject(orgId, projectId),
            Effect.either(client.listProjectMembers(orgId, projectId))
          ], { concurrency: 2 })
          const document: ServedDocument = {
            content: projectSettingsText(orgId, project, Either.getOrUndefined(members)),
            readonly: true,
            mtime: project.updated_at === undefined ? 0 : DateTime.toEpochMillis(project.updated_at)
          }
          return document
        }).pipe(
          Effect.tapError((error) => Effect.logWarning(`getProject ${orgId} ${projectId} failed: ${error._tag}: ${error.message}`)),
          Effect.mapError(documentFailure),
          Effect.withSpan("mem0 document", { attributes: { "mem0.org_id": orgId, "mem0.project_id": projectId } })
        )

      const handle = yield* vscode.registerDocuments(DOCUMENT_SCHEME, {
        read: (path) => {
          const named = parsePath(path)
          switch (named._tag) {
            case "Folder":
              return Effect.succeed(Option.none())
            case "None":
              return Effect.fail({ reason: "notFound", message: "No such Mem0 document." })
            case "File":
              if (named.file !== SETTINGS_FILE) return Effect.fail({ reason: "notFound", message: "No such Mem0 document." })
              served.add(path)
              return Effect.map(readSettings(named.orgId, named.projectId), Option.some)
          }
        }
      })

      yield* Effect.acquireRelease(
        Effect.sync(() =>
          tree.source.onDidChange((node) => {
            if (node === undefined && served.size > 0) handle.changed([...served])
          })
        ),
        (unsubscribe) => Effect.sync(unsubscribe)
      )

      return ProjectDocuments.of({
        showSettings: (orgId, projectId) =>
          vscode.openDocument(DOCUMENT_SCHEME, settingsPath(orgId, projectId)).pipe(
            Effect.tapError((reason) => Effect.logWarning(`opening the settings of ${orgId} ${projectId} failed: ${reason}`)),
            Effect.mapError(() => "Could not open the project's settings; see Mem0: Show Logs.")
          )
      })
    })
  )
}
