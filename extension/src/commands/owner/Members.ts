/**
 * Members of organizations and of projects, through one `Membership`:
 * invite, change a role, remove. Making someone an owner asks first, and so
 * does removing; the modal names the person, the place and its ids. Mem0
 * lists a project's members by user name only: where no email is known, it
 * is typed first, and the modal names exactly what was typed.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as Option from "effect/Option"
import type * as Mem0Client from "effect-mem0/Mem0Client"
import type { Mem0RequestError } from "effect-mem0/Mem0Error"
import { memberLabel, type MemberRole, type Organization } from "effect-mem0/Organization"
import { type Project, projectMemberLabel } from "effect-mem0/Project"
import { label, visible } from "../../platform/Display.js"
import { COMMANDS } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { QuickPickEntry } from "../../platform/VsCodeApi.js"
import type { Changed, RowTarget } from "../../tree/OrganizationsTree.js"
import { type MemberNode, ownsOrganization, ownsProject, type ProjectMemberNode } from "../../tree/Rows.js"
import { NothingToPick, type PicksService } from "../Picks.js"
import { type Command, defineCommand, rowArgument } from "../Registry.js"
import { emailProblem, type Flows, roles } from "./Flows.js"
import type { OrganizationActions } from "./Organizations.js"

/** A request to Mem0: its operation's name (for the log) and how the client sends it. */
interface Request {
  readonly name: string
  readonly send: (client: Mem0Client.Mem0ClientService) => Effect.Effect<unknown, Mem0RequestError>
}

/** Where someone is a member: an organization or a project, with everything that differs between the two. */
export interface Membership {
  readonly kind: "organization" | "project"
  /** The place's name, as shown (escapes visible). */
  readonly name: string
  /** The place's ids, as a modal names them. */
  readonly ids: string
  readonly add: (member: Mem0Client.MemberChange) => Request
  readonly setRole: (member: Mem0Client.MemberChange) => Request
  readonly remove: (email: string) => Request
  /** What a change of its members touched. */
  readonly changed: Changed
  /** The row its members are listed under (shown after a removal). */
  readonly listedAt: RowTarget
  /** The row of one of its members. */
  readonly memberRow: (email: string) => RowTarget
  /** What an owner may do there, and what a removed member loses. */
  readonly ownerMay: () => string
  readonly removedLose: () => string
}

export const organizationMembership = (org: Organization): Membership => {
  const orgId = org.org_id
  return {
    kind: "organization",
    name: visible(org.name, 80),
    ids: `org_id: ${visible(orgId, 80)}`,
    add: (member) => ({ name: "addMember", send: (client) => client.addMember(orgId, member) }),
    setRole: (member) => ({ name: "updateMemberRole", send: (client) => client.updateMemberRole(orgId, member) }),
    remove: (email) => ({ name: "removeMember", send: (client) => client.removeMember(orgId, email) }),
    changed: { _tag: "Members", orgId },
    listedAt: { _tag: "Group", orgId, group: "members" },
    memberRow: (email) => ({ _tag: "Member", orgId, email }),
    ownerMay: () => t("Owners can change the organization, its projects and members, and delete it with every memory in it."),
    removedLose: () => t("They lose access to the organization, its projects and their memories.")
  }
}

export const projectMembership = (org: Organization, project: Project): Membership => {
  const orgId = org.org_id
  const projectId = project.project_id
  return {
    kind: "project",
    name: visible(project.name, 80),
    ids: `org_id: ${visible(orgId, 80)}\nproject_id: ${visible(projectId, 80)}`,
    add: (member) => ({ name: "addProjectMember", send: (client) => client.addProjectMember(orgId, projectId, member) }),
    setRole: (member) => ({ name: "updateProjectMemberRole", send: (client) => client.updateProjectMemberRole(orgId, projectId, member) }),
    remove: (email) => ({ name: "removeProjectMember", send: (client) => client.removeProjectMember(orgId, projectId, email) }),
    changed: { _tag: "ProjectMembers", orgId, projectId },
    listedAt: { _tag: "Project", orgId, projectId },
    memberRow: (email) => ({ _tag: "ProjectMember", orgId, projectId, email }),
    ownerMay: () => t("Owners can change the project and its members, and delete it with every memory in it."),
    removedLose: () => t("They lose access to the project and its memories.")
  }
}

/** A member to change: where, and as what the tree lists them. */
interface MemberTarget {
  readonly where: Membership
  readonly label: string
  readonly email: string | undefined
  readonly role: string | undefined
}

const memberTargetOf = (node: MemberNode | ProjectMemberNode): MemberTarget =>
  node._tag === "Member"
    ? { where: organizationMembership(node.org), label: memberLabel(node.member), email: node.member.email, role: node.member.role }
    : {
      where: projectMembership(node.org, node.project),
      label: projectMemberLabel(node.member),
      email: node.member.email,
      role: node.member.role
    }

export const memberActions = ({ call, change, done, form, vscode }: Flows) => {
  const send = (request: Request) => call(request.name, request.send)

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
    vscode.confirm(t("Make {0} an owner of {1}?", visible(who, 80), where.name), `${where.ownerMay()}\n\n${where.ids}`, t("Make Owner"))

  const inviteMember = (where: Membership) =>
    Effect.gen(function*() {
      const title = t("Mem0: Invite Member to {0}", where.name)
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
            yield* send(where.add({ email: email.trim(), role: picked.value }))
            return true
          })
      )
      if (Option.isNone(invited) || !invited.value.result) return
      const email = invited.value.value.trim()
      yield* done(
        role === "OWNER" ? t("Invited {0} as owner", label(email, 80)) : t("Invited {0} as reader", label(email, 80)),
        where.changed,
        where.memberRow(email)
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
      const where = target.where
      const title = t("Mem0: Change Role of {0} in {1}", visible(target.label, 80), where.name)
      const email = yield* emailOf(target, title)
      if (Option.isNone(email)) return
      const role = yield* pickRole(title, target.role)
      if (Option.isNone(role)) return
      if (role.value === "OWNER" && !(yield* confirmOwner(email.value, where))) return
      if (!(yield* change(t("Change Role"), send(where.setRole({ email: email.value, role: role.value }))))) return
      yield* done(
        role.value === "OWNER" ? t("{0} is now an owner", label(target.label, 80)) : t("{0} is now a reader", label(target.label, 80)),
        where.changed,
        where.memberRow(email.value)
      )
    })

  const removeMember = (target: MemberTarget) =>
    Effect.gen(function*() {
      const where = target.where
      const title = t("Mem0: Remove {0} from {1}", visible(target.label, 80), where.name)
      // the email first (typed where Mem0 lists none): the modal names it, and exactly it is removed
      const email = yield* emailOf(target, title)
      if (Option.isNone(email)) return
      const listedAs = target.email === undefined ? `${t("Listed as: {0}", visible(target.label, 80))}\n` : ""
      const sure = yield* vscode.confirm(
        t("Remove {0} from {1}?", visible(email.value, 80), where.name),
        `${where.removedLose()}\n\n${listedAs}email: ${visible(email.value, 80)}\n${where.ids}`,
        t("Remove")
      )
      if (!sure) return
      if (!(yield* change(t("Remove Member"), send(where.remove(email.value))))) return
      yield* done(t("Removed {0}", label(email.value, 80)), where.changed, where.listedAt)
    })

  return { inviteMember, changeRole, removeMember }
}

/** The commands of the member actions, from a row or from the palette (a place, then a member). */
export const memberCommands = (
  { changeRole, inviteMember, removeMember }: ReturnType<typeof memberActions>,
  { ownedOrganizations }: OrganizationActions,
  { tree, vscode }: Flows,
  picks: PicksService,
  bound: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
): ReadonlyArray<Command> => {
  /** Organizations and projects the caller owns, for invites and member changes. */
  const ownedMemberships = Effect.gen(function*() {
    const orgs = yield* Effect.either(ownedOrganizations)
    const projects = yield* Effect.either(picks.projectsOwned(true))
    const entries: Array<QuickPickEntry<Membership>> = [
      ...(Either.isRight(orgs) ? orgs.right.map((e) => ({ ...e, detail: t("organization"), value: organizationMembership(e.value) })) : []),
      ...(Either.isRight(projects)
        ? projects.right.map((e) => ({ ...e, detail: t("project"), value: projectMembership(e.value.org, e.value.project) }))
        : [])
    ]
    if (entries.length > 0) return entries
    return yield* Effect.fail(
      Either.isLeft(orgs) ? orgs.left : new NothingToPick({ message: t("You own none of this key's organizations or projects.") })
    )
  })

  const membersOf = (where: Membership) =>
    Effect.map(tree.rowsOf(where.listedAt), (rows) =>
      rows.flatMap((row): Array<QuickPickEntry<MemberTarget>> => {
        if (row._tag !== "Member" && row._tag !== "ProjectMember") return []
        const target = { ...memberTargetOf(row), where }
        return [{ label: visible(target.label), ...(target.role === undefined ? {} : { description: visible(target.role.toLowerCase(), 40) }), value: target }]
      }))

  const pickMember = (title: string, use: (target: MemberTarget) => Effect.Effect<void>) =>
    picks.pickFromPalette("memberships", ownedMemberships, { title, placeHolder: t("Where is the member?") }, (where) =>
      Effect.gen(function*() {
        const picked = yield* vscode.showQuickPick(
          Effect.flatMap(membersOf(where), (entries) =>
            entries.length === 0 ? Effect.fail(new NothingToPick({ message: t("No members to choose from.") })) : Effect.succeed(entries)),
          { title, placeHolder: t("Which member?") }
        ).pipe(Effect.catchAll((error) => Effect.as(vscode.showMessage("info", error.message), Option.none<MemberTarget>())))
        if (Option.isSome(picked)) yield* use(picked.value)
      }))

  const memberCommand = (id: string, title: () => string, use: (target: MemberTarget) => Effect.Effect<void>) =>
    defineCommand(id, {
      bound: true,
      node: rowArgument("Member", "ProjectMember"),
      accepts: (row) => (row._tag === "Member" ? ownsOrganization(row.org) : ownsProject(row.project)),
      wrongRow: () => t("{0} works on a member of something you own, as the Mem0 tree shows it now.", title()),
      run: (row) => use(memberTargetOf(row)),
      palette: Effect.suspend(() => pickMember(t("Mem0: {0}", title()), (target) => bound(use(target))))
    })

  return [
    defineCommand(COMMANDS.inviteMember, {
      bound: true,
      node: rowArgument("Organization", "Group", "Project"),
      accepts: (row) =>
        row._tag === "Project" ? ownsProject(row.project) : (row._tag === "Organization" || row.group === "members") && ownsOrganization(row.org),
      wrongRow: () => t("Invite Member works on the Members of an organization or a project you own, as the Mem0 tree shows them now."),
      run: (row) => inviteMember(row._tag === "Project" ? projectMembership(row.org, row.project) : organizationMembership(row.org)),
      palette: picks.pickFromPalette("memberships", ownedMemberships, {
        title: t("Mem0: Invite Member"),
        placeHolder: t("Invite to which organization or project?")
      }, (where) => bound(inviteMember(where)))
    }),
    memberCommand(COMMANDS.changeMemberRole, () => t("Change Role"), changeRole),
    memberCommand(COMMANDS.removeMember, () => t("Remove Member"), removeMember)
  ]
}
