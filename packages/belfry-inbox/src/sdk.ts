// The entry of /sdk/belfry-inbox.js: defines <belfry-inbox> and exports the client for pages
// that import the module (`import { createBelfryClient } from 'https://belfry.example/sdk/belfry-inbox.js'`).
export * from './index.js';
