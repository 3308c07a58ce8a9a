import { z } from 'zod';

export const environmentSchema = z.enum(['production', 'sandbox', 'local']);
export type Environment = z.infer<typeof environmentSchema>;
