import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import { auditText } from '../../helpers/secret-scan';

const dist = join(__dirname, '..', '..', '..', 'dist');

/**
 * No file is written outside the directory the user chose (issue 7). A portal whose document
 * numbers are path-traversal and control-character attacks; a workflow that writes every PDF
 * with n8n's own Read/Write Files node to "<chosen>/{{ $json.fileName }}". n8n's own file
 * restriction is set to the whole sandbox, so only this package's file names keep the files in.
 *
 * Runs in a child process: inside Jest, n8n's file helper cannot create files (its instanceof
 * Error checks fail across Jest's module sandbox).
 */
const HOSTILE = [
	'../../../../escaped',
	'..\\..\\windows-escape',
	'/etc/cron.d/evil',
	'~/.ssh/authorized_keys',
	'a/./../b',
	'bell\u0007and\u001b[31mescape',
	'line\r\nbreak',
	'nul\u0000byte',
	'.hidden',
	'CON',
];

const child = `
const { startDemoPortal } = require(${JSON.stringify(join(dist, 'testbeds/demo-portal'))});
(async () => {
	const { runWorkflow, shutdownEngine } = require(${JSON.stringify(join(dist, 'testbeds/n8n-engine'))});
	const { closeBrowser } = require(${JSON.stringify(join(dist, 'portals/core/browser/launch'))});
	const demo = await startDemoPortal();
	const workflow = {
		nodes: [
			{ id: '1', name: 'Start', type: 'n8n-nodes-base.manualTrigger', typeVersion: 1, position: [0, 0], parameters: {} },
			{ id: '2', name: 'Invoice Portal', type: 'n8n-nodes-invoice-portals.invoicePortal', typeVersion: 1, position: [200, 0],
				parameters: { resource: 'document', operation: 'download', filters: { startDate: '2026-01-01' }, onlyNew: true },
				credentials: { invoicePortalApi: { id: 'c', name: 'Demo' } } },
			{ id: '3', name: 'Save', type: 'n8n-nodes-base.readWriteFile', typeVersion: 1.1, position: [400, 0],
				parameters: { operation: 'write', fileName: '=' + process.env.CHOSEN + '/{{ $json.fileName }}', dataPropertyName: 'data', options: {} } },
		],
		connections: { Start: { main: [[{ node: 'Invoice Portal', type: 'main', index: 0 }]] }, 'Invoice Portal': { main: [[{ node: 'Save', type: 'main', index: 0 }]] } },
	};
	try {
		const hostile = JSON.parse(process.env.HOSTILE);
		const anna = demo.state.documents.filter((d) => d.login === 'anna@example.test' && d.issueDate >= '2026-01-01');
		if (anna.length < hostile.length) throw new Error('not enough documents to rename');
		hostile.forEach((number, i) => { anna[i].number = number; });
		const account = demo.state.seed.accounts.find((a) => a.login === 'anna@example.test');
		const run = await runWorkflow(workflow, { credentials: { c: { portal: 'demo-telecom', loginUrl: demo.url, username: account.login, password: account.password, authenticatorSecret: '' } } });
		const error = run.error('Save') || run.error('Invoice Portal');
		console.log(JSON.stringify({ error: error && error.message, names: run.output('Invoice Portal').map((i) => i.json.fileName), saved: run.output('Save').length }));
	} finally {
		shutdownEngine();
		await closeBrowser();
		await demo.close();
	}
})().catch((e) => { console.error(e); process.exitCode = 1; });
`;

function filesUnder(root: string): string[] {
	const out: string[] = [];
	const walk = (dir: string) => {
		for (const name of readdirSync(dir)) {
			const path = join(dir, name);
			if (statSync(path).isDirectory()) walk(path);
			else out.push(relative(root, path));
		}
	};
	walk(root);
	return out.sort();
}

test("PDFs with hostile document numbers land only in the chosen folder, under sanitised names; nothing else is written but n8n's own user folder", async () => {
	const sandbox = mkdtempSync(join(tmpdir(), 'confined-'));
	const dirs = Object.fromEntries(
		['chosen', 'n8n-user', 'home', 'cwd', 'tmp'].map((d) => [d, join(sandbox, d)]),
	);
	Object.values(dirs).forEach((d) => mkdirSync(d));
	try {
		const { stdout, stderr } = await promisify(execFile)(process.execPath, ['-e', child], {
			cwd: dirs.cwd,
			timeout: 120_000,
			env: {
				...process.env,
				HOME: dirs.home,
				TMPDIR: dirs.tmp,
				N8N_USER_FOLDER: dirs['n8n-user'],
				N8N_RESTRICT_FILE_ACCESS_TO: sandbox,
				N8N_DIAGNOSTICS_ENABLED: 'false',
				CHOSEN: dirs.chosen,
				HOSTILE: JSON.stringify(HOSTILE),
			},
		});
		auditText('confined run output', `${stdout}\n${stderr}`);
		const result = JSON.parse(stdout.trim().split('\n').pop()!) as {
			error?: string;
			names: string[];
			saved: number;
		};
		expect(result.error).toBeFalsy();
		// Every hostile document was delivered (none lost to its odd number) and saved.
		expect(result.names.length).toBeGreaterThanOrEqual(HOSTILE.length);
		expect(result.saved).toBe(result.names.length);
		for (const name of result.names) {
			expect(name).toMatch(/^[\w.-]+$/);
			expect(name).not.toMatch(/^\.|\.\./);
		}

		const written = filesUnder(sandbox);
		const chosen = written
			.filter((f) => f.startsWith(`chosen${sep}`))
			.map((f) => f.slice('chosen/'.length));
		expect(chosen.sort()).toEqual([...result.names].sort());
		for (const name of chosen)
			expect(readFileSync(join(dirs.chosen, name)).subarray(0, 5).toString()).toBe('%PDF-');
		// Outside the chosen folder: only n8n's own user folder (its settings, this package's
		// status store); nothing in the home folder, the working directory or the temp folder.
		const elsewhere = written.filter((f) => !f.startsWith(`chosen${sep}`));
		expect(elsewhere.filter((f) => !f.startsWith(`n8n-user${sep}.n8n${sep}`))).toEqual([]);
	} finally {
		rmSync(sandbox, { recursive: true, force: true });
	}
});
