/** An organization row: its groups below, the key's organization marked. */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import { callerRole, memberCount, type Organization } from "effect-mem0/Organization"
import * as DateTime from "effect/DateTime"
import { clean, label } from "../../platform/Display.js"
import { CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import { groupsOf } from "./Group.js"
import { idPart, type Kind, marked, ownsOrganization, roleAndDefault, type RowContext, uniqueKeys } from "./Kind.js"

export interface OrganizationNode {
  readonly _tag: "Organization"
  readonly org: Organization
  /** The row's unique key: `org/<org_id>`, with `~2`, `~3`, ... when a server lists one org_id twice. */
  readonly key: string
}

/** Finds an organization row by its org_id. */
export interface OrganizationTarget {
  readonly _tag: "Organization"
  readonly orgId: string
}

export const organizationNode = (org: Organization, key = `org/${idPart(org.org_id)}`): OrganizationNode => ({
  _tag: "Organization",
  org,
  key
})

/** The organization rows of a list, the same objects for as long as their load lives. */
export const organizationRows = (ctx: Pick<RowContext, "cached">, orgs: ReadonlyArray<Organization>) => {
  const { duplicates, keys } = uniqueKeys("org/", orgs.map((org) => org.org_id))
  const rows = orgs.map((org, i) =>
    ctx.cached<OrganizationNode>(keys[i]!, (n) => n.org === org, () => organizationNode(org, keys[i]!))
  )
  return { rows, duplicates }
}

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

export const Organizations: Kind<OrganizationNode, OrganizationTarget> = {
  id: (node) => node.key,
  parentKey: () => undefined,
  item: (node, keyRow) => {
    const description = organizationDescription(node.org, keyRow)
    return {
      label: label(node.org.name),
      ...(description === undefined ? {} : { description }),
      tooltip: organizationTooltip(node.org, keyRow),
      icon: { id: node.org.is_default === true ? "home" : "organization" },
      collapsible: "collapsed",
      contextValue: ownsOrganization(node.org) ? CONTEXT_VALUES.organizationOwner : CONTEXT_VALUES.organization
    }
  },
  /**
   * "Projects (n)" and "Members (n)". Its projects are loaded first (the count is their number; a
   * failure shows under the group), the member count comes with the organization.
   */
  children: (ctx, parent) =>
    Effect.map(Effect.either(ctx.data.projects(parent.org.org_id)), (projects) =>
      groupsOf(ctx, parent, Either.isRight(projects) ? projects.right.length : undefined)),
  keyRow: (node, marks) => marks.orgId !== undefined && node.org.org_id === marks.orgId,
  lookup: { parent: () => undefined, match: (node, target) => node.org.org_id === target.orgId }
}
