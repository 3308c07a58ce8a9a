import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../../shared/errors';
import { resultStart } from '../../../../../main/core/providers/results';
import { TransportError } from '../../../../../main/core/transport/errors';

describe('resultStart().failed, the send catch block', () => {
  it('finishes a transport failure with its exchange and the given fields', () => {
    const { exchangeIds, failed } = resultStart('nhub', 'tag-a');
    exchangeIds.push('x1');
    const error = new TransportError({
      code: 'TIMEOUT',
      message: 'hub.example did not answer within 30 s',
      hint: 'Check the network.',
      exchange: null,
      exchangeId: 'x2',
      retryable: false,
    });
    const result = failed(error, { messageIds: { TrackingId: 't1' } });
    expect(result).toMatchObject({
      provider: 'nhub',
      target: 'tag-a',
      outcome: 'failed',
      status: null,
      reason: 'TIMEOUT',
      explanation: 'hub.example did not answer within 30 s',
      hint: 'Check the network.',
      messageIds: { TrackingId: 't1' },
      retryable: false,
      exchangeIds: ['x1', 'x2'],
    });
  });

  it('throws anything that is not a transport failure on, unchanged', () => {
    const { failed } = resultStart('wns', 'https://wns.example/c');
    const error = new AppError('LOCAL_NOT_RUNNING', 'The local WNS emulator is not running.');
    expect(() => failed(error)).toThrow(error);
  });
});
