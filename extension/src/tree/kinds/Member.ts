/** A member row under an organization's "Members" group. */
import * as Effect from "effect/Effect"
import { type Member, memberLabel, type Organization } from "effect-mem0/Organization"
import { LoadKey } from "../../model/LoadKey.js"
import { clean, label } from "../../platform/Display.js"
import { CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { TreeNode } from "../Rows.js"
import { messageNode } from "./Error.js"
import type { GroupNode } from "./Group.js"
import { idPart, type Kind, ownsOrganization, ROLE_ICONS, roleText, type RowContext, sameEmail, uniqueKeys } from "./Kind.js"

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

/** Finds an organization's member by email. */
export interface MemberTarget {
  readonly _tag: "Member"
  readonly orgId: string
  readonly email: string
}

export const memberNode = (
  parent: GroupNode,
  member: Member,
  key = `${parent.key}/member/${idPart(member.user_id)}`
): MemberNode => ({ _tag: "Member", orgId: parent.org.org_id, org: parent.org, parentKey: parent.key, member, key })

/** What a "Members" group expands to. */
export const memberRows = (ctx: RowContext, parent: GroupNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
  ctx.data.members(parent.org.org_id).pipe(
    Effect.flatMap((list): Effect.Effect<ReadonlyArray<TreeNode>> => {
      if (list.length === 0) return Effect.succeed([messageNode(parent.key, t("No members"))])
      const { duplicates, keys } = uniqueKeys(`${parent.key}/member/`, list.map((m) => m.user_id))
      return Effect.as(
        ctx.logDuplicates("user_id", duplicates),
        list.map((m, i) =>
          ctx.cached<MemberNode>(keys[i]!, (n) => n.member === m && n.org === parent.org, () => memberNode(parent, m, keys[i]!))
        )
      )
    }),
    Effect.catchAll(ctx.failureRows(parent, LoadKey.Members({ orgId: parent.org.org_id })))
  )

export const Members: Kind<MemberNode, MemberTarget> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node) => {
    const role = node.member.role
    const details = [node.member.email, node.member.username, `user_id: ${node.member.user_id}`]
      .filter((d): d is string => d !== undefined)
      .map(clean)
    return {
      label: label(memberLabel(node.member)),
      description: roleText(role) ?? "",
      tooltip: `${[...new Set(details)].join("\n")}\n${t("Role: {0}", clean(role))}`,
      icon: { id: ROLE_ICONS[role.toUpperCase()] ?? "person" },
      collapsible: "none",
      contextValue: ownsOrganization(node.org) ? CONTEXT_VALUES.memberOwner : CONTEXT_VALUES.member
    }
  },
  lookup: {
    parent: (target) => ({ _tag: "Group", orgId: target.orgId, group: "members" }),
    match: (node, target) => sameEmail(node.member.email, target)
  }
}
