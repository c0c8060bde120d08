/**
 * Server text in the surfaces VS Code renders as linked text (input box
 * prompts and validation messages, notifications, quick pick details) never
 * forms a link and never shows an icon, whatever its characters; it reads
 * the same.
 */
import { describe, expect, it } from "@effect/vitest"
import { noLinks, visible } from "../../src/platform/Display.js"
import { inputBoxOptions, messageText, quickPickItem } from "../../src/platform/Rendered.js"

/** How VS Code's linked text finds links (`[label](target "title")`; http(s), command: and file: targets). */
const LINKED_TEXT = /\[([^\]]+)\]\(((?:https?:\/\/|command:|file:)[^)\s]+)(?: (["'])(.+?)(\3))?\)/gi

/** Every way the text could become a link, read as a renderer that folds look-alikes (NFKC) would. */
const links = (text: string): Array<string> => {
  const folded = text.normalize("NFKC")
  return [
    ...[...folded.matchAll(LINKED_TEXT)].map((m) => m[0]),
    ...[...folded.matchAll(/<[a-z][a-z0-9+.-]*:[^>\s]*>/gi)].map((m) => m[0]),
    ...[...folded.matchAll(/\b[a-z][a-z0-9+.-]*:\/\/\S+/gi)].map((m) => m[0]),
    ...[...folded.matchAll(/\bcommand:\S+/gi)].map((m) => m[0])
  ]
}

const HOSTILE = [
  "[Copy](command:workbench.action.terminal.sendSequence?{\"text\":\"id\\n\"})",
  "Taken. [Retry](command:workbench.action.openSettings)",
  "[x](https://evil.example/a)",
  "[x](HTTPS://EVIL.EXAMPLE)",
  "[x](COMMAND:foo)",
  "[x](file:///etc/passwd)",
  "［x］（command:foo）",
  "[x]﹙command:foo﹚",
  "<https://evil.example>",
  "see https://evil.example/path",
  "run command:workbench.action.quit now",
  "[x](command:a \"title\")"
]

describe("no server text forms a link where VS Code renders links", () => {
  for (const text of HOSTILE) {
    it(`${JSON.stringify(text)} becomes inert and reads the same`, () => {
      expect(links(text).length).toBeGreaterThan(0) // the case is a real link as sent
      const shown = noLinks(text)
      expect(links(shown)).toEqual([])
      expect(shown.replace(/\u2060/g, "")).toBe(text)
    })
  }

  it("leaves ordinary text alone", () => {
    for (const text of ["Mem0: Delete Project", "Type the project's name, Support bot, to delete it.", "a [b] (c) 10:30"]) {
      expect(noLinks(text)).toBe(text)
    }
  })

  it("an input box's prompt and validation message show no link and no icon; the value is untouched", () => {
    const name = "Evil [click](command:workbench.action.openSettings) $(zap) name"
    const options = inputBoxOptions({
      title: `Delete ${name}`,
      prompt: `Type the project's name, ${name}, to delete it.`,
      value: name,
      validate: (v) => (v === name ? undefined : `Mem0: Taken. [Retry](command:workbench.action.quit) $(zap)`)
    })
    expect(links(options.prompt)).toEqual([])
    expect(options.prompt).not.toMatch(/(?<!\\)\$\(/)
    expect(options.title).not.toMatch(/(?<!\\)\$\(/)
    expect(options.value).toBe(name)
    const message = options.validateInput?.("other")
    expect(message).toBeDefined()
    expect(links(message!)).toEqual([])
    expect(message).not.toMatch(/(?<!\\)\$\(/)
    expect(options.validateInput?.(name)).toBeUndefined()
  })

  it("quick pick details, notifications and modals show no link", () => {
    const item = quickPickItem({ label: "$(zap) a", description: "$(zap)", detail: "[x](command:y) $(zap)", value: 1 }, 0)
    expect(links(item.detail!)).toEqual([])
    expect(item.label).toBe("\\$(zap) a")
    expect(links(messageText("Created [x](command:y)"))).toEqual([])
  })
})

describe("names that differ by invisible characters look different where a person confirms", () => {
  it("zero-width and bidi characters show as escapes; line breaks and controls do not survive", () => {
    expect(visible("bob\u200b")).toBe("bob\\u200b")
    expect(visible("\u202egnp.exe")).toBe("\\u202egnp.exe")
    expect(visible("a\u2066b\u2069c\ufeff")).toBe("a\\u2066b\\u2069c\\ufeff")
    expect(visible("a\nb\u0007c")).toBe("a bc")
    expect(visible("bob")).not.toBe(visible("bob\u200b"))
  })
})
