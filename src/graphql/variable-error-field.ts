// graphql-js reports a variable that fails coercion (a scalar's parseValue threw, an enum
// value is unknown, a field is missing or extra) with the path only inside its message:
//   Variable "$input" got invalid value "NOPE" at "input.category"; Value "NOPE" does not exist …
// Apollo marks it BAD_USER_INPUT; this recovers the field so the client is told which one.

const VARIABLE = /^Variable "\$(\w+)" (?:got invalid value |of required type |of non-null type )/;
const NAMED_FIELD = /; Field "(\w+)" (?:is not defined by type|of required type) /;

/** The input path ("input.category", "first") a variable coercion error is about, or undefined for any other message. */
export function variableErrorField(message: string): string | undefined {
  const variable = VARIABLE.exec(message)?.[1];
  if (!variable) return undefined;
  // The path always starts with the variable's name; anything else in the message is the echoed value.
  const at = new RegExp(` at "(${variable}(?:\\.\\w+|\\[\\d+\\])*)"; `).exec(message);
  const named = NAMED_FIELD.exec(message);
  return `${at?.[1] ?? variable}${named ? `.${named[1]}` : ''}`;
}
