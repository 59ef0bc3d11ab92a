import { css } from 'lit';

/** Shared by every panel: the colours follow the system's light or dark scheme. */
export const panelStyles = css`
  :host {
    display: block;
    color: var(--fg);
  }
  /* Filter and add forms: one wrapping row above their table. */
  form {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem 1rem;
    align-items: center;
    margin-bottom: 1rem;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0 0 0.75rem;
  }
  table {
    width: 100%;
    border-collapse: collapse;
    font-size: 0.875rem;
  }
  th,
  td {
    text-align: left;
    padding: 0.4rem 0.5rem;
    border-bottom: 1px solid var(--line);
    vertical-align: top;
  }
  th {
    font-weight: 600;
    color: var(--muted);
  }
  code,
  .mono {
    font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace;
    font-size: 0.8rem;
  }
  button {
    font: inherit;
    border: 1px solid var(--line-strong);
    background: var(--button);
    color: var(--fg);
    border-radius: 6px;
    padding: 0.3rem 0.7rem;
    cursor: pointer;
  }
  button.primary {
    background: var(--accent);
    border-color: var(--accent);
    color: var(--on-accent);
  }
  button:disabled {
    opacity: 0.6;
    cursor: default;
  }
  button:focus-visible,
  input:focus-visible,
  select:focus-visible {
    outline: 2px solid var(--accent);
    outline-offset: 2px;
  }
  input,
  select {
    font: inherit;
    color: var(--fg);
    background: var(--field);
    border: 1px solid var(--line-strong);
    border-radius: 6px;
    padding: 0.3rem 0.5rem;
  }
  .status {
    display: inline-block;
    border-radius: 999px;
    padding: 0 0.5rem;
    font-size: 0.75rem;
    font-weight: 600;
    background: var(--chip);
  }
  .status.failed,
  .status.bounced,
  .status.complained,
  .status.undelivered {
    background: var(--bad-bg);
    color: var(--bad-fg);
  }
  .status.sent,
  .status.delivered,
  .status.opened,
  .status.clicked {
    background: var(--good-bg);
    color: var(--good-fg);
  }
  .error {
    color: var(--bad-fg);
  }
  .muted {
    color: var(--muted);
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .empty {
    color: var(--muted);
    padding: 1rem 0;
  }
`;
