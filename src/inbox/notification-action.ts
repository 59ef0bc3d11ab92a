import { registerDecorator, type ValidationOptions } from 'class-validator';
import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { actionUrlProblem } from '../graphql/input-validators.js';

/** How an app draws an action button; stored as the lower-case word. */
export enum ActionStyle {
  PRIMARY = 'primary',
  SECONDARY = 'secondary',
}
registerEnumType(ActionStyle, { name: 'ActionStyle', description: 'How an action button is drawn.' });

/** At most this many buttons per notification (as Knock and Novu). */
export const MAX_ACTIONS = 2;
export const MAX_ACTION_LABEL = 60;
const MAX_ACTION_URL = 2_000;

/** One action button as it is stored (on a template and on each notification sent from it). */
export interface NotificationActionData {
  readonly label: string;
  readonly url: string;
  readonly style: ActionStyle;
}

@ObjectType({ description: 'A button on a notification: the app opens `url` (clickNotificationAction records it).' })
export class NotificationAction implements NotificationActionData {
  @Field()
  label!: string;

  @Field()
  url!: string;

  @Field(() => ActionStyle)
  style!: ActionStyle;
}

@InputType({ description: 'A button: label 1 to 60 characters, url an absolute http(s) URL.' })
export class NotificationActionInput {
  @Field()
  label!: string;

  @Field()
  url!: string;

  @Field(() => ActionStyle, { defaultValue: ActionStyle.PRIMARY })
  style!: ActionStyle;
}

/** Why `actions` is not a valid list of buttons (naming the first bad one), or undefined. */
export function actionsProblem(actions: unknown): string | undefined {
  if (!Array.isArray(actions)) return 'must be a list';
  if (actions.length > MAX_ACTIONS) return `must hold at most ${MAX_ACTIONS} actions`;
  for (const [index, action] of (actions as (Partial<NotificationActionData> | null | undefined)[]).entries()) {
    const label = action?.label?.trim() ?? '';
    if (!label || label.length > MAX_ACTION_LABEL)
      return `[${index}].label must be 1 to ${MAX_ACTION_LABEL} characters, not blank`;
    const url = action?.url ?? '';
    if (url.length > MAX_ACTION_URL) return `[${index}].url must be at most ${MAX_ACTION_URL} characters`;
    if (!/^https?:\/\//i.test(url)) return `[${index}].url must be an absolute http(s) URL`;
    const problem = actionUrlProblem(url);
    if (problem) return `[${index}].url ${problem}`;
  }
  return undefined;
}

/** `actions` input: at most two buttons, each with a label and an absolute http(s) URL. */
export function IsNotificationActions(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isNotificationActions',
      target: target.constructor,
      propertyName: propertyName as string,
      options,
      validator: {
        validate: (value: unknown) => value == null || actionsProblem(value) === undefined,
        defaultMessage: (args) => {
          const problem = actionsProblem(args?.value) ?? 'is invalid';
          return problem.startsWith('[') ? `$property${problem}` : `$property ${problem}`;
        },
      },
    });
}

/** The buttons as stored: labels trimmed, plain objects (not input class instances). */
export function normalizeActions(
  actions: readonly NotificationActionData[] | null | undefined,
): NotificationActionData[] {
  return (actions ?? []).map(({ label, url, style }) => ({ label: label.trim(), url, style }));
}
