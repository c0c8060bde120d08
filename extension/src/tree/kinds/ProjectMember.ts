/** A member row under a project. Project members have no id of their own: their place in the list keeps them apart. */
import * as Effect from "effect/Effect"
import type { Organization } from "effect-mem0/Organization"
import { type Project, ProjectMember, projectMemberLabel } from "effect-mem0/Project"
import { LoadKey } from "../../model/LoadKey.js"
import { clean, label } from "../../platform/Display.js"
import { CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { TreeNode } from "../Rows.js"
import { messageNode } from "./Error.js"
import { type Kind, ownsProject, ROLE_ICONS, roleText, type RowContext, sameEmail } from "./Kind.js"
import type { ProjectNode } from "./Project.js"

export interface ProjectMemberNode {
  readonly _tag: "ProjectMember"
  readonly orgId: string
  readonly projectId: string
  /** The project it is a member of, and its organization. */
  readonly project: Project
  readonly org: Organization
  /** The key of the project row it is under. */
  readonly parentKey: string
  readonly member: ProjectMember
  readonly key: string
}

/** Finds a project's member by email. */
export interface ProjectMemberTarget {
  readonly _tag: "ProjectMember"
  readonly orgId: string
  readonly projectId: string
  readonly email: string
}

export const projectMemberNode = (parent: ProjectNode, member: ProjectMember, index: number): ProjectMemberNode => ({
  _tag: "ProjectMember",
  orgId: parent.org.org_id,
  projectId: parent.project.project_id,
  project: parent.project,
  org: parent.org,
  parentKey: parent.key,
  member,
  key: `${parent.key}/member/${index}`
})

/**
 * A project's members, as `GET .../members/` lists them (user name and role), with the email the
 * project's own `members` gives for the same user name, where exactly one has it (changes need
 * the email; without it, the person types it and the modal names what was typed).
 */
export const projectMemberRows = (ctx: RowContext, parent: ProjectNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
  ctx.data.projectMembers(parent.org.org_id, parent.project.project_id).pipe(
    Effect.map((list): ReadonlyArray<TreeNode> =>
      list.length === 0
        ? [messageNode(parent.key, t("No members"))]
        : list.map((listed, i) => {
          // a user name two people can share names nobody: the email is taken only from a unique match
          const embedded = parent.project.members?.filter((e) => e.username !== undefined && e.username === listed.username) ?? []
          const email = embedded.length === 1 ? embedded[0]!.email : undefined
          const m = listed.email === undefined && email !== undefined ? new ProjectMember({ ...listed, email }) : listed
          return ctx.cached<ProjectMemberNode>(
            `${parent.key}/member/${i}`,
            (n) =>
              n.project === parent.project && n.member.username === m.username && n.member.role === m.role &&
              n.member.email === m.email,
            () => projectMemberNode(parent, m, i)
          )
        })
    ),
    Effect.catchAll(ctx.failureRows(parent, LoadKey.ProjectMembers({ orgId: parent.org.org_id, projectId: parent.project.project_id })))
  )

export const ProjectMembers: Kind<ProjectMemberNode, ProjectMemberTarget> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => {
    const role = node.member.role
    return {
      label: label(projectMemberLabel(node.member)),
      description: roleText(role) ?? "",
      tooltip: [node.member.email, node.member.username, role === undefined ? undefined : t("Role: {0}", role)]
        .filter((d): d is string => d !== undefined)
        .map(clean)
        .join("\n"),
      icon: { id: ROLE_ICONS[role?.toUpperCase() ?? ""] ?? "person" },
      collapsible: "none",
      contextValue: ownsProject(node.project) ? CONTEXT_VALUES.projectMemberOwner : CONTEXT_VALUES.projectMember
    }
  },
  lookup: {
    parent: (target) => ({ _tag: "Project", orgId: target.orgId, projectId: target.projectId }),
    match: (node, target) => sameEmail(node.member.email, target)
  }
}
