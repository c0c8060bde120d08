/**
 * The extension's commands. Each runs in a span; a failure is logged and
 * shown, an interruption is ignored. Tree-node arguments are checked before
 * use: a command run from the palette gets none, and falls back to a quick
 * pick where that makes sense (Copy org_id).
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import { memberLabel, type Organization } from "effect-mem0/Organization"
import { type Project, projectMemberLabel } from "effect-mem0/Project"
import { ApiKey, ENV_KEY, keyProblem } from "../model/ApiKey.js"
import { label, visible } from "../platform/Display.js"
import { t } from "../platform/L10n.js"
import { type LoadError, OrganizationsTree } from "../tree/OrganizationsTree.js"
import { keyCommands } from "./KeyCommands.js"
import { ownerActions } from "./OwnerActions.js"
import { NothingToPick, orgAndProjectEnv } from "./Picks.js"
import { ProjectDocuments } from "../documents/ProjectDocuments.js"
import { remedyOf } from "../model/Remedy.js"
import { COMMANDS, WALKTHROUGH_ID } from "../platform/Ids.js"
import {
  type MemberNode,
  organizationDescription,
  type OrganizationNode,
  type ProjectMemberNode,
  ownsProject,
  type ProjectNode,
  type TreeNode
} from "../tree/Rows.js"
import { type QuickPickEntry, type TreeHandle, VsCode } from "../platform/VsCodeApi.js"

/** The registered tree view, for commands that act on the selection. */
export class OrganizationsView extends Context.Tag("mem0-vscode/OrganizationsView")<
  OrganizationsView,
  TreeHandle<TreeNode>
>() {}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/** Checks a command argument is an organization row. */
export const isOrganizationNode = (u: unknown): u is OrganizationNode =>
  isObject(u) && u["_tag"] === "Organization" && isObject(u["org"]) && typeof u["org"]["org_id"] === "string"

/** Checks a command argument is a member row. */
export const isMemberNode = (u: unknown): u is MemberNode =>
  isObject(u) && u["_tag"] === "Member" && isObject(u["member"]) && typeof u["member"]["user_id"] === "string"

/** Checks a command argument is a project row. */
export const isProjectNode = (u: unknown): u is ProjectNode =>
  isObject(u) && u["_tag"] === "Project" && isObject(u["project"]) && typeof u["project"]["project_id"] === "string" &&
  isObject(u["org"]) && typeof u["org"]["org_id"] === "string"

/** Checks a command argument is a project member row. */
export const isProjectMemberNode = (u: unknown): u is ProjectMemberNode =>
  isObject(u) && u["_tag"] === "ProjectMember" && isObject(u["member"])





/**
 * A quick-pick entry of an organization: name, org_id, role (and "default"), cleaned and cut, with
 * invisible characters shown as escapes (two look-alike names never look alike in a pick).
 */
export const organizationEntry = (org: Organization) => {
  const detail = organizationDescription(org)
  return { label: visible(org.name), description: visible(org.org_id), ...(detail === undefined ? {} : { detail }), value: org }
}

/** A quick-pick entry of a project: "Organization / Project", project_id, role. */
export const projectEntry = (org: Organization, project: Project) => ({
  label: `${visible(org.name, 100)} / ${visible(project.name, 100)}`,
  description: visible(project.project_id),
  ...(project.user_role === undefined ? {} : { detail: label(project.user_role.toLowerCase(), 40) }),
  value: { org, project }
})

/** What a palette command says when there is no key, by what it lists. */
const NO_KEY = {
  organizations: () => t("No Mem0 API key is set. Set one to list your organizations."),
  projects: () => t("No Mem0 API key is set. Set one to list your projects."),
  memberships: () => t("No Mem0 API key is set. Set one to list your organizations and projects.")
}

/** The start of a palette command's failure notice, by what it lists. */
const COULD_NOT_LOAD = {
  organizations: () => t("Could not load your Mem0 organizations"),
  projects: () => t("Could not load your Mem0 projects"),
  memberships: () => t("Could not load your Mem0 organizations and projects")
}

/** The button a remedy offers in a notification (translated when shown). */
const remedyButton = (action: "setApiKey" | "openSettings" | "showLogs" | "retry"): string =>
  action === "setApiKey" ? t("Set API Key") : action === "openSettings" ? t("Open Settings") : t("Show Logs")

export const CommandsLive = Layer.scopedDiscard(
  Effect.gen(function*() {
    const vscode = yield* VsCode
    const tree = yield* OrganizationsTree
    const apiKey = yield* ApiKey
    const view = yield* OrganizationsView
    const documents = yield* ProjectDocuments

    const register = (id: string, handler: (...args: ReadonlyArray<unknown>) => Effect.Effect<void>) =>
      vscode.registerCommand(id, (...args) =>
        handler(...args).pipe(
          Effect.withSpan(`command ${id}`),
          Effect.catchAllCause((cause) =>
            Cause.isInterruptedOnly(cause)
              ? Effect.void
              : Effect.zipRight(
                Effect.logError(`${id} failed`, cause),
                Effect.asVoid(vscode.showMessage("error", t("Mem0: {0} failed; see Mem0: Show Logs.", id)))
              )
          )
        ))

    // The clipboard gets the value as sent; the confirmation shows it cleaned and cut.
    const copy = (text: string, what: string) =>
      Effect.zipRight(vscode.writeClipboard(text), vscode.flash(t("Copied {0}: {1}", what, label(text, 80))))

    const setApiKey = Effect.gen(function*() {
      const typed = yield* vscode.showInputBox({
        title: t("Mem0: Set API Key"),
        prompt: t("Paste your Mem0 API key. It is kept in VS Code's secret storage, never in settings."),
        placeHolder: "m0-…",
        password: true,
        validate: keyProblem
      })
      if (Option.isNone(typed)) return
      yield* apiKey.set(typed.value).pipe(
        Effect.zipRight(vscode.flash(t("Mem0 API key saved"))),
        Effect.catchAll((problem) => vscode.showMessage("error", problem))
      )
    })

    /**
     * Every project of every organization, for the quick pick: an organization whose projects cannot
     * be listed (403, say) is left out; if none can be, the first failure is the answer.
     */
    const allProjects = tree.organizations.pipe(
      Effect.flatMap((orgs) =>
        Effect.forEach(orgs, (org) => Effect.either(Effect.map(tree.projects(org.org_id), (ps) => ps.map((p) => projectEntry(org, p)))), {
          concurrency: "unbounded"
        })
      ),
      Effect.flatMap((results): Effect.Effect<ReadonlyArray<ReturnType<typeof projectEntry>>, LoadError | NothingToPick> => {
        const entries = results.flatMap((r) => (Either.isRight(r) ? r.right : []))
        const failed = results.find(Either.isLeft)
        if (entries.length > 0) return Effect.succeed(entries)
        return failed === undefined
          ? Effect.fail(new NothingToPick({ message: t("No projects for this API key.") }))
          : Effect.fail(failed.left)
      })
    )

    /**
     * A pick from the palette: offers to set a key when there is none, shows the entries as they load,
     * says why when they cannot (`offerFix`), and hands the pick to `use`.
     */
    const pickFromPalette = <A>(
      what: "organizations" | "projects" | "memberships",
      entries: Effect.Effect<ReadonlyArray<QuickPickEntry<A>>, LoadError | NothingToPick>,
      options: { readonly title: string; readonly placeHolder: string },
      use: (picked: A) => Effect.Effect<void>
    ) =>
      Effect.gen(function*() {
        if (Option.isNone(yield* apiKey.current)) {
          const chosen = yield* vscode.showMessage("warning", NO_KEY[what](), t("Set API Key"))
          if (Option.isSome(chosen)) yield* setApiKey
          return
        }
        const picked = yield* Effect.either(vscode.showQuickPick(entries, options))
        if (Either.isLeft(picked)) return yield* offerFix(picked.left, COULD_NOT_LOAD[what]())
        if (Option.isSome(picked.right)) yield* use(picked.right.value)
      })

    /** Picks a project from the palette ("Organization / Project") and hands it to `use`. */
    const pickProject = (title: string, use: (picked: { org: Organization; project: Project }) => Effect.Effect<void>) =>
      pickFromPalette("projects", allProjects, { title, placeHolder: t("Type to filter by organization, project or project_id") }, use)

    /**
     * Offers the way out of a load failure and takes it when chosen. The notification says the
     * remedy's fixed wording (VS Code renders links in notifications; a server's text is never
     * shown there); the full error goes to the log channel.
     */
    const offerFix = (error: LoadError | NothingToPick, prefix: string) =>
      Effect.gen(function*() {
        if (error._tag === "NothingToPick") {
          yield* vscode.showMessage("info", error.message)
          return
        }
        const remedy = remedyOf(error, "organizations")
        const action = remedyButton(remedy.action)
        yield* Effect.logWarning(`${prefix}: ${error._tag}: ${error.message}`)
        const chosen = yield* vscode.showMessage("error", t("{0}: {1}.", prefix, remedy.summary), action)
        if (Option.isNone(chosen)) return
        if (chosen.value === t("Set API Key")) yield* setApiKey
        if (chosen.value === t("Open Settings")) yield* vscode.openSettings("mem0")
        if (chosen.value === t("Show Logs")) vscode.log.show()
      })

    const pickAndCopyOrgId = pickFromPalette(
      "organizations",
      tree.organizations.pipe(
        Effect.flatMap((orgs) =>
          orgs.length === 0 ? Effect.fail(new NothingToPick({ message: t("No organizations for this API key.") })) : Effect.succeed(orgs)
        ),
        Effect.map((orgs) => orgs.map(organizationEntry))
      ),
      { title: t("Mem0: Copy org_id"), placeHolder: t("Type to filter by name or org_id") },
      (org) => copy(org.org_id, "org_id")
    )

    /** The projects the key owns (`true`) or only reads (`false`), for the picks that act on one kind only. */
    const projectsOwned = (owned: boolean) =>
      Effect.flatMap(allProjects, (entries): Effect.Effect<ReadonlyArray<ReturnType<typeof projectEntry>>, NothingToPick> => {
        const fitting = entries.filter((e) => ownsProject(e.value.project) === owned)
        return fitting.length > 0
          ? Effect.succeed(fitting)
          : Effect.fail(new NothingToPick({ message: owned ? t("You own none of this key's projects.") : t("No projects for this API key.") }))
      })

    yield* ownerActions({ register, pickFromPalette, projectsOwned })

    yield* keyCommands({ register })

    yield* register(COMMANDS.setApiKey, () => setApiKey)

    yield* register(COMMANDS.clearApiKey, () =>
      Effect.gen(function*() {
        yield* apiKey.clear
        yield* vscode.flash(t("Mem0 API key cleared"))
        if (vscode.env(ENV_KEY)?.trim()) {
          yield* vscode.showMessage("info", t("The stored key is cleared; the {0} environment variable is still used.", ENV_KEY))
        }
      }))

    yield* register(COMMANDS.refresh, () => tree.refresh)

    yield* register(COMMANDS.copyOrgId, (arg) => {
      if (arg === undefined) return pickAndCopyOrgId
      if (isOrganizationNode(arg)) return copy(arg.org.org_id, "org_id")
      return Effect.asVoid(vscode.showMessage("error", t("Copy org_id works on an organization of the Mem0 tree.")))
    })

    yield* register(COMMANDS.copyProjectId, (arg) => {
      if (arg === undefined) return pickProject(t("Mem0: Copy project_id"), ({ project }) => copy(project.project_id, "project_id"))
      if (isProjectNode(arg)) return copy(arg.project.project_id, "project_id")
      return Effect.asVoid(vscode.showMessage("error", t("Copy project_id works on a project of the Mem0 tree.")))
    })

    yield* register(COMMANDS.copyOrgAndProjectId, (arg) => {
      const copyPair = (orgId: string, projectId: string) =>
        copy(orgAndProjectEnv(orgId, projectId), t("MEM0_ORG_ID and MEM0_PROJECT_ID"))
      if (arg === undefined) {
        return pickProject(t("Mem0: Copy org_id and project_id"), ({ org, project }) => copyPair(org.org_id, project.project_id))
      }
      if (isProjectNode(arg)) return copyPair(arg.org.org_id, arg.project.project_id)
      return Effect.asVoid(vscode.showMessage("error", t("Copy org_id and project_id works on a project of the Mem0 tree.")))
    })

    const showSettings = (orgId: string, projectId: string) =>
      documents.showSettings(orgId, projectId).pipe(Effect.catchAll((message) => vscode.showMessage("error", message)))

    yield* register(COMMANDS.showProjectSettings, (arg) => {
      if (arg === undefined) {
        return pickProject(t("Mem0: Show Project Settings"), ({ org, project }) => showSettings(org.org_id, project.project_id))
      }
      if (isProjectNode(arg)) return showSettings(arg.org.org_id, arg.project.project_id)
      return Effect.asVoid(vscode.showMessage("error", t("Show Project Settings works on a project of the Mem0 tree.")))
    })

    /**
     * Opens a project's instructions or categories: "Edit" on projects the key owns (the document is
     * writable), "Show (read-only)" on the others (a reader's menu offers no editor it cannot save).
     */
    const documentCommand = (id: string, title: () => string, file: "instructions" | "categories", owned: boolean) =>
      register(id, (arg) => {
        const open = (orgId: string, projectId: string) =>
          documents.edit(orgId, projectId, file).pipe(Effect.catchAll((message) => vscode.showMessage("error", message)))
        if (arg === undefined) {
          return pickFromPalette(
            "projects",
            projectsOwned(owned),
            { title: t("Mem0: {0}", title()), placeHolder: t("Type to filter by organization, project or project_id") },
            ({ org, project }) => Effect.asVoid(open(org.org_id, project.project_id))
          )
        }
        if (isProjectNode(arg) && ownsProject(arg.project) === owned) return Effect.asVoid(open(arg.org.org_id, arg.project.project_id))
        return Effect.asVoid(vscode.showMessage("error", t("{0} works on a project of the Mem0 tree.", title())))
      })

    yield* documentCommand(COMMANDS.editCustomInstructions, () => t("Edit Custom Instructions"), "instructions", true)
    yield* documentCommand(COMMANDS.editCustomCategories, () => t("Edit Custom Categories"), "categories", true)
    yield* documentCommand(COMMANDS.showCustomInstructions, () => t("Show Custom Instructions (read-only)"), "instructions", false)
    yield* documentCommand(COMMANDS.showCustomCategories, () => t("Show Custom Categories (read-only)"), "categories", false)

    /** A member row copies what it shows: the email, else the user id (organizations) or name (projects). */
    const copyMember = (node: MemberNode | ProjectMemberNode) =>
      node._tag === "Member"
        ? copy(memberLabel(node.member), node.member.email !== undefined ? t("email") : t("user id"))
        : copy(projectMemberLabel(node.member), node.member.email !== undefined ? t("email") : t("user name"))

    yield* register(COMMANDS.copyMemberEmail, (arg) =>
      isMemberNode(arg) || isProjectMemberNode(arg)
        ? copyMember(arg)
        : Effect.asVoid(vscode.showMessage("error", t("Copy Member Email works on a member of the Mem0 tree."))))

    // Run by Ctrl+C / Cmd+C in the view: VS Code passes the focused row, which a keyboard user moved to
    // with the arrows (the selection may be elsewhere); without one, the selection.
    yield* register(COMMANDS.copySelection, (arg) => {
      const selected = isObject(arg) && typeof arg["_tag"] === "string" ? arg : view.selection()[0]
      if (isOrganizationNode(selected)) return copy(selected.org.org_id, "org_id")
      if (isProjectNode(selected)) return copy(selected.project.project_id, "project_id")
      if (isMemberNode(selected) || isProjectMemberNode(selected)) return copyMember(selected)
      return Effect.void
    })

    yield* register(COMMANDS.retry, (arg) => {
      // the tree's own error row, with the load it stands for; anything else refreshes the whole tree
      const row = tree.resolve(arg)
      return row?._tag === "Error" ? tree.retry(row) : tree.refresh
    })

    yield* register(COMMANDS.showLogs, () => Effect.sync(() => vscode.log.show()))

    yield* register(COMMANDS.openSettings, () => vscode.openSettings("mem0"))

    yield* register(COMMANDS.openWalkthrough, () => vscode.executeCommand("workbench.action.openWalkthrough", WALKTHROUGH_ID, false))
  })
)
