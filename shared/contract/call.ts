import { z } from 'zod';

/** Input of a call that takes nothing. */
export const empty = z.object({}).strict();

/** One contract call: its zod input, its zod output, and what it does. */
export function call<I extends z.ZodType, O extends z.ZodType>(input: I, output: O, doc: string) {
  return { input, output, doc };
}
