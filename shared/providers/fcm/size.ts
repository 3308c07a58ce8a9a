import type { SizeReading } from '../spec';
import { utf8Length } from '../../text';
import { buildFcmMessage, FCM_MAX_BYTES, FCM_MAX_TOPIC_BYTES, fcmMessageSize, fcmSizeLimit } from './build';

/** The size meter's reading: FCM's compact message without the target, as preflight counts it. */
export function fcmPayloadSize(payload: string, options: Record<string, unknown>, target: string): SizeReading {
  const built = buildFcmMessage({ target, options: options as never, payload });
  if (built.ok) {
    const limit = fcmSizeLimit(built.target);
    const label = built.target.field === 'token' ? 'FCM limit' : 'FCM topic limit';
    return { bytes: fcmMessageSize(built.message), limit, label };
  }
  // Not buildable yet (bad JSON, no target): the compact text is the best estimate of what goes out.
  const topic =
    options['targetKind'] === 'topic' || options['targetKind'] === 'condition' || target.startsWith('/topics/');
  const bytes = utf8Length(compact(payload));
  return topic
    ? { bytes, limit: FCM_MAX_TOPIC_BYTES, label: 'FCM topic limit' }
    : { bytes, limit: FCM_MAX_BYTES, label: 'FCM limit' };
}

function compact(text: string): string {
  try {
    return JSON.stringify(JSON.parse(text));
  } catch {
    return text;
  }
}
