import type { DemoPortal } from '../../testbeds/demo-portal';
import { startDemo } from '../../helpers/demo';
import { addSecret } from '../../helpers/secret-scan';
import { demoCredential, loadWorkflow, withParameters } from '../../helpers/workflows';
import {
	ensureMailServerInstalled,
	startMailServer,
	type MailServer,
} from '../../testbeds/mail-server';
import type { EngineRun } from '../../../scripts/n8n-engine';

/**
 * E-mail codes and sign-in links read from a real mailbox, through n8n's engine: the demo portal
 * sends them as real e-mails to Postfix on 127.0.0.1, Dovecot files them, and the node reads them
 * over IMAP (the mailbox credential). No person answers anything here.
 */
const download = loadWorkflow('download.json');
const IMAP_ID = 'imap-1';

let mail: MailServer;
let demo: DemoPortal;

beforeAll(async () => {
	ensureMailServerInstalled();
	mail = await startMailServer();
	addSecret(mail.password);
	demo = await startDemo({ smtp: { ...mail.smtp, to: mail.address } });
});
afterAll(async () => {
	await mail?.stop();
});

/** the mailbox credential for the test mailbox, as n8n would decrypt it. */
function imapCredential(overrides: Record<string, unknown> = {}) {
	return {
		host: mail.imaps.host,
		port: mail.imaps.port,
		secure: true,
		allowUnauthorizedCerts: true,
		user: mail.user,
		password: mail.password,
		...overrides,
	};
}

/** The download workflow with Read Codes from Mailbox on and the IMAP credential chosen. */
function withMailbox(parameters: Record<string, unknown> = {}) {
	const workflow = withParameters(download, 'Invoice Portal', {
		resource: 'document',
		operation: 'download',
		binaryPropertyName: 'data',
		filters: {},
		onlyNew: true,
		readCodesFromMailbox: true,
		mailboxTimeoutSeconds: 60,
		...parameters,
	});
	const node = workflow.nodes.find((n) => n.name === 'Invoice Portal')!;
	node.credentials = {
		...node.credentials,
		invoicePortalMailboxApi: { id: IMAP_ID, name: 'Mailbox' },
	};
	return workflow;
}

async function run(
	workflow: ReturnType<typeof loadWorkflow>,
	credential: object,
	imap: object = imapCredential(),
	staticData = {},
): Promise<EngineRun> {
	const { runWorkflow } = await import('../../../scripts/n8n-engine');
	return runWorkflow(workflow, {
		credentials: { 'cred-1': credential as never, [IMAP_ID]: imap as never },
		staticData,
	});
}

afterAll(async () => {
	const { shutdownEngine } = await import('../../../scripts/n8n-engine');
	shutdownEngine();
	const { closeBrowser } = await import('../../../portals/core/browser/launch');
	await closeBrowser();
});

test('the e-mail-code account downloads its documents with the code read from the mailbox (IMAPS, self-signed)', async () => {
	const login = 'eric@example.test';
	const result = await run(withMailbox(), demoCredential(demo, login));
	expect(result.error('Invoice Portal')).toBeUndefined();
	expect(result.output('Invoice Portal', 1)).toEqual([]);
	const docs = result.output('Invoice Portal', 0);
	expect(docs.length).toBe(demo.state.documents.filter((d) => d.login === login).length);
	expect(docs.every((d) => d.binary?.data?.mimeType === 'application/pdf')).toBe(true);
	// The code went out by e-mail, and the portal accepted exactly that one.
	expect(demo.state.outbox.filter((m) => m.login === login)).toHaveLength(1);
});

test('the passwordless account signs in with the link read from the mailbox (plain IMAP) and downloads', async () => {
	const login = 'pia@example.test';
	const credential = demoCredential(demo, login, { portal: 'demo-telecom-link', password: '' });
	const result = await run(
		withMailbox(),
		credential,
		imapCredential({ host: mail.imap.host, port: mail.imap.port, secure: false }),
	);
	expect(result.error('Invoice Portal')).toBeUndefined();
	expect(result.output('Invoice Portal', 1)).toEqual([]);
	const docs = result.output('Invoice Portal', 0);
	expect(docs.length).toBe(demo.state.documents.filter((d) => d.login === login).length);
	expect(docs.length).toBeGreaterThan(0);
	expect([...demo.state.signInLinks.values()].filter((l) => l.login === login)).toEqual([
		expect.objectContaining({ used: true }),
	]);
});
