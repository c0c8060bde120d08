/**
 * Events as `Stream`s. A subscription starts when its effect runs (in a
 * scope), not when its stream is first pulled: an event that happens between
 * the two is queued, never lost. `consume` subscribes and handles each event
 * in one fiber of the scope, in order.
 */
import * as Cause from "effect/Cause"
import * as Effect from "effect/Effect"
import * as PubSub from "effect/PubSub"
import * as Queue from "effect/Queue"
import type * as Scope from "effect/Scope"
import * as Stream from "effect/Stream"
import { acquireScoped, ownSync } from "./Owned.js"

/**
 * The queue behind each stream made here: `consume` takes from it directly. Running a `Stream` starts
 * Effect's channel executor, and interrupting it tears that down: with seven consumers, that was most of
 * what activation and deactivation spent on them (deactivate 36 -> 18 ms, benchmark 4's process). A stream
 * made elsewhere is run as a stream.
 */
const queues = new WeakMap<Stream.Stream<unknown>, Queue.Dequeue<unknown>>()

const queueStream = <A>(queue: Queue.Dequeue<A>): Stream.Stream<A> => {
  const stream = Stream.fromQueue(queue)
  queues.set(stream, queue)
  return stream
}

/** Subscribes, for the life of the scope, to events; the stream has each event from now on. */
export type Subscribe<A> = Effect.Effect<Stream.Stream<A>, never, Scope.Scope>

/** Events a callback API pushes (`listen` registers `emit`, returns the unregister), as a subscription. */
export const fromListener = <A>(listen: (emit: (event: A) => void) => () => void): Subscribe<A> =>
  Effect.gen(function*() {
    const queue = yield* acquireScoped(Queue.unbounded<A>(), Queue.shutdown)
    yield* ownSync(() => listen((event) => Queue.unsafeOffer(queue, event)), (stop) => stop())
    return queueStream(queue)
  })

/** A hub the model publishes events on: each subscriber gets every event published after it subscribed. */
export interface Hub<A> {
  readonly publish: (event: A) => Effect.Effect<void>
  readonly subscribe: Subscribe<A>
}

export const makeHub = <A>(): Effect.Effect<Hub<A>> =>
  Effect.map(PubSub.unbounded<A>(), (pubsub) => ({
    publish: (event) => Effect.asVoid(PubSub.publish(pubsub, event)),
    subscribe: Effect.map(PubSub.subscribe(pubsub), queueStream)
  }))

/** Subscribes now, and handles each event in a fiber of the scope (interrupted when it closes), in order. */
export const consume = <A, R>(
  subscribe: Subscribe<A>,
  handle: (event: A) => Effect.Effect<void, never, R>
): Effect.Effect<void, never, Scope.Scope | R> => {
  // one event's defect is logged, and the events after it are still handled
  const safely = (event: A) =>
    Effect.catchAllCause(handle(event), (cause) =>
      Cause.isInterruptedOnly(cause) ? Effect.failCause(cause) : Effect.logError("an event's handler failed", cause))
  return Effect.flatMap(subscribe, (events) => {
    const queue = queues.get(events) as Queue.Dequeue<A> | undefined
    return Effect.asVoid(Effect.forkScoped(
      queue === undefined ? Stream.runForEach(events, safely) : Effect.forever(Effect.flatMap(Queue.take(queue), safely))
    ))
  })
}
