import { tempDir } from './temp-dir';

// Each test file gets its own n8n user folder (n8n-core's instance settings, and this package's
// status store under .n8n/invoice-portals), never the developer's real one. Both folders are
// removed when the file is done (tests/helpers/environment.ts).
process.env.N8N_USER_FOLDER = tempDir('n8n-user-');
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// Where n8n's file nodes may write (n8n 2 only writes inside N8N_RESTRICT_FILE_ACCESS_TO). Set
// before n8n-core reads its security settings, which it does once per process.
process.env.N8N_RESTRICT_FILE_ACCESS_TO = tempDir('n8n-files-');
// The tests use the demo portals, which the portal list shows only in demo mode.
process.env.INVOICE_PORTALS_DEMO = 'true';
