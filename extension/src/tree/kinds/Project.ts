/** A project row under an organization's "Projects" group: its members below, the key's project marked. */
import * as DateTime from "effect/DateTime"
import * as Effect from "effect/Effect"
import type { Organization } from "effect-mem0/Organization"
import type { Project } from "effect-mem0/Project"
import { LoadKey } from "../../model/LoadKey.js"
import { clean, label } from "../../platform/Display.js"
import { CONTEXT_VALUES } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import type { TreeNode } from "../Rows.js"
import { messageNode } from "./Error.js"
import type { GroupNode } from "./Group.js"
import { idPart, type Kind, marked, ownsProject, roleAndDefault, type RowContext, uniqueKeys } from "./Kind.js"
import { memoriesRow } from "./Memories.js"
import { projectMemberRows } from "./ProjectMember.js"

export interface ProjectNode {
  readonly _tag: "Project"
  readonly org: Organization
  /** The key of the "Projects" group row it is under. */
  readonly parentKey: string
  readonly project: Project
  /** `<parentKey>/project/<project_id>`, with `~n` for a repeated project_id. */
  readonly key: string
}

/** Finds a project row by its organization's and its own id. */
export interface ProjectTarget {
  readonly _tag: "Project"
  readonly orgId: string
  readonly projectId: string
}

export const projectNode = (
  parent: GroupNode,
  project: Project,
  key = `${parent.key}/project/${idPart(project.project_id)}`
): ProjectNode => ({
  _tag: "Project",
  org: parent.org,
  parentKey: parent.key,
  project,
  key
})

/** The project rows of a "Projects" group. */
export const projectRowsOf = (ctx: Pick<RowContext, "cached">, parent: GroupNode, list: ReadonlyArray<Project>) => {
  const { duplicates, keys } = uniqueKeys(`${parent.key}/project/`, list.map((p) => p.project_id))
  const rows = list.map((p, i) =>
    ctx.cached<ProjectNode>(keys[i]!, (n) => n.project === p && n.org === parent.org, () => projectNode(parent, p, keys[i]!))
  )
  return { rows, duplicates }
}

/** What a "Projects" group expands to. */
export const projectRows = (ctx: RowContext, parent: GroupNode): Effect.Effect<ReadonlyArray<TreeNode>> =>
  ctx.data.projects(parent.org.org_id).pipe(
    Effect.flatMap((list): Effect.Effect<ReadonlyArray<TreeNode>> => {
      if (list.length === 0) return Effect.succeed([messageNode(parent.key, t("No projects"))])
      const { duplicates, rows } = projectRowsOf(ctx, parent, list)
      return Effect.as(ctx.logDuplicates("project_id", duplicates), rows)
    }),
    Effect.catchAll(ctx.failureRows(parent, LoadKey.Projects({ orgId: parent.org.org_id })))
  )

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

export const Projects: Kind<ProjectNode, ProjectTarget> = {
  id: (node) => node.key,
  parentKey: (node) => node.parentKey,
  item: (node, keyRow) => {
    const description = projectDescription(node.project, keyRow)
    return {
      label: label(node.project.name),
      ...(description === undefined ? {} : { description }),
      tooltip: projectTooltip(node.project, keyRow),
      icon: keyRow
        ? { id: "key", color: "charts.green" }
        : { id: node.project.is_default === true ? "star-full" : "project" },
      collapsible: "collapsed",
      contextValue: ownsProject(node.project) ? CONTEXT_VALUES.projectOwner : CONTEXT_VALUES.project
    }
  },
  // its memories first (read with the key bound to it), then its members
  children: (ctx, node) =>
    Effect.zipWith(memoriesRow(ctx, node), projectMemberRows(ctx, node), (memories, members) => [memories, ...members], {
      concurrent: true
    }),
  keyRow: (node, marks) =>
    marks.orgId !== undefined && node.org.org_id === marks.orgId && node.project.project_id === marks.projectId,
  lookup: {
    parent: (target) => ({ _tag: "Group", orgId: target.orgId, group: "projects" }),
    match: (node, target) => node.project.project_id === target.projectId
  }
}
