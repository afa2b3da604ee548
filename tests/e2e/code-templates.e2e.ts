import { startDemoPortal, type DemoPortal } from '../../testbeds/demo-portal';
import { N8nServer, preparedUserFolder } from '../../testbeds/n8n/n8n-server';
import { findSecrets } from '../helpers/secret-scan';
import { mailText, startSmtpCatcher } from '../../testbeds/smtp-catcher';
import { browsersUnder, watchBrowsersUnder } from './browser-processes';
import {
	dueAtOnce,
	executionsOf,
	finished as finishedOn,
	importAndActivate as importInto,
	itemsOf,
	mailboxTemplate,
	smtpCredential,
	submitForm,
	templateBehindWebhook,
	until as untilOn,
	waitingLink,
	type CredentialRef,
	type Execution,
	type Workflow,
} from '../../testbeds/n8n/n8n-workflows';
import {
	ensureMailServerInstalled,
	startMailServer,
	type MailServer,
} from '../../testbeds/mail-server';

/**
 * The code templates on a real n8n server (the version is one setting: N8N_E2E_VERSION, 2.8.4
 * here). The packed package is installed as users install it; n8n runs on 127.0.0.1 with SQLite
 * and a temporary user folder. Each test imports a template from examples/ as it is, puts a
 * webhook trigger in front of it (the templates start on a schedule), runs it against the demo
 * portal's SMS account, reads the e-mail the template sends, and answers through the real form
 * or webhook URL in it; the execution must finish with the PDFs in its data. Last, the same
 * server is restarted with every browser hidden, as on n8n's stock Docker image (issue 17).
 */
const OWNER = { email: 'owner@example.test', password: 'Owner-Passw0rd!' };
const SARA = 'sara@example.test';
const DOCUMENTS = 'Documents: your next steps';

let server: N8nServer;
let demo: DemoPortal;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
/** A real mail server (Postfix and Dovecot on loopback): the demo portal's e-mail codes go there. */
let mailbox: MailServer;
const credentialIds: Record<string, string> = {};
const started = Date.now();

beforeAll(async () => {
	smtp = await startSmtpCatcher();
	ensureMailServerInstalled();
	mailbox = await startMailServer();
	demo = await startDemoPortal({ smtp: { ...mailbox.smtp, to: mailbox.address } });
	server = new N8nServer(preparedUserFolder());
	await server.start();
	await server.setupOwner(OWNER);
	const sara = demo.state.seed.accounts.find((a) => a.login === SARA)!;
	credentialIds.portal = (
		await server.api<{ id: string }>('POST', '/credentials', {
			name: 'Demo Telecom (SMS code)',
			type: 'invoicePortalApi',
			data: {
				portal: 'demo-telecom',
				loginUrl: demo.url,
				username: sara.login,
				password: sara.password,
				authenticatorSecret: '',
			},
		})
	).id;
	credentialIds.smtp = (await smtpCredential(server, smtp.port)).id;
}, 600_000);

afterAll(async () => {
	await server?.stop();
	await demo?.close();
	await smtp?.close();
	await mailbox?.stop();
	process.stdout.write(
		`n8n ${server?.version} end-to-end tier: ${Math.round((Date.now() - started) / 1000)} s\n`,
	);
	server?.dispose();
});

/**
 * A template from examples/ behind a webhook (n8n-workflows.ts), with the test's credentials: the
 * Demo Telecom account with SMS codes unless another is given, and the mail catcher.
 */
function template(
	file: string,
	path: string,
	portal: CredentialRef = { id: credentialIds.portal, name: 'Demo Telecom (SMS code)' },
): Workflow {
	const workflow = templateBehindWebhook(file, path, portal);
	for (const node of workflow.nodes)
		if (node.type === 'n8n-nodes-base.emailSend')
			node.credentials = { smtp: { id: credentialIds.smtp, name: 'Test mail catcher' } };
	return workflow;
}

const importAndActivate = (workflow: Workflow) => importInto(server, workflow);
const until = <T>(what: string, probe: () => Promise<T | undefined>, seconds = 90) =>
	untilOn(what, probe, seconds, server.log);

const waitingExecution = (workflowId: string) =>
	until(
		'a waiting execution',
		async () => (await executionsOf(server, workflowId, ['waiting']))[0],
	);

/** The e-mail the template sent for this request, and the link in it. */
async function mailWithLink(
	sentBefore: number,
	kind: 'form-waiting' | 'webhook-waiting',
): Promise<{ text: string; url: string }> {
	const mail = await until('the code e-mail', async () => smtp.mails[sentBefore]);
	const text = mailText(mail);
	const url = waitingLink(text, kind);
	if (!url) throw new Error(`no ${kind} link in the e-mail:\n${text.slice(0, 2000)}`);
	return { text, url };
}

const finished = (executionId: string) => finishedOn(server, executionId);
const pdfsOf = (execution: Execution, node = DOCUMENTS) => itemsOf(execution, node);

const saraDocuments = () =>
	demo.state.documents
		.filter((d) => d.login === SARA)
		.map((d) => d.number)
		.sort();
const latestSms = () => [...demo.state.outbox].reverse().find((m) => m.login === SARA)!;

/** Imports a template behind a webhook, starts it, and waits until it waits: the execution and the e-mail's link. */
async function startUntilWaiting(
	file: string,
	path: string,
	kind: 'form-waiting' | 'webhook-waiting',
) {
	const id = await importAndActivate(template(file, path));
	const mails = smtp.mails.length;
	expect((await fetch(`${server.url}/webhook/${path}`, { method: 'POST' })).status).toBe(200);
	const waiting = await waitingExecution(id);
	return { waiting, ...(await mailWithLink(mails, kind)) };
}

test('form template: the e-mail carries the form link; the code typed into the real form finishes the execution with every PDF', async () => {
	const { waiting, text, url } = await startUntilWaiting(
		'code-via-form.json',
		'form-test',
		'form-waiting',
	);
	expect(text).toMatch(/SMS/);
	expect(text).not.toContain(latestSms().code);

	await submitForm(url, latestSms().code);
	const done = await finished(waiting.id);
	expect(done.status).toBe('success');
	const pdfs = pdfsOf(done);
	expect(pdfs.map((i) => String(i.json.number)).sort()).toEqual(saraDocuments());
	expect(pdfs.every((i) => i.binary?.data?.mimeType === 'application/pdf')).toBe(true);
});

test('webhook template: an SMS-forwarding app posts the whole SMS to the link in the e-mail; the execution finishes with every PDF', async () => {
	const { waiting, url } = await startUntilWaiting(
		'code-via-webhook.json',
		'webhook-test',
		'webhook-waiting',
	);

	const res = await fetch(url, {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({ from: 'Demo Telecom', message: latestSms().text }),
	});
	expect(res.status).toBe(200);
	const done = await finished(waiting.id);
	expect(done.status).toBe('success');
	expect(
		pdfsOf(done)
			.map((i) => String(i.json.number))
			.sort(),
	).toEqual(saraDocuments());
});

test('n8n restarted while the execution waits: after the restart the form still resumes it and it finishes with every PDF', async () => {
	const { waiting, url } = await startUntilWaiting(
		'code-via-form.json',
		'restart-test',
		'form-waiting',
	);
	const code = latestSms().code;

	// Nothing of the waiting login is left in memory: a new n8n process on the same database.
	await server.stop();
	await server.start();
	await submitForm(url, code);
	const done = await finished(waiting.id);
	expect(done.status).toBe('success');
	expect(
		pdfsOf(done)
			.map((i) => String(i.json.number))
			.sort(),
	).toEqual(saraDocuments());
});

test("trigger template: the trigger's code request is answered in the form and the PDFs arrive", async () => {
	const workflow = template('trigger-code-via-form.json', 'trigger-test');
	const trigger = workflow.nodes.find(
		(n) => n.type === 'n8n-nodes-invoice-portals.invoicePortalTrigger',
	)!;
	dueAtOnce(trigger);
	const mails = smtp.mails.length;
	const id = await importAndActivate(workflow);
	const waiting = await waitingExecution(id);
	const { url } = await mailWithLink(mails, 'form-waiting');
	await submitForm(url, latestSms().code);
	const done = await finished(waiting.id);
	expect(done.status).toBe('success');
	const expected = demo.state.documents
		.filter((d) => d.login === SARA && d.issueDate >= '2026-01-01')
		.map((d) => d.number)
		.sort();
	expect(
		pdfsOf(done)
			.map((i) => String(i.json.number))
			.sort(),
	).toEqual(expected);
	await server.api('POST', `/workflows/${id}/deactivate`);
});

/**
 * Issue 18: the mailbox template on the real server, with the package's mailbox credential
 * (created here through n8n's API, as a user would in the editor); the
 * demo's e-mail-code account delivers its PDFs with the code read from the mailbox, with no Wait
 * node and no one answering.
 */
test('mailbox template: the trigger reads the e-mailed code from the mailbox (IMAP) and the PDFs arrive, no one answering', async () => {
	const eric = demo.state.seed.accounts.find((a) => a.login === 'eric@example.test')!;
	const portal = await server.api<{ id: string }>('POST', '/credentials', {
		name: 'Demo Telecom (e-mail code)',
		type: 'invoicePortalApi',
		data: {
			portal: 'demo-telecom',
			loginUrl: demo.url,
			username: eric.login,
			password: eric.password,
			authenticatorSecret: '',
		},
	});
	const workflow = await mailboxTemplate(server, mailbox, 'mailbox-test', {
		id: portal.id,
		name: 'Demo Telecom (e-mail code)',
	});
	const id = await importAndActivate(workflow);
	const execution = await until(
		'an execution with the PDFs',
		async () => {
			const list = await server.api<{ data: Execution[] }>(
				'GET',
				`/executions?workflowId=${id}&includeData=true`,
			);
			return list.data.find((e) => e.status === 'success');
		},
		180,
	);
	await server.api('POST', `/workflows/${id}/deactivate`);
	const expected = demo.state.documents
		.filter((d) => d.login === eric.login && d.issueDate >= '2026-01-01')
		.map((d) => d.number)
		.sort();
	expect(
		pdfsOf(execution, 'Save PDF to disk')
			.map((i) => String(i.json.number))
			.sort(),
	).toEqual(expected);
	// Nothing waited for a person: no status-change item asked for a code.
	expect(
		pdfsOf(execution, 'Status changed: notify yourself here').filter(
			(i) => i.json.status === 'action_required',
		),
	).toEqual([]);
	expect(demo.state.outbox.filter((m) => m.login === eric.login)).toHaveLength(1);
});

/**
 * Issue 17: the same n8n, restarted as on n8n's stock Docker image, where no browser exists:
 * `INVOICE_PORTALS_BROWSER=none` hides every browser, and nothing that could point at one is
 * passed on. A definition that runs over plain HTTP still delivers every PDF, without a browser
 * process; one that needs a browser fails saying so. The restart costs one n8n start, not a
 * second install of the package.
 */
const NO_BROWSER = {
	INVOICE_PORTALS_BROWSER: 'none',
	INVOICE_PORTALS_CHROMIUM_PATH: undefined,
	INVOICE_PORTALS_BROWSER_ENDPOINT: undefined,
	PLAYWRIGHT_BROWSERS_PATH: undefined,
};
const ANNA = 'anna@example.test';
const PDFS = 'PDFs: archive, book or e-mail them here';

test('the check for browser processes sees the Chromium that the coded Demo Telecom runs above started under this n8n', async () => {
	// The shared browser stays open in the n8n process after a run. Seeing it here proves that an
	// empty list below means no browser, not a check that sees nothing.
	const seen = await browsersUnder(server.pid!);
	expect(seen.length).toBeGreaterThan(0);
});

describe('n8n restarted with every browser hidden (INVOICE_PORTALS_BROWSER=none)', () => {
	const definition: CredentialRef = { id: '', name: 'Demo Telecom definition (Anna)' };
	const cloud: CredentialRef = { id: '', name: 'Demo Cloud (Anna)' };

	beforeAll(async () => {
		await server.stop();
		await server.start(NO_BROWSER);
		const anna = demo.state.seed.accounts.find((a) => a.login === ANNA)!;
		for (const [ref, portal] of [
			[definition, 'demo-telecom-definition'],
			[cloud, 'demo-cloud'],
		] as const)
			ref.id = (
				await server.api<{ id: string }>('POST', '/credentials', {
					name: ref.name,
					type: 'invoicePortalApi',
					data: {
						portal,
						loginUrl: demo.url,
						username: anna.login,
						password: anna.password,
						authenticatorSecret: '',
					},
				})
			).id;
	}, 300_000);

	/** Imports the Download template with this credential, starts it, and waits for its end; no browser may start meanwhile. */
	async function downloadWith(credential: CredentialRef, path: string) {
		const id = await importAndActivate(template('download-invoices.json', path, credential));
		const watch = watchBrowsersUnder(server.pid!);
		// Stopped on a failure too: its loop would otherwise outlive the test.
		try {
			expect((await fetch(`${server.url}/webhook/${path}`, { method: 'POST' })).status).toBe(200);
			const started = await until('the execution', async () => {
				const list = await server.api<{ data: { id: string }[] }>(
					'GET',
					`/executions?workflowId=${id}`,
				);
				return list.data[0];
			});
			return { execution: await finished(started.id), browsers: await watch.stop() };
		} finally {
			await watch.stop();
			await server.api('POST', `/workflows/${id}/deactivate`);
		}
	}

	test('the Download template with a definition credential delivers every PDF of the account over plain HTTP; no browser process starts', async () => {
		const { execution, browsers } = await downloadWith(definition, 'no-browser-test');
		expect(execution.status).toBe('success');
		const pdfs = pdfsOf(execution, PDFS);
		expect(pdfs.map((i) => String(i.json.number)).sort()).toEqual(
			demo.state.documents
				.filter((d) => d.login === ANNA)
				.map((d) => d.number)
				.sort(),
		);
		// The files themselves, as the editor's Download button gives them.
		for (const item of pdfs) {
			expect(item.binary?.data?.mimeType).toBe('application/pdf');
			const bytes = await server.binary(item.binary!.data.id!);
			expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
		}
		expect(browsers).toEqual([]);
	});

	test('a definition that needs a browser (infinite scroll) fails with BROWSER_UNAVAILABLE saying why it needs one and that browsers are switched off here', async () => {
		const { execution, browsers } = await downloadWith(cloud, 'needs-browser-test');
		expect(execution.status).toBe('error');
		const error = execution.data?.resultData.error;
		expect(error?.message).toMatch(
			/This portal needs a browser \(its documents list adds rows with scripts \(documents\.pagination\.infiniteScroll\)\)\. Browsers are switched off here \(INVOICE_PORTALS_BROWSER=none\)\. Portals that work over plain HTTP run without one; for this one, .*\[BROWSER_UNAVAILABLE\]/,
		);
		expect(pdfsOf(execution, PDFS)).toEqual([]);
		expect(browsers).toEqual([]);
	});
});

test("n8n's own log and the e-mails show no password, code, session id or CSRF token", () => {
	const material = [
		{ source: 'n8n log', text: server.log.join('\n') },
		...smtp.mails.map((m, i) => ({ source: `e-mail ${i + 1}`, text: mailText(m) })),
	];
	expect(material[0].text).toContain('Editor is now accessible');
	expect(findSecrets(material, [...demo.state.secrets(), mailbox.password])).toEqual([]);
});
