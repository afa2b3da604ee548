import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditText } from '../helpers/secret-scan';

const script = join(__dirname, '..', '..', 'dist', 'scripts', 'demo.js');

// `npm test` builds first; this runs the compiled demo exactly as `npm run demo` does.
test("npm run demo runs the example workflow through n8n's engine and writes every document of the TOTP account as a PDF and prints the summary", async () => {
	expect(existsSync(script)).toBe(true);
	const out = mkdtempSync(join(tmpdir(), 'demo-output-'));
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, [script], {
			env: { ...process.env, DEMO_OUTPUT_DIR: out },
			timeout: 120_000,
		});
		auditText('npm run demo output', `${stdout}\n${stderr}`);
		expect(stdout).toContain('examples/download-invoices.json');
		expect(stdout).toContain('Status: Connected');
		expect(stdout).toContain(
			'Run summary: Demo Telecom (demonstration portal): 28 found on the portal · 28 downloaded',
		);
		expect(stdout).toContain(`28 file(s) written to ${out}`);
		const files = readdirSync(out);
		expect(files).toHaveLength(28);
		for (const file of files) {
			expect(file).toMatch(/^\d{4}-\d{2}-\d{2}_demo-telecom_[A-Z]+-\d{4}-\d{4}-\d{4}\.pdf$/);
			expect(readFileSync(join(out, file)).subarray(0, 5).toString()).toBe('%PDF-');
		}
	} finally {
		rmSync(out, { recursive: true, force: true });
	}
});
