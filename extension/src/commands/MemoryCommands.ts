/**
 * What a person does with a project's memories: Load more, open a memory or
 * an event, copy ids, Search…, Filter… and Clear Filter, Export…, and the two
 * changes, Delete Memory and Delete Entity… (refused under `mem0.readOnly`).
 * Every request goes with the key the row was read with (the key bound to
 * the project), never the key in use; a change is sent only after a modal
 * that names what goes, and checks that key against SecretStorage first.
 */
import * as Duration from "effect/Duration"
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import * as Schedule from "effect/Schedule"
import type { Mem0ClientService } from "effect-mem0/Mem0Client"
import type { EventStatus, MemoryEvent } from "effect-mem0/MemoryEvent"
import { ProjectDocuments } from "../documents/ProjectDocuments.js"
import { type ExportFormat, type ExportSource, exportTo, memoriesOf } from "../model/Export.js"
import { describeKey, type KeyClientError, KeyClients } from "../model/KeyClients.js"
import type { LoadKey } from "../model/LoadKey.js"
import type { LoadError } from "../model/Mem0Data.js"
import { type ActivityFilter, dateProblem, isActivityFiltered, type ListFilter, type SearchQuery, withSearchFilter } from "../model/MemoryQuery.js"
import { remedyOf } from "../model/Remedy.js"
import { excerpt, label, visible } from "../platform/Display.js"
import { COMMANDS } from "../platform/Ids.js"
import { t } from "../platform/L10n.js"
import { VsCode } from "../platform/VsCodeApi.js"
import { OrganizationsTree } from "../tree/OrganizationsTree.js"
import { entityField, type MemoriesNode, type MemoryListNode, type MemoryNode, type SearchNode } from "../tree/Rows.js"
import { Picks } from "./Picks.js"
import { defineCommand, type Feature, rowArgument } from "./Registry.js"

const IDS = [
  COMMANDS.loadMore,
  COMMANDS.openMemory,
  COMMANDS.openEvent,
  COMMANDS.copyMemoryId,
  COMMANDS.copyEntityId,
  COMMANDS.searchMemories,
  COMMANDS.clearSearch,
  COMMANDS.filterMemories,
  COMMANDS.clearFilter,
  COMMANDS.exportMemories,
  COMMANDS.deleteMemory,
  COMMANDS.deleteEntity
]

/** Longest search query typed. */
export const MAX_QUERY = 2000

/** How often, and how many times, a delete's event is asked about before the row stops waiting. */
const DELETE_POLL = { every: Duration.seconds(1), times: 120 }

/** Why a typed top_k cannot be used. */
export const topKProblem = (text: string): string | undefined => {
  const n = Number(text)
  return /^\d+$/.test(text.trim()) && n >= 1 && n <= 1000 ? undefined : t("Type a whole number from 1 to 1000.")
}

/** Why a typed threshold cannot be used. */
export const thresholdProblem = (text: string): string | undefined => {
  const n = Number(text)
  return text.trim() !== "" && Number.isFinite(n) && n >= 0 && n <= 1 ? undefined : t("Type a number from 0 to 1.")
}

/** Everything a feature's flows need. */
const services = Effect.all({
  vscode: VsCode,
  tree: OrganizationsTree,
  keyClients: KeyClients,
  documents: ProjectDocuments,
  picks: Picks
})
type Services = Effect.Effect.Success<typeof services>

/** The rows whose loads a change in a project's memories touches: every load read with that key but the bindings. */
const touched = (keyId: string) => (key: LoadKey) => "keyId" in key && key.keyId === keyId

/** Search: the query, then top_k and threshold (Enter keeps the defaults). */
const askSearch = ({ vscode }: Services, on: string) =>
  Effect.gen(function*() {
    const query = yield* vscode.showInputBox({
      title: t("Search memories of {0}", on),
      prompt: t("What to look for (a semantic search: Mem0 ranks memories by meaning)"),
      validate: (v) => (v.trim() === "" ? t("Type what to look for.") : v.length > MAX_QUERY ? t("At most {0} characters.", MAX_QUERY) : undefined)
    })
    if (Option.isNone(query)) return Option.none()
    const topK = yield* vscode.showInputBox({ title: t("Search: how many results"), prompt: t("top_k: how many results, 1 to 1000"), value: "10", validate: topKProblem })
    if (Option.isNone(topK)) return Option.none()
    const threshold = yield* vscode.showInputBox({ title: t("Search: lowest score"), prompt: t("threshold: the lowest score shown, 0 to 1"), value: "0.1", validate: thresholdProblem })
    if (Option.isNone(threshold)) return Option.none()
    return Option.some({ query: query.value.trim(), topK: Number(topK.value), threshold: Number(threshold.value) })
  })

/** Filter: categories (from Mem0's list of the project's), created from and until, text, expired; each prefilled. */
const askFilter = (
  { keyClients, vscode }: Services,
  node: { readonly binding: MemoryListNode["binding"] },
  current: ListFilter | undefined,
  /** Whether to ask for text (a list); a search cannot take it. */
  withText = true
) =>
  Effect.gen(function*() {
    const known = yield* keyClients.clientOf(node.binding.identity).pipe(
      Effect.flatMap((client) => client.entityFilters()),
      Effect.map((f) => f.categories),
      Effect.orElseSucceed((): ReadonlyArray<string> => [])
    )
    const all = [...new Set([...known, ...(current?.categories ?? [])])]
    const categories = all.length === 0
      ? Option.some<ReadonlyArray<string>>([])
      : yield* vscode.showMultiPick(
        all.map((c) => ({ label: label(c, 80), value: c, picked: current?.categories?.includes(c) === true })),
        { title: t("Filter: categories (none checked: any)"), placeHolder: t("Check the categories to show") }
      )
    if (Option.isNone(categories)) return Option.none()
    const from = yield* vscode.showInputBox({ title: t("Filter: created from"), prompt: t("Created on or after (YYYY-MM-DD; empty: any)"), value: current?.from ?? "", validate: dateProblem })
    if (Option.isNone(from)) return Option.none()
    const to = yield* vscode.showInputBox({ title: t("Filter: created until"), prompt: t("Created on or before (YYYY-MM-DD; empty: any)"), value: current?.to ?? "", validate: dateProblem })
    if (Option.isNone(to)) return Option.none()
    const text = withText
      ? yield* vscode.showInputBox({ title: t("Filter: text"), prompt: t("Memories containing this text (empty: any)"), value: current?.text ?? "" })
      : Option.some("")
    if (Option.isNone(text)) return Option.none()
    const expired = yield* vscode.showQuickPick(
      Effect.succeed([
        { label: t("Hide expired memories"), value: false },
        { label: t("Show expired memories too"), value: true }
      ]),
      { title: t("Filter: expired memories"), placeHolder: current?.showExpired === true ? t("Now: shown") : t("Now: hidden") }
    )
    if (Option.isNone(expired)) return Option.none()
    const filter: ListFilter = {
      ...(categories.value.length > 0 ? { categories: categories.value } : {}),
      ...(from.value === "" ? {} : { from: from.value }),
      ...(to.value === "" ? {} : { to: to.value }),
      ...(text.value === "" ? {} : { text: text.value }),
      ...(expired.value ? { showExpired: true } : {})
    }
    return Option.some(filter)
  })

/** Event statuses, as Activity's Filter... offers them. */
const EVENT_STATUSES: ReadonlyArray<EventStatus> = ["FAILED", "PENDING", "RUNNING", "SUCCEEDED"]
/** Event types Mem0 records, as Activity's Filter... offers them. */
const EVENT_TYPES: ReadonlyArray<string> = ["ADD", "SEARCH", "UPDATE", "DELETE"]

/** Activity's filter: a status, then a type (each "any" or one). `None` when dismissed. */
const askActivityFilter = ({ vscode }: Services, current: ActivityFilter | undefined) =>
  Effect.gen(function*() {
    const now = (value: string | undefined) => (value === undefined ? t("Now: any") : t("Now: {0}", value))
    // "any" is an entry of its own: a pick's value is never undefined (that is a dismissed pick)
    const status = yield* vscode.showQuickPick(
      Effect.succeed([
        { label: t("Any status"), value: { status: undefined } as { readonly status: EventStatus | undefined } },
        ...EVENT_STATUSES.map((s) => ({
          label: s,
          ...(s === "FAILED" ? { description: t("why a memory is missing") } : s === "PENDING" ? { description: t("still being processed") } : {}),
          value: { status: s }
        }))
      ]),
      { title: t("Filter Activity: status"), placeHolder: now(current?.status) }
    )
    if (Option.isNone(status)) return Option.none<ActivityFilter>()
    const type = yield* vscode.showQuickPick(
      Effect.succeed([
        { label: t("Any type"), value: { eventType: undefined } as { readonly eventType: string | undefined } },
        ...EVENT_TYPES.map((e) => ({ label: e, value: { eventType: e } }))
      ]),
      { title: t("Filter Activity: event type"), placeHolder: now(current?.eventType) }
    )
    if (Option.isNone(type)) return Option.none<ActivityFilter>()
    return Option.some<ActivityFilter>({
      ...(status.value.status === undefined ? {} : { status: status.value.status }),
      ...(type.value.eventType === undefined ? {} : { eventType: type.value.eventType })
    })
  })

/** A failure said in fixed words (the server's own text goes to the log). */
const failed = ({ vscode }: Services, what: string, error: LoadError | KeyClientError) =>
  Effect.zipRight(
    Effect.logWarning(`${what} failed: ${error._tag}: ${error.message}`),
    Effect.asVoid(vscode.showMessage("error", t("{0}: {1}.", what, remedyOf(error, "change").summary)))
  )

/** Export: the format, the file, then the stream under a progress notification with Cancel. */
const exportFlow = (s: Services, what: string, row: { readonly binding: MemoryNode["binding"] }, source: ExportSource, total: number | undefined) =>
  Effect.gen(function*() {
    const { keyClients, vscode } = s
    const format = yield* vscode.showQuickPick(
      Effect.succeed([
        { label: "JSONL", description: t("one memory per line"), value: "jsonl" as ExportFormat },
        { label: "JSON", description: t("an array of memories"), value: "json" as ExportFormat }
      ]),
      { title: t("Export {0}", what), placeHolder: t("File format") }
    )
    if (Option.isNone(format)) return
    const target = yield* vscode.showSaveDialog({
      title: t("Export"),
      defaultName: `mem0-memories.${format.value}`,
      filters: format.value === "json" ? { JSON: ["json"] } : { JSONL: ["jsonl"] }
    })
    if (Option.isNone(target)) return
    const client = yield* Effect.either(keyClients.clientOf(row.binding.identity))
    if (client._tag === "Left") return yield* failed(s, t("Export"), client.left)
    const done = yield* vscode.withProgress(t("Exporting {0}", what), (report) =>
      exportTo(memoriesOf(client.right, source), target.value, format.value, (n) =>
        report(total === undefined ? t("{0} memories written", n) : t("{0} of {1} memories written", n, total))))
      .pipe(Effect.either)
    if (done._tag === "Left") {
      const error = done.left
      if (error._tag === "ExportFileError") {
        yield* Effect.logWarning(`export to ${target.value} failed: ${error.reason}`)
        return yield* Effect.asVoid(vscode.showMessage("error", t("Could not write the export file; see Mem0: Show Logs. Nothing was left behind.")))
      }
      return yield* failed(s, t("Export"), error)
    }
    if (Option.isNone(done.right)) return yield* vscode.flash(t("Export cancelled; no file was written"))
    yield* vscode.showMessage("info", t("Exported {0} memories to {1}.", done.right.value, visible(target.value, 300)))
  })

/** Deletes a memory after a modal naming its text and id; linked (superseded) memories too if chosen. */
const deleteMemory = (s: Services, node: MemoryNode) =>
  Effect.gen(function*() {
    const { keyClients, vscode } = s
    const alone = t("Delete")
    const linked = t("Delete with Linked Memories")
    const choice = yield* vscode.choose(
      t("Delete the memory \"{0}\"?", visible(excerpt(node.memory.memory, 200), 200)),
      t("id: {0}\nProject: {1}, read with {2}. Mem0 cannot undo this. \"{3}\" also deletes the memories it superseded.", visible(node.memory.id, 100), visible(node.project.name, 100), describeKey(node.binding.identity), linked),
      [alone, linked]
    )
    if (Option.isNone(choice)) return
    const sent = yield* keyClients.clientOf(node.binding.identity, { latest: true }).pipe(
      Effect.flatMap((client) => client.deleteMemory(node.memory.id, { deleteLinked: choice.value === linked })),
      Effect.either
    )
    if (sent._tag === "Left") return yield* failed(s, t("Delete Memory"), sent.left)
    yield* afterChange(s, node)
    yield* vscode.flash(t("Deleted the memory {0}", label(node.memory.id, 80)))
  })

/** After a change: the project's memory loads go, and its Memories row is drawn again. */
const afterChange = ({ tree }: Services, node: { readonly binding: MemoryNode["binding"]; readonly key: string }) => {
  const memoriesKey = node.key.slice(0, node.key.indexOf("/memories") + "/memories".length)
  return Effect.zipRight(tree.forgetWhere(touched(node.binding.identity.id)), tree.redrawRow(memoriesKey))
}

/** Waits for Mem0's delete event to end (bounded), saying "deleting…" on the row meanwhile. */
const awaitDelete = (client: Mem0ClientService, eventId: string) =>
  client.getEvent(eventId).pipe(
    Effect.flatMap((event) => (event.status === "SUCCEEDED" || event.status === "FAILED" ? Effect.succeed(event) : Effect.fail("pending" as const))),
    Effect.retry({ schedule: Schedule.spaced(DELETE_POLL.every), times: DELETE_POLL.times, while: (e) => e === "pending" }),
    Effect.map((event): MemoryEvent | undefined => event),
    Effect.catchAll(() => Effect.succeed(undefined))
  )

/** Deletes an entity after a modal and its id typed; Mem0 deletes asynchronously, the row says so until it ends. */
const deleteEntity = (s: Services, node: MemoryListNode) =>
  Effect.gen(function*() {
    const { keyClients, tree, vscode } = s
    if (node.scope._tag !== "Entity") return
    const { id, type } = node.scope
    const field = entityField(node)
    const sure = yield* vscode.confirm(
      t("Delete {0} \"{1}\" and all its memories?", field, visible(id, 100)),
      t("Project: {0}, read with {1}. Mem0 deletes every memory of this entity; it cannot be undone. You will be asked to type the id.", visible(node.project.name, 100), describeKey(node.binding.identity)),
      t("Delete…")
    )
    if (!sure) return
    const typed = yield* vscode.showInputBox({
      title: t("Delete {0}", field),
      prompt: t("Type the {0} to delete it: {1}", field, visible(id, 100)),
      validate: (v) => (v === id ? undefined : t("Type the {0} exactly as shown.", field))
    })
    if (Option.isNone(typed)) return
    const client = yield* Effect.either(keyClients.clientOf(node.binding.identity, { latest: true }))
    if (client._tag === "Left") return yield* failed(s, t("Delete Entity"), client.left)
    const started = yield* Effect.either(client.right.deleteEntity(type, id))
    if (started._tag === "Left") return yield* failed(s, t("Delete Entity"), started.left)
    tree.browse.deleting.set(node.key, t("deleting…"))
    yield* tree.redrawRow(node.key)
    const event = started.right.eventId === undefined ? undefined : yield* awaitDelete(client.right, started.right.eventId)
    tree.browse.deleting.delete(node.key)
    if (event?.status === "FAILED") {
      yield* vscode.showMessage("error", t("Mem0 could not delete {0} {1}; its event is under Activity.", field, visible(id, 100)))
    }
    yield* afterChange(s, node)
  })

export const memoryCommands: Feature<VsCode | OrganizationsTree | KeyClients | ProjectDocuments | Picks> = {
  name: "memory commands",
  ids: IDS,
  build: Effect.gen(function*() {
    const s = yield* services
    const { documents, picks, tree, vscode } = s
    const opened = (open: Effect.Effect<void, string>) => Effect.catchAll(open, (message) => Effect.asVoid(vscode.showMessage("error", message)))

    return [
      defineCommand(COMMANDS.loadMore, {
        node: rowArgument("LoadMore"),
        run: (row) => Effect.zipRight(Effect.sync(() => tree.browse.more(row.parentKey)), tree.redrawRow(row.parentKey))
      }),
      defineCommand(COMMANDS.openMemory, {
        node: rowArgument("Memory"),
        wrongRow: () => t("Open Memory works on a memory of the Mem0 tree."),
        run: (row) => opened(documents.openRecord(row.binding.identity, row.org.org_id, row.project.project_id, "memories", row.memory.id))
      }),
      defineCommand(COMMANDS.openEvent, {
        node: rowArgument("Event"),
        wrongRow: () => t("Open Event works on an event of the Mem0 tree."),
        run: (row) => opened(documents.openRecord(row.binding.identity, row.org.org_id, row.project.project_id, "events", row.event.id))
      }),
      defineCommand(COMMANDS.copyMemoryId, {
        node: rowArgument("Memory"),
        wrongRow: () => t("Copy Memory Id works on a memory of the Mem0 tree."),
        run: (row) => picks.copy(row.memory.id, t("memory id"))
      }),
      defineCommand(COMMANDS.copyEntityId, {
        node: rowArgument("MemoryList"),
        accepts: (row) => row.scope._tag === "Entity",
        wrongRow: () => t("Copy Entity Id works on a user, agent, app or run of the Mem0 tree."),
        run: (row) => (row.scope._tag === "Entity" ? picks.copy(row.scope.id, entityField(row)) : Effect.void)
      }),
      defineCommand(COMMANDS.searchMemories, {
        node: rowArgument("Memories", "MemoryList"),
        accepts: (row) => (row._tag === "Memories" ? row.binding !== undefined : row.scope._tag === "Entity"),
        wrongRow: () => t("Search… works on a project's Memories or on a user, agent, app or run of the Mem0 tree."),
        run: (row) =>
          Effect.gen(function*() {
            if (row.binding === undefined) return
            const on = row._tag === "Memories" ? visible(row.project.name, 80) : visible(row.scope._tag === "Entity" ? row.scope.id : "", 80)
            const asked = yield* askSearch(s, on)
            if (Option.isNone(asked)) return
            const search: SearchQuery = { ...asked.value, scope: row._tag === "Memories" ? { _tag: "All" } : row.scope }
            tree.browse.addSearch(row.key, search)
            yield* tree.redrawRow(row.key)
          })
      }),
      defineCommand(COMMANDS.clearSearch, {
        node: rowArgument("Search"),
        run: (row: SearchNode) =>
          Effect.zipRight(Effect.sync(() => tree.browse.removeSearch(row.parentKey, row.shown.id)), tree.redrawRow(row.parentKey))
      }),
      defineCommand(COMMANDS.filterMemories, {
        node: rowArgument("MemoryList", "Activity", "Search"),
        wrongRow: () => t("Filter… works on All memories, on a user, agent, app or run, on a search or on Activity of the Mem0 tree."),
        run: (row) =>
          Effect.gen(function*() {
            if (row._tag === "Search") {
              const { search } = row.shown
              const filter = yield* askFilter(s, row, search.filter, false)
              if (Option.isNone(filter)) return
              tree.browse.replaceSearch(row.parentKey, row.shown.id, withSearchFilter(search, filter.value))
              return yield* tree.redrawRow(row.key)
            }
            if (row._tag === "Activity") {
              const filter = yield* askActivityFilter(s, tree.browse.activityFilter(row.key))
              if (Option.isNone(filter)) return
              tree.browse.setActivityFilter(row.key, isActivityFiltered(filter.value) ? filter.value : undefined)
              return yield* tree.redrawRow(row.key)
            }
            const filter = yield* askFilter(s, row, tree.browse.filter(row.key))
            if (Option.isNone(filter)) return
            tree.browse.setFilter(row.key, filter.value)
            yield* tree.redrawRow(row.key)
          })
      }),
      defineCommand(COMMANDS.clearFilter, {
        node: rowArgument("MemoryList", "Activity", "Search"),
        run: (row) =>
          Effect.zipRight(
            Effect.sync(() => {
              if (row._tag === "Search") return tree.browse.replaceSearch(row.parentKey, row.shown.id, withSearchFilter(row.shown.search, undefined))
              return row._tag === "Activity" ? tree.browse.setActivityFilter(row.key, undefined) : tree.browse.setFilter(row.key, undefined)
            }),
            tree.redrawRow(row.key)
          )
      }),
      defineCommand(COMMANDS.exportMemories, {
        node: rowArgument("Memories", "MemoryList", "Search"),
        accepts: (row) => row.binding !== undefined,
        wrongRow: () => t("Export… works on a list of memories or a search of the Mem0 tree."),
        run: (row) => exportRow(s, row)
      }),
      defineCommand(COMMANDS.deleteMemory, {
        node: rowArgument("Memory"),
        change: true,
        wrongRow: () => t("Delete Memory works on a memory of the Mem0 tree."),
        run: (row) => deleteMemory(s, row)
      }),
      defineCommand(COMMANDS.deleteEntity, {
        node: rowArgument("MemoryList"),
        change: true,
        accepts: (row) => row.scope._tag === "Entity",
        wrongRow: () => t("Delete Entity… works on a user, agent, app or run of the Mem0 tree."),
        run: (row) => deleteEntity(s, row)
      })
    ]
  })
}

/** What Export… on a row exports: All memories (Memories), a list with its filter, or a search's results. */
const exportRow = (s: Services, row: MemoriesNode | MemoryListNode | SearchNode) =>
  Effect.gen(function*() {
    if (row.binding === undefined) return
    const binding = row.binding
    if (row._tag === "Search") {
      const results = yield* Effect.either(s.tree.searchResults(binding.identity, row.shown.search))
      if (results._tag === "Left") return yield* failed(s, t("Export"), results.left)
      return yield* exportFlow(s, t("search results"), { binding }, { _tag: "Results", memories: results.right }, results.right.length)
    }
    if (row._tag === "Memories") return yield* exportFlow(s, t("all memories"), { binding }, { _tag: "List", scope: { _tag: "All" }, filter: undefined }, undefined)
    const filter = s.tree.browse.filter(row.key)
    const what = row.scope._tag === "Entity" ? t("the memories of {0}", label(row.scope.id, 60)) : t("all memories")
    // a list's count is not known before its first page (Mem0 counts expired memories in the stats, not in the list)
    return yield* exportFlow(s, what, { binding }, { _tag: "List", scope: row.scope, filter }, undefined)
  })
