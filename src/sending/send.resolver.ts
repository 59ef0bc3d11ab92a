import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import type { ServicePrincipal } from '../auth/principal.js';
import { assertService } from '../auth/user-scope.js';
import type { EventService } from '../events/event.service.js';
import type { GraphQLContext } from '../graphql/context.js';
import { Notification } from '../inbox/notification.entity.js';
import { BadUserInputError } from '../shared/errors.js';
import type { RequestForks } from '../graphql/request-forks.js';
import type { TemplateService } from '../templates/template.service.js';
import { SendNotificationInput, SendTemplateInput, TriggerEventInput } from './send.inputs.js';
import type { SendService } from './send.service.js';
import { requestHash, type IdempotentRequest } from './idempotency.js';
import { at } from '../shared/at.js';
import { previewTemplate } from './template-preview.js';
import { PreviewTemplateInput, TemplatePreview } from './template-preview.types.js';

/** The three ways a backend sends. All are API-key only. */
@Resolver()
export class SendResolver {
  constructor(
    private readonly sender: SendService,
    private readonly templates: TemplateService,
    private readonly events: EventService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => TemplatePreview, {
    description:
      "A template's copy for every channel as a send would render it (with the user's locale and zone when userId is given), and warnings. Writes nothing. API key only.",
  })
  async previewTemplate(
    @Arg('input', () => PreviewTemplateInput) input: PreviewTemplateInput,
    @Ctx() context: GraphQLContext,
  ): Promise<TemplatePreview> {
    assertService(context.principal, 'previewTemplate');
    return previewTemplate(this.forks.of(context), this.templates, input);
  }

  @Mutation(() => Notification, {
    description:
      "Sends a notification with its own copy on the given channels (default IN_APP), through the user's preferences. API key only.",
  })
  async sendNotification(
    @Arg('input', () => SendNotificationInput) input: SendNotificationInput,
    @Ctx() { principal }: GraphQLContext,
  ): Promise<Notification> {
    assertService(principal, 'sendNotification');
    return this.sender.sendDirect({ ...input, idempotency: idempotencyOf('sendNotification', input, principal) });
  }

  @Mutation(() => [Notification], {
    description: 'Sends a template to one user (userId) or many (userIds): one notification each. API key only.',
  })
  async sendTemplate(
    @Arg('input', () => SendTemplateInput) input: SendTemplateInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Notification[]> {
    const { principal } = context;
    assertService(principal, 'sendTemplate');
    if (Boolean(input.userId) === Boolean(input.userIds?.length)) {
      throw new BadUserInputError('Give exactly one of userId or userIds', ['userId', 'userIds']);
    }
    const template = await this.templates.forSend(this.forks.of(context), input.templateKey);
    return this.sender.sendTemplate(
      template,
      input.userId ? [input.userId] : [...new Set(input.userIds)],
      input.data ?? {},
      { ...input, idempotency: idempotencyOf('sendTemplate', input, principal) },
    );
  }

  @Mutation(() => Notification, {
    description:
      'Triggers a named event (built in: welcome, verification, password_reset, security_alert, billing) for a user. API key only.',
  })
  async triggerEvent(
    @Arg('input', () => TriggerEventInput) input: TriggerEventInput,
    @Ctx() context: GraphQLContext,
  ): Promise<Notification> {
    const { principal } = context;
    assertService(principal, 'triggerEvent');
    const data = input.data ?? {};
    const em = this.forks.of(context);
    const route = await this.events.resolve(em, input.event, data);
    const template = await this.templates.forSend(em, route.templateKey, 'event');
    const notifications = await this.sender.sendTemplate(template, [input.userId], data, {
      ...input,
      channels: input.channels ?? route.channels,
      event: input.event,
      idempotency: idempotencyOf('triggerEvent', input, principal),
    });
    return at(notifications, 0, 'notification');
  }
}

/** The idempotency record of a send with `idempotencyKey`, scoped to the calling API key; null without a key. */
export function idempotencyOf(
  operation: string,
  input: { idempotencyKey?: string | null },
  caller: ServicePrincipal,
): IdempotentRequest | null {
  if (!input.idempotencyKey) return null;
  const { idempotencyKey, ...request } = input;
  return { apiKeyId: caller.keyId, key: idempotencyKey, operation, requestHash: requestHash(operation, request) };
}
