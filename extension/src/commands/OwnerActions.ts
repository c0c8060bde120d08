/**
 * What an owner can change from the tree: organizations, projects, and the
 * members of both. Each action is on the rows it applies to (context values
 * say where the caller is an owner) and in the palette with a quick pick.
 *
 * - A row passed to a command is looked up again in the tree by its id, and
 *   the tree's own row is acted on: a made-up object (another extension, a
 *   `command:` link) that is not a row the tree holds now is refused.
 * - A change is sent with the key the rows were read with, or not at all: if
 *   another key is in use by then (switched here or in another window), the
 *   change is refused, naming both.
 * - Destructive actions ask in a modal that names the row and its id;
 *   deleting an organization or a project also asks to type its name (Mem0
 *   deletes every memory in it). Making someone an owner asks too. Names are
 *   shown with their invisible characters escaped, so look-alikes differ.
 * - Nothing is retried blindly: the core retries GET only.
 * - Bad input is refused at the input box (`validate`), and so are Mem0's
 *   400 field errors: the box opens again with what was typed and the
 *   message under it. Any other failure offers Retry, which opens the box
 *   again with what was typed. Nothing typed is lost.
 * - After a change, only what it touched loads again, and the changed row is
 *   revealed and selected (`OrganizationsTree.changed`).
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import type * as Scope from "effect/Scope"
import type * as Mem0Client from "effect-mem0/Mem0Client"
import type { Mem0RequestError } from "effect-mem0/Mem0Error"
import { memberLabel, type MemberRole, type Organization } from "effect-mem0/Organization"
import { type Project, projectMemberLabel } from "effect-mem0/Project"
import { KeyClients, type KeyClientError, type KeyIdentity } from "../model/KeyClients.js"
import { clean, label, visible } from "../platform/Display.js"
import { COMMANDS } from "../platform/Ids.js"
import { type Changed, type LoadError, OrganizationsTree, type RowTarget } from "../tree/OrganizationsTree.js"
import { t } from "../platform/L10n.js"
import { NothingToPick } from "./Picks.js"
import { remedyOf } from "../model/Remedy.js"
import { type MemberNode, ownsOrganization, ownsProject, type ProjectMemberNode, type TreeNode } from "../tree/Rows.js"
import { type InputBoxOptions, type QuickPickEntry, VsCode } from "../platform/VsCodeApi.js"

/** What the owner actions need of the other commands. */
export interface CommandKit {
  readonly register: (
    id: string,
    handler: (...args: ReadonlyArray<unknown>) => Effect.Effect<void>
  ) => Effect.Effect<void, never, Scope.Scope>
  /** A palette pick (a key is asked for when there is none; a failed load says why). */
  readonly pickFromPalette: <A>(
    what: "organizations" | "projects" | "memberships",
    entries: Effect.Effect<ReadonlyArray<QuickPickEntry<A>>, LoadError | NothingToPick>,
    options: { readonly title: string; readonly placeHolder: string },
    use: (picked: A) => Effect.Effect<void>
  ) => Effect.Effect<void>
  /** The projects the key owns (`true`) or only reads (`false`), as "Organization / Project" entries. */
  readonly projectsOwned: (owned: boolean) => Effect.Effect<
    ReadonlyArray<QuickPickEntry<{ readonly org: Organization; readonly project: Project }>>,
    LoadError | NothingToPick
  >
}

/** Why an action failed: no client, or Mem0's answer. */
type ActionError = KeyClientError | Mem0RequestError

/** The key the rows an action started from were read with (set when the action starts). */
const ReadWith = FiberRef.unsafeMake<KeyIdentity | undefined>(undefined)

/** Longest name accepted (Mem0's own limit). */
export const MAX_NAME_LENGTH = 200

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Why a typed email cannot be sent, or `undefined`. */
export const emailProblem = (value: string): string | undefined =>
  value.trim() === ""
    ? t("Type the member's email address.")
    : EMAIL.test(value.trim())
    ? undefined
    : t("Enter an email address, like name@example.com.")

/** Why a typed name cannot be sent, or `undefined`. */
export const nameProblem = (value: string): string | undefined =>
  value.trim() === ""
    ? t("The name cannot be empty.")
    : value.trim().length > MAX_NAME_LENGTH
    ? t("The name can have at most {0} characters.", MAX_NAME_LENGTH)
    : undefined

/** The roles Mem0 knows, as offered in a pick. */
const roles = (): ReadonlyArray<{ readonly role: MemberRole; readonly label: string; readonly detail: string }> => [
  { role: "READER", label: t("Reader"), detail: t("Can see it and its memories.") },
  { role: "OWNER", label: t("Owner"), detail: t("Can also change it, its members, and delete it.") }
]

/** A member's organization or project, as the target of an invite or a change. */
type Membership =
  | { readonly _tag: "Organization"; readonly org: Organization }
  | { readonly _tag: "Project"; readonly org: Organization; readonly project: Project }

/** A member to change: where, and as what the tree lists them. */
interface MemberTarget {
  readonly where: Membership
  readonly label: string
  readonly email: string | undefined
  readonly role: string | undefined
}

const memberTargetOf = (node: MemberNode | ProjectMemberNode): MemberTarget =>
  node._tag === "Member"
    ? { where: { _tag: "Organization", org: node.org }, label: memberLabel(node.member), email: node.member.email, role: node.member.role }
    : {
      where: { _tag: "Project", org: node.org, project: node.project },
      label: projectMemberLabel(node.member),
      email: node.member.email,
      role: node.member.role
    }

const placeName = (where: Membership): string =>
  where._tag === "Organization" ? visible(where.org.name, 80) : visible(where.project.name, 80)

/** A place's id, as a modal names it. */
const placeId = (where: Membership): string =>
  where._tag === "Organization"
    ? `org_id: ${visible(where.org.org_id, 80)}`
    : `org_id: ${visible(where.org.org_id, 80)}\nproject_id: ${visible(where.project.project_id, 80)}`

/** The 400 field errors of a failure, as one line, cleaned (shown under an input box, never as markup). */
const fieldMessage = (error: ActionError, fields: ReadonlyArray<string>): string | undefined => {
  if (error._tag !== "Mem0BadRequest") return undefined
  const messages = fields.flatMap((field) => error.fieldErrors[field] ?? [])
  const all = messages.length > 0 ? messages : Object.values(error.fieldErrors).flat()
  return all.length === 0 ? undefined : label(t("Mem0: {0}", all.join(" ")), 300)
}

export const ownerActions = (kit: CommandKit) =>
  Effect.gen(function*() {
    const vscode = yield* VsCode
    const tree = yield* OrganizationsTree
    const keyClients = yield* KeyClients

    /**
     * One call with the key the action's rows were read with (never another one in use by then);
     * the failure logged with Mem0's own words.
     */
    const call = <A>(what: string, use: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, Mem0RequestError>) =>
      FiberRef.get(ReadWith).pipe(
        // checked against the keys as stored at this moment: a change goes with the key its rows were read with, or none
        Effect.flatMap((readWith) =>
          readWith === undefined
            ? Effect.map(keyClients.latest, (c) => c.client)
            : keyClients.clientOf(readWith, { inUse: true, latest: true })
        ),
        Effect.flatMap(use),
        Effect.tapError((error: ActionError) => Effect.logWarning(`${what} failed: ${error._tag}: ${error.message}`))
      )

    /** Runs an action bound to the key the tree's rows are read with now. */
    const bound = <A, E, R>(action: Effect.Effect<A, E, R>) =>
      Effect.suspend(() => Effect.locally(action, ReadWith, tree.readWith()))

    /** Says a change failed, in fixed words; `true` when Retry is chosen (not offered when the key changed). */
    const failed = (what: string, error: ActionError) =>
      Effect.map(
        error._tag === "KeyChanged"
          ? vscode.showMessage("error", t("{0} failed: {1}.", what, remedyOf(error, "change").summary), t("Show Logs"))
          : vscode.showMessage("error", t("{0} failed: {1}.", what, remedyOf(error, "change").summary), t("Retry"), t("Show Logs")),
        (chosen) => {
          if (Option.contains(chosen, t("Show Logs"))) vscode.log.show()
          return Option.contains(chosen, t("Retry"))
        }
      )

    /**
     * Asks for a value and submits it until it goes through: a 400 on `fields` shows under the box
     * (with what was typed), any other failure offers Retry (with what was typed). `None` when the
     * person gives up.
     */
    const form = <A>(
      what: string,
      box: InputBoxOptions & { readonly validate: (value: string) => string | undefined },
      fields: ReadonlyArray<string>,
      submit: (value: string) => Effect.Effect<A, ActionError>
    ): Effect.Effect<Option.Option<{ readonly value: string; readonly result: A }>> =>
      Effect.gen(function*() {
        let value = box.value
        let refused: { readonly value: string; readonly message: string } | undefined
        // Each pass is one person's try; the bound only guards against a loop nobody asked for.
        for (let pass = 0; pass < 50; pass++) {
          const typed = yield* vscode.showInputBox({
            ...box,
            ...(value === undefined ? {} : { value }),
            // VS Code shows a validation message only once the value is edited: Mem0's refusal of the
            // value the box reopens with is said in its prompt too, so it is seen at once
            ...(refused === undefined ? {} : { prompt: t("{0} {1}", refused.message, box.prompt) }),
            validate: (v) => box.validate(v) ?? (refused !== undefined && v === refused.value ? refused.message : undefined)
          })
          if (Option.isNone(typed)) return Option.none()
          const result = yield* Effect.either(submit(typed.value))
          if (Either.isRight(result)) return Option.some({ value: typed.value, result: result.right })
          value = typed.value
          const message = fieldMessage(result.left, fields)
          if (message !== undefined) {
            refused = { value: typed.value, message }
            continue
          }
          if (!(yield* failed(what, result.left))) return Option.none()
        }
        return Option.none()
      })

    /** Runs a change without input; on failure offers Retry. `true` when it went through. */
    const change = (what: string, submit: Effect.Effect<unknown, ActionError>): Effect.Effect<boolean> =>
      Effect.gen(function*() {
        for (let pass = 0; pass < 50; pass++) {
          const result = yield* Effect.either(submit)
          if (Either.isRight(result)) return true
          if (!(yield* failed(what, result.left))) return false
        }
        return false
      })

    const done = (text: string, changed: Changed, show?: RowTarget) =>
      Effect.zipRight(tree.changed(changed, show), vscode.flash(text))

    /** Asks in a modal naming the row and its id, then (for organizations and projects) to type the name. */
    const confirmDelete = (kind: "organization" | "project", name: string, detail: string, ids: string) =>
      Effect.gen(function*() {
        const shown = visible(name, 80)
        const organization = kind === "organization"
        const ok = yield* vscode.confirm(
          organization ? t("Delete the organization \"{0}\"?", shown) : t("Delete the project \"{0}\"?", shown),
          `${detail}\n\n${ids}`,
          t("Delete...")
        )
        if (!ok) return false
        const typed = yield* vscode.showInputBox({
          title: organization ? t("Mem0: Delete Organization") : t("Mem0: Delete Project"),
          prompt: organization
            ? t("Type the organization's name, {0}, to delete it and every memory in it.", shown)
            : t("Type the project's name, {0}, to delete it and every memory in it.", shown),
          validate: (v) => (v === name || v === clean(name) ? undefined : t("Type the name exactly: {0}", shown))
        })
        return Option.isSome(typed)
      })

    // ---- organizations ---------------------------------------------------------------------------

    const newOrganization = Effect.gen(function*() {
      const created = yield* form(
        t("New Organization"),
        { title: t("Mem0: New Organization"), prompt: t("Name of the new organization"), validate: nameProblem },
        ["name"],
        (name) => call("createOrganization", (client) => client.createOrganization(name.trim()))
      )
      if (Option.isNone(created)) return
      yield* done(t("Created organization {0}", label(created.value.value.trim(), 80)), { _tag: "Organizations" }, {
        _tag: "Organization",
        orgId: created.value.result.orgId
      })
    })

    const deleteOrganization = (org: Organization) =>
      Effect.gen(function*() {
        const sure = yield* confirmDelete(
          "organization",
          org.name,
          t("Mem0 deletes the organization, its projects and every memory in them. This cannot be undone."),
          `org_id: ${visible(org.org_id, 80)}`
        )
        if (!sure) return
        if (!(yield* change(t("Delete Organization"), call("deleteOrganization", (client) => client.deleteOrganization(org.org_id))))) return
        yield* done(t("Deleted organization {0}", label(org.name, 80)), { _tag: "Organizations" })
      })

    // ---- projects ------------------------------------------------------------------------------

    const newProject = (org: Organization) =>
      Effect.gen(function*() {
        const title = t("Mem0: New Project in {0}", label(org.name, 80))
        const name = yield* vscode.showInputBox({ title, prompt: t("Name of the new project"), validate: nameProblem })
        if (Option.isNone(name)) return
        const created = yield* form(
          t("New Project"),
          {
            title,
            prompt: t("Description (optional)"),
            placeHolder: t("What the project's memories are for"),
            validate: () => undefined
          },
          ["description", "name"],
          (description) =>
            call("createProject", (client) =>
              client.createProject(org.org_id, {
                name: name.value.trim(),
                ...(description.trim() === "" ? {} : { description: description.trim() })
              }))
        )
        if (Option.isNone(created)) return
        yield* done(t("Created project {0}", label(name.value.trim(), 80)), { _tag: "Projects", orgId: org.org_id }, {
          _tag: "Project",
          orgId: org.org_id,
          projectId: created.value.result.projectId
        })
      })

    const editProject = (org: Organization, project: Project) =>
      Effect.gen(function*() {
        const title = t("Mem0: Rename / Edit Description of {0}", label(project.name, 80))
        const renamed = yield* form(
          t("Rename Project"),
          { title, prompt: t("The project's name"), value: project.name, validate: nameProblem },
          ["name"],
          (name) =>
            name.trim() === project.name
              ? Effect.void
              : call("updateProject", (client) => client.updateProject(org.org_id, project.project_id, { name: name.trim() }))
        )
        if (Option.isNone(renamed)) return
        const described = yield* form(
          t("Edit Description"),
          { title, prompt: t("The project's description"), value: project.description ?? "", validate: () => undefined },
          ["description"],
          (description) =>
            description === (project.description ?? "")
              ? Effect.void
              : call("updateProject", (client) => client.updateProject(org.org_id, project.project_id, { description }))
        )
        yield* done(
          Option.isSome(described)
            ? t("Updated project {0}", label(renamed.value.value.trim(), 80))
            : t("Renamed project {0}", label(renamed.value.value.trim(), 80)),
          { _tag: "Projects", orgId: org.org_id },
          { _tag: "Project", orgId: org.org_id, projectId: project.project_id }
        )
      })

    const deleteProject = (org: Organization, project: Project) =>
      Effect.gen(function*() {
        const sure = yield* confirmDelete(
          "project",
          project.name,
          t("Mem0 deletes the project and every memory in it. This cannot be undone."),
          `org_id: ${visible(org.org_id, 80)}\nproject_id: ${visible(project.project_id, 80)}`
        )
        if (!sure) return
        const ok = yield* change(
          t("Delete Project"),
          call("deleteProject", (client) => client.deleteProject(org.org_id, project.project_id))
        )
        if (!ok) return
        yield* done(t("Deleted project {0}", label(project.name, 80)), { _tag: "Projects", orgId: org.org_id }, {
          _tag: "Group",
          orgId: org.org_id,
          group: "projects"
        })
      })

    // ---- members -------------------------------------------------------------------------------

    const pickRole = (title: string, current: string | undefined) =>
      vscode.showQuickPick(
        Effect.sync(() =>
          roles().map(({ detail, label: name, role }) => ({
            label: name,
            description: role === current?.toUpperCase() ? t("{0} · current", role) : role,
            detail,
            value: role
          }))
        ),
        { title, placeHolder: t("Choose a role") }
      )

    /** Making someone an owner asks first, naming them, the place and its ids; `true` when confirmed. */
    const confirmOwner = (who: string, where: Membership) =>
      vscode.confirm(
        t("Make {0} an owner of {1}?", visible(who, 80), placeName(where)),
        `${
          where._tag === "Organization"
            ? t("Owners can change the organization, its projects and members, and delete it with every memory in it.")
            : t("Owners can change the project and its members, and delete it with every memory in it.")
        }\n\n${placeId(where)}`,
        t("Make Owner")
      )

    const membersChanged = (where: Membership): Changed =>
      where._tag === "Organization"
        ? { _tag: "Members", orgId: where.org.org_id }
        : { _tag: "ProjectMembers", orgId: where.org.org_id, projectId: where.project.project_id }

    const memberRow = (where: Membership, email: string): RowTarget =>
      where._tag === "Organization"
        ? { _tag: "Member", orgId: where.org.org_id, email }
        : { _tag: "ProjectMember", orgId: where.org.org_id, projectId: where.project.project_id, email }

    const inviteMember = (where: Membership) =>
      Effect.gen(function*() {
        const title = t("Mem0: Invite Member to {0}", placeName(where))
        let role: MemberRole | undefined
        const invited = yield* form(
          t("Invite Member"),
          { title, prompt: t("The new member's email address"), placeHolder: "name@example.com", validate: emailProblem },
          ["email", "role"],
          (email) =>
            Effect.gen(function*() {
              const picked = yield* pickRole(title, undefined)
              if (Option.isNone(picked)) return false
              if (picked.value === "OWNER" && !(yield* confirmOwner(email.trim(), where))) return false
              role = picked.value
              const member = { email: email.trim(), role: picked.value }
              yield* where._tag === "Organization"
                ? call("addMember", (client) => client.addMember(where.org.org_id, member))
                : call("addProjectMember", (client) => client.addProjectMember(where.org.org_id, where.project.project_id, member))
              return true
            })
        )
        if (Option.isNone(invited) || !invited.value.result) return
        const email = invited.value.value.trim()
        yield* done(
          role === "OWNER" ? t("Invited {0} as owner", label(email, 80)) : t("Invited {0} as reader", label(email, 80)),
          membersChanged(where),
          memberRow(where, email)
        )
      })

    /** A member's email: from the tree, else typed (Mem0 lists a project's members by user name only). */
    const emailOf = (target: MemberTarget, title: string) =>
      target.email !== undefined
        ? Effect.succeedSome(target.email)
        : Effect.map(
          vscode.showInputBox({
            title,
            prompt: t("Mem0 lists {0} without an email address: type it", visible(target.label, 80)),
            validate: emailProblem
          }),
          Option.map((typed) => typed.trim())
        )

    const changeRole = (target: MemberTarget) =>
      Effect.gen(function*() {
        const title = t("Mem0: Change Role of {0} in {1}", visible(target.label, 80), placeName(target.where))
        const email = yield* emailOf(target, title)
        if (Option.isNone(email)) return
        const role = yield* pickRole(title, target.role)
        if (Option.isNone(role)) return
        if (role.value === "OWNER" && !(yield* confirmOwner(email.value, target.where))) return
        const member = { email: email.value, role: role.value }
        const where = target.where
        const ok = yield* change(
          t("Change Role"),
          where._tag === "Organization"
            ? call("updateMemberRole", (client) => client.updateMemberRole(where.org.org_id, member))
            : call("updateProjectMemberRole", (client) => client.updateProjectMemberRole(where.org.org_id, where.project.project_id, member))
        )
        if (!ok) return
        yield* done(
          role.value === "OWNER"
            ? t("{0} is now an owner", label(target.label, 80))
            : t("{0} is now a reader", label(target.label, 80)),
          membersChanged(where),
          memberRow(where, email.value)
        )
      })

    const removeMember = (target: MemberTarget) =>
      Effect.gen(function*() {
        const where = target.where
        const title = t("Mem0: Remove {0} from {1}", visible(target.label, 80), placeName(where))
        // the email first (typed where Mem0 lists none): the modal names it, and exactly it is removed
        const email = yield* emailOf(target, title)
        if (Option.isNone(email)) return
        const sure = yield* vscode.confirm(
          t("Remove {0} from {1}?", visible(email.value, 80), placeName(where)),
          `${
            where._tag === "Organization"
              ? t("They lose access to the organization, its projects and their memories.")
              : t("They lose access to the project and its memories.")
          }\n\n${target.email === undefined ? `${t("Listed as: {0}", visible(target.label, 80))}\n` : ""}email: ${
            visible(email.value, 80)
          }\n${placeId(where)}`,
          t("Remove")
        )
        if (!sure) return
        const ok = yield* change(
          t("Remove Member"),
          where._tag === "Organization"
            ? call("removeMember", (client) => client.removeMember(where.org.org_id, email.value))
            : call("removeProjectMember", (client) => client.removeProjectMember(where.org.org_id, where.project.project_id, email.value))
        )
        if (!ok) return
        yield* done(
          t("Removed {0}", label(email.value, 80)),
          membersChanged(where),
          where._tag === "Organization"
            ? { _tag: "Group", orgId: where.org.org_id, group: "members" }
            : { _tag: "Project", orgId: where.org.org_id, projectId: where.project.project_id }
        )
      })

    // ---- palette picks -------------------------------------------------------------------------

    const ownedOrganizations = Effect.flatMap(tree.organizations, (orgs) => {
      const owned = orgs.filter(ownsOrganization)
      return owned.length === 0
        ? Effect.fail(new NothingToPick({ message: t("You own none of this key's organizations.") }))
        : Effect.succeed(owned.map((org) => ({ label: visible(org.name), description: visible(org.org_id), value: org })))
    })

    const ownedProjects = kit.projectsOwned(true)

    /** Organizations and projects the caller owns, for invites and member changes. */
    const ownedMemberships = Effect.gen(function*() {
      const orgs = yield* Effect.either(ownedOrganizations)
      const projects = yield* Effect.either(ownedProjects)
      const entries: Array<QuickPickEntry<Membership>> = [
        ...(Either.isRight(orgs)
          ? orgs.right.map((e) => ({ ...e, detail: t("organization"), value: { _tag: "Organization" as const, org: e.value } }))
          : []),
        ...(Either.isRight(projects)
          ? projects.right.map((e) => ({ ...e, detail: t("project"), value: { _tag: "Project" as const, ...e.value } }))
          : [])
      ]
      if (entries.length > 0) return entries
      return yield* Effect.fail(
        Either.isLeft(orgs) ? orgs.left : new NothingToPick({ message: t("You own none of this key's organizations or projects.") })
      )
    })

    const membersOf = (where: Membership) =>
      Effect.map(
        tree.rowsOf(
          where._tag === "Organization"
            ? { _tag: "Group", orgId: where.org.org_id, group: "members" }
            : { _tag: "Project", orgId: where.org.org_id, projectId: where.project.project_id }
        ),
        (rows) =>
          rows.flatMap((row): Array<QuickPickEntry<MemberTarget>> => {
            if (row._tag !== "Member" && row._tag !== "ProjectMember") return []
            const target = { ...memberTargetOf(row), where }
            return [{ label: visible(target.label), ...(target.role === undefined ? {} : { description: visible(target.role.toLowerCase(), 40) }), value: target }]
          })
      )

    const pickMember = (title: string, use: (target: MemberTarget) => Effect.Effect<void>) =>
      kit.pickFromPalette("memberships", ownedMemberships, { title, placeHolder: t("Where is the member?") }, (where) =>
        Effect.gen(function*() {
          const picked = yield* vscode.showQuickPick(
            Effect.flatMap(membersOf(where), (entries) =>
              entries.length === 0 ? Effect.fail(new NothingToPick({ message: t("No members to choose from.") })) : Effect.succeed(entries)),
            { title, placeHolder: t("Which member?") }
          ).pipe(Effect.catchAll((error) => Effect.as(vscode.showMessage("info", error.message), Option.none<MemberTarget>())))
          if (Option.isSome(picked)) yield* use(picked.value)
        }))

    const wrongRow = (message: string) => Effect.asVoid(vscode.showMessage("error", message))

    /** A command's row, as the tree holds it now, if it is of one of `tags`. */
    const rowOf = <T extends TreeNode["_tag"]>(arg: unknown, ...tags: ReadonlyArray<T>) => {
      const row = tree.resolve(arg)
      return row !== undefined && (tags as ReadonlyArray<string>).includes(row._tag) ? row as Extract<TreeNode, { _tag: T }> : undefined
    }

    /** Registers an owner action: bound to the key the rows are read with when it starts. */
    const register = (id: string, handler: (arg: unknown) => Effect.Effect<void>) =>
      kit.register(id, (arg) => bound(handler(arg)))

    // ---- commands ------------------------------------------------------------------------------

    yield* register(COMMANDS.newOrganization, () => newOrganization)

    yield* register(COMMANDS.deleteOrganization, (arg) => {
      if (arg === undefined) {
        return kit.pickFromPalette("organizations", ownedOrganizations, {
          title: t("Mem0: Delete Organization"),
          placeHolder: t("Which organization?")
        }, (org) => bound(deleteOrganization(org)))
      }
      const row = rowOf(arg, "Organization")
      return row !== undefined && ownsOrganization(row.org)
        ? deleteOrganization(row.org)
        : wrongRow(t("Delete Organization works on an organization you own, as the Mem0 tree shows it now."))
    })

    yield* register(COMMANDS.newProject, (arg) => {
      if (arg === undefined) {
        return kit.pickFromPalette("organizations", ownedOrganizations, {
          title: t("Mem0: New Project"),
          placeHolder: t("In which organization?")
        }, (org) => bound(newProject(org)))
      }
      const row = rowOf(arg, "Organization", "Group")
      return row !== undefined && (row._tag === "Organization" || row.group === "projects") && ownsOrganization(row.org)
        ? newProject(row.org)
        : wrongRow(t("New Project works on an organization you own or its Projects, as the Mem0 tree shows them now."))
    })

    const projectCommand = (
      id: string,
      title: () => string,
      use: (org: Organization, project: Project) => Effect.Effect<void>
    ) =>
      register(id, (arg) => {
        if (arg === undefined) {
          return kit.pickFromPalette(
            "projects",
            ownedProjects,
            { title: t("Mem0: {0}", title()), placeHolder: t("Which project?") },
            ({ org, project }) => bound(use(org, project))
          )
        }
        const row = rowOf(arg, "Project")
        return row !== undefined && ownsProject(row.project)
          ? use(row.org, row.project)
          : wrongRow(t("{0} works on a project you own, as the Mem0 tree shows it now.", title()))
      })

    yield* projectCommand(COMMANDS.editProject, () => t("Rename / Edit Description"), editProject)
    yield* projectCommand(COMMANDS.deleteProject, () => t("Delete Project"), deleteProject)

    yield* register(COMMANDS.inviteMember, (arg) => {
      if (arg === undefined) {
        return kit.pickFromPalette("memberships", ownedMemberships, {
          title: t("Mem0: Invite Member"),
          placeHolder: t("Invite to which organization or project?")
        }, (where) => bound(inviteMember(where)))
      }
      const row = rowOf(arg, "Organization", "Group", "Project")
      if (row !== undefined && row._tag !== "Project" && (row._tag === "Organization" || row.group === "members") && ownsOrganization(row.org)) {
        return inviteMember({ _tag: "Organization", org: row.org })
      }
      if (row !== undefined && row._tag === "Project" && ownsProject(row.project)) {
        return inviteMember({ _tag: "Project", org: row.org, project: row.project })
      }
      return wrongRow(t("Invite Member works on the Members of an organization or a project you own, as the Mem0 tree shows them now."))
    })

    const memberCommand = (id: string, title: () => string, use: (target: MemberTarget) => Effect.Effect<void>) =>
      register(id, (arg) => {
        if (arg === undefined) return pickMember(t("Mem0: {0}", title()), (target) => bound(use(target)))
        const row = rowOf(arg, "Member", "ProjectMember")
        const owned = row !== undefined && (row._tag === "Member" ? ownsOrganization(row.org) : ownsProject(row.project))
        return owned ? use(memberTargetOf(row)) : wrongRow(t("{0} works on a member of something you own, as the Mem0 tree shows it now.", title()))
      })

    yield* memberCommand(COMMANDS.changeMemberRole, () => t("Change Role"), changeRole)
    yield* memberCommand(COMMANDS.removeMember, () => t("Remove Member"), removeMember)
  })
