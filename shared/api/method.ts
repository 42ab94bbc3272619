import type { z } from 'zod';

/**
 * One method of the core API: a schema for its arguments (validated at every boundary) and, as a phantom type,
 * its result. Results are produced by our own core, so they are typed, not validated.
 */
export interface MethodSpec<I extends z.ZodType = z.ZodType, O = unknown> {
  readonly input: I;
  readonly __output?: O;
  /** Long tasks report progress events and accept cancellation. */
  readonly longTask?: boolean;
}

export function method<O>() {
  return <I extends z.ZodType>(input: I, options: { longTask?: boolean } = {}): MethodSpec<I, O> =>
    options.longTask ? { input, longTask: true } : { input };
}

export type InputOf<M> = M extends MethodSpec<infer I, unknown> ? z.input<I> : never;
export type ParsedInputOf<M> = M extends MethodSpec<infer I, unknown> ? z.output<I> : never;
export type OutputOf<M> = M extends MethodSpec<z.ZodType, infer O> ? O : never;

export interface Progress {
  stage: string;
  done: number;
  total: number;
  message?: string;
}
