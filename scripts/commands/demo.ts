import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { closeBrowser } from '../../portals/core/browser/launch';
import { PortalError } from '../../portals/core/outcomes/errors';
import { defaultSeed } from '../../testbeds/demo-portal/seed';
import { startDemoPortal } from '../../testbeds/demo-portal';
import { ensureBrowser } from './ensure-browser';

/**
 * `npm run demo`: starts the demo portal on a free loopback port, runs the example workflow
 * (examples/download-invoices.json, the same file you can import into n8n) through n8n's own
 * workflow engine with a credential for the demo's authenticator-app account, writes the PDFs it
 * outputs to ./demo-output/ and prints what happened.
 *
 * `npm run demo -- --keep-running` then keeps the demo portal running until Ctrl+C, so that an n8n
 * started with INVOICE_PORTALS_DEMO=true can log in to it (CONTRIBUTING.md, "Trying the demo inside n8n").
 */
const EXAMPLE = resolve(__dirname, '..', '..', '..', 'examples', 'download-invoices.json');

const KEEP_RUNNING = process.argv.includes('--keep-running');

/** Waits for Ctrl+C (or a stop signal), telling the user how to reach the portal from n8n. */
function servedUntilStopped(url: string): Promise<void> {
	console.log(
		`\nThe demo portal keeps running at ${url} (Ctrl+C stops it). In an n8n started with INVOICE_PORTALS_DEMO=true, choose the portal "Demo Telecom (demonstration portal)" in an Invoice Portal API credential, with Login URL ${url}.`,
	);
	return new Promise((done) => {
		process.once('SIGINT', () => done());
		process.once('SIGTERM', () => done());
	});
}

async function main(): Promise<void> {
	const outputDir = resolve(process.env.DEMO_OUTPUT_DIR ?? 'demo-output');
	// The demo keeps its n8n state (status store) out of the user's real ~/.n8n.
	// The demo portals are listed only in demo mode.
	process.env.INVOICE_PORTALS_DEMO ??= 'true';
	// A folder of its own, removed at the end: it holds an encryption key n8n generated for it and
	// the demo connection's stored session, which nobody needs after the demo.
	const ownFolder = process.env.N8N_USER_FOLDER
		? undefined
		: mkdtempSync(join(tmpdir(), 'invoice-portals-demo-'));
	process.env.N8N_USER_FOLDER ??= ownFolder;
	ensureBrowser();
	// Loaded after N8N_USER_FOLDER is set: n8n-core reads it when it starts.
	const { binaryBuffer, runWorkflow, shutdownEngine } = await import('../../testbeds/n8n-engine');
	const portal = await startDemoPortal();
	const account = defaultSeed.accounts.find(
		(a) => a.secondFactor?.length === 1 && a.secondFactor[0] === 'totp',
	)!;
	console.log(
		`Demo portal: ${portal.url}  (to look around, log in as ${account.login}; the demo passwords are in testbeds/demo-portal/seed.json)`,
	);
	console.log(`Workflow:    ${EXAMPLE}`);
	try {
		const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
		const node = workflow.nodes.find(
			(n: { type: string }) => n.type === 'n8n-nodes-invoice-portals.invoicePortal',
		);
		const credentialId = node.credentials.invoicePortalApi.id;
		const run = await runWorkflow(workflow, {
			credentials: {
				[credentialId]: {
					portal: 'demo-telecom',
					loginUrl: portal.url,
					username: account.login,
					password: account.password,
					authenticatorSecret: account.totpSecret!,
				},
			},
		});
		const documents = run.output(node.name, 0);
		const actions = run.output(node.name, 1);
		const error = run.error(node.name) as (Error & { description?: string }) | undefined;
		mkdirSync(outputDir, { recursive: true });
		for (const item of documents)
			writeFileSync(join(outputDir, String(item.json.fileName)), await binaryBuffer(item));

		if (error)
			console.log(`\nStatus: failed — ${error.message}\nWhat to do: ${error.description ?? ''}`);
		else if (actions.length)
			console.log(
				`\nStatus: ${actions[0].json.statusLabel} (${actions[0].json.reason}) — ${actions[0].json.message}\nWhat to do: ${actions[0].json.remedy}`,
			);
		else console.log('\nStatus: Connected');
		for (const hint of run.hints(node.name)) console.log(`Run summary: ${hint}`);
		console.log(`\n${documents.length} file(s) written to ${outputDir}:`);
		for (const item of documents.slice(0, 5))
			console.log(
				`  ${item.json.fileName}  (${item.json.size} bytes, sha256 ${String(item.json.sha256).slice(0, 12)}…)`,
			);
		if (documents.length > 5) console.log(`  … and ${documents.length - 5} more`);
		if (error || actions.length) process.exitCode = 1;
	} finally {
		shutdownEngine();
		await closeBrowser();
		if (KEEP_RUNNING) await servedUntilStopped(portal.url);
		await portal.close();
		if (ownFolder) rmSync(ownFolder, { recursive: true, force: true });
	}
}

main().catch((error) => {
	console.error(
		error instanceof PortalError ? `${error.message}\nWhat to do: ${error.remedy}` : error,
	);
	process.exitCode = 1;
});
