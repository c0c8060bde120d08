/**
 * What an owner can change from the tree: organizations, projects
 * (`owner/Organizations`), and the members of both (`owner/Members`). Each
 * action is on the rows it applies to (context values say where the caller
 * is an owner) and in the palette with a quick pick; how they ask, send and
 * tell is `owner/Flows`. Built on the first use of one of them.
 */
import * as Effect from "effect/Effect"
import type { KeyClients } from "../model/KeyClients.js"
import { COMMANDS } from "../platform/Ids.js"
import type { VsCode } from "../platform/VsCodeApi.js"
import type { OrganizationsTree } from "../tree/OrganizationsTree.js"
import { makeFlows } from "./owner/Flows.js"
import { memberActions, memberCommands } from "./owner/Members.js"
import { organizationActions, organizationCommands } from "./owner/Organizations.js"
import { Picks } from "./Picks.js"
import { CommandRegistry, type Feature } from "./Registry.js"

export { emailProblem, MAX_NAME_LENGTH, nameProblem } from "./owner/Flows.js"

export const ownerActions: Feature<VsCode | OrganizationsTree | KeyClients | Picks | CommandRegistry> = {
  name: "owner actions",
  ids: [
    COMMANDS.newOrganization,
    COMMANDS.deleteOrganization,
    COMMANDS.newProject,
    COMMANDS.editProject,
    COMMANDS.deleteProject,
    COMMANDS.inviteMember,
    COMMANDS.changeMemberRole,
    COMMANDS.removeMember
  ],
  build: Effect.gen(function*() {
    const flows = yield* makeFlows
    const picks = yield* Picks
    const { bound } = yield* CommandRegistry
    const organizations = organizationActions(flows)
    return [
      ...organizationCommands(organizations, picks, bound),
      ...memberCommands(memberActions(flows), organizations, flows, picks, bound)
    ]
  })
}
