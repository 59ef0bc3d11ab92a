import { randomUUID } from 'node:crypto';
import type { NamedQueue } from '../delivery/delivery-queue.js';
import type { Activity } from '../shared/activity.js';
import type { WebhookEndpointService } from './webhook-endpoint.service.js';
import { webhookEventOf } from './webhook-event-type.js';
import type { WebhookJob } from './webhook-sender.js';

/**
 * Listens to the activity feed and queues one durable job per (event × enabled endpoint that
 * subscribed to its type), all of a batch in one insert. With no endpoint it costs a cached
 * list read and nothing else.
 */
export class WebhookDispatcher {
  constructor(
    private readonly endpoints: WebhookEndpointService,
    private readonly queue: NamedQueue<WebhookJob>,
  ) {}

  readonly listen = async (activities: readonly Activity[]): Promise<void> => {
    const endpoints = await this.endpoints.enabledEndpoints();
    if (!endpoints.length) return;
    const jobs: WebhookJob[] = [];
    for (const activity of activities) {
      const event = webhookEventOf(activity);
      if (!event) continue;
      const messageId = `msg_${randomUUID().replaceAll('-', '')}`;
      for (const endpoint of endpoints) {
        if (!endpoint.events.includes(event.type)) continue;
        jobs.push({
          endpointId: endpoint.id,
          messageId,
          type: event.type,
          timestamp: activity.at.toISOString(),
          data: event.data,
        });
      }
    }
    await this.queue.send(jobs);
  };
}
