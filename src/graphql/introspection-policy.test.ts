import { buildSchema, parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { IntrospectionPolicy, withoutSuggestions } from './introspection-policy.js';
import { at } from '../shared/at.js';

const service = { kind: 'service', keyId: 'abc' } as const;
const user = { kind: 'user', userId: 'u' } as const;
const schema = buildSchema(`type Query { title: String } enum Channel { EMAIL SMS }`);

describe('IntrospectionPolicy', () => {
  it('lets everyone introspect in development', () => {
    const policy = new IntrospectionPolicy({ production: false, apiKeysMayIntrospect: false });
    expect(policy.refusal(user, parse('{ __schema { types { name } } }'))).toBeUndefined();
    expect(policy.mayIntrospect(service)).toBe(true);
  });

  it('in production refuses user tokens always, and API keys unless enabled', () => {
    const closed = new IntrospectionPolicy({ production: true, apiKeysMayIntrospect: false });
    const open = new IntrospectionPolicy({ production: true, apiKeysMayIntrospect: true });
    const introspection = parse('query { ...F } fragment F on Query { t: __type(name: "Query") { name } }');
    expect(closed.refusal(user, introspection)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(closed.refusal(service, introspection)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(open.refusal(user, introspection)?.extensions).toMatchObject({ code: 'GRAPHQL_VALIDATION_FAILED' });
    expect(open.refusal(service, introspection)).toBeUndefined();
    expect(closed.refusal(user, parse('{ __typename title }'))).toBeUndefined();
  });

  it('strips every form of graphql-js suggestion for callers who may not introspect', () => {
    const messages = validate(schema, parse('query A { titel } query Q($c: Channel = EMAIIL) { title }'))
      .map((error) => error.message)
      .filter((message) => message.includes('Did you mean'));
    expect(messages).toHaveLength(2);
    const stripped = messages.map(withoutSuggestions);
    expect(stripped).toEqual([
      'Cannot query field "titel" on type "Query".',
      'Value "EMAIIL" does not exist in "Channel" enum.',
    ]);
    expect(withoutSuggestions('Unknown argument "x" on field "Query.a". Did you mean "y", "z", or "w"?')).toBe(
      'Unknown argument "x" on field "Query.a".',
    );
    const policy = new IntrospectionPolicy({ production: true, apiKeysMayIntrospect: true });
    expect(policy.redact(user, [{ message: at(messages, 0) }])).toEqual([{ message: at(stripped, 0) }]);
    expect(policy.redact(service, [{ message: at(messages, 0) }])).toEqual([{ message: at(messages, 0) }]);
  });
});
