import { BelfryInboxElement } from './belfry-inbox.js';

// Defining twice throws; a page may load the SDK and an app bundle that both include it.
if (!customElements.get('belfry-inbox')) customElements.define('belfry-inbox', BelfryInboxElement);

declare global {
  interface HTMLElementTagNameMap {
    'belfry-inbox': BelfryInboxElement;
  }
}
