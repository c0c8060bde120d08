/** A "Projects (n)" or "Members (n)" row under an organization. */
import { memberCount, type Organization } from "effect-mem0/Organization"
import { CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { Kind, RowContext } from "./Kind.js"
import { ownsOrganization } from "./Kind.js"
import { memberRows } from "./Member.js"
import type { OrganizationNode } from "./Organization.js"
import { projectRows } from "./Project.js"

export interface GroupNode {
  readonly _tag: "Group"
  readonly group: "projects" | "members"
  readonly org: Organization
  /** The key of the organization row it is under. */
  readonly parentKey: string
  /** `<parentKey>/projects` or `<parentKey>/members`. */
  readonly key: string
  /** How many rows it holds, when known. */
  readonly count: number | undefined
}

/** Finds an organization's group. */
export interface GroupTarget {
  readonly _tag: "Group"
  readonly orgId: string
  readonly group: "projects" | "members"
}

export const groupNode = (parent: OrganizationNode, group: GroupNode["group"], count: number | undefined): GroupNode => ({
  _tag: "Group",
  group,
  org: parent.org,
  parentKey: parent.key,
  key: `${parent.key}/${group}`,
  count
})

/** An organization's two groups; the projects' count when they loaded, the members' from the organization. */
export const groupsOf = (ctx: Pick<RowContext, "cached">, parent: OrganizationNode, projectCount: number | undefined) => {
  const count = memberCount(parent.org)
  return [
    ctx.cached<GroupNode>(`${parent.key}/projects`, (g) => g.org === parent.org && g.count === projectCount, () =>
      groupNode(parent, "projects", projectCount)),
    ctx.cached<GroupNode>(`${parent.key}/members`, (g) => g.org === parent.org && g.count === count, () =>
      groupNode(parent, "members", count))
  ] as const
}

export const Groups: Kind<GroupNode, GroupTarget> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => {
    const projects = node.group === "projects"
    return {
      label: node.count === undefined
        ? projects ? t("Projects") : t("Members")
        : projects
        ? t("Projects ({0})", node.count)
        : t("Members ({0})", node.count),
      icon: { id: projects ? "project" : "organization" },
      collapsible: "collapsed",
      ...(ownsOrganization(node.org)
        ? { contextValue: projects ? CONTEXT_VALUES.projectsOwner : CONTEXT_VALUES.membersOwner }
        : {})
    }
  },
  children: (ctx, node) => (node.group === "projects" ? projectRows(ctx, node) : memberRows(ctx, node)),
  lookup: {
    parent: (target) => ({ _tag: "Organization", orgId: target.orgId }),
    match: (node, target) => node.group === target.group
  }
}
