import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root } from 'type-graphql';
import { assertService } from '../auth/user-scope.js';
import type { GraphQLContext } from '../graphql/context.js';
import { NotFoundError } from '../shared/errors.js';
import { Template } from './template.entity.js';
import { CreateTemplateInput, TemplateTranslationInput, UpdateTemplateInput } from './template.inputs.js';
import { TemplateTranslation } from './template-translation.entity.js';
import type { RequestForks } from '../graphql/request-forks.js';
import type { TemplateService } from './template.service.js';

@Resolver(() => Template)
export class TemplateResolver {
  constructor(
    private readonly templateService: TemplateService,
    private readonly forks: RequestForks,
  ) {}

  @Query(() => [Template], { description: 'Templates by key. User tokens see only active ones.' })
  async templates(@Ctx() context: GraphQLContext): Promise<Template[]> {
    return this.templateService.list(this.forks.of(context), { activeOnly: context.principal.kind === 'user' });
  }

  @Query(() => Template)
  async template(@Arg('key') key: string, @Ctx() context: GraphQLContext): Promise<Template> {
    const template = await this.templateService.get(this.forks.of(context), key);
    if (context.principal.kind === 'user' && !template.isActive) throw new NotFoundError('Template', key);
    return template;
  }

  @Mutation(() => Template, { description: 'API key only.' })
  async createTemplate(
    @Arg('input', () => CreateTemplateInput) input: CreateTemplateInput,
    @Ctx() { principal }: GraphQLContext,
  ): Promise<Template> {
    assertService(principal, 'createTemplate');
    const { key, ...changes } = input;
    return this.templateService.create(key, withoutNullish(changes));
  }

  @Mutation(() => Template, { description: 'Changes the given fields. API key only.' })
  async updateTemplate(
    @Arg('key') key: string,
    @Arg('input', () => UpdateTemplateInput) input: UpdateTemplateInput,
    @Ctx() { principal }: GraphQLContext,
  ): Promise<Template> {
    assertService(principal, 'updateTemplate');
    return this.templateService.update(key, { ...input });
  }

  @FieldResolver(() => [TemplateTranslation], { description: 'Its copy in other locales, by locale.' })
  async translations(@Root() template: Template, @Ctx() context: GraphQLContext): Promise<TemplateTranslation[]> {
    return this.templateService.translationsOf(this.forks.of(context), template);
  }

  @Mutation(() => Template, {
    description:
      "Sets the template's copy in a locale (BCP 47: de, de-AT); a send picks it by the recipient's locale, or the send's. API key only.",
  })
  async upsertTemplateTranslation(
    @Arg('templateKey') templateKey: string,
    @Arg('locale') locale: string,
    @Arg('input', () => TemplateTranslationInput) input: TemplateTranslationInput,
    @Ctx() { principal }: GraphQLContext,
  ): Promise<Template> {
    assertService(principal, 'upsertTemplateTranslation');
    return this.templateService.upsertTranslation(templateKey, locale, { ...input });
  }

  @Mutation(() => Template, { description: "Removes the template's copy in a locale. API key only." })
  async deleteTemplateTranslation(
    @Arg('templateKey') templateKey: string,
    @Arg('locale') locale: string,
    @Ctx() { principal }: GraphQLContext,
  ): Promise<Template> {
    assertService(principal, 'deleteTemplateTranslation');
    return this.templateService.deleteTranslation(templateKey, locale);
  }

  @Mutation(() => String, { description: 'Deletes a template; returns its key. API key only.' })
  async deleteTemplate(@Arg('key') key: string, @Ctx() context: GraphQLContext): Promise<string> {
    assertService(context.principal, 'deleteTemplate');
    await this.templateService.delete(this.forks.of(context), key);
    return key;
  }
}

/** On create, an explicit null means the same as leaving the field out. */
function withoutNullish<T extends object>(input: T): { [K in keyof T]: NonNullable<T[K]> } {
  // Object.fromEntries loses the key types; the filter is what makes every value non-null.
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value != null)) as {
    [K in keyof T]: NonNullable<T[K]>;
  };
}
