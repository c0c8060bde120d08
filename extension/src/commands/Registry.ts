/**
 * The one command registry. A command is declared once (`defineCommand`):
 * the rows it acts on (a Schema of the argument VS Code passes), whether
 * the tree's row fits (ownership), what it does on a row, and what it does
 * from the palette (no row). The registry does the rest for every command:
 *
 * - A row argument is decoded, then looked up again in the tree by its id
 *   (`OrganizationsTree.resolve`): a made-up object, or a row the tree no
 *   longer holds, is refused with the command's own "works on" sentence.
 * - Owner actions (`bound`) run with the key the rows were read with.
 * - Each run is a span; a failure is logged and shown; an interruption is not.
 * - Commands come in features (keys, owner actions, documents...), each
 *   built on the first use of one of its commands, not at activation.
 */
import * as Cause from "effect/Cause"
import * as Context from "effect/Context"
import * as Effect from "effect/Effect"
import * as FiberRef from "effect/FiberRef"
import * as Layer from "effect/Layer"
import * as Option from "effect/Option"
import * as Schema from "effect/Schema"
import * as Scope from "effect/Scope"
import type { KeyIdentity } from "../model/KeyClients.js"
import { t } from "../platform/L10n.js"
import { VsCode } from "../platform/VsCodeApi.js"
import { OrganizationsTree } from "../tree/OrganizationsTree.js"
import type { TreeNode } from "../tree/Rows.js"

type Tag = TreeNode["_tag"]
/** The tree's row of one of these kinds. */
export type RowOf<T extends Tag> = Extract<TreeNode, { _tag: T }>

/** A command argument that names a row of one of these kinds (the rest is looked up in the tree). */
export const rowArgument = <const T extends ReadonlyArray<Tag>>(...tags: T) =>
  Schema.Struct({ _tag: Schema.Literal(...tags) }) as unknown as Schema.Schema<{ readonly _tag: T[number] }>

export interface CommandSpec<T extends Tag> {
  /** The rows it acts on: their argument's schema (`rowArgument("Project")`). */
  readonly node?: Schema.Schema<{ readonly _tag: T }>
  /** Whether the tree's row fits (the caller owns it, say). */
  readonly accepts?: (row: RowOf<T>) => boolean
  /** What it says of an argument that is no fitting row of the tree; without it, the palette's way is taken. */
  readonly wrongRow?: () => string
  /** What it does on a row. */
  readonly run?: (row: RowOf<T>) => Effect.Effect<void>
  /** What it does without a row (the palette, a button, a keybinding). */
  readonly palette?: Effect.Effect<void>
  /** An owner action: runs with the key the tree's rows are read with when it starts (see `call` in owner/Flows). A
   * palette pick binds again once picked (`CommandRegistry.bound`): its entries may come from a newer load. */
  readonly bound?: boolean
  /** A change on the server (a delete): refused, like every owner action, while `mem0.readOnly` is on. */
  readonly change?: boolean
}

/** One declared command. */
export interface Command {
  readonly id: string
  readonly spec: CommandSpec<Tag>
}

export const defineCommand = <T extends Tag = never>(id: string, spec: CommandSpec<T>): Command => ({
  id,
  spec: spec as unknown as CommandSpec<Tag>
})

/** Commands built together, on the first use of any of them. */
export interface Feature<R> {
  readonly name: string
  readonly ids: ReadonlyArray<string>
  readonly build: Effect.Effect<ReadonlyArray<Command>, never, R | Scope.Scope>
}

/** The key the rows an owner action started from were read with (set when it starts). */
export const ReadWith = FiberRef.unsafeMake<KeyIdentity | undefined>(undefined)

export interface CommandRegistryService {
  /** Registers a feature's commands with VS Code for the life of the scope; it is built on first use. */
  readonly feature: <R>(feature: Feature<R>) => Effect.Effect<void, never, R | Scope.Scope>
  /** Runs a registered command as VS Code would, with no argument (a notification's button). */
  readonly execute: (id: string) => Effect.Effect<void>
  /** Runs an effect with the key the tree's rows are read with now (an owner action chosen from the palette). */
  readonly bound: <A, E, R>(effect: Effect.Effect<A, E, R>) => Effect.Effect<A, E, R>
}

export class CommandRegistry extends Context.Tag("mem0-vscode/CommandRegistry")<CommandRegistry, CommandRegistryService>() {
  /** The service, built in the caller's scope (`main.ts` builds every service in one layer). */
  static readonly make = Effect.gen(function*() {
    const vscode = yield* VsCode
    const tree = yield* OrganizationsTree
    /** Each registered id: how to get its command (building its feature the first time). */
    const commands = new Map<string, Effect.Effect<Command | undefined>>()

    const bound = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
      Effect.suspend(() => Effect.locally(effect, ReadWith, tree.readWith()))

    /** `mem0.readOnly` (the user's settings only): changes are hidden from the menus and refused here. */
    const readOnly = Effect.map(vscode.readSettings, (raw) => raw.readOnly === true)
    const refuseChange = Effect.asVoid(
      vscode.showMessage("warning", t("Mem0 is read-only in this window (the mem0.readOnly setting): nothing was changed."))
    )

    const dispatch = (command: Command, arg: unknown): Effect.Effect<void> =>
      command.spec.bound === true || command.spec.change === true
        ? Effect.flatMap(readOnly, (on) => (on ? refuseChange : dispatchNow(command, arg)))
        : dispatchNow(command, arg)

    const dispatchNow = (command: Command, arg: unknown): Effect.Effect<void> => {
      const { spec } = command
      const palette = spec.bound === true ? bound(spec.palette ?? Effect.void) : spec.palette ?? Effect.void
      if (arg === undefined || spec.node === undefined || spec.run === undefined) return palette
      const refuse = spec.wrongRow === undefined ? palette : Effect.asVoid(vscode.showMessage("error", spec.wrongRow()))
      if (Option.isNone(Schema.decodeUnknownOption(spec.node)(arg))) return refuse
      const row = tree.resolve(arg)
      if (row === undefined || Option.isNone(Schema.decodeUnknownOption(spec.node)(row))) return refuse
      if (spec.accepts !== undefined && !spec.accepts(row)) return refuse
      return spec.bound === true ? bound(spec.run(row)) : spec.run(row)
    }

    const run = (id: string, arg: unknown): Effect.Effect<void> =>
      Effect.flatMap(commands.get(id) ?? Effect.succeed(undefined), (command) =>
        // a feature that lists an id it does not define is a defect: said, never a silent no-op
        command === undefined ? Effect.dieMessage(`command ${id} is registered but its feature defines none`) : dispatch(command, arg)).pipe(
          Effect.withSpan(`command ${id}`),
          Effect.catchAllCause((cause) =>
            Cause.isInterruptedOnly(cause)
              ? Effect.void
              : Effect.zipRight(
                Effect.logError(`${id} failed`, cause),
                Effect.asVoid(vscode.showMessage("error", t("Mem0: {0} failed; see Mem0: Show Logs.", id)))
              )
          )
        )

    const feature = <R>(feature: Feature<R>) =>
      Effect.gen(function*() {
        const scope = yield* Effect.scope
        const context = yield* Effect.context<R>()
        // built once, in the registry's scope, with the services it was registered with
        const built = yield* Effect.cached(
          feature.build.pipe(
            Scope.extend(scope),
            Effect.provide(context),
            Effect.withSpan(`build ${feature.name}`),
            Effect.map((list) => new Map(list.map((c) => [c.id, c] as const)))
          )
        )
        for (const id of feature.ids) commands.set(id, Effect.map(built, (byId) => byId.get(id)))
        yield* vscode.registerCommands(feature.ids.map((id) => [id, (arg) => run(id, arg)] as const))
      })

    return CommandRegistry.of({ feature, execute: (id) => run(id, undefined), bound })
  })

  static readonly layer = Layer.scoped(CommandRegistry, CommandRegistry.make)
}
