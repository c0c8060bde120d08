/**
 * Where the two VS Code versions the end-to-end suite runs in differ on screen, in one
 * place: the tests ask this module, never the version. Everything else that differed
 * between them is fixed in the extension.
 */
import type { VsCodeChoice } from "./workbench.js"

export interface WorkbenchDom {
  /** The accessible name of the editor tab that shows an extension's walkthrough titled `title`. */
  readonly walkthroughTab: (title: string) => RegExp
  /** Whether VS Code lists MCP servers that extensions provide (VS Code 1.101 and later). */
  readonly mcpServers: boolean
}

/** Text to match literally inside a RegExp (accessible names are matched by pattern). */
export const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")

const DOMS: Record<VsCodeChoice, WorkbenchDom> = {
  // VS Code 1.100 names the tab after the walkthrough
  oldest: { walkthroughTab: (title) => new RegExp(`^Walkthrough: ${escapeRegExp(title)}`), mcpServers: false },
  // later versions show every walkthrough in the Welcome editor's tab
  newest: { walkthroughTab: () => /^Welcome\b/, mcpServers: true }
}

export const workbenchDom = (vscode: VsCodeChoice): WorkbenchDom => DOMS[vscode]
