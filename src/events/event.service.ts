import type { EntityManager } from '@mikro-orm/sql';
import type { Channel } from '../shared/enums.js';
import { BadUserInputError, NotFoundError } from '../shared/errors.js';
import type { TemplateService } from '../templates/template.service.js';
import { BUILT_IN_EVENTS } from './built-in-events.js';
import { EventMapping } from './event-mapping.entity.js';
import type { EventDefinition } from './event.types.js';

/** What triggering an event sends: a template, and the channels when the mapping names them. (Not `EventTarget`: that name is the DOM type live/ is built on.) */
export interface EventRoute {
  readonly templateKey: string;
  /** Undefined: the template's channels. */
  readonly channels?: readonly Channel[];
}

/** Named events: the built-in ones of the seed, and the operator's own (which win on a name clash). */
export class EventService {
  constructor(private readonly templates: TemplateService) {}

  // Every method takes the caller's EntityManager: the operation's fork (graphql/request-forks.ts).

  async resolve(em: EntityManager, event: string, data: Readonly<Record<string, unknown>>): Promise<EventRoute> {
    const custom = await em.findOne(EventMapping, { event });
    if (custom) return { templateKey: custom.templateKey, channels: custom.channels ?? undefined };
    const builtIn = BUILT_IN_EVENTS.find((candidate) => candidate.event === event);
    if (builtIn) return { templateKey: builtIn.templateFor(data) };
    const known = [...BUILT_IN_EVENTS.map((candidate) => candidate.event), ...(await this.customNames(em))];
    throw new BadUserInputError(`Unknown event "${event}". Known events: ${known.join(', ')}`, ['event']);
  }

  async list(em: EntityManager): Promise<EventDefinition[]> {
    const custom = await em.find(EventMapping, {}, { orderBy: { event: 'asc' } });
    const overridden = new Set(custom.map((mapping) => mapping.event));
    return [
      ...BUILT_IN_EVENTS.filter((event) => !overridden.has(event.event)).map((event) => ({
        id: event.event,
        event: event.event,
        templateKeys: [...event.templateKeys],
        channels: null,
        builtIn: true,
        description: event.description,
      })),
      ...custom.map((mapping) => toDefinition(mapping)),
    ];
  }

  async define(
    em: EntityManager,
    event: string,
    templateKey: string,
    channels?: Channel[] | null,
  ): Promise<EventDefinition> {
    if (!(await this.templates.find(em, templateKey)))
      throw new BadUserInputError(`templateKey: no template "${templateKey}" exists`, ['templateKey']);
    const mapping = await em.upsert(
      EventMapping,
      { event, templateKey, channels: channels ?? null, updatedAt: new Date() },
      { onConflictFields: ['event'], onConflictExcludeFields: ['createdAt'] },
    );
    return toDefinition(mapping);
  }

  async remove(em: EntityManager, event: string): Promise<void> {
    const removed = await em.nativeDelete(EventMapping, { event });
    if (!removed) throw new NotFoundError('Event mapping', event);
  }

  private async customNames(em: EntityManager): Promise<string[]> {
    return (await em.find(EventMapping, {}, { fields: ['event'] })).map((mapping) => mapping.event);
  }
}

function toDefinition(mapping: EventMapping): EventDefinition {
  return {
    id: mapping.event,
    event: mapping.event,
    templateKeys: [mapping.templateKey],
    channels: mapping.channels ?? null,
    builtIn: false,
    description: null,
  };
}
