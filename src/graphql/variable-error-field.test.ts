import { describe, expect, it } from 'vitest';
import { variableErrorField } from './variable-error-field.js';

describe('variableErrorField', () => {
  it.each([
    [
      'Variable "$input" got invalid value "NOPE" at "input.category"; Value "NOPE" does not exist in "Category" enum.',
      'input.category',
    ],
    [
      'Variable "$input" got invalid value "FAX" at "input.channels[0]"; Value "FAX" does not exist in "Channel" enum.',
      'input.channels[0]',
    ],
    [
      'Variable "$first" got invalid value 9007199254740992; Int cannot represent non 32-bit signed integer value: 9007199254740992',
      'first',
    ],
    [
      'Variable "$input" got invalid value { nope: null }; Field "nope" is not defined by type "PreferencesInput".',
      'input.nope',
    ],
    [
      'Variable "$input" got invalid value {}; Field "title" of required type "String!" was not provided.',
      'input.title',
    ],
    [
      'Variable "$input" got invalid value { a: { b: 1 } } at "input.keys"; Field "auth" of required type "String!" was not provided.',
      'input.keys.auth',
    ],
    ['Variable "$input" of required type "SendNotificationInput!" was not provided.', 'input'],
    ['Variable "$id" of non-null type "ID!" must not be null.', 'id'],
    // An echoed value cannot pose as the path: the path starts with the variable's name.
    [
      'Variable "$input" got invalid value { x at "evil"; : 1 } at "input.metadata"; JSONObject cannot represent …',
      'input.metadata',
    ],
  ])('%s', (message, field) => {
    expect(variableErrorField(message)).toBe(field);
  });

  it('leaves other messages alone', () => {
    expect(variableErrorField('Cannot query field "x" on type "Query".')).toBeUndefined();
  });
});
