import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { IDataObject } from 'n8n-workflow';
import demoTelecomDefinition from '../../../portals/definitions/demo/demo-telecom.json';
import { BENCH_TOTP_SECRET, type BenchAccount } from '../../../testbeds/demo-portal/bench-seed';

/** The example workflow users import (manual trigger → Invoice Portal: Download, only new). */
const EXAMPLE = resolve(__dirname, '..', '..', '..', '..', 'examples', 'download-invoices.json');

/**
 * Which engine shows the demo portal's classic layout, always through its definition
 * (demo-telecom.json): `default` is the definition as shipped (`auto`, so plain HTTP on these
 * server-rendered pages); `browser` is the same definition with `"engine": "browser"`, pasted
 * into a credential with portal Custom, as a user forces the browser.
 */
export type BenchEngine = 'default' | 'browser';

function portalFields(engine: BenchEngine): IDataObject {
	if (engine === 'default') return { portal: demoTelecomDefinition.slug };
	return {
		portal: 'custom',
		definition: JSON.stringify({ ...demoTelecomDefinition, engine: 'browser' }),
	};
}

export interface OursOptions {
	/** Another shipped definition's slug (its default engine), instead of the classic layout's. */
	portal?: string;
	/** The workflow's Only New (the example has it on). */
	onlyNew?: boolean;
}

/**
 * Ours, as users run it: the Invoice Portal node inside n8n's workflow engine. The static data
 * of a previous run (delivery ledger, saved session) is passed in as n8n would load it.
 */
export async function oursRun(
	base: string,
	account: BenchAccount,
	engine: BenchEngine,
	staticData: IDataObject = {},
	options: OursOptions = {},
): Promise<{ files: number; bytes: number; staticData: IDataObject }> {
	// Loaded late: n8n-core reads N8N_USER_FOLDER when it is first imported.
	const { runWorkflow } = await import('../../../testbeds/n8n-engine');
	const workflow = JSON.parse(readFileSync(EXAMPLE, 'utf8'));
	const node = workflow.nodes.find(
		(n: { type: string }) => n.type === 'n8n-nodes-invoice-portals.invoicePortal',
	);
	if (options.onlyNew === false) node.parameters.onlyNew = false;
	const run = await runWorkflow(workflow, {
		credentials: {
			[node.credentials.invoicePortalApi.id]: {
				...(options.portal ? { portal: options.portal } : portalFields(engine)),
				loginUrl: base,
				username: account.login,
				password: account.password,
				authenticatorSecret: BENCH_TOTP_SECRET,
			},
		},
		staticData,
	});
	const error = run.error(node.name);
	if (error) throw new Error(`ours failed: ${error.message}`);
	const items = run.output(node.name, 0);
	return {
		files: items.length,
		bytes: items.reduce((sum, item) => sum + Number(item.json.size ?? 0), 0),
		staticData: run.staticData,
	};
}
