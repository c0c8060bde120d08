/**
 * What the command features share: palette picks of organizations and
 * projects (loaded through the tree's once-per-refresh cache), the way out
 * of a load failure (the remedy's button, from `model/Remedy.REMEDIES`), and
 * the clipboard with its confirmation.
 */
import * as Context from "effect/Context"
import * as Data from "effect/Data"
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import type { Organization } from "effect-mem0/Organization"
import type { Project } from "effect-mem0/Project"
import { ApiKey } from "../model/ApiKey.js"
import { REMEDIES, remedyOf } from "../model/Remedy.js"
import { label, visible } from "../platform/Display.js"
import { COMMANDS } from "../platform/Ids.js"
import { t } from "../platform/L10n.js"
import { type QuickPickEntry, VsCode } from "../platform/VsCodeApi.js"
import { type LoadError, OrganizationsTree } from "../tree/OrganizationsTree.js"
import { organizationDescription, ownsProject } from "../tree/Rows.js"
import { CommandRegistry } from "./Registry.js"

/** What Mem0's SDKs read from the environment: the pair a memory lives in, one per line. */
export const orgAndProjectEnv = (orgId: string, projectId: string) => `MEM0_ORG_ID=${orgId}\nMEM0_PROJECT_ID=${projectId}`

/** A palette pick with nothing to offer; the message says what is missing (fixed wording). */
export class NothingToPick extends Data.TaggedError("NothingToPick")<{ readonly message: string }> {}

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

/** What a palette pick lists. */
export type PickOf = "organizations" | "projects" | "memberships"

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

type ProjectEntries = Effect.Effect<ReadonlyArray<ReturnType<typeof projectEntry>>, LoadError | NothingToPick>

export interface PicksService {
  /** Copies a value as sent; the confirmation shows it cleaned and cut. */
  readonly copy: (text: string, what: string) => Effect.Effect<void>
  /**
   * A pick from the palette: offers to set a key when there is none, shows the entries as they load,
   * says why when they cannot, and hands the pick to `use`.
   */
  readonly pickFromPalette: <A>(
    what: PickOf,
    entries: Effect.Effect<ReadonlyArray<QuickPickEntry<A>>, LoadError | NothingToPick>,
    options: { readonly title: string; readonly placeHolder: string },
    use: (picked: A) => Effect.Effect<void>
  ) => Effect.Effect<void>
  /** Every project of every organization ("Organization / Project"); an organization whose projects fail is left out. */
  readonly allProjects: ProjectEntries
  /** The projects the key owns (`true`) or only reads (`false`). */
  readonly projectsOwned: (owned: boolean) => ProjectEntries
  /** Picks a project from the palette and hands it to `use`. */
  readonly pickProject: (title: string, use: (picked: { org: Organization; project: Project }) => Effect.Effect<void>) => Effect.Effect<void>
  /** The organizations, as picks. */
  readonly organizations: Effect.Effect<ReadonlyArray<ReturnType<typeof organizationEntry>>, LoadError | NothingToPick>
}

export class Picks extends Context.Tag("mem0-vscode/Picks")<Picks, PicksService>() {
  /** The service, built in the caller's scope (`main.ts` builds every service in one layer). */
  static readonly make = Effect.gen(function*() {
    const vscode = yield* VsCode
    const tree = yield* OrganizationsTree
    const apiKey = yield* ApiKey
    const registry = yield* CommandRegistry

    /**
     * Offers the way out of a load failure and takes it when chosen. The notification says the
     * remedy's fixed wording (VS Code renders links in notifications; a server's text is never
     * shown there); the full error goes to the log channel.
     */
    const offerFix = (error: LoadError | NothingToPick, prefix: string) =>
      Effect.gen(function*() {
        if (error._tag === "NothingToPick") return yield* Effect.asVoid(vscode.showMessage("info", error.message))
        const remedy = remedyOf(error, "organizations")
        // a pick is not retried from its notice: the logs say more
        const offer = REMEDIES[remedy.action === "retry" ? "showLogs" : remedy.action]
        yield* Effect.logWarning(`${prefix}: ${error._tag}: ${error.message}`)
        const chosen = yield* vscode.showMessage("error", t("{0}: {1}.", prefix, remedy.summary), offer.hint())
        if (Option.isSome(chosen)) yield* registry.execute(offer.command)
      })

    const pickFromPalette = <A>(
      what: PickOf,
      entries: Effect.Effect<ReadonlyArray<QuickPickEntry<A>>, LoadError | NothingToPick>,
      options: { readonly title: string; readonly placeHolder: string },
      use: (picked: A) => Effect.Effect<void>
    ) =>
      Effect.gen(function*() {
        if (Option.isNone(yield* apiKey.current)) {
          const chosen = yield* vscode.showMessage("warning", NO_KEY[what](), t("Set API Key"))
          if (Option.isSome(chosen)) yield* registry.execute(COMMANDS.setApiKey)
          return
        }
        const picked = yield* Effect.either(vscode.showQuickPick(entries, options))
        if (Either.isLeft(picked)) return yield* offerFix(picked.left, COULD_NOT_LOAD[what]())
        if (Option.isSome(picked.right)) yield* use(picked.right.value)
      })

    const allProjects: ProjectEntries = tree.organizations.pipe(
      Effect.flatMap((orgs) =>
        Effect.forEach(orgs, (org) => Effect.either(Effect.map(tree.projects(org.org_id), (ps) => ps.map((p) => projectEntry(org, p)))), {
          concurrency: "unbounded"
        })
      ),
      Effect.flatMap((results): ProjectEntries => {
        const entries = results.flatMap((r) => (Either.isRight(r) ? r.right : []))
        const failed = results.find(Either.isLeft)
        if (entries.length > 0) return Effect.succeed(entries)
        return failed === undefined
          ? Effect.fail(new NothingToPick({ message: t("No projects for this API key.") }))
          : Effect.fail(failed.left)
      })
    )

    const projectsOwned = (owned: boolean): ProjectEntries =>
      Effect.flatMap(allProjects, (entries): ProjectEntries => {
        const fitting = entries.filter((e) => ownsProject(e.value.project) === owned)
        return fitting.length > 0
          ? Effect.succeed(fitting)
          : Effect.fail(new NothingToPick({ message: owned ? t("You own none of this key's projects.") : t("No projects for this API key.") }))
      })

    return Picks.of({
      copy: (text, what) => Effect.zipRight(vscode.writeClipboard(text), vscode.flash(t("Copied {0}: {1}", what, label(text, 80)))),
      pickFromPalette,
      allProjects,
      projectsOwned,
      pickProject: (title, use) =>
        pickFromPalette("projects", allProjects, { title, placeHolder: t("Type to filter by organization, project or project_id") }, use),
      organizations: Effect.flatMap(tree.organizations, (orgs) =>
        orgs.length === 0
          ? Effect.fail(new NothingToPick({ message: t("No organizations for this API key.") }))
          : Effect.succeed(orgs.map(organizationEntry)))
    })
  })

  static readonly layer = Layer.effect(Picks, Picks.make)
}
