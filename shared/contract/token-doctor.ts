import { z } from 'zod';
import { credentialKindSchema } from '../domain/credential';
import { environmentSchema } from '../domain/environment';
import { providerSchema } from '../domain/exchange';
import { call } from './call';

const fitProblem = z.string().nullable();

export const targetReadingSchema = z.object({
  provider: providerSchema,
  kind: z.string(),
  label: z.string(),
  confidence: z.enum(['certain', 'likely', 'possible']),
  summary: z.string(),
  facts: z.array(z.string()),
  sendWith: z.string(),
  credentialKinds: z.array(credentialKindSchema),
  target: z.string(),
  problems: z.array(z.string()),
  service: z.string().optional(),
  credentials: z.array(z.object({ id: z.string(), label: z.string(), problem: fitProblem })),
  profiles: z.array(
    z.object({
      id: z.string(),
      name: z.string(),
      environment: environmentSchema,
      credentialId: z.string(),
      problem: fitProblem,
    }),
  ),
});
export type TargetReadingWithFits = z.infer<typeof targetReadingSchema>;

const probeAttemptSchema = z.object({
  /** Where it went: Apple's sandbox or production host, or the local emulator's. */
  environment: z.enum(['sandbox', 'production']),
  host: z.string(),
  status: z.number().int().nullable(),
  reason: z.string().nullable(),
  resultId: z.string(),
});

export const apnsProbeSchema = z.object({
  /** The environment the token belongs to, or null when the answers do not say. */
  belongsTo: z.enum(['sandbox', 'production']).nullable(),
  /** The answer in sentences, quoting the status and reason each host gave. */
  verdict: z.string(),
  attempts: z.array(probeAttemptSchema),
});
export type ApnsProbe = z.infer<typeof apnsProbeSchema>;

/** The token doctor: what a pasted target is, and the APNs environment probe. */
export const tokenDoctorCalls = {
  'doctor.identifyTarget': call(
    z.object({ text: z.string().max(20_000) }).strict(),
    z.object({ readings: z.array(targetReadingSchema) }),
    'What a pasted target is (every reading, surest first), what it can be sent with, and the credentials and profiles that fit.',
  ),
  'doctor.probeApnsEnvironment': call(
    z
      .object({
        token: z.string().min(1).max(1000),
        credentialId: z.string().min(1),
        topic: z.string().max(300).optional(),
        /** Apple's two hosts, or the local emulator's two. */
        where: z.enum(['apple', 'local']),
        /** The user confirmed that a real silent push goes to the device. */
        confirmed: z.literal(true),
      })
      .strict(),
    apnsProbeSchema,
    'Sends a real silent background push (content-available, priority 5) to sandbox, then production if refused; ' +
      'BadDeviceToken from one host and 200 from the other says which environment the token is for. Ask the user first.',
  ),
} as const;
