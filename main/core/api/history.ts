import type { Exchange } from '../../../shared/domain/exchange';
import { AppError } from '../../../shared/errors';
import { bodyLines, diffHeaders, diffLines } from '../../../shared/history/diff';
import { parseExchangeQuery } from '../../../shared/history/query';
import { summarizeExchange } from '../../../shared/history/summary';
import type { Core } from '../core';
import { exchangesToHar } from '../transport/har';
import { appVersion } from '../version';
import type { Handlers } from './dispatcher';
import { MB } from '../workspace/history/rotation';

type HistoryCalls =
  | 'history.list'
  | 'history.get'
  | 'history.resend'
  | 'exchanges.list'
  | 'exchanges.get'
  | 'exchanges.search'
  | 'exchanges.exportHar'
  | 'history.exportHar'
  | 'exchanges.compare'
  | 'history.settings'
  | 'history.setSettings';

// A HAR past this many entries is too large for a browser download or a viewer to open.
const HAR_MAX_ENTRIES = 20_000;

/** The recorded exchange, or a human NOT_FOUND. */
export async function requireExchange(core: Core, id: string): Promise<Exchange> {
  const found = await core.history.getExchange(id);
  if (!found) {
    throw new AppError(
      'NOT_FOUND',
      `Exchange ${id} is not in history.`,
      'It may have been removed when history reached its size limit.',
    );
  }
  return found;
}

export function historyHandlers(core: Core): Pick<Handlers, HistoryCalls> {
  const exchange = (id: string) => requireExchange(core, id);

  return {
    'history.list': ({ filter, cursor, limit }) => core.history.listSends(filter ?? {}, cursor ?? null, limit ?? 100),
    'history.get': async ({ id }) => {
      const stored = await core.history.getSend(id);
      if (!stored) throw new AppError('NOT_FOUND', `Send ${id} is not in history.`);
      return stored;
    },
    'history.resend': async ({ id }) => {
      const stored = await core.history.getSend(id);
      if (!stored) throw new AppError('NOT_FOUND', `Send ${id} is not in history.`);
      if (!stored.request) {
        throw new AppError(
          'NOT_FOUND',
          'This send has no saved request, so it cannot be sent again.',
          'Bulk retries and sends from older versions keep only the result; compose it again instead.',
        );
      }
      const { result } = await core.sender.send(stored.request);
      return { result };
    },
    'exchanges.list': ({ filter, cursor, limit }) =>
      core.history.listExchanges(filter ?? {}, cursor ?? null, limit ?? 500),
    'exchanges.get': ({ id }) => exchange(id),
    'exchanges.search': async ({ query, limit }) => {
      const parsed = parseExchangeQuery(query);
      const page = await core.history.searchExchanges(parsed.query, limit ?? 50_000);
      return { ids: page.items, total: page.total, errors: parsed.errors };
    },
    'exchanges.exportHar': async ({ ids, filter }) => {
      if (!ids && !filter) throw new AppError('INVALID_INPUT', 'Choose exchanges to export, or a filter.');
      const exchanges = await core.history.exchangesFor(ids ? { ids } : { filter: filter! }, HAR_MAX_ENTRIES);
      if (exchanges.length === 0) throw new AppError('NOT_FOUND', 'No exchanges match; nothing to export.');
      return { text: JSON.stringify(exchangesToHar(exchanges, appVersion()), null, 2), count: exchanges.length };
    },
    'history.exportHar': async ({ filter, sendId }) => {
      let exchangeIds: string[];
      let sends: number;
      if (sendId !== undefined) {
        const stored = await core.history.getSend(sendId);
        if (!stored) throw new AppError('NOT_FOUND', `Send ${sendId} is not in history.`);
        ({ exchangeIds } = stored.result);
        sends = 1;
      } else {
        const page = await core.history.listSends(filter ?? {}, null, HAR_MAX_ENTRIES);
        // Oldest first, as the exchanges went out.
        exchangeIds = page.items.toReversed().flatMap((send) => send.exchangeIds);
        sends = page.items.length;
      }
      const exchanges = await core.history.exchangesFor({ ids: exchangeIds.slice(-HAR_MAX_ENTRIES) }, HAR_MAX_ENTRIES);
      if (exchanges.length === 0)
        throw new AppError('NOT_FOUND', 'No send here has recorded exchanges; nothing to export.');
      return { text: JSON.stringify(exchangesToHar(exchanges, appVersion()), null, 2), count: exchanges.length, sends };
    },
    'history.settings': async () => {
      await core.history.ready();
      await core.history.flush();
      return { maxMegabytes: Math.round(core.history.maxTotalBytes / MB), writeError: core.history.writeError };
    },
    'history.setSettings': async ({ maxMegabytes }) => {
      await core.history.setMaxTotalBytes(maxMegabytes * MB);
      return { maxMegabytes };
    },
    'exchanges.compare': async ({ left, right }) => {
      const [a, b] = [await exchange(left), await exchange(right)];
      return {
        left: summarizeExchange(a),
        right: summarizeExchange(b),
        requestHeaders: diffHeaders(a.requestHeaders, b.requestHeaders),
        responseHeaders: diffHeaders(a.responseHeaders, b.responseHeaders),
        requestBody: diffLines(bodyLines(a.requestBody), bodyLines(b.requestBody)),
        responseBody: diffLines(bodyLines(a.responseBody), bodyLines(b.responseBody)),
      };
    },
  };
}
