/**
 * Resources held for the life of a scope, released cheaply.
 */
import * as Effect from "effect/Effect"
import * as Scope from "effect/Scope"

/**
 * `Effect.acquireRelease` for a release that reads no FiberRef (a dispose, an unsubscribe, a queue's
 * shutdown): the release is added to the scope as it is. `acquireRelease` runs each release with the
 * acquiring fiber's FiberRefs restored around it, a diff and a patch of every FiberRef (the services in
 * context among them); the extension holds one per command, view and listener, and closing its scope
 * (deactivate) took 50 to 60 ms doing that.
 */
export const acquireScoped = <A, E, R>(
  acquire: Effect.Effect<A, E, R>,
  release: (a: A) => Effect.Effect<void>
): Effect.Effect<A, E, R | Scope.Scope> =>
  Effect.uninterruptible(Effect.flatMap(Effect.scope, (scope) => Effect.tap(acquire, (a) => Scope.addFinalizer(scope, release(a)))))
