import { Arg, Ctx, Query, Resolver } from 'type-graphql';
import { assertService } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import type { RequestForks } from '../graphql/request-forks.js';
import type { StatsService } from './stats.service.js';
import { NotificationStats, NotificationStatsInput } from './stats.types.js';

/** Delivery analytics: API key only (they span every user). */
@Resolver()
export class StatsResolver {
  constructor(
    private readonly stats: StatsService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => NotificationStats, {
    description:
      'Counts, rates and queued→sent times per bucket (HOUR or DAY) and group, from rollups kept as deliveries change. API key only.',
  })
  async notificationStats(
    @Arg('input', () => NotificationStatsInput) input: NotificationStatsInput,
    @Ctx() context: GraphQLContext,
  ): Promise<NotificationStats> {
    assertService(context.principal, 'notificationStats');
    return this.stats.query(this.forks.of(context), input);
  }
}
