/**
 * The owner actions on organizations and projects: new, rename / edit the
 * description, delete. Deleting asks in a modal naming the row and its ids,
 * then to type its name (Mem0 deletes every memory in it).
 */
import * as Effect from "effect/Effect"
import * as Option from "effect/Option"
import type { Organization } from "effect-mem0/Organization"
import type { Project } from "effect-mem0/Project"
import { label, visible } from "../../platform/Display.js"
import { COMMANDS } from "../../platform/Ids.js"
import { t } from "../../platform/L10n.js"
import { ownsOrganization, ownsProject } from "../../tree/Rows.js"
import { NothingToPick, type PicksService } from "../Picks.js"
import { type Command, defineCommand, rowArgument } from "../Registry.js"
import { type Flows, nameProblem } from "./Flows.js"

export const organizationActions = ({ call, change, confirmDelete, done, form, tree, vscode }: Flows) => {
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

  const newProject = (org: Organization) =>
    Effect.gen(function*() {
      const title = t("Mem0: New Project in {0}", label(org.name, 80))
      const name = yield* vscode.showInputBox({ title, prompt: t("Name of the new project"), validate: nameProblem })
      if (Option.isNone(name)) return
      const created = yield* form(
        t("New Project"),
        { title, prompt: t("Description (optional)"), placeHolder: t("What the project's memories are for"), validate: () => undefined },
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
      const ok = yield* change(t("Delete Project"), call("deleteProject", (client) => client.deleteProject(org.org_id, project.project_id)))
      if (!ok) return
      yield* done(t("Deleted project {0}", label(project.name, 80)), { _tag: "Projects", orgId: org.org_id }, {
        _tag: "Group",
        orgId: org.org_id,
        group: "projects"
      })
    })

  /** The organizations the caller owns, as picks. */
  const ownedOrganizations = Effect.flatMap(tree.organizations, (orgs) => {
    const owned = orgs.filter(ownsOrganization)
    return owned.length === 0
      ? Effect.fail(new NothingToPick({ message: t("You own none of this key's organizations.") }))
      : Effect.succeed(owned.map((org) => ({ label: visible(org.name), description: visible(org.org_id), value: org })))
  })
  return { newOrganization, deleteOrganization, newProject, editProject, deleteProject, ownedOrganizations }
}

export type OrganizationActions = ReturnType<typeof organizationActions>

/** The commands of the actions on organizations and projects. */
export const organizationCommands = (
  actions: OrganizationActions,
  picks: PicksService,
  bound: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
): ReadonlyArray<Command> => {
  const { deleteOrganization, deleteProject, editProject, newOrganization, newProject, ownedOrganizations } = actions
  const projectCommand = (id: string, title: () => string, use: (org: Organization, project: Project) => Effect.Effect<void>) =>
    defineCommand(id, {
      bound: true,
      node: rowArgument("Project"),
      accepts: (row) => ownsProject(row.project),
      wrongRow: () => t("{0} works on a project you own, as the Mem0 tree shows it now.", title()),
      run: (row) => use(row.org, row.project),
      palette: Effect.suspend(() =>
        picks.pickFromPalette(
          "projects",
          picks.projectsOwned(true),
          { title: t("Mem0: {0}", title()), placeHolder: t("Which project?") },
          ({ org, project }) => bound(use(org, project))
        )
      )
    })
  return [
    defineCommand(COMMANDS.newOrganization, { bound: true, palette: newOrganization }),
    defineCommand(COMMANDS.deleteOrganization, {
      bound: true,
      node: rowArgument("Organization"),
      accepts: (row) => ownsOrganization(row.org),
      wrongRow: () => t("Delete Organization works on an organization you own, as the Mem0 tree shows it now."),
      run: (row) => deleteOrganization(row.org),
      palette: picks.pickFromPalette("organizations", ownedOrganizations, {
        title: t("Mem0: Delete Organization"),
        placeHolder: t("Which organization?")
      }, (org) => bound(deleteOrganization(org)))
    }),
    defineCommand(COMMANDS.newProject, {
      bound: true,
      node: rowArgument("Organization", "Group"),
      accepts: (row) => (row._tag === "Organization" || row.group === "projects") && ownsOrganization(row.org),
      wrongRow: () => t("New Project works on an organization you own or its Projects, as the Mem0 tree shows them now."),
      run: (row) => newProject(row.org),
      palette: picks.pickFromPalette("organizations", ownedOrganizations, {
        title: t("Mem0: New Project"),
        placeHolder: t("In which organization?")
      }, (org) => bound(newProject(org)))
    }),
    projectCommand(COMMANDS.editProject, () => t("Rename / Edit Description"), editProject),
    projectCommand(COMMANDS.deleteProject, () => t("Delete Project"), deleteProject)
  ]
}
