// The operator dashboard at /dashboard/: sign in with an API key, then the panels.
import './dashboard-app.js';
