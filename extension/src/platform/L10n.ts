/**
 * Every string the extension shows goes through {@link t}: at run time it is
 * `vscode.l10n.t` (set by the bridge at activation), so a translation bundle
 * can replace it; `{0}`, `{1}`... are the arguments, which carry data (names,
 * ids, numbers) and are never translated. Manifest strings are in
 * `package.nls.json`. Log lines are for developers and stay in English.
 */

/** Formats a message as `vscode.l10n.t` does when there is no translation. */
export const format = (message: string, args: ReadonlyArray<string | number>): string =>
  message.replace(/\{(\d+)\}/g, (whole, index: string) => {
    const value = args[Number(index)]
    return value === undefined ? whole : String(value)
  })

type Translator = (message: string, args: ReadonlyArray<string | number>) => string

let translator: Translator = format

/** A user-visible string, translated. */
export const t = (message: string, ...args: ReadonlyArray<string | number>): string => translator(message, args)

/** Sets how strings are translated (the bridge: `vscode.l10n.t`; tests: a pseudo-locale); returns the previous one. */
export const setTranslator = (next: Translator): Translator => {
  const previous = translator
  translator = next
  return previous
}
