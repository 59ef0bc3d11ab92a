import { css } from 'lit';
import { feedStyles } from './feed-styles.js';

/**
 * Theming: every color, the font, radius and panel width are CSS custom properties
 * (--belfry-*), set on the element or any ancestor; parts (::part(bell), ::part(panel), …)
 * reach the rest. Light by default, dark with prefers-color-scheme or theme="dark";
 * theme="light" keeps it light.
 */
const base = css`
  :host {
    --_bg: var(--belfry-bg, #ffffff);
    --_fg: var(--belfry-fg, #1b1f24);
    --_muted: var(--belfry-muted, #59636e);
    --_border: var(--belfry-border, #d1d9e0);
    --_hover: var(--belfry-hover, #f3f5f8);
    --_unread-bg: var(--belfry-unread-bg, #f0f6ff);
    --_accent: var(--belfry-accent, #0b63d1);
    --_accent-fg: var(--belfry-accent-fg, #ffffff);
    --_badge-bg: var(--belfry-badge-bg, #c8102e);
    --_badge-fg: var(--belfry-badge-fg, #ffffff);
    --_urgent: var(--belfry-urgent, #b3001b);
    --_urgent-fg: var(--belfry-urgent-fg, #ffffff);
    --_high: var(--belfry-high, #8a4b00);
    --_high-bg: var(--belfry-high-bg, #fff1d6);
    --_shadow: var(--belfry-shadow, 0 8px 28px rgb(0 0 0 / 0.18));
    --_radius: var(--belfry-radius, 10px);
    --_width: var(--belfry-panel-width, 380px);
    display: inline-block;
    position: relative;
    font-family: var(--belfry-font, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    font-size: 14px;
    line-height: 1.4;
    --_scheme: light;
  }
  :host([theme='dark']) {
    --_scheme: dark;
    --_bg: var(--belfry-bg, #161b22);
    --_fg: var(--belfry-fg, #e6edf3);
    --_muted: var(--belfry-muted, #9ea7b3);
    --_border: var(--belfry-border, #3d444d);
    --_hover: var(--belfry-hover, #21262d);
    --_unread-bg: var(--belfry-unread-bg, #132339);
    --_accent: var(--belfry-accent, #4d9bff);
    --_accent-fg: var(--belfry-accent-fg, #0d1117);
    --_badge-bg: var(--belfry-badge-bg, #ff5a6e);
    --_badge-fg: var(--belfry-badge-fg, #0d1117);
    --_urgent: var(--belfry-urgent, #ff7b8a);
    --_urgent-fg: var(--belfry-urgent-fg, #0d1117);
    --_high: var(--belfry-high, #f0b35a);
    --_high-bg: var(--belfry-high-bg, #3a2a10);
    --_shadow: var(--belfry-shadow, 0 8px 28px rgb(0 0 0 / 0.55));
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_scheme: dark;
      --_bg: var(--belfry-bg, #161b22);
      --_fg: var(--belfry-fg, #e6edf3);
      --_muted: var(--belfry-muted, #9ea7b3);
      --_border: var(--belfry-border, #3d444d);
      --_hover: var(--belfry-hover, #21262d);
      --_unread-bg: var(--belfry-unread-bg, #132339);
      --_accent: var(--belfry-accent, #4d9bff);
      --_accent-fg: var(--belfry-accent-fg, #0d1117);
      --_badge-bg: var(--belfry-badge-bg, #ff5a6e);
      --_badge-fg: var(--belfry-badge-fg, #0d1117);
      --_urgent: var(--belfry-urgent, #ff7b8a);
      --_urgent-fg: var(--belfry-urgent-fg, #0d1117);
      --_high: var(--belfry-high, #f0b35a);
      --_high-bg: var(--belfry-high-bg, #3a2a10);
      --_shadow: var(--belfry-shadow, 0 8px 28px rgb(0 0 0 / 0.55));
    }
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  button {
    font: inherit;
    color: inherit;
    cursor: pointer;
  }
  :focus-visible {
    outline: 2px solid var(--_accent);
    outline-offset: 2px;
  }
  .bell {
    position: relative;
    display: inline-grid;
    place-items: center;
    width: 40px;
    height: 40px;
    padding: 0;
    border: 1px solid transparent;
    border-radius: 50%;
    background: transparent;
    /* The bell takes the text color around it (a dark app header gets a light bell). */
    color: var(--belfry-bell-color, inherit);
  }
  .bell:hover,
  .bell[aria-expanded='true'] {
    background: var(--belfry-bell-hover, rgb(127 127 127 / 0.18));
  }
  .badge {
    position: absolute;
    top: -2px;
    right: -4px;
    min-width: 20px;
    height: 20px;
    padding: 0 5px;
    border-radius: 10px;
    /* No ring by default (it cannot know the page behind it); set --belfry-badge-ring to the header's color. */
    border: 2px solid var(--belfry-badge-ring, transparent);
    background: var(--_badge-bg);
    color: var(--_badge-fg);
    font-size: 11px;
    font-weight: 700;
    line-height: 16px;
    text-align: center;
    white-space: nowrap;
    font-variant-numeric: tabular-nums;
  }
  .panel {
    position: absolute;
    top: calc(100% + 8px);
    right: 0;
    z-index: 1000;
    width: min(var(--_width), calc(100vw - 16px));
    max-height: min(560px, calc(100vh - 80px));
    display: flex;
    flex-direction: column;
    color-scheme: var(--_scheme);
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
    overflow: hidden;
  }
  :host([align='start']) .panel {
    right: auto;
    left: 0;
  }
  header {
    display: flex;
    align-items: center;
    gap: 4px;
    padding: 10px 8px 6px 14px;
  }
  h2 {
    flex: 1;
    margin: 0;
    font-size: 15px;
    font-weight: 650;
  }
  .icon-button {
    display: inline-grid;
    place-items: center;
    width: 32px;
    height: 32px;
    padding: 0;
    border: 0;
    border-radius: 6px;
    background: transparent;
    color: var(--_muted);
  }
  .icon-button:hover {
    background: var(--_hover);
    color: var(--_fg);
  }
  .icon-button[disabled] {
    opacity: 0.4;
    cursor: default;
  }
  [role='tablist'] {
    display: flex;
    gap: 4px;
    padding: 0 10px;
    border-bottom: 1px solid var(--_border);
  }
  [role='tab'] {
    padding: 8px 10px;
    border: 0;
    border-bottom: 2px solid transparent;
    background: transparent;
    color: var(--_muted);
    font-weight: 600;
  }
  [role='tab'][aria-selected='true'] {
    color: var(--_fg);
    border-bottom-color: var(--_accent);
  }
  .body {
    overflow-y: auto;
    overscroll-behavior: contain;
    flex: 1;
  }
  .status {
    margin: 0;
    padding: 6px 14px;
    font-size: 12px;
    background: var(--_hover);
    color: var(--_muted);
    border-bottom: 1px solid var(--_border);
  }
  .state {
    padding: 32px 16px;
    text-align: center;
    color: var(--_muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
`;

/** The element's styles: the frame (bell, panel, header, tabs) and the feed and preferences inside. */
export const styles = [base, feedStyles];
