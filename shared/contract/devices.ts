import { z } from 'zod';
import { deviceInputSchema, deviceSchema } from '../domain/device';
import { sendRequestSchema } from '../domain/send-request';
import {
  BULK_DEVICE_IDS_MAX,
  DEVICE_ID_MAX_CHARS,
  INLINE_TARGETS_MAX,
  TARGET_MAX_CHARS,
  UPLOAD_CHUNK_CHARS,
} from '../transfer-limits';
import { call, empty } from './call';
import { uploadIdSchema } from './uploads';

const importFormat = z.enum(['csv', 'json']);
/** Import the rows that passed and skip the bad ones (after the user saw them). */
const validOnly = z.boolean().optional();

/** Devices and bulk sends. */
export const devicesCalls = {
  'devices.list': call(empty, z.array(deviceSchema), 'Every saved device.'),
  'devices.save': call(
    deviceInputSchema,
    z.object({ device: deviceSchema, updated: z.boolean() }),
    'Add or edit a device; the same provider and target updates the existing one.',
  ),
  'devices.remove': call(
    z.object({ ids: z.array(z.string()).min(1) }).strict(),
    z.object({ removed: z.number() }),
    'Delete devices.',
  ),
  'devices.prune': call(empty, z.object({ removed: z.number() }), 'Delete every device marked gone.'),
  'devices.import': call(
    z.union([
      z.object({ format: importFormat, text: z.string().max(UPLOAD_CHUNK_CHARS), validOnly }).strict(),
      // A file larger than one chunk is sent with uploads.* first and named here.
      z.object({ format: importFormat, uploadId: uploadIdSchema, validOnly }).strict(),
    ]),
    z.union([
      z.object({ ok: z.literal(true), created: z.number(), updated: z.number(), skipped: z.number() }),
      z.object({
        ok: z.literal(false),
        errors: z.array(z.object({ row: z.number(), field: z.string(), reason: z.string(), message: z.string() })),
        /** How many rows were fine: what `validOnly` would import. */
        valid: z.number(),
      }),
    ]),
    'Import devices from CSV or JSON: all rows or none (or, with validOnly, the valid rows), with every bad row.',
  ),
  'devices.export': call(
    z.object({ format: z.enum(['csv', 'json']) }).strict(),
    z.object({ text: z.string() }),
    'Export devices.',
  ),
  'bulk.start': call(
    z
      .object({
        request: sendRequestSchema,
        targets: z.array(z.string().max(TARGET_MAX_CHARS)).max(INLINE_TARGETS_MAX).optional(),
        /** More targets than fit inline: an upload of one target per line (up to BULK_TARGETS_MAX). */
        targetsUploadId: uploadIdSchema.optional(),
        deviceIds: z.array(z.string().max(DEVICE_ID_MAX_CHARS)).max(BULK_DEVICE_IDS_MAX).optional(),
        concurrency: z.number().int().min(1).max(1000).optional(),
        maxAttempts: z.number().int().min(1).max(10).optional(),
        record: z.boolean().optional(),
      })
      .strict(),
    z.object({ sendId: z.string(), total: z.number() }),
    'Send one message to many targets; progress arrives as send.progress events.',
  ),
  'bulk.control': call(
    z.object({ sendId: z.string(), action: z.enum(['pause', 'resume', 'cancel']) }).strict(),
    z.object({ state: z.enum(['running', 'paused', 'done', 'cancelled']) }),
    'Pause, resume or cancel a bulk send.',
  ),
  'bulk.results': call(
    z
      .object({
        sendId: z.string(),
        offset: z.number().int().min(0).default(0),
        limit: z.number().int().min(1).max(1000).default(200),
        outcome: z.enum(['accepted', 'rejected', 'failed']).optional(),
        retryable: z.boolean().optional(),
      })
      .strict(),
    z.object({
      total: z.number(),
      items: z.array(
        z.object({
          index: z.number(),
          target: z.string(),
          deviceId: z.string().optional(),
          outcome: z.enum(['accepted', 'rejected', 'failed']),
          status: z.number().nullable(),
          reason: z.string().nullable(),
          retryable: z.boolean(),
          attempts: z.number(),
          resultId: z.string(),
        }),
      ),
    }),
    'A page of a bulk send’s per-target results.',
  ),
  'bulk.groups': call(
    z.object({ sendId: z.string() }).strict(),
    z.array(
      z.object({
        outcome: z.enum(['accepted', 'rejected', 'failed']),
        reason: z.string().nullable(),
        count: z.number(),
      }),
    ),
    'A bulk send’s final results counted by outcome and reason ("10 × BadDeviceToken"), largest first.',
  ),
  'bulk.retry': call(
    z.object({ sendId: z.string() }).strict(),
    z.object({ sendId: z.string(), total: z.number() }),
    'Send again to the retryable failures of a bulk send.',
  ),
} as const;
