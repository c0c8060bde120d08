/**
 * The `mem0:` documents of a project, under `mem0:/<org_id>/<project_id>/`,
 * each fetched fresh when opened or reloaded:
 *
 * - `project.json`: the project's settings (instructions, categories, flags,
 *   members) as read-only JSON;
 * - `custom_instructions.md`: the custom instructions, as text;
 * - `custom_categories.json`: the custom categories, a JSON list of
 *   `{ "name": "description" }` objects.
 *
 * The last two are writable for the project's owners: saving PATCHes the
 * project (the core sends the instructions as the list the PATCH documents).
 * A failed save keeps the editor dirty with the reason, in fixed words. Each
 * document's `mtime` is the project's `updated_at`, so VS Code asks before
 * overwriting a version changed on the server meanwhile.
 *
 * Server text stays data: JSON-escaped, with the invisible characters that
 * could reorder or hide what an editor shows (bidi controls, C1) written as
 * `\u` escapes. A tree refresh tells open documents to reload.
 */
import { t } from "./L10n.js"
import * as Context from "effect/Context"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { ProjectPatch } from "effect-mem0/Mem0Client"
import type { Project, ProjectMember } from "effect-mem0/Project"
import { Connection } from "./Connection.js"
import { DOCUMENT_SCHEME } from "./Ids.js"
import { OrganizationsTree, type LoadError } from "./OrganizationsTree.js"
import { ownsProject } from "./TreeNodes.js"
import { remedyOf } from "./Remedy.js"
import { type DocumentFailure, type ServedDocument, VsCode } from "./VsCodeApi.js"

/** The documents of a project. */
export const FILES = {
  settings: "project.json",
  instructions: "custom_instructions.md",
  categories: "custom_categories.json"
} as const

/** The path of one of a project's documents (each id one path segment, percent-encoded). */
export const documentPath = (orgId: string, projectId: string, file: string): string =>
  `/${encodeURIComponent(orgId)}/${encodeURIComponent(projectId)}/${file}`

/** The path of a project's settings document. */
export const settingsPath = (orgId: string, projectId: string): string => documentPath(orgId, projectId, FILES.settings)

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

/** Custom categories as typed in `custom_categories.json`, or why they cannot be sent. */
export const parseCategories = (
  text: string
): Either.Either<ReadonlyArray<Readonly<Record<string, string>>>, string> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return Either.left(t("custom_categories.json is not valid JSON: {0}", error instanceof Error ? error.message : String(error)))
  }
  if (!Array.isArray(parsed)) return Either.left(t("custom_categories.json must be a JSON list of {\"category\": \"description\"} objects."))
  for (const [i, item] of parsed.entries()) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return Either.left(t("custom_categories.json must be a JSON list of {\"category\": \"description\"} objects: item {0} is not an object.", i + 1))
    }
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (typeof value !== "string") {
        return Either.left(
          t("custom_categories.json must be a JSON list of {\"category\": \"description\"} objects: the description of \"{0}\" (item {1}) is not a string.", key, i + 1)
        )
      }
    }
  }
  return Either.right(parsed as ReadonlyArray<Readonly<Record<string, string>>>)
}

/** Why a save failed, in fixed wording (a server's text goes to the log only). */
export const saveFailure = (error: LoadError): DocumentFailure => {
  switch (error._tag) {
    case "Mem0Forbidden":
      return { reason: "noPermissions", message: t("Only an owner can change this project (403).") }
    case "Mem0BadRequest":
      return { reason: "unavailable", message: t("Mem0 refused the change as invalid (400); see Mem0: Show Logs.") }
    default:
      return documentFailure(error)
  }
}

/** Why a document could not be read, in fixed wording (a server's text goes to the log only). */
export const documentFailure = (error: LoadError): DocumentFailure => {
  switch (error._tag) {
    case "Mem0NotFound":
      return { reason: "notFound", message: t("Mem0 has no such project (404).") }
    case "Mem0Forbidden":
      return { reason: "noPermissions", message: t("Not allowed to see this project (403).") }
    default:
      return { reason: "unavailable", message: t("{0}.", remedyOf(error, "projects").summary) }
  }
}

export interface ProjectDocumentsService {
  /** Opens a project's settings in an editor; fails with fixed wording when it cannot be read. */
  readonly showSettings: (orgId: string, projectId: string) => Effect.Effect<void, string>
  /** Opens a project's custom instructions or categories in an editor (read-only unless the caller owns it). */
  readonly edit: (orgId: string, projectId: string, file: "instructions" | "categories") => Effect.Effect<void, string>
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

      const logged = (what: string, orgId: string, projectId: string) => <A, R>(self: Effect.Effect<A, LoadError, R>) =>
        Effect.tapError(self, (error) => Effect.logWarning(`${what} ${orgId} ${projectId} failed: ${error._tag}: ${error.message}`))

      const traced = (orgId: string, projectId: string) =>
        Effect.withSpan("mem0 document", { attributes: { "mem0.org_id": orgId, "mem0.project_id": projectId } })

      const mtimeOf = (project: Project) => (project.updated_at === undefined ? 0 : DateTime.toEpochMillis(project.updated_at))

      const readFile = (orgId: string, projectId: string, file: string) =>
        Effect.gen(function*() {
          const client = yield* connection.client
          if (file === FILES.settings) {
            const [project, members] = yield* Effect.all([
              client.getProject(orgId, projectId),
              Effect.either(client.listProjectMembers(orgId, projectId))
            ], { concurrency: 2 })
            return {
              content: projectSettingsText(orgId, project, Either.getOrUndefined(members)),
              readonly: true,
              mtime: mtimeOf(project)
            } satisfies ServedDocument
          }
          const project = yield* client.getProject(orgId, projectId)
          return {
            content: file === FILES.instructions ? project.custom_instructions ?? "" : jsonText(project.custom_categories ?? []),
            readonly: !ownsProject(project),
            mtime: mtimeOf(project)
          } satisfies ServedDocument
        }).pipe(logged("getProject", orgId, projectId), Effect.mapError(documentFailure), traced(orgId, projectId))

      const writeFile = (orgId: string, projectId: string, file: string, content: string): Effect.Effect<void, DocumentFailure> =>
        Effect.gen(function*() {
          const patch: Either.Either<ProjectPatch, string> = file === FILES.instructions
            ? Either.right({ custom_instructions: content })
            : Either.map(parseCategories(content), (custom_categories) => ({ custom_categories }))
          if (Either.isLeft(patch)) return yield* Effect.fail<DocumentFailure>({ reason: "unavailable", message: patch.left })
          const update: Effect.Effect<void, LoadError> = Effect.flatMap(
            connection.client,
            (client) => client.updateProject(orgId, projectId, patch.right)
          )
          yield* update.pipe(logged("updateProject", orgId, projectId), Effect.mapError(saveFailure))
          // the project's rows show its dates and settings: load them again
          yield* tree.changed({ _tag: "Projects", orgId })
        }).pipe(traced(orgId, projectId))

      const named = (path: string) => {
        const parsed = parsePath(path)
        return parsed._tag === "File" && !Object.values(FILES).includes(parsed.file as never) ? { _tag: "None" as const } : parsed
      }
      const noSuch = (): DocumentFailure => ({ reason: "notFound", message: t("No such Mem0 document.") })

      const handle = yield* vscode.registerDocuments(DOCUMENT_SCHEME, {
        read: (path): Effect.Effect<Option.Option<ServedDocument>, DocumentFailure> => {
          const doc = named(path)
          switch (doc._tag) {
            case "Folder":
              return Effect.succeed(Option.none())
            case "None":
              return Effect.fail(noSuch())
            case "File":
              served.add(path)
              return Effect.map(readFile(doc.orgId, doc.projectId, doc.file), Option.some)
          }
        },
        write: (path, content) => {
          const doc = named(path)
          if (doc._tag !== "File") return Effect.fail(noSuch())
          if (doc.file === FILES.settings) {
            return Effect.fail<DocumentFailure>({ reason: "noPermissions", message: t("project.json is read-only.") })
          }
          return writeFile(doc.orgId, doc.projectId, doc.file, content)
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

      const open = (orgId: string, projectId: string, file: string, what: () => string) =>
        vscode.openDocument(DOCUMENT_SCHEME, documentPath(orgId, projectId, file)).pipe(
          Effect.tapError((reason) => Effect.logWarning(`opening ${file} of ${orgId} ${projectId} failed: ${reason}`)),
          Effect.mapError(() => what())
        )

      return ProjectDocuments.of({
        showSettings: (orgId, projectId) =>
          open(orgId, projectId, FILES.settings, () => t("Could not open the project's settings; see Mem0: Show Logs.")),
        edit: (orgId, projectId, file) =>
          file === "instructions"
            ? open(orgId, projectId, FILES.instructions, () => t("Could not open the project's custom instructions; see Mem0: Show Logs."))
            : open(orgId, projectId, FILES.categories, () => t("Could not open the project's custom categories; see Mem0: Show Logs."))
      })
    })
  )
}
