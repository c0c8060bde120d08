/**
 * The tree's own commands, which change nothing: copy an id (a row's, or
 * one picked from the palette; Ctrl+C copies the focused row's: an org_id, a
 * project_id, an email, a memory's or an entity's id), refresh, retry an error row, show the logs,
 * the settings, the walkthrough.
 */
import * as Effect from "effect/Effect"
import { memberLabel } from "effect-mem0/Organization"
import { projectMemberLabel } from "effect-mem0/Project"
import { COMMANDS, WALKTHROUGH_ID } from "../platform/Ids.js"
import { t } from "../platform/L10n.js"
import { VsCode } from "../platform/VsCodeApi.js"
import { OrganizationsTree, OrganizationsView } from "../tree/OrganizationsTree.js"
import { entityField, type MemberNode, type ProjectMemberNode, type TreeNode } from "../tree/Rows.js"
import { orgAndProjectEnv, Picks } from "./Picks.js"
import { defineCommand, type Feature, rowArgument } from "./Registry.js"

export { organizationEntry, projectEntry } from "./Picks.js"

const IDS = [
  COMMANDS.refresh,
  COMMANDS.retry,
  COMMANDS.copyOrgId,
  COMMANDS.copyProjectId,
  COMMANDS.copyOrgAndProjectId,
  COMMANDS.copyMemberEmail,
  COMMANDS.copySelection,
  COMMANDS.showLogs,
  COMMANDS.openSettings,
  COMMANDS.openWalkthrough
]

export const treeCommands: Feature<VsCode | OrganizationsTree | OrganizationsView | Picks> = {
  name: "tree commands",
  ids: IDS,
  build: Effect.gen(function*() {
    const vscode = yield* VsCode
    const tree = yield* OrganizationsTree
    const view = yield* OrganizationsView
    const { copy, pickFromPalette, pickProject, organizations } = yield* Picks

    /** A member row copies what it shows: the email, else the user id (organizations) or name (projects). */
    const copyMember = (node: MemberNode | ProjectMemberNode) =>
      node._tag === "Member"
        ? copy(memberLabel(node.member), node.member.email !== undefined ? t("email") : t("user id"))
        : copy(projectMemberLabel(node.member), node.member.email !== undefined ? t("email") : t("user name"))

    const copyPair = (orgId: string, projectId: string) => copy(orgAndProjectEnv(orgId, projectId), t("MEM0_ORG_ID and MEM0_PROJECT_ID"))

    /** What Ctrl+C copies of a row: an organization's org_id, a project's project_id, a member's email. */
    const copyRow = (row: TreeNode): Effect.Effect<void> => {
      switch (row._tag) {
        case "Organization":
          return copy(row.org.org_id, "org_id")
        case "Project":
          return copy(row.project.project_id, "project_id")
        case "Member":
        case "ProjectMember":
          return copyMember(row)
        case "Memory":
          return copy(row.memory.id, t("memory id"))
        case "Event":
          return copy(row.event.id, t("event id"))
        case "MemoryList":
          return row.scope._tag === "Entity" ? copy(row.scope.id, entityField(row)) : Effect.void
        default:
          return Effect.void
      }
    }

    return [
      defineCommand(COMMANDS.refresh, { palette: tree.refresh }),
      // the tree's own error row, with the load it stands for; anything else refreshes the whole tree
      defineCommand(COMMANDS.retry, { node: rowArgument("Error"), run: tree.retry, palette: tree.refresh }),
      defineCommand(COMMANDS.copyOrgId, {
        node: rowArgument("Organization"),
        run: (row) => copy(row.org.org_id, "org_id"),
        wrongRow: () => t("Copy org_id works on an organization of the Mem0 tree."),
        palette: pickFromPalette(
          "organizations",
          organizations,
          { title: t("Mem0: Copy org_id"), placeHolder: t("Type to filter by name or org_id") },
          (org) => copy(org.org_id, "org_id")
        )
      }),
      defineCommand(COMMANDS.copyProjectId, {
        node: rowArgument("Project"),
        run: (row) => copy(row.project.project_id, "project_id"),
        wrongRow: () => t("Copy project_id works on a project of the Mem0 tree."),
        palette: pickProject(t("Mem0: Copy project_id"), ({ project }) => copy(project.project_id, "project_id"))
      }),
      defineCommand(COMMANDS.copyOrgAndProjectId, {
        node: rowArgument("Project"),
        run: (row) => copyPair(row.org.org_id, row.project.project_id),
        wrongRow: () => t("Copy org_id and project_id works on a project of the Mem0 tree."),
        palette: pickProject(t("Mem0: Copy org_id and project_id"), ({ org, project }) => copyPair(org.org_id, project.project_id))
      }),
      defineCommand(COMMANDS.copyMemberEmail, {
        node: rowArgument("Member", "ProjectMember"),
        run: copyMember,
        wrongRow: () => t("Copy Member Email works on a member of the Mem0 tree."),
        palette: Effect.asVoid(vscode.showMessage("error", t("Copy Member Email works on a member of the Mem0 tree.")))
      }),
      // Run by Ctrl+C / Cmd+C in the view: VS Code passes the focused row, which a keyboard user moved to
      // with the arrows (the selection may be elsewhere); without one, the selection.
      defineCommand(COMMANDS.copySelection, {
        // any row: a focused group or error row copies nothing
        node: rowArgument(
          "Organization", "Group", "Project", "Member", "ProjectMember", "Error",
          "Memories", "EntityGroup", "MemoryList", "Search", "Memory", "Activity", "Event", "LoadMore"
        ),
        run: copyRow,
        palette: Effect.suspend(() => {
          const selected = view.selection()[0]
          const row = selected === undefined ? undefined : tree.resolve(selected)
          return row === undefined ? Effect.void : copyRow(row)
        })
      }),
      defineCommand(COMMANDS.showLogs, { palette: Effect.sync(() => vscode.log.show()) }),
      defineCommand(COMMANDS.openSettings, { palette: vscode.openSettings("mem0") }),
      defineCommand(COMMANDS.openWalkthrough, {
        palette: vscode.executeCommand("workbench.action.openWalkthrough", WALKTHROUGH_ID, false)
      })
    ]
  })
}
