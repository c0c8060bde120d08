/**
 * The ids the extension and its manifest share: commands, the view, and the
 * `contextValue`s menus key on. `manifest.test.ts` checks the manifest uses
 * each of them, and only these.
 */

/** Every `contextValue` a row can have; the manifest's menus must use each, and only these. */
export const CONTEXT_VALUES = {
  organization: "mem0.organization",
  /** An organization the caller owns: owner actions are offered. */
  organizationOwner: "mem0.organization.owner",
  /** The "Projects" group of an organization the caller owns (New Project...). */
  projectsOwner: "mem0.projects.owner",
  /** The "Members" group of an organization the caller owns (Invite Member...). */
  membersOwner: "mem0.members.owner",
  member: "mem0.member",
  /** A member of an organization the caller owns (Change Role..., Remove Member...). */
  memberOwner: "mem0.member.owner",
  project: "mem0.project",
  /** A project the caller owns. */
  projectOwner: "mem0.project.owner",
  projectMember: "mem0.projectMember",
  /** A member of a project the caller owns. */
  projectMemberOwner: "mem0.projectMember.owner",
  /** A project's bound "Memories" row (Search..., Export...). */
  memories: "mem0.memories",
  allMemories: "mem0.allMemories",
  allMemoriesFiltered: "mem0.allMemories.filtered",
  /** A user, agent, app or run (its memories; Copy its id, Delete Entity...). */
  entity: "mem0.entity",
  entityFiltered: "mem0.entity.filtered",
  search: "mem0.search",
  searchFiltered: "mem0.search.filtered",
  /** A project's Activity (Filter... by status and type). */
  activity: "mem0.activity",
  activityFiltered: "mem0.activity.filtered",
  memory: "mem0.memory",
  event: "mem0.event",
  eventFailed: "mem0.event.failed",
  errorRetry: "mem0.error.retry",
  errorSetKey: "mem0.error.setKey",
  errorSettings: "mem0.error.settings",
  errorLogs: "mem0.error.logs"
} as const

/** Every command the extension registers. */
export const COMMANDS = {
  setApiKey: "mem0.setApiKey",
  clearApiKey: "mem0.clearApiKey",
  refresh: "mem0.refresh",
  copyOrgId: "mem0.copyOrgId",
  copyProjectId: "mem0.copyProjectId",
  copyOrgAndProjectId: "mem0.copyOrgAndProjectId",
  copyMemberEmail: "mem0.copyMemberEmail",
  copySelection: "mem0.copySelection",
  retry: "mem0.retry",
  showLogs: "mem0.showLogs",
  openSettings: "mem0.openSettings",
  showProjectSettings: "mem0.showProjectSettings",
  newOrganization: "mem0.newOrganization",
  deleteOrganization: "mem0.deleteOrganization",
  newProject: "mem0.newProject",
  editProject: "mem0.editProject",
  deleteProject: "mem0.deleteProject",
  inviteMember: "mem0.inviteMember",
  changeMemberRole: "mem0.changeMemberRole",
  removeMember: "mem0.removeMember",
  editCustomInstructions: "mem0.editCustomInstructions",
  editCustomCategories: "mem0.editCustomCategories",
  showCustomInstructions: "mem0.showCustomInstructions",
  showCustomCategories: "mem0.showCustomCategories",
  openWalkthrough: "mem0.openWalkthrough",
  addKey: "mem0.addKey",
  switchKey: "mem0.switchKey",
  removeKey: "mem0.removeKey",
  whoAmI: "mem0.whoAmI",
  openDashboard: "mem0.openDashboard",
  enableMcp: "mem0.enableMcp",
  loadMore: "mem0.loadMore",
  openMemory: "mem0.openMemory",
  openEvent: "mem0.openEvent",
  copyMemoryId: "mem0.copyMemoryId",
  copyEntityId: "mem0.copyEntityId",
  searchMemories: "mem0.searchMemories",
  clearSearch: "mem0.clearSearch",
  filterMemories: "mem0.filterMemories",
  clearFilter: "mem0.clearFilter",
  exportMemories: "mem0.exportMemories",
  deleteMemory: "mem0.deleteMemory",
  deleteEntity: "mem0.deleteEntity"
} as const

/** Mem0's dashboard: it has no page per organization or project, so rows open its home. */
export const DASHBOARD_URL = "https://app.mem0.ai/dashboard"

/** The walkthrough, as `workbench.action.openWalkthrough` names it: `<publisher>.<name>#<id>`. */
export const WALKTHROUGH_ID = "mem0-tools.mem0-organizations#gettingStarted"

/** The Organizations tree view. */
export const VIEW_ID = "mem0.organizations"

/** The status bar item showing the key's user, organization and project. */
export const STATUS_ITEM_ID = "mem0.keyStatus"

/** The URI scheme of the documents the extension serves (`mem0:/<org_id>/<project_id>/project.json`). */
export const DOCUMENT_SCHEME = "mem0"

