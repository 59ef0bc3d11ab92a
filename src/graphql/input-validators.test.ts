import { describe, expect, it } from 'vitest';
import { actionUrlProblem } from './input-validators.js';

describe('actionUrlProblem', () => {
  it.each([
    '/inbox',
    '/a/b?c=d#e',
    '/',
    'https://app.example.com/x',
    'http://localhost:3000/',
    'HTTPS://APP.EXAMPLE.COM/',
  ])('accepts %j', (url) => {
    expect(actionUrlProblem(url)).toBeUndefined();
  });

  it.each([
    '//evil.example/phish',
    '/\\evil.example',
    '\\\\evil.example',
    'https://evil.example\\@app.example.com',
    '/a\tb',
    '/a\nb',
    '/a b',
    '/\u0000',
    '/\u0085',
    'javascript:alert(1)',
    'data:text/html,x',
    'http:evil.example',
    'https:///evil.example',
    'https://',
    'inbox',
    '',
  ])('refuses %j', (url) => {
    expect(actionUrlProblem(url)).toBeDefined();
  });
});
