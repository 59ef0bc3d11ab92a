import { css } from 'lit';

/** The feed's items, their buttons and menus, and the preferences tables (colors from styles.ts). */
export const feedStyles = css`
  ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .item {
    display: grid;
    grid-template-columns: 10px 1fr;
    gap: 4px 10px;
    padding: 12px 14px;
    border-bottom: 1px solid var(--_border);
  }
  .item.unread {
    background: var(--_unread-bg);
  }
  .item.urgent {
    box-shadow: inset 3px 0 0 var(--_urgent);
  }
  .item.high {
    box-shadow: inset 3px 0 0 var(--_high);
  }
  .dot {
    width: 8px;
    height: 8px;
    margin-top: 6px;
    border-radius: 50%;
  }
  .unread .dot {
    background: var(--_accent);
  }
  .content {
    min-width: 0;
  }
  h3 {
    margin: 0;
    font-size: 14px;
    font-weight: 600;
    overflow-wrap: anywhere;
  }
  .read h3 {
    font-weight: 500;
  }
  h3 a {
    color: inherit;
    text-decoration: underline;
    text-decoration-color: var(--_border);
    text-underline-offset: 2px;
  }
  h3 a:hover {
    text-decoration-color: currentColor;
  }
  .message {
    margin: 2px 0 0;
    color: var(--_fg);
    overflow-wrap: anywhere;
    white-space: pre-line;
  }
  .meta {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px;
    margin-top: 6px;
    font-size: 12px;
    color: var(--_muted);
  }
  .chip {
    padding: 0 6px;
    border-radius: 4px;
    border: 1px solid var(--_border);
    line-height: 18px;
  }
  .priority-urgent {
    background: var(--_urgent);
    border-color: var(--_urgent);
    color: var(--_urgent-fg);
    font-weight: 700;
  }
  .priority-high {
    background: var(--_high-bg);
    border-color: var(--_high);
    color: var(--_high);
    font-weight: 700;
  }
  .item-actions {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 8px;
  }
  .text-button {
    padding: 3px 10px;
    border: 1px solid var(--_border);
    border-radius: 6px;
    background: var(--_bg);
    font-size: 12px;
    font-weight: 600;
  }
  .text-button:hover {
    background: var(--_hover);
  }
  .text-button.primary {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  .more {
    display: block;
    width: calc(100% - 28px);
    margin: 12px 14px;
    padding: 7px;
  }
  table {
    width: 100%;
    /* Both preference tables share the same column widths, so their channels line up. */
    table-layout: fixed;
    border-collapse: collapse;
    font-size: 13px;
  }
  th,
  td {
    padding: 6px 8px;
    text-align: center;
    border-bottom: 1px solid var(--_border);
  }
  th[scope='row'],
  thead th:first-child {
    text-align: left;
    font-weight: 500;
  }
  thead th:first-child {
    width: 36%;
  }
  thead th {
    font-size: 12px;
    color: var(--_muted);
    font-weight: 600;
  }
  input[type='checkbox'] {
    width: 16px;
    height: 16px;
    accent-color: var(--_accent);
    cursor: pointer;
  }
  .prefs {
    padding: 4px 6px 12px;
  }
  a.text-button {
    display: inline-block;
    color: inherit;
    text-decoration: none;
  }
  .action-buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 6px;
    margin-top: 8px;
  }
  .action-buttons .text-button {
    padding: 4px 12px;
    font-size: 13px;
  }
  .menu-wrap {
    position: relative;
  }
  [aria-expanded='true'].text-button {
    background: var(--_hover);
  }
  .menu {
    position: absolute;
    top: calc(100% + 4px);
    right: 0;
    z-index: 2;
    display: flex;
    flex-direction: column;
    min-width: 240px;
    padding: 4px;
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: 8px;
    box-shadow: var(--_shadow);
  }
  .menu.up {
    top: auto;
    bottom: calc(100% + 4px);
  }
  [role='menuitem'] {
    display: flex;
    justify-content: space-between;
    gap: 16px;
    padding: 7px 10px;
    border: 0;
    border-radius: 6px;
    background: transparent;
    text-align: left;
    white-space: nowrap;
  }
  [role='menuitem']:focus-visible {
    /* Inside the menu's edge, not cut by it. */
    outline-offset: -2px;
  }
  [role='menuitem']:hover,
  [role='menuitem']:focus {
    background: var(--_hover);
  }
  .when {
    color: var(--_muted);
    font-size: 12px;
    font-variant-numeric: tabular-nums;
  }
  .prefs-heading {
    margin: 18px 8px 4px;
    font-size: 13px;
    font-weight: 650;
  }
  .note {
    display: block;
    font-size: 11px;
    color: var(--_muted);
  }
`;
