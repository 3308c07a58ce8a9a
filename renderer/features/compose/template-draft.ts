import type { Provider } from '../../../shared/domain/exchange';
import type { Draft } from '../../../shared/domain/profile';
import { EXAMPLE_TOPIC } from '../../../shared/providers/apns/templates/types';

export interface TemplateLike {
  options: object;
  payload: string;
  target?: string | undefined;
}

/**
 * What picking a template puts in the draft. APNs templates carry an example bundle id
 * (com.example.app, with the push type's suffix such as .voip); with a profile that names its
 * topic, the profile's bundle id takes its place, or the send would be refused as TopicDisallowed.
 */
export function templateDraft(
  provider: Provider,
  template: TemplateLike,
  profileDefaults: Record<string, unknown> | undefined,
): Partial<Draft> {
  const options = { ...(template.options as Record<string, unknown>) };
  const ownTopic = profileDefaults?.['topic'];
  const exampleTopic = options['topic'];
  if (
    provider === 'apns' &&
    typeof ownTopic === 'string' &&
    ownTopic !== '' &&
    typeof exampleTopic === 'string' &&
    (exampleTopic === EXAMPLE_TOPIC || exampleTopic.startsWith(`${EXAMPLE_TOPIC}.`))
  ) {
    options['topic'] = ownTopic + exampleTopic.slice(EXAMPLE_TOPIC.length);
  }
  return { options, payload: template.payload, ...(template.target ? { target: template.target } : {}) };
}
