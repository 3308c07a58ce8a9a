import type { IncomingMessage, ServerResponse } from 'node:http';
import { authorize, header, sendEmpty, sendError } from './rest';
import { answerSend, notificationId, prepareSend, type PreparedSend, type SendContext } from './send-route';

/** setTimeout's longest delay; later schedules re-arm until their time comes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Scheduled {
  hub: string;
  namespace: string;
  at: number;
  timer: NodeJS.Timeout;
}

/**
 * The hub's scheduled notifications, each with its own timer that delivers it through the same
 * path as an immediate send. Owned by the server; close() clears every timer, so nothing fires
 * after the emulator stops. Not persisted: the service's own schedule is not part of the hub's state.
 */
export class NotificationScheduler {
  readonly #pending = new Map<string, Scheduled>();
  readonly #deliver: (send: PreparedSend) => Promise<unknown>;
  readonly #now: () => number;
  #closed = false;

  constructor(deliver: (send: PreparedSend) => Promise<unknown>, now: () => number) {
    this.#deliver = deliver;
    this.#now = now;
  }

  schedule(send: PreparedSend, at: number): string {
    const id = notificationId();
    this.#arm(id, send, at);
    return id;
  }

  #arm(id: string, send: PreparedSend, at: number): void {
    if (this.#closed) return;
    const wait = Math.max(0, at - this.#now());
    const timer = setTimeout(
      () => {
        if (at > this.#now()) return this.#arm(id, send, at);
        this.#pending.delete(id);
        // A delivery failure has no client left to answer; the inbox simply does not get it.
        this.#deliver(send).catch(() => undefined);
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    timer.unref();
    this.#pending.set(id, { hub: send.hub, namespace: send.namespace, at, timer });
  }

  /** Cancels a pending notification of this hub; false when there is none by that id. */
  cancel(namespace: string, hub: string, id: string): boolean {
    const entry = this.#pending.get(id);
    if (!entry || entry.namespace !== namespace || entry.hub.toLowerCase() !== hub.toLowerCase()) return false;
    clearTimeout(entry.timer);
    this.#pending.delete(id);
    return true;
  }

  pending(): number {
    return this.#pending.size;
  }

  close(): void {
    this.#closed = true;
    for (const entry of this.#pending.values()) clearTimeout(entry.timer);
    this.#pending.clear();
  }
}

/** `POST /{hub}/schedulednotifications/` with `ServiceBusNotification-ScheduleTime`: 201, Location names the id. */
export async function handleSchedule(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  hub: string,
  ctx: SendContext,
  scheduler: NotificationScheduler,
): Promise<void> {
  const timeText = header(req, 'servicebusnotification-scheduletime');
  const at = timeText ? Date.parse(timeText) : NaN;
  const send = await prepareSend(req, res, url, hub, ctx, 'scheduled');
  if (!send) return;
  if (Number.isNaN(at)) {
    return sendError(
      res,
      400,
      'BadRequest',
      `ServiceBusNotification-ScheduleTime '${timeText ?? ''}' is not a UTC time such as 2026-01-31T08:00:00Z.`,
    );
  }
  const id = scheduler.schedule(send, at);
  answerSend(req, res, send, ctx, { collection: 'schedulednotifications', id }, null);
}

/** `DELETE /{hub}/schedulednotifications/{id}`: 200 when cancelled, 404 when no such pending notification. */
export function handleCancelScheduled(
  req: IncomingMessage,
  res: ServerResponse,
  hub: string,
  id: string,
  ctx: SendContext,
  scheduler: NotificationScheduler,
): void {
  const auth = authorize(req, res, hub, ctx, 'schedulednotifications', ['Send', 'Manage']);
  if (!auth) return;
  if (!scheduler.cancel(auth.namespace, hub, id)) {
    return sendError(res, 404, 'NotFound', `No scheduled notification ${id} is pending in hub ${hub}.`);
  }
  sendEmpty(res, 200);
}
