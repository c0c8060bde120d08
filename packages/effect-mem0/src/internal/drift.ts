/**
 * Drift: an optional field whose value does not match its documented type.
 * The models read such a field as absent (so one odd organization never hides
 * the others) and report it here; the client logs each field path once.
 *
 * Decoding is synchronous, so a collector installed for the duration of one
 * decode sees exactly that decode's drift. Outside {@link collectDrift}
 * (a user decoding with `Schema.decodeUnknown`), drift is dropped silently.
 */

let current: Set<string> | undefined

/** Called by the models for each optional field read as absent; `path` is `Model.field`. */
export const reportDrift = (path: string): void => {
  current?.add(path)
}

/** Runs a synchronous decode and returns its result with the field paths that drifted. */
export const collectDrift = <A>(decode: () => A): readonly [A, ReadonlySet<string>] => {
  const previous = current
  const drift = new Set<string>()
  current = drift
  try {
    return [decode(), drift]
  } finally {
    current = previous
  }
}
