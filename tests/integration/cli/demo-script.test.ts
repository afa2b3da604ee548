import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { auditText } from '../../helpers/secret-scan';

const script = join(__dirname, '..', '..', '..', 'dist', 'scripts', 'commands', 'demo.js');

// `npm test` builds first; this runs the compiled demo exactly as `npm run demo` does.
test("npm run demo runs the example workflow through n8n's engine and writes every document of the TOTP account as a PDF and prints the summary", async () => {
	expect(existsSync(script)).toBe(true);
	const out = mkdtempSync(join(tmpdir(), 'demo-output-'));
	// As a user runs it: no n8n user folder set, so the demo makes one in the temp folder.
	const temp = mkdtempSync(join(tmpdir(), 'demo-temp-'));
	const env: NodeJS.ProcessEnv = { ...process.env, DEMO_OUTPUT_DIR: out, TMPDIR: temp };
	delete env.N8N_USER_FOLDER;
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, [script], {
			env,
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
		// Its n8n folder (a generated encryption key, the demo's stored session) is gone.
		expect(readdirSync(temp).filter((f) => f.startsWith('invoice-portals-demo-'))).toEqual([]);
	} finally {
		rmSync(out, { recursive: true, force: true });
		rmSync(temp, { recursive: true, force: true });
	}
});

test("npm run demo -- --keep-running keeps the demo portal up for an n8n of one's own until Ctrl+C", async () => {
	const out = mkdtempSync(join(tmpdir(), 'demo-output-'));
	const child = spawn(process.execPath, [script, '--keep-running'], {
		env: { ...process.env, DEMO_OUTPUT_DIR: out },
	});
	let output = '';
	child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
	const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
	try {
		const url = await new Promise<string>((done, fail) => {
			child.stdout.on('data', (chunk: Buffer) => {
				output += chunk.toString();
				const found = /The demo portal keeps running at (http:\/\/127\.0\.0\.1:\d+)/.exec(output);
				if (found) done(found[1]);
			});
			child.on('exit', () => fail(new Error(`the demo ended:\n${output}`)));
		});
		expect(output).toContain(
			`INVOICE_PORTALS_DEMO=true, choose the portal "Demo Telecom (demonstration portal)" in an Invoice Portal API credential, with Login URL ${url}`,
		);
		expect((await fetch(`${url}/login`)).status).toBe(200);
		child.kill('SIGINT');
		expect(await exited).toBe(0);
		await expect(fetch(`${url}/login`)).rejects.toThrow();
	} finally {
		child.kill('SIGKILL');
		auditText('npm run demo --keep-running output', output);
		rmSync(out, { recursive: true, force: true });
	}
}, 120_000);
