import { z } from 'zod';
import { liveActivityContractSchema } from '../live-activity/contract';
import { TARGET_MAX_CHARS } from '../transfer-limits';
import { call, empty } from './call';

const contractOutput = liveActivityContractSchema.extend({ updatedAt: z.string() });

/** A contract as JSON stays under this many characters (6 MB on the wire at worst, inside one frame). */
export const CONTRACT_MAX_JSON_CHARS = 1_000_000;

const contractInput = liveActivityContractSchema
  .omit({ updatedAt: true })
  .refine((contract) => JSON.stringify(contract).length <= CONTRACT_MAX_JSON_CHARS, {
    message: 'This contract is larger than 1,000,000 characters as JSON; no ContentState is that large',
  });

export const liveActivityHistorySchema = z.object({
  lastTimestamp: z.number().nullable(),
  priority10LastHour: z.number().int(),
  sendsLastHour: z.number().int(),
});

/** Live Activity contracts (per attributes type) and what history knows of one activity. */
export const liveActivityCalls = {
  'liveActivity.contracts.list': call(
    empty,
    z.array(contractOutput),
    'The workspace’s content-state contracts, one per attributes type.',
  ),
  'liveActivity.contracts.save': call(
    contractInput,
    contractOutput,
    'Adds or replaces the content-state contract for one attributes type.',
  ),
  'liveActivity.contracts.delete': call(
    z.object({ attributesType: z.string().min(1).max(200) }),
    z.object({ ok: z.literal(true) }),
    'Deletes the content-state contract for one attributes type.',
  ),
  'liveActivity.activity': call(
    z.object({ target: z.string().min(1).max(TARGET_MAX_CHARS) }),
    liveActivityHistorySchema,
    'What history knows of the Live Activity at this token or channel: its last timestamp and the priority-10 pushes of the last hour.',
  ),
} as const;
