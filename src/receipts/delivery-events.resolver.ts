import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Delivery } from '../delivery/delivery.entity.js';
import type { RequestLoaders } from '../graphql/request-loaders.js';
import { DeliveryEvent } from './delivery-event.entity.js';

/** `Delivery.events`: the provider receipts of a delivery, oldest first. */
@Resolver(() => Delivery)
export class DeliveryEventsResolver {
  @FieldResolver(() => [DeliveryEvent], {
    description: 'What the provider reported after sending, oldest first (receipts: delivered, opened, bounced, …).',
  })
  async events(@Root() delivery: Delivery, @Ctx('loaders') loaders: RequestLoaders): Promise<DeliveryEvent[]> {
    // Batched per operation; only the loaders (never the principal), as below a subscription.
    return loaders.eventsByDelivery.load(delivery.id);
  }
}
