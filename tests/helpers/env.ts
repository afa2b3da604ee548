import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each test file gets its own n8n user folder (n8n-core's instance settings, and this package's
// status store under .n8n/invoice-portals), never the developer's real one.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-user-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
// Where n8n's file nodes may write (n8n 2 only writes inside N8N_RESTRICT_FILE_ACCESS_TO). Set
// before n8n-core reads its security settings, which it does once per process.
process.env.N8N_RESTRICT_FILE_ACCESS_TO = mkdtempSync(join(tmpdir(), 'n8n-files-'));
// The tests use the demo portals, which the portal list shows only in demo mode.
process.env.INVOICE_PORTALS_DEMO = 'true';
