import { AppError } from '../../../shared/errors';
import type { Core } from '../core';
import type { Handlers } from './dispatcher';

type ComposeCalls =
  | 'profiles.list'
  | 'profiles.save'
  | 'profiles.duplicate'
  | 'profiles.remove'
  | 'composer.load'
  | 'composer.save'
  | 'presets.list'
  | 'presets.save'
  | 'presets.remove'
  | 'send.preflight'
  | 'send.run'
  | 'send.cancel';

export function composeHandlers(core: Core): Pick<Handlers, ComposeCalls> {
  const running = new Map<string, AbortController>();
  const progress = (sendId: string, state: 'running' | 'done' | 'cancelled', outcome?: string) =>
    core.events.emit('send.progress', {
      sendId,
      done: state === 'running' ? 0 : 1,
      total: 1,
      accepted: outcome === 'accepted' ? 1 : 0,
      rejected: outcome === 'rejected' ? 1 : 0,
      failed: outcome === 'failed' ? 1 : 0,
      ratePerSecond: 0,
      etaSeconds: null,
      state,
    });

  return {
    'profiles.list': () => core.profiles.list(),
    'profiles.save': (input) => core.profiles.save(input),
    'profiles.duplicate': ({ id }) => core.profiles.duplicate(id),
    'profiles.remove': async ({ id }) => {
      await core.profiles.remove(id);
      return { removed: true as const };
    },
    'composer.load': () => core.drafts.load(),
    'composer.save': (state) => {
      core.drafts.save(state);
      return { saved: true as const };
    },
    'presets.list': ({ provider }) => core.presets.list(provider),
    'presets.save': (preset) => core.presets.save(preset),
    'presets.remove': async ({ provider, name }) => {
      await core.presets.remove(provider, name);
      return { removed: true as const };
    },
    'send.preflight': (request) => core.sender.preflight(request),
    'send.run': async ({ sendId, request, ignorePreflight }) => {
      if (running.has(sendId)) throw new AppError('CONFLICT', 'That send is already running.');
      const controller = new AbortController();
      running.set(sendId, controller);
      progress(sendId, 'running');
      try {
        const outcome = await core.sender.send(request, {
          signal: controller.signal,
          ...(ignorePreflight ? { ignorePreflight } : {}),
        });
        progress(sendId, controller.signal.aborted ? 'cancelled' : 'done', outcome.result.outcome);
        return outcome;
      } catch (error) {
        progress(sendId, controller.signal.aborted ? 'cancelled' : 'done', 'failed');
        throw error;
      } finally {
        running.delete(sendId);
      }
    },
    'send.cancel': ({ sendId }) => {
      const controller = running.get(sendId);
      controller?.abort();
      return { cancelled: controller !== undefined };
    },
  };
}
