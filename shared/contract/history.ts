import { z } from 'zod';
import { exchangeSchema } from '../domain/exchange';
import { sendResultSchema } from '../domain/send-result';
import {
  compareOutputSchema,
  curlGrantOutputSchema,
  curlOutputSchema,
  exchangePageSchema,
  harExportInputSchema,
  historyHarInputSchema,
  historyPageSchema,
  pageInputSchema,
  historySettingsSchema,
  historyStatusSchema,
  storedSendSchema,
} from '../history/calls';
import { call, empty } from './call';

/** History and exchanges. Their larger shapes live in shared/history/calls.ts. */
export const historyCalls = {
  'history.list': call(pageInputSchema, historyPageSchema, 'Past sends, newest first, filtered, one page at a time.'),
  'history.get': call(
    z.object({ id: z.string() }).strict(),
    storedSendSchema,
    'One past send with its request and exchanges.',
  ),
  'history.resend': call(
    z.object({ id: z.string() }).strict(),
    z.object({ result: sendResultSchema }),
    'Send a past request again (same profile and target); a new exchange is recorded.',
  ),
  'exchanges.list': call(pageInputSchema, exchangePageSchema, 'Exchange summaries, newest first, filtered.'),
  'exchanges.search': call(
    z.object({ query: z.string().max(4000), limit: z.number().int().min(1).max(100_000).optional() }).strict(),
    z.object({ ids: z.array(z.string()), total: z.number().int(), errors: z.array(z.string()) }),
    'Ids of the exchanges the search box query matches (headers and bodies too), newest first; ' +
      'errors name the field filters it could not read, which are left out.',
  ),
  'exchanges.get': call(z.object({ id: z.string() }).strict(), exchangeSchema, 'One full exchange (redacted).'),
  'exchanges.curlGrant': call(
    z.object({ id: z.string() }).strict(),
    curlGrantOutputSchema,
    'A one-time, 30-second confirmation to copy this exchange with its secrets; ask only after the user confirmed.',
  ),
  'exchanges.curl': call(
    z
      .object({ id: z.string(), includeSecrets: z.boolean().optional(), grant: z.string().max(100).optional() })
      .strict(),
    curlOutputSchema,
    'The exchange as a curl command. With secrets (while main still holds them) it needs a grant from ' +
      'exchanges.curlGrant; Electron gets them on the clipboard from main, never in the answer.',
  ),
  'exchanges.exportHar': call(
    harExportInputSchema,
    z.object({ text: z.string(), count: z.number().int() }),
    'Selected or filtered exchanges as HAR 1.2 JSON (redacted).',
  ),
  'history.exportHar': call(
    historyHarInputSchema,
    z.object({ text: z.string(), count: z.number().int(), sends: z.number().int() }),
    'The filtered sends, or one send, with their exchanges as HAR 1.2 JSON (redacted as recorded).',
  ),
  'exchanges.compare': call(
    z.object({ left: z.string(), right: z.string() }).strict(),
    compareOutputSchema,
    'Header and body differences between two exchanges.',
  ),
  'history.settings': call(empty, historyStatusSchema, 'How much disk history may use, and whether writing it fails.'),
  'history.setSettings': call(
    historySettingsSchema.strict(),
    historySettingsSchema,
    'Change the history size cap; lowering it removes the oldest files now.',
  ),
} as const;
