/**
 * The rows of the Organizations tree: one tagged type per kind, with stable
 * hierarchical ids (`org/<org_id>`, `org/<org_id>/member/<user_id>`) so the
 * expansion state survives a refresh, and the `contextValue`s menus key on.
 */
import {
  callerRole,
  formatWait,
  type Mem0Error,
  type Member,
  memberCount,
  memberLabel,
  type Organization
} from "effect-mem0"
import * as DateTime from "effect/DateTime"
import type { TreeItemData } from "./VsCodeApi.js"

/** What clicking an error row does. */
export type ErrorAction = "setApiKey" | "retry" | "openSettings"

export interface OrganizationNode {
  readonly _tag: "Organization"
  readonly org: Organization
}

export interface MemberNode {
  readonly _tag: "Member"
  readonly orgId: string
  readonly member: Member
}

export interface ErrorNode {
  readonly _tag: "Error"
  /** The organization whose members failed to load, or `undefined` for the root. */
  readonly orgId: string | undefined
  readonly label: string
  readonly detail: string
  /** The error's tag, e.g. `Mem0RateLimited`. */
  readonly tag: string
  readonly action: ErrorAction
}

export interface MessageNode {
  readonly _tag: "Message"
  readonly orgId: string | undefined
  readonly label: string
}

export type TreeNode = OrganizationNode | MemberNode | ErrorNode | MessageNode

/** Every `contextValue` a row can have; the manifest's menus must use each, and only these. */
export const CONTEXT_VALUES = {
  organization: "mem0.organization",
  member: "mem0.member",
  errorRetry: "mem0.error.retry",
  errorSetKey: "mem0.error.setKey",
  errorSettings: "mem0.error.settings"
} as const

export const COMMANDS = {
  setApiKey: "mem0.setApiKey",
  clearApiKey: "mem0.clearApiKey",
  refresh: "mem0.refresh",
  copyOrgId: "mem0.copyOrgId",
  copyMemberEmail: "mem0.copyMemberEmail",
  copySelection: "mem0.copySelection",
  retry: "mem0.retry",
  showLogs: "mem0.showLogs",
  openSettings: "mem0.openSettings"
} as const

export const VIEW_ID = "mem0.organizations"

export const organizationNode = (org: Organization): OrganizationNode => ({ _tag: "Organization", org })
export const memberNode = (orgId: string, member: Member): MemberNode => ({ _tag: "Member", orgId, member })
export const messageNode = (orgId: string | undefined, label: string): MessageNode => ({ _tag: "Message", orgId, label })

/** The row an error becomes: what to say, and what the person can do about it. */
export const errorNode = (orgId: string | undefined, error: Mem0Error): ErrorNode => {
  const base = { _tag: "Error" as const, orgId, tag: error._tag, detail: error.message }
  switch (error._tag) {
    case "Mem0Unauthorized":
      return { ...base, label: "Mem0 rejected the API key (401)", action: "setApiKey" }
    case "Mem0Forbidden":
      return orgId === undefined
        ? { ...base, label: "This API key may not list organizations (403)", action: "setApiKey" }
        : { ...base, label: "Not allowed to see the members (403)", action: "retry" }
    case "Mem0RateLimited":
      return {
        ...base,
        label: error.retryAfter === undefined
          ? "Rate limited by Mem0"
          : `Rate limited by Mem0: retry in ${formatWait(error.retryAfter)}`,
        action: "retry"
      }
    case "Mem0Timeout":
      return { ...base, label: "Mem0 did not answer in time", action: "retry" }
    case "Mem0TransportError":
      return { ...base, label: "Cannot reach Mem0", action: "retry" }
    case "Mem0ServerError":
      return { ...base, label: `Mem0 server error (${error.status})`, action: "retry" }
    case "Mem0NotFound":
      return { ...base, label: "Organization not found (404)", action: "retry" }
    case "Mem0DecodeError":
      return { ...base, label: "Unexpected response from Mem0", action: "retry" }
    case "Mem0ConfigError":
      return {
        ...base,
        label: error.setting === "apiKey" ? "The API key is empty" : "Invalid Mem0 settings",
        action: error.setting === "apiKey" ? "setApiKey" : "openSettings"
      }
    default:
      return { ...base, label: error.message, action: "retry" }
  }
}

/** An error row for a setting that cannot be used. */
export const settingsErrorNode = (message: string): ErrorNode => ({
  _tag: "Error",
  orgId: undefined,
  label: "Invalid Mem0 settings",
  detail: message,
  tag: "SettingsProblem",
  action: "openSettings"
})

/** The stable id of a row. */
export const nodeId = (node: TreeNode): string => {
  switch (node._tag) {
    case "Organization":
      return `org/${node.org.org_id}`
    case "Member":
      return `org/${node.orgId}/member/${node.member.user_id}`
    case "Error":
      return node.orgId === undefined ? "error" : `org/${node.orgId}/error`
    case "Message":
      return node.orgId === undefined ? "message" : `org/${node.orgId}/message`
  }
}

const escapeMarkdown = (text: string) => text.replace(/([\\`*_{}[\]()#+\-.!|<>])/g, "\\$1")

const roleText = (role: string | undefined) => (role === undefined ? undefined : role.toLowerCase())

/** The organization row's description: the caller's role, and "default" where it applies. */
export const organizationDescription = (org: Organization): string | undefined => {
  const parts = [roleText(callerRole(org)), org.is_default === true ? "default" : undefined].filter(
    (p): p is string => p !== undefined
  )
  return parts.length === 0 ? undefined : parts.join(" · ")
}

const plan = (org: Organization): string | undefined =>
  org.owner_pricing_plan ?? (org.on_paid_plan === undefined ? undefined : org.on_paid_plan ? "paid" : "free")

/** The organization row's Markdown tooltip. */
export const organizationTooltip = (org: Organization): string => {
  const lines = [`**${escapeMarkdown(org.name)}**`, "", `org_id: \`${org.org_id.replace(/`/g, "")}\``]
  const role = callerRole(org)
  if (role !== undefined) lines.push(`Your role: ${escapeMarkdown(role)}${org.is_default === true ? " (default organization)" : ""}`)
  if (org.created_at !== undefined) lines.push(`Created: ${DateTime.formatIso(org.created_at).slice(0, 10)}`)
  const p = plan(org)
  if (p !== undefined) lines.push(`Plan: ${escapeMarkdown(p)}`)
  const count = memberCount(org)
  if (count !== undefined) lines.push(`Members: ${count}`)
  return lines.join("  \n")
}

const ROLE_ICONS: Record<string, string> = { OWNER: "shield", READER: "eye" }

const ERROR_ACTIONS: Record<ErrorAction, { contextValue: string; command: string; title: string; hint: string }> = {
  setApiKey: {
    contextValue: CONTEXT_VALUES.errorSetKey,
    command: COMMANDS.setApiKey,
    title: "Set API Key",
    hint: "Set API Key"
  },
  retry: { contextValue: CONTEXT_VALUES.errorRetry, command: COMMANDS.retry, title: "Retry", hint: "Retry" },
  openSettings: {
    contextValue: CONTEXT_VALUES.errorSettings,
    command: COMMANDS.openSettings,
    title: "Open Settings",
    hint: "Open Settings"
  }
}

/** What VS Code shows for a row. */
export const treeItem = (node: TreeNode): TreeItemData => {
  const id = nodeId(node)
  switch (node._tag) {
    case "Organization": {
      const description = organizationDescription(node.org)
      return {
        id,
        label: node.org.name,
        ...(description === undefined ? {} : { description }),
        tooltip: organizationTooltip(node.org),
        icon: { id: node.org.is_default === true ? "home" : "organization" },
        collapsible: "collapsed",
        contextValue: CONTEXT_VALUES.organization
      }
    }
    case "Member": {
      const role = node.member.role
      const details = [node.member.email, node.member.username, `user_id: ${node.member.user_id}`]
        .filter((d): d is string => d !== undefined)
        .map(escapeMarkdown)
      return {
        id,
        label: memberLabel(node.member),
        description: roleText(role) ?? "",
        tooltip: [...new Set(details)].join("  \n") + `  \nRole: ${escapeMarkdown(role)}`,
        icon: { id: ROLE_ICONS[role.toUpperCase()] ?? "person" },
        collapsible: "none",
        contextValue: CONTEXT_VALUES.member
      }
    }
    case "Error": {
      const action = ERROR_ACTIONS[node.action]
      return {
        id,
        label: node.label,
        description: action.hint,
        tooltip: `${escapeMarkdown(node.detail)}  \n\nClick to ${action.hint.toLowerCase()}.`,
        icon: { id: "warning", color: "list.warningForeground" },
        collapsible: "none",
        contextValue: action.contextValue,
        command: { command: action.command, title: action.title, arguments: [node] }
      }
    }
    case "Message":
      return { id, label: node.label, icon: { id: "info" }, collapsible: "none" }
  }
}
