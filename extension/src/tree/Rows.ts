/**
 * The rows of the Organizations tree: one tagged type per kind, with stable,
 * unique hierarchical ids (`org/<org_id>`, `org/<org_id>/member/<user_id>`,
 * `~2` on a repeated id) so the expansion state survives a refresh, and the
 * `contextValue`s menus key on. Every server string is cleaned (`Display.ts`).
 */
import {
  callerRole,
  isOwnerRole,
  type Member,
  memberCount,
  memberLabel,
  type Organization
} from "effect-mem0/Organization"
import { type Project, type ProjectMember, projectMemberLabel } from "effect-mem0/Project"
import * as DateTime from "effect/DateTime"
import { clean, label } from "../platform/Display.js"
import { t } from "../platform/L10n.js"
import type { LoadKey } from "../model/LoadKey.js"
import { type Failure, remedyOf, type RemedyAction } from "../model/Remedy.js"
import { COMMANDS, CONTEXT_VALUES } from "../platform/Ids.js"
import type { TreeItemData } from "../platform/VsCodeApi.js"

/** What clicking an error row does. */
export type ErrorAction = RemedyAction

export interface OrganizationNode {
  readonly _tag: "Organization"
  readonly org: Organization
  /** The row's unique key: `org/<org_id>`, with `~2`, `~3`, ... when a server lists one org_id twice. */
  readonly key: string
}

/** An organization's "Projects (n)" or "Members (n)" row. */
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

export interface MemberNode {
  readonly _tag: "Member"
  readonly orgId: string
  /** The organization it is a member of. */
  readonly org: Organization
  /** The key of the group row it is under. */
  readonly parentKey: string
  readonly member: Member
  /** The row's unique key: `<parentKey>/member/<user_id>`, with `~n` for a repeated user_id. */
  readonly key: string
}

export interface ProjectNode {
  readonly _tag: "Project"
  readonly org: Organization
  /** The key of the "Projects" group row it is under. */
  readonly parentKey: string
  readonly project: Project
  /** `<parentKey>/project/<project_id>`, with `~n` for a repeated project_id. */
  readonly key: string
}

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

export interface ErrorNode {
  readonly _tag: "Error"
  /** The organization whose rows failed to load, or `undefined` for the root. */
  readonly orgId: string | undefined
  /** The key of the row it is under, or `undefined` for the root. */
  readonly parentKey: string | undefined
  /** The load Retry starts again (`undefined`: the organizations, i.e. the whole tree). */
  readonly load: LoadKey | undefined
  /** Fixed wording for the error type (see `model/Remedy.ts`). */
  readonly label: string
  /** The error's full message, cleaned, for the plain-text tooltip. */
  readonly detail: string
  /** The error's tag, e.g. `Mem0RateLimited`. */
  readonly tag: string
  readonly action: ErrorAction
}

export interface MessageNode {
  readonly _tag: "Message"
  readonly parentKey: string | undefined
  readonly label: string
}

export type TreeNode =
  | OrganizationNode
  | GroupNode
  | MemberNode
  | ProjectNode
  | ProjectMemberNode
  | ErrorNode
  | MessageNode

/** Row ids can contain anything a server sends: `/` and `~` (our separators) and `%` are escaped. */
const idPart = (id: string): string => id.replace(/[%/~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`)

/**
 * Unique row keys for a list of ids under one prefix: `prefix/id`, then
 * `prefix/id~2`, `prefix/id~3` for repeats (VS Code refuses two rows with one
 * id). Also returns the ids that were repeated.
 */
export const uniqueKeys = (prefix: string, ids: ReadonlyArray<string>) => {
  const seen = new Map<string, number>()
  const duplicates = new Set<string>()
  const keys = ids.map((id) => {
    const n = (seen.get(id) ?? 0) + 1
    seen.set(id, n)
    if (n > 1) duplicates.add(id)
    return `${prefix}${idPart(id)}${n === 1 ? "" : `~${n}`}`
  })
  return { keys, duplicates: [...duplicates] }
}

export const organizationNode = (org: Organization, key = `org/${idPart(org.org_id)}`): OrganizationNode => ({
  _tag: "Organization",
  org,
  key
})
export const groupNode = (parent: OrganizationNode, group: GroupNode["group"], count: number | undefined): GroupNode => ({
  _tag: "Group",
  group,
  org: parent.org,
  parentKey: parent.key,
  key: `${parent.key}/${group}`,
  count
})
export const memberNode = (
  parent: GroupNode,
  member: Member,
  key = `${parent.key}/member/${idPart(member.user_id)}`
): MemberNode => ({ _tag: "Member", orgId: parent.org.org_id, org: parent.org, parentKey: parent.key, member, key })
export const projectNode = (
  parent: GroupNode,
  project: Project,
  key = `${parent.key}/project/${idPart(project.project_id)}`
): ProjectNode => ({ _tag: "Project", org: parent.org, parentKey: parent.key, project, key })
export const projectMemberNode = (parent: ProjectNode, member: ProjectMember, index: number): ProjectMemberNode => ({
  _tag: "ProjectMember",
  orgId: parent.org.org_id,
  projectId: parent.project.project_id,
  project: parent.project,
  org: parent.org,
  parentKey: parent.key,
  member,
  // Project members have no id of their own: their place in the list keeps the rows apart.
  key: `${parent.key}/member/${index}`
})
export const messageNode = (parentKey: string | undefined, text: string): MessageNode => ({
  _tag: "Message",
  parentKey,
  label: text
})

/** The row a failure becomes: fixed wording and a remedy; the full message only in the tooltip. */
export const errorNode = (
  parent: OrganizationNode | GroupNode | ProjectNode | undefined,
  error: Failure,
  load?: LoadKey
): ErrorNode => {
  const remedy = remedyOf(
    error,
    parent === undefined ? "organizations" : parent._tag === "Group" && parent.group === "projects" ? "projects" : "members"
  )
  return {
    _tag: "Error",
    orgId: parent?.org.org_id,
    parentKey: parent?.key,
    load,
    label: remedy.summary,
    detail: clean(error.message),
    tag: error._tag,
    action: remedy.action
  }
}

/** The stable, unique id of a row. */
export const nodeId = (node: TreeNode): string => {
  switch (node._tag) {
    case "Organization":
    case "Group":
    case "Member":
    case "Project":
    case "ProjectMember":
      return node.key
    case "Error":
      return node.parentKey === undefined ? "error" : `${node.parentKey}/error`
    case "Message":
      return node.parentKey === undefined ? "message" : `${node.parentKey}/message`
  }
}

const roleText = (role: string | undefined) => (role === undefined ? undefined : label(role.toLowerCase(), 40))

/** A row's description: the caller's role, and "default" where it applies (organizations and projects). */
const roleAndDefault = (role: string | undefined, isDefault: boolean | undefined): string | undefined => {
  const parts = [roleText(role), isDefault === true ? t("default") : undefined].filter((p): p is string => p !== undefined)
  return parts.length === 0 ? undefined : parts.join(" · ")
}

/** Adds a mark to a description. */
const marked = (description: string | undefined, mark: string | undefined): string | undefined =>
  mark === undefined ? description : description === undefined ? mark : `${description} · ${mark}`

/** What marks the organization the API key belongs to, in its row's description. */
export const keyOrgMark = (): string => t("API key's organization")

/** The organization row's description: the caller's role, "default" where it applies, and the key's organization. */
export const organizationDescription = (org: Organization, keyOrg = false): string | undefined =>
  marked(roleAndDefault(callerRole(org), org.is_default), keyOrg ? keyOrgMark() : undefined)

const plan = (org: Organization): string | undefined =>
  org.owner_pricing_plan ?? (org.on_paid_plan === undefined ? undefined : org.on_paid_plan ? t("paid") : t("free"))

/** The organization row's tooltip, plain text (never Markdown: server text cannot become a link). */
export const organizationTooltip = (org: Organization, keyOrg = false): string => {
  const lines = [clean(org.name), "", `org_id: ${clean(org.org_id)}`]
  if (keyOrg) lines.push(t("Your API key belongs to this organization."))
  const role = callerRole(org)
  if (role !== undefined) {
    lines.push(org.is_default === true ? t("Your role: {0} (default organization)", clean(role)) : t("Your role: {0}", clean(role)))
  }
  if (org.created_at !== undefined) lines.push(t("Created: {0}", DateTime.formatIso(org.created_at).slice(0, 10)))
  const p = plan(org)
  if (p !== undefined) lines.push(t("Plan: {0}", clean(p)))
  const count = memberCount(org)
  if (count !== undefined) lines.push(t("Members: {0}", count))
  return lines.join("\n")
}

const ROLE_ICONS: Record<string, string> = { OWNER: "shield", READER: "eye" }

/** What marks the project the API key is bound to, in its row's description. */
export const keyProjectMark = (): string => t("API key's project")

/** A project row's description: the caller's role, "default" where it applies, and the key's project. */
export const projectDescription = (project: Project, keyProject = false): string | undefined =>
  marked(roleAndDefault(project.user_role, project.is_default), keyProject ? keyProjectMark() : undefined)

/** A project row's tooltip, plain text: description, role, dates, the main settings. */
export const projectTooltip = (project: Project, keyProject = false): string => {
  const lines = [clean(project.name), "", `project_id: ${clean(project.project_id)}`]
  if (keyProject) lines.push(t("Your API key is bound to this project."))
  if (project.description !== undefined && project.description !== "") lines.push(clean(project.description))
  if (project.user_role !== undefined) lines.push(t("Your role: {0}", clean(project.user_role)))
  if (project.created_at !== undefined) lines.push(t("Created: {0}", DateTime.formatIso(project.created_at).slice(0, 10)))
  if (project.updated_at !== undefined) lines.push(t("Updated: {0}", DateTime.formatIso(project.updated_at).slice(0, 10)))
  const flags = [
    project.enable_graph === true ? t("graph memory") : undefined,
    project.multilingual === true ? t("multilingual") : undefined,
    project.decay === true ? t("decay") : undefined,
    project.memory_depth === undefined ? undefined : t("depth {0}", clean(project.memory_depth))
  ].filter((f): f is string => f !== undefined)
  if (flags.length > 0) lines.push(t("Settings: {0}", flags.join(", ")))
  return lines.join("\n")
}

/** What an error row offers: its menu, its click, and its words (translated when shown). */
const errorAction = (action: ErrorAction): { contextValue: string; command: string; hint: string; click: string } => {
  switch (action) {
    case "setApiKey":
      return { contextValue: CONTEXT_VALUES.errorSetKey, command: COMMANDS.setApiKey, hint: t("Set API Key"), click: t("Click to set the API key.") }
    case "retry":
      return { contextValue: CONTEXT_VALUES.errorRetry, command: COMMANDS.retry, hint: t("Retry"), click: t("Click to retry.") }
    case "openSettings":
      return { contextValue: CONTEXT_VALUES.errorSettings, command: COMMANDS.openSettings, hint: t("Open Settings"), click: t("Click to open the settings.") }
    case "showLogs":
      return { contextValue: CONTEXT_VALUES.errorLogs, command: COMMANDS.showLogs, hint: t("Show Logs"), click: t("Click to show the logs.") }
  }
}

/** The organization and project the API key in use is bound to (from `ping`), as far as known. */
export interface KeyMarks {
  readonly orgId: string | undefined
  readonly projectId: string | undefined
}

/**
 * What VS Code shows for a row, with its accessible name: the label and the description, as shown.
 * The rows of the key's organization and project are marked.
 */
export const treeItem = (node: TreeNode, key?: KeyMarks): TreeItemData => {
  const item = rowItem(node, key)
  return {
    ...item,
    // What the icon says is in the description (role, default, the key's project); an error row says it is one.
    accessibilityLabel: node._tag === "Error"
      ? t("Error: {0}. {1}", item.label, item.description ?? "")
      : item.description === undefined || item.description === ""
      ? item.label
      : `${item.label} ${item.description}`
  }
}

/** Whether the caller owns an organization (its role, or `is_owner`). */
export const ownsOrganization = (org: Organization): boolean => isOwnerRole(callerRole(org))

/** Whether the caller may change a project: Mem0 says `user_role: OWNER` for its owners and the organization's. */
export const ownsProject = (project: Project): boolean => isOwnerRole(project.user_role)

/** Whether a row is the key's organization or project. */
export const isKeyRow = (node: TreeNode, key: KeyMarks | undefined): boolean =>
  key !== undefined && key.orgId !== undefined && (
    (node._tag === "Organization" && node.org.org_id === key.orgId) ||
    (node._tag === "Project" && node.org.org_id === key.orgId && node.project.project_id === key.projectId)
  )

const rowItem = (node: TreeNode, key: KeyMarks | undefined): Omit<TreeItemData, "accessibilityLabel"> => {
  const id = nodeId(node)
  const keyRow = isKeyRow(node, key)
  switch (node._tag) {
    case "Organization": {
      const description = organizationDescription(node.org, keyRow)
      return {
        id,
        label: label(node.org.name),
        ...(description === undefined ? {} : { description }),
        tooltip: organizationTooltip(node.org, keyRow),
        icon: { id: node.org.is_default === true ? "home" : "organization" },
        collapsible: "collapsed",
        contextValue: ownsOrganization(node.org) ? CONTEXT_VALUES.organizationOwner : CONTEXT_VALUES.organization
      }
    }
    case "Group": {
      const projects = node.group === "projects"
      return {
        id,
        label: node.count === undefined
          ? projects ? t("Projects") : t("Members")
          : projects
          ? t("Projects ({0})", node.count)
          : t("Members ({0})", node.count),
        icon: { id: node.group === "projects" ? "project" : "organization" },
        collapsible: "collapsed",
        ...(ownsOrganization(node.org)
          ? { contextValue: node.group === "projects" ? CONTEXT_VALUES.projectsOwner : CONTEXT_VALUES.membersOwner }
          : {})
      }
    }
    case "Project": {
      const description = projectDescription(node.project, keyRow)
      return {
        id,
        label: label(node.project.name),
        ...(description === undefined ? {} : { description }),
        tooltip: projectTooltip(node.project, keyRow),
        icon: keyRow
          ? { id: "key", color: "charts.green" }
          : { id: node.project.is_default === true ? "star-full" : "project" },
        collapsible: "collapsed",
        contextValue: ownsProject(node.project) ? CONTEXT_VALUES.projectOwner : CONTEXT_VALUES.project
      }
    }
    case "ProjectMember": {
      const role = node.member.role
      return {
        id,
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
    }
    case "Member": {
      const role = node.member.role
      const details = [node.member.email, node.member.username, `user_id: ${node.member.user_id}`]
        .filter((d): d is string => d !== undefined)
        .map(clean)
      return {
        id,
        label: label(memberLabel(node.member)),
        description: roleText(role) ?? "",
        tooltip: `${[...new Set(details)].join("\n")}\n${t("Role: {0}", clean(role))}`,
        icon: { id: ROLE_ICONS[role.toUpperCase()] ?? "person" },
        collapsible: "none",
        contextValue: ownsOrganization(node.org) ? CONTEXT_VALUES.memberOwner : CONTEXT_VALUES.member
      }
    }
    case "Error": {
      const action = errorAction(node.action)
      return {
        id,
        label: node.label,
        description: action.hint,
        tooltip: `${node.detail}\n\n${action.click}`,
        icon: { id: "warning", color: "list.warningForeground" },
        collapsible: "none",
        contextValue: action.contextValue,
        command: { command: action.command, title: action.hint, arguments: [node] }
      }
    }
    case "Message":
      return { id, label: node.label, icon: { id: "info" }, collapsible: "none" }
  }
}
