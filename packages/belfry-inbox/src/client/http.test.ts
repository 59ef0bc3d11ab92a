import { describe, expect, it } from 'vitest';
import { safeHref } from '../element/item-view.js';
import { endpointsOf } from './http.js';
import { retryDelay } from './live.js';

describe('the client helpers', () => {
  it('turns a base URL or the endpoint into the HTTP and WebSocket endpoints', () => {
    expect(endpointsOf('https://belfry.example')).toEqual({
      http: 'https://belfry.example/graphql',
      ws: 'wss://belfry.example/graphql',
    });
    expect(endpointsOf('http://localhost:4000/graphql')).toEqual({
      http: 'http://localhost:4000/graphql',
      ws: 'ws://localhost:4000/graphql',
    });
    expect(endpointsOf('https://example.com/belfry/').http).toBe('https://example.com/belfry/graphql');
  });

  it('backs off 1 s, 2 s, 4 s … to at most 16 s with jitter', () => {
    expect(retryDelay(0)).toBeGreaterThanOrEqual(1000);
    expect(retryDelay(0)).toBeLessThan(2000);
    expect(retryDelay(10)).toBeLessThan(16_000);
  });

  it('links only http(s) action URLs; app paths resolve against the page', () => {
    expect(safeHref('https://example.com/x', 'https://app.example/')).toBe('https://example.com/x');
    expect(safeHref('/orders/1', 'https://app.example/home')).toBe('https://app.example/orders/1');
    expect(safeHref('javascript:alert(1)', 'https://app.example/')).toBeUndefined();
    expect(safeHref('data:text/html,x', 'https://app.example/')).toBeUndefined();
    expect(safeHref(null, 'https://app.example/')).toBeUndefined();
  });
});
