import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Before the suite: a folder where every test file reports what its secret scan covered. */
export default function globalSetup(): void {
	// Workers are started after this and inherit the variable.
	process.env.INVOICE_PORTALS_SCAN_DIR = mkdtempSync(join(tmpdir(), 'invoice-portals-scan-'));
}
