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
  constructor(
    private readonly em: EntityManager,
    private readonly templates: TemplateService,
  ) {}

  async resolve(event: string, data: Readonly<Record<string, unknown>>): Promise<EventRoute> {
    const custom = await this.em.fork().findOne(EventMapping, { event });
    if (custom) return { templateKey: custom.templateKey, channels: custom.channels ?? undefined };
    const builtIn = BUILT_IN_EVENTS.find((candidate) => candidate.event === event);
    if (builtIn) return { templateKey: builtIn.templateFor(data) };
    const known = [...BUILT_IN_EVENTS.map((candidate) => candidate.event), ...(await this.customNames())];
    throw new BadUserInputError(`Unknown event "${event}". Known events: ${known.join(', ')}`, ['event']);
  }

  async list(): Promise<EventDefinition[]> {
    const custom = await this.em.fork().find(EventMapping, {}, { orderBy: { event: 'asc' } });
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

  async define(event: string, templateKey: string, channels?: Channel[] | null): Promise<EventDefinition> {
    if (!(await this.templates.find(templateKey)))
      throw new BadUserInputError(`templateKey: no template "${templateKey}" exists`, ['templateKey']);
    const mapping = await this.em
      .fork()
      .upsert(
        EventMapping,
        { event, templateKey, channels: channels ?? null, updatedAt: new Date() },
        { onConflictFields: ['event'], onConflictExcludeFields: ['createdAt'] },
      );
    return toDefinition(mapping);
  }

  async remove(event: string): Promise<void> {
    const removed = await this.em.fork().nativeDelete(EventMapping, { event });
    if (!removed) throw new NotFoundError('Event mapping', event);
  }

  private async customNames(): Promise<string[]> {
    return (await this.em.fork().find(EventMapping, {}, { fields: ['event'] })).map((mapping) => mapping.event);
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
