/**
 * Drift-tolerant decoding of the models (`Organization.ts`, `Project.ts`).
 */
import * as DateTime from "effect/DateTime"
import * as ParseResult from "effect/ParseResult"
import * as Schema from "effect/Schema"
import * as AST from "effect/SchemaAST"
import { reportDrift } from "./drift.js"

/*
 * How drift is tolerated, cheaply: each model is a Schema.Class whose optional
 * fields are plain `optional(X)`. It is decoded from the wire by one
 * transformation from `unknown`: the required fields are decoded by their own
 * schemas (a failure is a parse issue at that field), and each optional field
 * is checked on its own, kept when it matches, and otherwise read as absent
 * with the drift reported (`internal/drift.ts`). `null` counts as absent
 * without being drift. Unknown fields are ignored.
 *
 * The optional checks are exact but fast: `typeof` for strings and booleans,
 * `Number.isSafeInteger` for `Schema.Int`, `DateTime.unsafeMake` for
 * `Schema.DateTimeUtc` (what those schemas do), `Schema.is` for any other
 * schema without a transformation, and the schema's decoder otherwise.
 */
export type Fields = Record<string, Schema.Schema.All>
export type OptionalFields<F extends Fields> = { readonly [K in keyof F]: Schema.optional<F[K]> }

export const optionalFields = <F extends Fields>(fields: F): OptionalFields<F> =>
  Object.fromEntries(Object.entries(fields).map(([k, v]) => [k, Schema.optional(v)])) as unknown as OptionalFields<F>

/** What a field check returns for a value that does not match. */
export const INVALID: unique symbol = Symbol("effect-mem0/INVALID")

/** A check of one optional field: the decoded value, or {@link INVALID}. */
export type FieldCheck = (u: unknown) => unknown

const fieldCheck = (schema: Schema.Schema.All): FieldCheck => {
  if (schema === Schema.String) return (u) => (typeof u === "string" ? u : INVALID)
  if (schema === Schema.Boolean) return (u) => (typeof u === "boolean" ? u : INVALID)
  if (schema === Schema.Int) return (u) => (Number.isSafeInteger(u) ? u : INVALID)
  if (schema === Schema.DateTimeUtc) {
    return (u) => {
      if (typeof u !== "string") return INVALID
      try {
        return DateTime.unsafeMake(u)
      } catch {
        return INVALID
      }
    }
  }
  const ast = schema.ast
  if (AST.typeAST(ast) === ast && AST.encodedAST(ast) === ast) {
    // No transformation anywhere inside: a valid value is its own decoded value.
    const is = Schema.is(schema as Schema.Schema<unknown>)
    return (u) => (is(u) ? u : INVALID)
  }
  const decode = ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>)
  return (u) => {
    const decoded = decode(u)
    return decoded._tag === "Right" ? decoded.right : INVALID
  }
}

const isObject = (u: unknown): u is Record<string, unknown> => typeof u === "object" && u !== null

/**
 * An instance of a model class, as its constructor builds one with validation
 * off: the class's `Data` base assigns the props to `this`. The constructor
 * would first copy the props and walk every field for defaults; none of these
 * classes has a default, and skipping that walk was a third of the decode
 * (benchmark 3). A test checks instances built both ways are equal.
 */
const instantiate = <T>(model: { readonly prototype: unknown }, props: Record<string, unknown>): T =>
  Object.assign(Object.create(model.prototype as object) as object, props) as T

/**
 * The wire decoding of a model class: `required` fields strictly, each
 * `optional` field on its own (read as absent when `null` or when it does not
 * match, reported as drift at `<name>.<field>`); `overrides` replace the check
 * of some optional fields. Returns the schema and the plain object decoder
 * (for models embedded in others).
 */
export const tolerantModel = <R extends Fields, O extends Fields, C extends Schema.Schema.AnyNoContext>(
  name: string,
  required: R,
  optional: O,
  model: C & (new(props: never, disableValidation: true) => Schema.Schema.Type<C>),
  overrides: { readonly [K in keyof O]?: FieldCheck } = {},
  /** Another wire name an optional field may come under, when its own is absent (`run_id` ← `session_id`). */
  aliases: { readonly [K in keyof O]?: string } = {}
) => {
  const requiredChecks = Object.entries(required).map(([key, schema]) =>
    [key, ParseResult.decodeUnknownEither(schema as Schema.Schema<unknown, unknown>), new AST.Type(schema.ast)] as const
  )
  const optionalChecks = Object.entries(optional).map(([key, schema]) =>
    [
      key,
      (overrides as Record<string, FieldCheck | undefined>)[key] ?? fieldCheck(schema),
      `${name}.${key}`,
      (aliases as Record<string, string | undefined>)[key]
    ] as const
  )
  /** Builds the instance from an object whose required fields are known to be valid. */
  const build = (wire: Record<string, unknown>, props: Record<string, unknown>): Schema.Schema.Type<C> => {
    for (const [key, check, path, alias] of optionalChecks) {
      const value = wire[key] ?? (alias === undefined ? undefined : wire[alias])
      if (value === null || value === undefined) continue
      const decoded = check(value)
      if (decoded === INVALID) reportDrift(path)
      else props[key] = decoded
    }
    return instantiate(model, props)
  }
  const target = Schema.typeSchema(model) as Schema.SchemaClass<Schema.Schema.Type<C>>
  const schema = Schema.transformOrFail(Schema.Unknown, target, {
    strict: false,
    decode: (input, _options, ast) => {
      if (!isObject(input) || Array.isArray(input)) {
        return ParseResult.fail(new ParseResult.Type(ast, input, `expected an object (${name})`))
      }
      const props: Record<string, unknown> = {}
      for (const [key, decode, type] of requiredChecks) {
        const value = input[key]
        if (value === undefined && !(key in input)) {
          return ParseResult.fail(new ParseResult.Pointer(key, input, new ParseResult.Missing(type)))
        }
        const decoded = decode(value)
        if (decoded._tag === "Left") return ParseResult.fail(new ParseResult.Pointer(key, input, decoded.left))
        props[key] = decoded.right
      }
      return ParseResult.succeed(build(input, props))
    },
    encode: (value) => ParseResult.succeed({ ...(value as object) })
  })
  /** Decodes one object of a model without required fields (an embedded model), or INVALID. */
  const decodeEmbedded = (u: unknown): unknown => (isObject(u) ? build(u, {}) : INVALID)
  return { schema, decodeEmbedded }
}

/**
 * The check of a list of embedded models: each element decoded by `decode`
 * (or kept as it is when `keep` says so); the whole list is absent if one
 * element is neither.
 */
export const embeddedList = (decode: (u: unknown) => unknown, keep: (u: unknown) => boolean = () => false): FieldCheck =>
(u) => {
  if (!Array.isArray(u)) return INVALID
  const out: Array<unknown> = new Array(u.length)
  for (let i = 0; i < u.length; i++) {
    const element: unknown = u[i]
    const decoded = keep(element) ? element : decode(element)
    if (decoded === INVALID) return INVALID
    out[i] = decoded
  }
  return out
}

/**
 * A DRF page as Mem0 sends its lists (`count`, `next`, `previous`, `results`), read as `{ count, results,
 * hasNext }` plus what `more` takes from the rest of the body. `next` only says whether there is a next page:
 * it is an absolute URL and is never followed (pages go by number).
 */
export const drfPage = <A, X extends object>(
  item: Schema.Schema<A, unknown>,
  more: (wire: Readonly<Record<string, unknown>>) => X
): Schema.Schema<{ readonly count: number | undefined; readonly results: ReadonlyArray<A>; readonly hasNext: boolean } & X, unknown> =>
  Schema.transform(
    Schema.Struct(
      { count: Schema.optional(Schema.NullOr(Schema.Number)), next: Schema.optional(Schema.NullOr(Schema.Unknown)), results: Schema.Array(item) },
      Schema.Record({ key: Schema.String, value: Schema.Unknown })
    ),
    Schema.Any,
    {
      strict: false,
      decode: (wire) => ({
        count: wire.count ?? undefined,
        results: wire.results,
        hasNext: typeof wire.next === "string" && wire.next !== "",
        ...more(wire)
      }),
      encode: (page: { readonly count: number | undefined; readonly results: ReadonlyArray<A>; readonly hasNext: boolean }) => ({
        count: page.count,
        next: page.hasNext ? "next" : null,
        results: page.results
      })
    }
  ) as unknown as Schema.Schema<{ readonly count: number | undefined; readonly results: ReadonlyArray<A>; readonly hasNext: boolean } & X, unknown>
