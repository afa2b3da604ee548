import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { closeBrowser } from '../portals/core/browser';
import { runPortal } from '../portals/core/engine';
import { PortalError } from '../portals/core/errors';
import { STATUS_INFO } from '../portals/core/statuses';
import { demoTelecom } from '../portals/demo';
import { defaultSeed } from '../portals/demo/server/seed';
import { startDemoPortal } from '../portals/demo/server';
import { ensureBrowser } from './ensure-browser';

/**
 * `npm run demo`: starts the demo portal on a free loopback port, downloads every document of
 * its authenticator-app account through the engine, writes the PDFs to ./demo-output/ and
 * prints what happened at each stage.
 */
async function main(): Promise<void> {
	const outputDir = resolve(process.env.DEMO_OUTPUT_DIR ?? 'demo-output');
	ensureBrowser();
	const portal = await startDemoPortal();
	const account = defaultSeed.accounts.find((a) => a.secondFactor?.[0] === 'totp' && a.secondFactor.length === 1)!;
	console.log(`Demo portal: ${portal.url} (log in as ${account.login} / ${account.password} to look around)`);
	try {
		const result = await runPortal({
			portal: demoTelecom,
			baseUrl: portal.url,
			credentials: { username: account.login, password: account.password, authenticatorSecret: account.totpSecret },
			mode: 'download',
			onStatus: (status) => console.log(`… ${STATUS_INFO[status].label}`),
		});
		mkdirSync(outputDir, { recursive: true });
		for (const doc of result.documents) writeFileSync(join(outputDir, doc.fileName), doc.data);
		console.log(`\nStatus: ${STATUS_INFO[result.status].label}${result.reason ? ` (${result.reason})` : ''} — ${result.message}`);
		if (result.status !== 'connected' || result.reason) console.log(`What to do: ${result.remedy}`);
		console.log('\nDocuments per stage:');
		for (const [stage, count] of Object.entries(result.counts)) console.log(`  ${stage.padEnd(18)} ${count}`);
		console.log(`\n${result.documents.length} file(s) written to ${outputDir}:`);
		for (const doc of result.documents.slice(0, 5)) console.log(`  ${doc.fileName}  (${doc.size} bytes, sha256 ${doc.sha256.slice(0, 12)}…)`);
		if (result.documents.length > 5) console.log(`  … and ${result.documents.length - 5} more`);
		if (result.status !== 'connected') process.exitCode = 1;
	} finally {
		await closeBrowser();
		await portal.close();
	}
}

main().catch((error) => {
	console.error(error instanceof PortalError ? `${error.message}\nWhat to do: ${error.remedy}` : error);
	process.exitCode = 1;
});
