/**
 * How every owner action asks, sends and tells:
 *
 * - A change is sent with the key the rows were read with (`ReadWith`), checked against the keys as
 *   stored at that moment, or not at all: if another key is in use by then, it is refused, naming both.
 * - Nothing is retried blindly: the core retries GET only.
 * - Bad input is refused at the input box (`validate`), and so are Mem0's 400 field errors: the box
 *   opens again with what was typed and the message under it (and in its prompt). Any other failure
 *   offers Retry, which opens the box again with what was typed. Nothing typed is lost.
 * - After a change, only what it touched loads again, and the changed row is revealed and selected.
 */
import * as Effect from "effect/Effect"
import * as Either from "effect/Either"
import * as FiberRef from "effect/FiberRef"
import * as Option from "effect/Option"
import type * as Mem0Client from "effect-mem0/Mem0Client"
import type { Mem0RequestError } from "effect-mem0/Mem0Error"
import type { MemberRole } from "effect-mem0/Organization"
import { type KeyClientError, KeyClients } from "../../model/KeyClients.js"
import { remedyOf } from "../../model/Remedy.js"
import { clean, label, visible } from "../../platform/Display.js"
import { t } from "../../platform/L10n.js"
import { type InputBoxOptions, VsCode } from "../../platform/VsCodeApi.js"
import { type Changed, OrganizationsTree, type RowTarget } from "../../tree/OrganizationsTree.js"
import { ReadWith } from "../Registry.js"

/** Why an action failed: no client, or Mem0's answer. */
export type ActionError = KeyClientError | Mem0RequestError

/** Longest name accepted (Mem0's own limit). */
export const MAX_NAME_LENGTH = 200

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

/** Why a typed email cannot be sent, or `undefined`. */
export const emailProblem = (value: string): string | undefined =>
  value.trim() === ""
    ? t("Type the member's email address.")
    : EMAIL.test(value.trim())
    ? undefined
    : t("Enter an email address, like name@example.com.")

/** Why a typed name cannot be sent, or `undefined`. */
export const nameProblem = (value: string): string | undefined =>
  value.trim() === ""
    ? t("The name cannot be empty.")
    : value.trim().length > MAX_NAME_LENGTH
    ? t("The name can have at most {0} characters.", MAX_NAME_LENGTH)
    : undefined

/** The roles Mem0 knows, as offered in a pick. */
export const roles = (): ReadonlyArray<{ readonly role: MemberRole; readonly label: string; readonly detail: string }> => [
  { role: "READER", label: t("Reader"), detail: t("Can see it and its memories.") },
  { role: "OWNER", label: t("Owner"), detail: t("Can also change it, its members, and delete it.") }
]

/** The 400 field errors of a failure, as one line, cleaned (shown under an input box, never as markup). */
const fieldMessage = (error: ActionError, fields: ReadonlyArray<string>): string | undefined => {
  if (error._tag !== "Mem0BadRequest") return undefined
  const messages = fields.flatMap((field) => error.fieldErrors[field] ?? [])
  const all = messages.length > 0 ? messages : Object.values(error.fieldErrors).flat()
  return all.length === 0 ? undefined : label(t("Mem0: {0}", all.join(" ")), 300)
}

/** The ways of the owner actions, with the services they use. */
export const makeFlows = Effect.gen(function*() {
  const vscode = yield* VsCode
  const tree = yield* OrganizationsTree
  const keyClients = yield* KeyClients

  /** One call with the key the action's rows were read with; the failure logged with Mem0's own words. */
  const call = <A>(what: string, use: (client: Mem0Client.Mem0ClientService) => Effect.Effect<A, Mem0RequestError>) =>
    FiberRef.get(ReadWith).pipe(
      // checked against the keys as stored at this moment: a change goes with the key its rows were read with, or none
      Effect.flatMap((readWith) =>
        readWith === undefined
          ? Effect.map(keyClients.latest, (c) => c.client)
          : keyClients.clientOf(readWith, { inUse: true, latest: true })
      ),
      Effect.flatMap(use),
      Effect.tapError((error: ActionError) => Effect.logWarning(`${what} failed: ${error._tag}: ${error.message}`))
    )

  /** Says a change failed, in fixed words; `true` when Retry is chosen (not offered when the key changed). */
  const failed = (what: string, error: ActionError) =>
    Effect.map(
      error._tag === "KeyChanged"
        ? vscode.showMessage("error", t("{0} failed: {1}.", what, remedyOf(error, "change").summary), t("Show Logs"))
        : vscode.showMessage("error", t("{0} failed: {1}.", what, remedyOf(error, "change").summary), t("Retry"), t("Show Logs")),
      (chosen) => {
        if (Option.contains(chosen, t("Show Logs"))) vscode.log.show()
        return Option.contains(chosen, t("Retry"))
      }
    )

  /** Asks for a value and submits it until it goes through (see the module's notes); `None` when the person gives up. */
  const form = <A>(
    what: string,
    box: InputBoxOptions & { readonly validate: (value: string) => string | undefined },
    fields: ReadonlyArray<string>,
    submit: (value: string) => Effect.Effect<A, ActionError>
  ): Effect.Effect<Option.Option<{ readonly value: string; readonly result: A }>> =>
    Effect.gen(function*() {
      let value = box.value
      let refused: { readonly value: string; readonly message: string } | undefined
      // Each pass is one person's try; the bound only guards against a loop nobody asked for.
      for (let pass = 0; pass < 50; pass++) {
        const typed = yield* vscode.showInputBox({
          ...box,
          ...(value === undefined ? {} : { value }),
          // VS Code shows a validation message only once the value is edited: Mem0's refusal of the
          // value the box reopens with is said in its prompt too, so it is seen at once
          ...(refused === undefined ? {} : { prompt: t("{0} {1}", refused.message, box.prompt) }),
          validate: (v) => box.validate(v) ?? (refused !== undefined && v === refused.value ? refused.message : undefined)
        })
        if (Option.isNone(typed)) return Option.none()
        const result = yield* Effect.either(submit(typed.value))
        if (Either.isRight(result)) return Option.some({ value: typed.value, result: result.right })
        value = typed.value
        const message = fieldMessage(result.left, fields)
        if (message !== undefined) {
          refused = { value: typed.value, message }
          continue
        }
        if (!(yield* failed(what, result.left))) return Option.none()
      }
      return Option.none()
    })

  /** Runs a change without input; on failure offers Retry. `true` when it went through. */
  const change = (what: string, submit: Effect.Effect<unknown, ActionError>): Effect.Effect<boolean> =>
    Effect.gen(function*() {
      for (let pass = 0; pass < 50; pass++) {
        const result = yield* Effect.either(submit)
        if (Either.isRight(result)) return true
        if (!(yield* failed(what, result.left))) return false
      }
      return false
    })

  /** After a change: what it touched loads again, the row to show is revealed, and the person is told. */
  const done = (text: string, changed: Changed, show?: RowTarget) => Effect.zipRight(tree.changed(changed, show), vscode.flash(text))

  /** Asks in a modal naming the row and its id, then (for organizations and projects) to type the name. */
  const confirmDelete = (kind: "organization" | "project", name: string, detail: string, ids: string) =>
    Effect.gen(function*() {
      const shown = visible(name, 80)
      const organization = kind === "organization"
      const ok = yield* vscode.confirm(
        organization ? t("Delete the organization \"{0}\"?", shown) : t("Delete the project \"{0}\"?", shown),
        `${detail}\n\n${ids}`,
        t("Delete...")
      )
      if (!ok) return false
      const typed = yield* vscode.showInputBox({
        title: organization ? t("Mem0: Delete Organization") : t("Mem0: Delete Project"),
        prompt: organization
          ? t("Type the organization's name, {0}, to delete it and every memory in it.", shown)
          : t("Type the project's name, {0}, to delete it and every memory in it.", shown),
        validate: (v) => (v === name || v === clean(name) ? undefined : t("Type the name exactly: {0}", shown))
      })
      return Option.isSome(typed)
    })

  return { vscode, tree, call, form, change, done, confirmDelete }
})

export type Flows = Effect.Effect.Success<typeof makeFlows>
