/**
 * What the bridge hands to VS Code's rendered surfaces, as plain data: no
 * `vscode` import here, so the rules are unit-tested. VS Code renders an input
 * box's prompt and validation message, notifications and quick pick details
 * as linked text (`[label](command:…)` is a link that runs a command), and
 * `$(icon)` syntax in input boxes, quick picks and the status bar. Any of
 * these texts may quote a server, so each goes through {@link noLinks} and
 * {@link noIcons} here, whoever built it.
 */
import { noIcons, noLinks } from "./Display.js"
import type { InputBoxOptions, QuickPickEntry } from "./VsCodeApi.js"

/** A text of a surface that renders both links and icons. */
export const shownText = (text: string): string => noLinks(noIcons(text))

/** The options of `window.showInputBox`, every rendered text made inert. */
export const inputBoxOptions = (options: InputBoxOptions) => ({
  // The title and the placeholder may render icons; the prompt and the validation message, links too.
  ...(options.title === undefined ? {} : { title: noIcons(options.title) }),
  prompt: shownText(options.prompt),
  ...(options.placeHolder === undefined ? {} : { placeHolder: noIcons(options.placeHolder) }),
  ...(options.value === undefined ? {} : { value: options.value }),
  password: options.password ?? false,
  ignoreFocusOut: true,
  ...(options.validate === undefined ? {} : {
    validateInput: (value: string): string | undefined => {
      const problem = options.validate?.(value)
      return problem === undefined ? undefined : shownText(problem)
    }
  })
})

/** A quick pick item: icons escaped in all three texts, links in the detail (rendered as linked text). */
export const quickPickItem = <A>(entry: QuickPickEntry<A>, index: number) => ({
  label: noIcons(entry.label),
  ...(entry.description === undefined ? {} : { description: noIcons(entry.description) }),
  ...(entry.detail === undefined ? {} : { detail: shownText(entry.detail) }),
  index
})

/** A notification's or a modal's text (linked text; notifications show icons as typed). */
export const messageText = (text: string): string => noLinks(text)
