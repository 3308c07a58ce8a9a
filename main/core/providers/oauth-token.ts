import { z } from 'zod';
import { AppError } from '../../../shared/errors';

/**
 * An OAuth token endpoint's answer (RFC 6749 §5.1). `expires_in` is coerced because Entra sends
 * it as a string ("86399") where Google and Live send a number.
 */
export const tokenResponseSchema = z.object({
  access_token: z.string().min(1),
  expires_in: z.coerce.number().positive(),
  token_type: z.string().optional(),
});

/** An OAuth error answer (RFC 6749 §5.2). */
export const oauthErrorSchema = z.object({ error: z.string(), error_description: z.string().optional() });

export interface OAuthRefusal {
  status: number;
  /** The OAuth `error`, or `HTTP <status>` / `invalid_response` when the answer did not say. */
  reason: string;
  description: string;
  exchangeId: string;
}

/**
 * A token endpoint (FCM's Google OAuth, WNS's Live or Entra) refused: carries what the SendResult
 * needs. The provider words the message, since each names its own credential.
 */
export class OAuthTokenError extends AppError implements OAuthRefusal {
  readonly status: number;
  readonly reason: string;
  readonly description: string;
  readonly exchangeId: string;

  constructor(refusal: OAuthRefusal, message: string, hint?: string) {
    super('CREDENTIAL_INVALID', message, hint);
    this.status = refusal.status;
    this.reason = refusal.reason;
    this.description = refusal.description;
    this.exchangeId = refusal.exchangeId;
  }
}
