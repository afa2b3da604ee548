import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Each test file gets its own n8n user folder (n8n-core's instance settings, and this package's
// status store under .n8n/invoice-portals), never the developer's real one.
process.env.N8N_USER_FOLDER = mkdtempSync(join(tmpdir(), 'n8n-user-'));
process.env.N8N_DIAGNOSTICS_ENABLED = 'false';
