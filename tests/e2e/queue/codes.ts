import { mailText } from '../../../testbeds/smtp-catcher';
import {
	dueAtOnce,
	executionsOf,
	finished,
	importAndActivate,
	itemsOf,
	mailboxTemplate,
	smtpCredential,
	submitForm,
	templateBehindWebhook,
	until,
	waitingLink,
	whileActive,
	type Execution,
} from '../../../testbeds/n8n/n8n-workflows';
import {
	call,
	cluster,
	demo,
	documentsOf,
	ended,
	ERIC,
	mailbox,
	portalCredential,
	results,
	SARA,
	smtp,
} from './world';

/** A code template behind a webhook for Sara (SMS codes), its e-mails to the mail catcher. */
async function saraTemplate(file: string, path: string) {
	const sara = await portalCredential(
		`Sara (${path})`,
		SARA.login,
		SARA.password,
		'',
		'demo-telecom',
	);
	const mailCatcher = await smtpCredential(cluster.main, smtp.port);
	const workflow = templateBehindWebhook(file, path, sara);
	for (const node of workflow.nodes)
		if (node.type === 'n8n-nodes-base.emailSend') node.credentials = { smtp: mailCatcher };
	return workflow;
}

const latestSms = () => [...demo.state.outbox].reverse().find((m) => m.login === SARA.login)!;

/** The execution that waits for the code, and the link to its form in the e-mail. */
async function waitingWithFormLink(id: string, mailsBefore: number) {
	const waiting = await until(
		'the execution to wait for the code',
		async () => (await executionsOf(cluster.main, id, ['waiting']))[0],
		120,
		cluster.main.log,
	);
	const mail = await until('the code e-mail', async () => smtp.mails[mailsBefore]);
	const url = waitingLink(mailText(mail), 'form-waiting');
	expect(url).toBeDefined();
	return { waiting, url: url! };
}

const numbersOf = (e: Execution, node: string) =>
	itemsOf(e, node)
		.map((i) => String(i.json.number))
		.sort();

/** The code templates on the cluster: a form, a trigger, a mailbox, a Wait node resumed by the other worker. */
export function codeTests(): void {
	test('form template: the code typed into the form (served by the main) resumes the execution on a worker, with every PDF', async () => {
		const id = await importAndActivate(
			cluster.main,
			await saraTemplate('code-via-form.json', 'queue-form'),
		);
		const mails = smtp.mails.length;
		await call('queue-form');
		const { waiting, url } = await waitingWithFormLink(id, mails);
		await submitForm(url, latestSms().code);
		const done = await finished(cluster.main, waiting.id, 120);
		results.executions += 1;
		expect(done.status).toBe('success');
		expect(numbersOf(done, 'Documents: your next steps')).toEqual(documentsOf(SARA.login));
	});

	test('trigger template: the trigger polls on the main, its code request is answered in the form, and a worker delivers the PDFs', async () => {
		const workflow = await saraTemplate('trigger-code-via-form.json', 'queue-trigger');
		dueAtOnce(
			workflow.nodes.find((n) => n.type === 'n8n-nodes-invoice-portals.invoicePortalTrigger')!,
		);
		const mails = smtp.mails.length;
		const id = await importAndActivate(cluster.main, workflow);
		await whileActive(cluster.main, id, async () => {
			const { waiting, url } = await waitingWithFormLink(id, mails);
			await submitForm(url, latestSms().code);
			const done = await finished(cluster.main, waiting.id, 120);
			results.executions += 1;
			expect(done.status).toBe('success');
			expect(numbersOf(done, 'Documents: your next steps')).toEqual(documentsOf(SARA.login));
		});
	});

	test('mailbox template: the trigger reads the e-mailed code from the mailbox (IMAP) and the PDFs arrive, no one answering', async () => {
		const portal = await portalCredential(
			'Eric (e-mail code)',
			ERIC.login,
			ERIC.password,
			'',
			'demo-telecom',
		);
		const workflow = await mailboxTemplate(cluster.main, mailbox, 'queue-mailbox', portal);
		const id = await importAndActivate(cluster.main, workflow);
		await whileActive(cluster.main, id, async () => {
			const [done] = await ended(id, 1, 180);
			results.executions += 1;
			expect(done.status).toBe('success');
			expect(numbersOf(done, 'Save PDF to disk')).toEqual(documentsOf(ERIC.login));
		});
	});

	test('a login waiting for its SMS code in a Wait node resumes on the other worker, and finishes with every PDF', async () => {
		const workflow = await saraTemplate('code-via-webhook.json', 'queue-code');
		const id = await importAndActivate(cluster.main, workflow);
		const mails = smtp.mails.length;
		await call('queue-code');
		const waiting = await until(
			'the execution to wait for the code',
			async () => (await executionsOf(cluster.main, id, ['waiting']))[0],
			120,
			cluster.main.log,
		);
		const first = cluster.workerOf(waiting.id);
		expect(first).toBeDefined();
		const mail = await until('the code e-mail', async () => smtp.mails[mails]);
		const url = waitingLink(mailText(mail), 'webhook-waiting');
		expect(url).toBeDefined();
		// The worker that began it goes away (stopped as a container is): only the other can resume it.
		const starter = cluster.workers[first!];
		await starter.stop();
		try {
			const sms = latestSms();
			const res = await fetch(url!, {
				method: 'POST',
				headers: { 'content-type': 'application/json' },
				body: JSON.stringify({ from: 'Demo Telecom', message: sms.text }),
			});
			expect(res.status).toBe(200);
			const done = await finished(cluster.main, waiting.id, 120);
			results.executions += 1;
			expect(done.status).toBe('success');
			const other = cluster.workers[1 - first!];
			expect(other.log.some((l) => l.includes(`Worker started execution ${waiting.id} (`))).toBe(
				true,
			);
			expect(
				itemsOf(done, 'Documents: your next steps')
					.map((i) => String(i.json.number))
					.sort(),
			).toEqual(documentsOf(SARA.login));
		} finally {
			await starter.start(cluster.env);
		}
	});
}
