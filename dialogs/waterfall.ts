// Typed waterfalls. botbuilder keeps a waterfall's values as a bare `object` and the previous step's
// result as `any`; left so, every step casts what it reads. Here each waterfall declares once the shape
// of its values (V) and options (O), and each step declares the result it receives (R) from the prompt or
// dialog the previous step started, so the compiler checks every read and write in the steps. What the
// compiler cannot see is that R matches the prompt the step before began: the two steps sit next to each
// other, and the dialog tests run every path.
import { DialogTurnResult, WaterfallDialog, WaterfallStep, WaterfallStepContext } from 'botbuilder-dialogs';

/** What botbuilder itself writes into every waterfall's values when it begins. */
export interface WaterfallValues {
  /** Unique per run of the waterfall (a restart with replaceDialog gets a new one). */
  readonly instanceId: string;
}

/**
 * A waterfall step's context, typed: `values` is V (each field written by the step that learns it, read
 * by the later ones), `result` is R (what the previous step's prompt or dialog ended with; `undefined`
 * when that step skipped it with `step.next()`), and `options` is O (what the dialog was begun with;
 * botbuilder passes `{}` when nothing was given, so fields a caller may leave out are optional in O).
 */
export interface Step<V extends object = object, R = unknown, O extends object = object> extends WaterfallStepContext<O> {
  readonly values: V & WaterfallValues;
  readonly result: R;
}

/**
 * One step of a waterfall whose values are V and options O. The result is `any` here only: each step
 * declares its own R, they differ along the waterfall, and a step taking Step<V, R> must fit the list.
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type TypedStep<V extends object, O extends object> = (step: Step<V, any, O>) => Promise<DialogTurnResult>;

/** A WaterfallDialog whose steps read typed values, results and options. */
export function waterfall<V extends object = object, O extends object = object>(dialogId: string, steps: TypedStep<V, O>[]): WaterfallDialog<O> {
  // The one cast of the plumbing: botbuilder hands every step its untyped WaterfallStepContext; the
  // shapes above are the waterfall's own declaration of what its steps store and pass along.
  return new WaterfallDialog<O>(dialogId, steps as WaterfallStep<O>[]);
}
