/**
 * Resources held for the life of a scope, released cheaply.
 */
import * as Effect from "effect/Effect"
import * as Scope from "effect/Scope"

/**
 * `Effect.addFinalizer` for a release that reads no FiberRef (it needs no service, logger or tracer of the fiber
 * that added it): added to the scope as it is, without the diff and patch of every FiberRef that
 * `Effect.addFinalizer` runs around its release when the scope closes.
 */
export const addRelease = (release: Effect.Effect<void>): Effect.Effect<void, never, Scope.Scope> =>
  Effect.flatMap(Effect.scope, (scope) => Scope.addFinalizer(scope, release))

/**
 * `Effect.acquireRelease` for a release that reads no FiberRef (a queue's shutdown; a synchronous acquire and
 * release goes to {@link ownSync}): the release is added to the scope as it is (`addRelease`).
 * `acquireRelease` runs each release with the acquiring fiber's FiberRefs restored around it, a diff and a
 * patch of every FiberRef (the services in context among them); when the extension held one per command,
 * view and listener, closing its scope (deactivate) took 50 to 60 ms doing that.
 */
export const acquireScoped = <A, E, R>(
  acquire: Effect.Effect<A, E, R>,
  release: (a: A) => Effect.Effect<void>
): Effect.Effect<A, E, R | Scope.Scope> =>
  Effect.uninterruptible(Effect.tap(acquire, (a) => addRelease(release(a))))

/**
 * Runs `effect` between a synchronous acquire and release (a permit, a progress bar): released whatever the
 * outcome, interruption included, and nothing can come between the acquire and the effect. What
 * `Effect.acquireUseRelease` does with a synchronous acquire and release, in about half its operations: it
 * wraps every load of the tree. A throwing acquire is a defect and holds nothing.
 */
export const around = <T, A, E, R>(acquire: () => T, release: (held: T) => void, effect: Effect.Effect<A, E, R>): Effect.Effect<A, E, R> =>
  Effect.uninterruptibleMask((restore) => {
    const held = acquire()
    return Effect.ensuring(restore(effect), Effect.sync(() => release(held)))
  })

/** The synchronous releases held for one scope, run by one finalizer of it. */
interface Held {
  closed: boolean
  readonly releases: Array<() => void>
}

const held = new WeakMap<Scope.Scope, Held>()

/** Runs every release, the last held first; a release that throws does not keep the others from running. */
const releaseAll = (bag: Held) =>
  Effect.suspend(() => {
    bag.closed = true
    const failures: Array<unknown> = []
    for (let i = bag.releases.length - 1; i >= 0; i--) {
      try {
        bag.releases[i]!()
      } catch (error) {
        failures.push(error)
      }
    }
    bag.releases.length = 0
    return failures.length === 0 ? Effect.void : Effect.die(failures[0])
  })

/** The scope's bag of releases, made (with its one finalizer) on the first use in that scope. */
const bagOf = (scope: Scope.Scope): Effect.Effect<Held> => {
  const bag = held.get(scope)
  if (bag !== undefined && !bag.closed) return Effect.succeed(bag)
  return Effect.uninterruptible(Effect.suspend(() => {
    const fresh: Held = { closed: false, releases: [] }
    return Effect.as(Effect.tap(Scope.addFinalizer(scope, releaseAll(fresh)), () => void held.set(scope, fresh)), fresh)
  }))
}

/**
 * `acquireScoped` for a synchronous acquire and release (registering a command, a view, a listener): acquired
 * and held in one synchronous step, so no interruption can come between them, and every such release of a scope
 * is run by one finalizer (the last acquired first) instead of one finalizer each. The extension holds about 50
 * of them; Effect runs each finalizer of a closing scope as several operations of its own.
 * A throwing acquire is a defect and holds nothing; acquired in a scope already closed, it is released at once.
 */
export const ownSync = <A>(acquire: () => A, release: (a: A) => void): Effect.Effect<A, never, Scope.Scope> =>
  Effect.flatMap(Effect.flatMap(Effect.scope, bagOf), (bag) =>
    Effect.sync(() => {
      const a = acquire()
      if (bag.closed) release(a)
      else bag.releases.push(() => release(a))
      return a
    }))
