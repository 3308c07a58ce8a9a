import { expect } from 'vitest';
import type { DiagnosisCause } from '../../shared/domain/diagnosis';
import type { SendResult } from '../../shared/domain/send-result';

/** The most likely cause of a send's diagnosis; fails the test, naming the answer, when it has none. */
export function firstCause(result: SendResult): DiagnosisCause {
  expect(result.diagnosis, `no diagnosis for ${result.status} ${result.reason}`).toBeDefined();
  return result.diagnosis!.causes[0]!;
}
