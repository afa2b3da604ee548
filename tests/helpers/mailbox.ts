import type { DemoPortal } from '../../testbeds/demo-portal';
import {
	ensureMailServerInstalled,
	startMailServer,
	type MailServer,
} from '../../testbeds/mail-server';
import type { EngineRun } from '../../testbeds/n8n-engine';
import { startDemo } from './demo';
import { addSecret } from './secret-scan';
import { loadWorkflow, withParameters } from './workflows';

type Workflow = ReturnType<typeof loadWorkflow>;

const download = loadWorkflow('download.json');
const MAILBOX_ID = 'mailbox-1';

/**
 * A real mail server and a demo portal that sends its codes and sign-in links there, for the
 * mailbox tests through n8n's engine. Call in beforeAll; `stop` in afterAll.
 */
export async function startMailboxTestBed(): Promise<{
	mail: MailServer;
	demo: DemoPortal;
	stop(): Promise<void>;
}> {
	ensureMailServerInstalled();
	const mail = await startMailServer();
	addSecret(mail.password);
	const demo = await startDemo({ smtp: { ...mail.smtp, to: mail.address } });
	return {
		mail,
		demo,
		stop: async () => {
			await mail.stop();
			const { shutdownEngine } = await import('../../testbeds/n8n-engine');
			shutdownEngine();
			const { closeBrowser } = await import('../../portals/core/browser/launch');
			await closeBrowser();
		},
	};
}

/** The mailbox credential as n8n would decrypt it: IMAPS on the test bed's self-signed certificate. */
export function mailboxCredential(mail: MailServer, overrides: Record<string, unknown> = {}) {
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

/** The download workflow with these parameters; with Read Codes From Mailbox On (true), the mailbox credential is chosen too. */
export function downloadWith(parameters: Record<string, unknown>): Workflow {
	const workflow = withParameters(download, 'Invoice Portal', {
		resource: 'document',
		operation: 'download',
		binaryPropertyName: 'data',
		filters: {},
		onlyNew: true,
		...parameters,
	});
	if (parameters.readCodesFromMailbox === true) {
		const node = workflow.nodes.find((n) => n.name === 'Invoice Portal')!;
		node.credentials = {
			...node.credentials,
			invoicePortalMailboxApi: { id: MAILBOX_ID, name: 'Mailbox' },
		};
	}
	return workflow;
}

/** Runs the workflow through n8n's engine with the portal credential and the mailbox credential. */
export async function runWithMailbox(
	workflow: Workflow,
	credential: object,
	mailbox: object,
	staticData = {},
): Promise<EngineRun> {
	const { runWorkflow } = await import('../../testbeds/n8n-engine');
	return runWorkflow(workflow, {
		credentials: { 'cred-1': credential as never, [MAILBOX_ID]: mailbox as never },
		staticData,
	});
}
