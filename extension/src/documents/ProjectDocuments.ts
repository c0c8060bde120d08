/**
 * The `mem0:` documents of a project, under `mem0:/<key>/<org_id>/<project_id>/`,
 * each fetched fresh when opened or reloaded, with the key named in its path
 * (the one its row was read with; `$env` for the `MEM0_API_KEY` variable):
 *
 * - `project.mem0.json`: the project's settings (instructions, categories,
 *   flags, members) as read-only JSON;
 * - `custom_instructions.mem0.txt`: the custom instructions, as plain text (no
 *   Markdown preview: an image link in them is never fetched);
 * - `custom_categories.mem0.json`: the custom categories, a JSON list of
 *   `{ "name": "description" }` objects.
 *
 * The names are the extension's own, so no JSON schema of VS Code's schema
 * store matches them, and the instructions have a language of their own
 * whose defaults turn off formatting and trimming on save.
 *
 * A document is bound to the key that first read it, at the base URL that
 * key was added for: it is read and saved with that key only. If the key
 * under that name was replaced or removed, nothing is read or saved; if
 * another key is in use now, a save asks first, naming both.
 *
 * The last two are writable for the project's owners. Only an explicit save
 * of an open, dirty editor PATCHes (never auto save, never another
 * extension's `workspace.fs.writeFile`), with the editor's text as typed,
 * sent as UTF-8: text with replacement characters or NULs that the server's
 * copy did not have is refused. Just before the PATCH the project is read
 * again: if the field changed on the server since the editor read it (even
 * to text of the same length), the save asks before overwriting, unless
 * VS Code itself already asked. A failed save keeps the editor dirty with
 * the reason, in fixed words.
 *
 * Server text stays data: JSON-escaped, with the invisible characters that
 * could reorder or hide what an editor shows (bidi controls, C1) written as
 * `\u` escapes, and nested at most {@link MAX_DOCUMENT_DEPTH} levels deep. A
 * tree refresh tells open documents to reload.
 */
import { t } from "../platform/L10n.js"
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { Mem0ClientService, ProjectPatch } from "effect-mem0/Mem0Client"
import type { Project, ProjectMember } from "effect-mem0/Project"
import { ENV_KEY } from "../model/ApiKey.js"
import { KeyClients, type KeyClientError, type KeyClientsService, describeKey, type KeyIdentity, sameIdentity } from "../model/KeyClients.js"
import { label } from "../platform/Display.js"
import { DOCUMENT_SCHEME } from "../platform/Ids.js"
import { ownSync } from "../platform/Owned.js"
import { OrganizationsTree, type OrganizationsTreeService, type LoadError } from "../tree/OrganizationsTree.js"
import { ownsProject } from "../tree/Rows.js"
import { remedyOf } from "../model/Remedy.js"
import { eventDocument, memoryDocument } from "./Records.js"
import { type DocumentFailure, type ServedDocument, VsCode, type VsCodeApi } from "../platform/VsCodeApi.js"

/** The documents of a project. */
export const FILES = {
  settings: "project.mem0.json",
  instructions: "custom_instructions.mem0.txt",
  categories: "custom_categories.mem0.json"
} as const

/** The path segment of the `MEM0_API_KEY` environment variable (no stored key's name encodes to it: `$` is escaped). */
export const ENV_SEGMENT = "$env"

/** A key's path segment: its name, percent-encoded; {@link ENV_SEGMENT} for the environment's. */
const keySegment = (key: string | undefined): string => (key === undefined ? ENV_SEGMENT : encodeURIComponent(key))

/** The path of one of a project's documents read with a key (each part one path segment, percent-encoded). */
export const documentPath = (key: string | undefined, orgId: string, projectId: string, file: string): string =>
  `/${keySegment(key)}/${encodeURIComponent(orgId)}/${encodeURIComponent(projectId)}/${file}`

/** The path of a project's settings document. */
export const settingsPath = (key: string | undefined, orgId: string, projectId: string): string =>
  documentPath(key, orgId, projectId, FILES.settings)

/** What a `mem0:` path names: a folder (key, organization or project), a project's file, or nothing. */
export type DocumentPath =
  | { readonly _tag: "Folder" }
  | {
    readonly _tag: "File"
    /** The key's name; `undefined` for the environment's. */
    readonly key: string | undefined
    readonly orgId: string
    readonly projectId: string
    readonly file: string
  }
  | {
    /** A memory or an event of the project, read-only: `<project>/memories/<id>.mem0.json`. */
    readonly _tag: "Record"
    readonly key: string | undefined
    readonly orgId: string
    readonly projectId: string
    readonly kind: RecordKind
    readonly id: string
  }
  | { readonly _tag: "None" }

/** The records a project's documents show. */
export type RecordKind = "memories" | "events"

/** The suffix of a record's document name. */
const RECORD_SUFFIX = ".mem0.json"

/** The path of a memory's or an event's document read with a key. */
export const recordPath = (key: string | undefined, orgId: string, projectId: string, kind: RecordKind, id: string): string =>
  `/${keySegment(key)}/${encodeURIComponent(orgId)}/${encodeURIComponent(projectId)}/${kind}/${encodeURIComponent(id)}${RECORD_SUFFIX}`

const parseRecord = (parts: ReadonlyArray<string>): DocumentPath => {
  const [key, orgId, projectId, kind, name] = parts as [string, string, string, string, string]
  if ((kind !== "memories" && kind !== "events") || !name.endsWith(RECORD_SUFFIX)) return { _tag: "None" }
  try {
    return {
      _tag: "Record",
      key: key === ENV_SEGMENT ? undefined : decodeURIComponent(key),
      orgId: decodeURIComponent(orgId),
      projectId: decodeURIComponent(projectId),
      kind,
      id: decodeURIComponent(name.slice(0, -RECORD_SUFFIX.length))
    }
  } catch {
    return { _tag: "None" }
  }
}

export const parsePath = (path: string): DocumentPath => {
  if (!path.startsWith("/")) return { _tag: "None" }
  const parts = path.slice(1).split("/")
  if (parts.length === 1 && parts[0] === "") return { _tag: "Folder" } // the root
  if (parts.some((part) => part === "")) return { _tag: "None" }
  if (parts.length === 5) return parseRecord(parts)
  if (parts.length > 4) return { _tag: "None" }
  if (parts.length < 4) return { _tag: "Folder" }
  try {
    const [key, orgId, projectId, file] = parts as [string, string, string, string]
    return {
      _tag: "File",
      key: key === ENV_SEGMENT ? undefined : decodeURIComponent(key),
      orgId: decodeURIComponent(orgId),
      projectId: decodeURIComponent(projectId),
      file: decodeURIComponent(file)
    }
  } catch {
    return { _tag: "None" } // a malformed escape
  }
}

/** Characters JSON leaves as they are but an editor would act on: C1 controls, bidi controls, line separators. */
const INVISIBLE = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g

/** How deep server data may nest in a document. */
export const MAX_DOCUMENT_DEPTH = 32

/** Whether a value nests deeper than `max` (counted without recursion, so any depth is safe to ask). */
export const nestsDeeperThan = (value: unknown, max: number): boolean => {
  const stack: Array<[unknown, number]> = [[value, 0]]
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!
    if (typeof current !== "object" || current === null) continue
    if (depth >= max) return true
    for (const child of Object.values(current)) stack.push([child, depth + 1])
  }
  return false
}

/** Server data too deeply nested to show as a document. */
export const tooDeep = (): DocumentFailure => ({
  reason: "unavailable",
  message: t("Mem0 sent data nested more than {0} levels deep; it cannot be shown as a document.", MAX_DOCUMENT_DEPTH)
})

/** JSON text in which no server string can hide or reorder what is shown. */
export const jsonText = (value: unknown): string =>
  `${
    JSON.stringify(value, null, 2).replace(INVISIBLE, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, "0")}`)
  }\n`

/** A decoded value as JSON data: dates as ISO strings, models as their fields. */
export const plain = (value: unknown): unknown => {
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

/** A project's settings document: every field Mem0 sent (and the model knows), its members last; or why it cannot be shown. */
export const projectSettingsText = (
  orgId: string,
  project: Project,
  members: ReadonlyArray<ProjectMember> | undefined
): Either.Either<string, DocumentFailure> => {
  const list = members ?? project.members
  if (nestsDeeperThan(project, MAX_DOCUMENT_DEPTH) || nestsDeeperThan(list, MAX_DOCUMENT_DEPTH)) return Either.left(tooDeep())
  const fields = plain(project) as Record<string, unknown>
  const ordered: Record<string, unknown> = { org_id: orgId }
  for (const key of FIRST) if (fields[key] !== undefined) ordered[key] = fields[key]
  for (const [key, value] of Object.entries(fields)) {
    if (!(key in ordered) && key !== "members" && value !== undefined) ordered[key] = value
  }
  if (list !== undefined) ordered["members"] = plain(list)
  return Either.right(jsonText(ordered))
}

/** A project's custom categories as their document's text, or why they cannot be shown. */
export const categoriesText = (project: Project): Either.Either<string, DocumentFailure> =>
  nestsDeeperThan(project.custom_categories, MAX_DOCUMENT_DEPTH)
    ? Either.left(tooDeep())
    : Either.right(jsonText(project.custom_categories ?? []))

/** A field of a project as its document shows it. */
const fieldText = (project: Project, file: string): Either.Either<string, DocumentFailure> =>
  file === FILES.instructions ? Either.right(project.custom_instructions ?? "") : categoriesText(project)

/** Custom categories as typed in their document, or why they cannot be sent. */
export const parseCategories = (
  text: string
): Either.Either<ReadonlyArray<Readonly<Record<string, string>>>, string> => {
  let parsed: unknown
  try {
    parsed = JSON.parse(text)
  } catch (error) {
    return Either.left(t("{0} is not valid JSON: {1}", FILES.categories, error instanceof Error ? error.message : String(error)))
  }
  if (!Array.isArray(parsed)) return Either.left(t("{0} must be a JSON list of {\"category\": \"description\"} objects.", FILES.categories))
  for (const [i, item] of parsed.entries()) {
    if (typeof item !== "object" || item === null || Array.isArray(item)) {
      return Either.left(t("{0} must be a JSON list of {\"category\": \"description\"} objects: item {1} is not an object.", FILES.categories, i + 1))
    }
    for (const [key, value] of Object.entries(item as Record<string, unknown>)) {
      if (typeof value !== "string") {
        return Either.left(
          t("{0} must be a JSON list of {\"category\": \"description\"} objects: the description of \"{1}\" (item {2}) is not a string.", FILES.categories, key, i + 1)
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
export const documentFailure = (error: LoadError, record?: RecordKind): DocumentFailure => {
  switch (error._tag) {
    case "Mem0NotFound":
      return {
        reason: "notFound",
        message: record === "memories"
          ? t("Mem0 has no such memory (404); it may have been deleted.")
          : record === "events"
          ? t("Mem0 has no such event (404).")
          : t("Mem0 has no such project (404).")
      }
    case "Mem0Forbidden":
      return { reason: "noPermissions", message: t("Not allowed to see this project (403).") }
    case "KeyChanged":
      return {
        reason: "unavailable",
        message: t("The key that read this document, {0}, was replaced or removed; close it and open it again.", describeKey(error.readWith))
      }
    default:
      return { reason: "unavailable", message: t("{0}.", remedyOf(error, "projects").summary) }
  }
}

/** Counts a character in a text. */
const count = (text: string, ch: string): number => text.split(ch).length - 1

/** Why typed text cannot be sent: replacement characters or NULs the server's copy did not have (a wrong encoding). */
export const encodingProblem = (typed: string, served: string | undefined): string | undefined =>
  count(typed, "\ufffd") > count(served ?? "", "\ufffd") || count(typed, "\u0000") > count(served ?? "", "\u0000")
    ? t("Not saved: the text has replacement characters (\ufffd) or NUL characters that Mem0's copy does not have, as after reading it in another encoding. Reopen the document (File: Revert File) and type again.")
    : undefined

const documentReads = (
  { keyClients }: { readonly keyClients: KeyClientsService },
  bound: Map<string, KeyIdentity>
) => {
  const logged = (what: string, orgId: string, projectId: string) =>
  <A, E extends { readonly _tag: string; readonly message: string }, R>(self: Effect.Effect<A, E, R>) =>
    Effect.tapError(self, (error) => Effect.logWarning(`${what} ${orgId} ${projectId} failed: ${error._tag}: ${error.message}`))

  const traced = (orgId: string, projectId: string) =>
    Effect.withSpan("mem0 document", { attributes: { "mem0.org_id": orgId, "mem0.project_id": projectId } })

  const mtimeOf = (project: Project) => (project.updated_at === undefined ? 0 : DateTime.toEpochMillis(project.updated_at))

  /**
   * The client of a document's key: the one it is bound to, else (first read) the key of that name
   * now, which it is then bound to. The environment's key is used only while it is the one in use.
   */
  const clientFor = (path: string, key: string | undefined, latest = false): Effect.Effect<
    { readonly client: Mem0ClientService; readonly identity: KeyIdentity },
    KeyClientError | NoSuchKey
  > =>
    Effect.gen(function*() {
      const known = bound.get(path)
      if (known !== undefined) return { client: yield* keyClients.clientOf(known, { latest }), identity: known }
      if (key === undefined) {
        const now = yield* keyClients.current
        if (now.identity.name !== undefined) {
          return yield* Effect.fail(new NoSuchKey())
        }
        bound.set(path, now.identity)
        return now
      }
      const named = yield* keyClients.clientNamed(key)
      if (Option.isNone(named)) return yield* Effect.fail(new NoSuchKey())
      bound.set(path, named.value.identity)
      return named.value
    })

  const readFile = (path: string, doc: Extract<DocumentPath, { _tag: "File" }>) =>
    Effect.gen(function*() {
      const { orgId, projectId, file } = doc
      const { client } = yield* clientFor(path, doc.key)
      if (file === FILES.settings) {
        const [project, members] = yield* Effect.all([
          client.getProject(orgId, projectId),
          Effect.either(client.listProjectMembers(orgId, projectId))
        ], { concurrency: 2 })
        return { text: projectSettingsText(orgId, project, Either.getOrUndefined(members)), readonly: true, mtime: mtimeOf(project) }
      }
      const project = yield* client.getProject(orgId, projectId)
      return { text: fieldText(project, file), readonly: !ownsProject(project), mtime: mtimeOf(project) }
    }).pipe(
      logged("getProject", doc.orgId, doc.projectId),
      Effect.mapError((error) => (error._tag === "NoSuchKey" ? noKey(doc.key) : documentFailure(error))),
      Effect.flatMap(({ mtime, readonly, text }) =>
        Either.match(text, {
          onLeft: (failure) => Effect.fail(failure),
          onRight: (content) => Effect.succeed({ content, readonly, mtime } satisfies ServedDocument)
        })),
      traced(doc.orgId, doc.projectId)
    )

  /** A memory (with its history) or an event, as read-only JSON. */
  const readRecord = (path: string, doc: Extract<DocumentPath, { _tag: "Record" }>) =>
    Effect.gen(function*() {
      const { client } = yield* clientFor(path, doc.key)
      if (doc.kind === "events") return eventDocument(yield* client.getEvent(doc.id))
      const [memory, history] = yield* Effect.all([client.getMemory(doc.id), Effect.either(client.memoryHistory(doc.id))], { concurrency: 2 })
      return memoryDocument(memory, history)
    }).pipe(
      logged(doc.kind === "events" ? "getEvent" : "getMemory", doc.orgId, doc.projectId),
      Effect.mapError((error) => (error._tag === "NoSuchKey" ? noKey(doc.key) : documentFailure(error, doc.kind))),
      Effect.flatMap(Either.match({
        onLeft: (failure) => Effect.fail(failure),
        onRight: ({ content, mtime }) => Effect.succeed({ content, readonly: true, mtime } satisfies ServedDocument)
      })),
      traced(doc.orgId, doc.projectId)
    )

  const noKey = (key: string | undefined): DocumentFailure => ({
    reason: "unavailable",
    message: key === undefined
      ? t("This document was read with the {0} environment variable, which is not the key in use now.", ENV_KEY)
      : t("No key named \"{0}\" is stored now; this document cannot be read or saved with it.", label(key, 40))
  })

  return { logged, traced, mtimeOf, clientFor, readFile, readRecord, noKey }
}

/** Saving a document: only after the checks described at the top of this module. */
const documentSaves = (
  { keyClients, tree, vscode }: { readonly vscode: VsCodeApi; readonly keyClients: KeyClientsService; readonly tree: OrganizationsTreeService },
  { clientFor, logged, mtimeOf, noKey, traced }: ReturnType<typeof documentReads>
) => {
  const notSaved = (message: string): DocumentFailure => ({ reason: "unavailable", message })

  const writeFile = (
    path: string,
    doc: Extract<DocumentPath, { _tag: "File" }>,
    content: string,
    served: ServedDocument | undefined
  ): Effect.Effect<void, DocumentFailure> =>
    Effect.gen(function*() {
      const { file, orgId, projectId } = doc
      const encoding = encodingProblem(content, served?.content)
      if (encoding !== undefined) return yield* Effect.fail(notSaved(encoding))
      const patch: Either.Either<ProjectPatch, string> = file === FILES.instructions
        ? Either.right({ custom_instructions: content })
        : Either.map(parseCategories(content), (custom_categories) => ({ custom_categories }))
      if (Either.isLeft(patch)) return yield* Effect.fail(notSaved(patch.left))
      // a save checks the keys as stored at this moment (see KeyClients.latest)
      const { client, identity } = yield* clientFor(path, doc.key, true).pipe(
        Effect.mapError((error) => (error._tag === "NoSuchKey" ? noKey(doc.key) : documentFailure(error)))
      )
      // Another key in use now (switched here or in another window): the save asks, naming both.
      const now = yield* Effect.either(keyClients.latest)
      if (Either.isLeft(now) || !sameIdentity(now.right.identity, identity)) {
        const sure = yield* vscode.confirm(
          t("Save {0} with {1}?", file, describeKey(identity)),
          Either.isRight(now)
            ? t("This document was read with {0}. The key in use now is {1}; the save goes with the key that read it.", describeKey(identity), describeKey(now.right.identity))
            : t("This document was read with {0}. No usable key is in use now; the save goes with the key that read it.", describeKey(identity)),
          t("Save with This Key")
        )
        if (!sure) return yield* Effect.fail(notSaved(t("Not saved: the key in use changed since this document was read.")))
      }
      // The field as the server has it now, compared by content with what this editor read.
      const fresh = yield* client.getProject(orgId, projectId).pipe(logged("getProject", orgId, projectId), Effect.mapError(documentFailure))
      const freshText = Either.getOrUndefined(fieldText(fresh, file))
      if (served !== undefined && freshText !== served.content) {
        const size = (text: string | undefined) => new TextEncoder().encode(text ?? "").byteLength
        // VS Code asks by itself when the date moved on and the size changed: the person chose to overwrite.
        const vsCodeAsked = mtimeOf(fresh) > served.mtime && size(freshText) !== size(served.content)
        if (!vsCodeAsked) {
          const overwrite = yield* vscode.confirm(
            t("{0} changed on Mem0 since this editor read it. Overwrite it with your text?", file),
            t("Someone changed the project's {0} meanwhile. File: Revert File shows their version (your text is lost then); Overwrite replaces theirs.", file),
            t("Overwrite")
          )
          if (!overwrite) return yield* Effect.fail(notSaved(t("Not saved: {0} changed on Mem0 since this editor read it.", file)))
        }
      }
      yield* client.updateProject(orgId, projectId, patch.right).pipe(logged("updateProject", orgId, projectId), Effect.mapError(saveFailure))
      // the project's rows show its dates and settings: load them again
      yield* tree.changed({ _tag: "Projects", orgId })
    }).pipe(traced(doc.orgId, doc.projectId))

  return { writeFile }
}

/** Reading and saving documents, with the key their path names. */
const documentIo = (services: Parameters<typeof documentSaves>[0], bound: Map<string, KeyIdentity>) => {
  const reads = documentReads(services, bound)
  return { readFile: reads.readFile, readRecord: reads.readRecord, writeFile: documentSaves(services, reads).writeFile }
}

export interface ProjectDocumentsService {
  /** Opens a project's settings in an editor; fails with fixed wording when it cannot be read. */
  readonly showSettings: (orgId: string, projectId: string) => Effect.Effect<void, string>
  /** Opens a project's custom instructions or categories in an editor (read-only unless the caller owns it). */
  readonly edit: (orgId: string, projectId: string, file: "instructions" | "categories") => Effect.Effect<void, string>
  /** Opens a memory (with its history) or an event as a read-only document, read with the key its row was read with. */
  readonly openRecord: (key: KeyIdentity, orgId: string, projectId: string, kind: RecordKind, id: string) => Effect.Effect<void, string>
}

export class ProjectDocuments extends Context.Tag("mem0-vscode/ProjectDocuments")<
  ProjectDocuments,
  ProjectDocumentsService
>() {
  /** The service, built in the caller's scope (`main.ts` builds every service in one layer). */
  static readonly make = Effect.gen(function*() {
    const vscode = yield* VsCode
    const keyClients = yield* KeyClients
    const tree = yield* OrganizationsTree
    /** Paths read in this activation, with the key each is bound to (told to reload on refresh). */
    const bound = new Map<string, KeyIdentity>()

    const { readFile, readRecord, writeFile } = documentIo({ vscode, keyClients, tree }, bound)

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
            return Effect.map(readFile(path, doc), Option.some)
          case "Record":
            return Effect.map(readRecord(path, doc), Option.some)
        }
      },
      write: (path, content, served) => {
        const doc = named(path)
        if (doc._tag === "Record") {
          return Effect.fail<DocumentFailure>({ reason: "noPermissions", message: t("Memories and events are read-only documents.") })
        }
        if (doc._tag !== "File") return Effect.fail(noSuch())
        if (doc.file === FILES.settings) {
          return Effect.fail<DocumentFailure>({ reason: "noPermissions", message: t("{0} is read-only.", FILES.settings) })
        }
        return writeFile(path, doc, content, served)
      }
    })

    yield* ownSync(
      () =>
        tree.onRefresh(() => {
          if (bound.size > 0) handle.changed([...bound.keys()])
        }),
      (unsubscribe) => unsubscribe()
    )

    /** Opens a document with the key the tree's rows were read with (else the key in use), bound to it anew. */
    const open = (orgId: string, projectId: string, file: string, what: () => string) =>
      Effect.gen(function*() {
        const key = tree.readWith() ?? Option.getOrUndefined(Option.map(yield* Effect.option(keyClients.current), (c) => c.identity))
        const path = documentPath(key?.name, orgId, projectId, file)
        bound.delete(path) // opened now: read with that key as it is now
        return yield* vscode.openDocument(DOCUMENT_SCHEME, path).pipe(
          Effect.tapError((reason) => Effect.logWarning(`opening ${file} of ${orgId} ${projectId} failed: ${reason}`)),
          Effect.mapError(() => what())
        )
      })

    return ProjectDocuments.of({
      showSettings: (orgId, projectId) =>
        open(orgId, projectId, FILES.settings, () => t("Could not open the project's settings; see Mem0: Show Logs.")),
      edit: (orgId, projectId, file) =>
        file === "instructions"
          ? open(orgId, projectId, FILES.instructions, () => t("Could not open the project's custom instructions; see Mem0: Show Logs."))
          : open(orgId, projectId, FILES.categories, () => t("Could not open the project's custom categories; see Mem0: Show Logs.")),
      openRecord: (key, orgId, projectId, kind, id) =>
        Effect.suspend(() => {
          const path = recordPath(key.name, orgId, projectId, kind, id)
          bound.set(path, key) // read with the key the row was read with, nothing else
          return vscode.openDocument(DOCUMENT_SCHEME, path).pipe(
            Effect.tapError((reason) => Effect.logWarning(`opening ${kind} ${id} failed: ${reason}`)),
            Effect.mapError(() =>
              kind === "memories" ? t("Could not open the memory; see Mem0: Show Logs.") : t("Could not open the event; see Mem0: Show Logs.")
            )
          )
        })
    })
  })

  static readonly layer = Layer.scoped(ProjectDocuments, ProjectDocuments.make)
}

/** No stored key of the document's name (or the environment's key is not in use). */
class NoSuchKey extends Data.TaggedError("NoSuchKey")<{}> {
  override get message() {
    return "no stored key of the document's name"
  }
}
