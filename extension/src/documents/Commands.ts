/**
 * The commands that open a project's documents: its settings (read-only
 * JSON), and its custom instructions and categories: "Edit" on projects the
 * key owns (the document is writable), "Show (read-only)" on the others (a
 * reader's menu offers no editor it cannot save). Built on first use.
 */
import * as Effect from "effect/Effect"
import { Picks } from "../commands/Picks.js"
import { defineCommand, type Feature, rowArgument } from "../commands/Registry.js"
import { COMMANDS } from "../platform/Ids.js"
import { t } from "../platform/L10n.js"
import { VsCode } from "../platform/VsCodeApi.js"
import { ownsProject } from "../tree/Rows.js"
import { ProjectDocuments } from "./ProjectDocuments.js"

export const documentCommands: Feature<VsCode | ProjectDocuments | Picks> = {
  name: "document commands",
  ids: [
    COMMANDS.showProjectSettings,
    COMMANDS.editCustomInstructions,
    COMMANDS.editCustomCategories,
    COMMANDS.showCustomInstructions,
    COMMANDS.showCustomCategories
  ],
  build: Effect.gen(function*() {
    const vscode = yield* VsCode
    const documents = yield* ProjectDocuments
    const picks = yield* Picks
    const failed = (message: string) => Effect.asVoid(vscode.showMessage("error", message))

    const showSettings = (orgId: string, projectId: string) => Effect.catchAll(documents.showSettings(orgId, projectId), failed)

    const documentCommand = (id: string, title: () => string, file: "instructions" | "categories", owned: boolean) => {
      const open = (orgId: string, projectId: string) => Effect.asVoid(Effect.catchAll(documents.edit(orgId, projectId, file), failed))
      return defineCommand(id, {
        node: rowArgument("Project"),
        accepts: (row) => ownsProject(row.project) === owned,
        wrongRow: () => t("{0} works on a project of the Mem0 tree.", title()),
        run: (row) => open(row.org.org_id, row.project.project_id),
        palette: Effect.suspend(() =>
          picks.pickFromPalette(
            "projects",
            picks.projectsOwned(owned),
            { title: t("Mem0: {0}", title()), placeHolder: t("Type to filter by organization, project or project_id") },
            ({ org, project }) => open(org.org_id, project.project_id)
          )
        )
      })
    }

    return [
      defineCommand(COMMANDS.showProjectSettings, {
        node: rowArgument("Project"),
        wrongRow: () => t("Show Project Settings works on a project of the Mem0 tree."),
        run: (row) => showSettings(row.org.org_id, row.project.project_id),
        palette: picks.pickProject(t("Mem0: Show Project Settings"), ({ org, project }) => showSettings(org.org_id, project.project_id))
      }),
      documentCommand(COMMANDS.editCustomInstructions, () => t("Edit Custom Instructions"), "instructions", true),
      documentCommand(COMMANDS.editCustomCategories, () => t("Edit Custom Categories"), "categories", true),
      documentCommand(COMMANDS.showCustomInstructions, () => t("Show Custom Instructions (read-only)"), "instructions", false),
      documentCommand(COMMANDS.showCustomCategories, () => t("Show Custom Categories (read-only)"), "categories", false)
    ]
  })
}
