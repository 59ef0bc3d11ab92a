import { placeholdersOf } from './renderer.js';
import type { Template } from './template.entity.js';

/** The template fields that hold copy with `{placeholders}`: one list for validation and rendering. */
export const TEMPLATE_COPY_FIELDS = [
  'subjectTemplate',
  'messageTemplate',
  'htmlTemplate',
  'smsTemplate',
  'pushTitleTemplate',
  'pushBodyTemplate',
] as const satisfies readonly (keyof Template)[];

export type TemplateCopyField = (typeof TEMPLATE_COPY_FIELDS)[number];

/** Render-context roots every template may use without declaring them. */
export const CONTEXT_ROOTS = ['recipient', 'userId'] as const;

/** A data placeholder in a template's copy, and the field it appears in. */
export interface DataPlaceholder {
  readonly field: TemplateCopyField;
  readonly path: string;
}

/** Every placeholder in the template's copy that reads the send's data (context roots excluded). */
export function dataPlaceholders(template: Partial<Record<TemplateCopyField, string | null>>): DataPlaceholder[] {
  return TEMPLATE_COPY_FIELDS.flatMap((field) =>
    placeholdersOf(template[field])
      .filter((path) => !isContextRoot(path.split('.')[0] ?? ''))
      .map((path) => ({ field, path })),
  );
}

function isContextRoot(root: string): boolean {
  return (CONTEXT_ROOTS as readonly string[]).includes(root);
}
