import { describe, expect, it } from 'vitest';
import { applyPatch, diffExchange } from '../../../../../../main/core/workspace/history/exchange-patch';
import type { Exchange } from '../../../../../../shared/domain/exchange';
import { makeExchange } from '../../../../../support/history-fixtures';

const json = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('exchange patches', () => {
  const template = makeExchange(5, { notes: { topic: 'a', jwt: { iat: 1 } } });

  it('rebuild the exchange exactly, whatever changed, came or went', () => {
    const variants: Exchange[] = [
      { ...template, id: 'other', url: `${template.url}/x` },
      {
        ...template,
        requestHeaders: [template.requestHeaders[0]!, [':path', '/y'], ...template.requestHeaders.slice(2)],
      },
      {
        ...template,
        responseHeaders: [
          ['x', '1'],
          ['y', '2'],
        ],
      },
      { ...template, notes: { ...template.notes } },
      { ...template, notes: { topic: 'b', jwt: template.notes!.jwt } },
      { ...template, target: undefined },
      (({ target: _target, ...rest }) => rest as Exchange)(template),
      { ...template, error: { code: 'ECONNRESET', message: 'reset' }, status: null },
      { ...template, redactions: [...template.redactions, 'more'] },
      { ...template, requestBody: null },
    ];
    for (const exchange of variants) {
      const patch = diffExchange(exchange, template);
      expect(patch).not.toBeNull();
      expect(json(applyPatch(template, json(patch) as never))).toEqual(json(exchange));
    }
  });

  it('names an unchanged header as 0 and leaves shared parts out', () => {
    const exchange = { ...template, id: 'x', notes: { ...template.notes } };
    exchange.requestHeaders = [template.requestHeaders[0]!, [':path', '/z'], ...template.requestHeaders.slice(2)];
    const patch = diffExchange(exchange, template)!;
    expect(patch.set).toEqual({ id: 'x' });
    expect(patch.items).toEqual({ requestHeaders: [0, [':path', '/z'], 0, 0] });
    expect(patch.unset).toBeUndefined();
  });

  it('gives up on an exchange that shares little with the template', () => {
    const other = makeExchange(7);
    expect(diffExchange(other, template)).toBeNull();
  });

  it('refuses a patch whose item list does not fit the template', () => {
    expect(applyPatch(template, { items: { requestHeaders: [0] } })).toBeNull();
  });
});
