// `npm run worker`: delivery workers only (no GraphQL), for scaling them apart from the API.
// The same as `BELFRY_ROLE=worker npm start`; /healthz and /readyz stay available on PORT.
process.env.BELFRY_ROLE = 'worker';
await import('./main.js');
