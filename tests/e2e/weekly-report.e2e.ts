import { simpleParser } from 'mailparser';
import { startDemoPortal, type DemoPortal } from '../../testbeds/demo-portal';
import { startSmtpCatcher } from '../../testbeds/smtp-catcher';
import { N8nServer, preparedUserFolder } from '../../testbeds/n8n/n8n-server';
import { smtpCredential, until } from '../../testbeds/n8n/n8n-workflows';
import {
	connectionsInSeveralStates,
	REPORT_CONNECTIONS,
	weeklyReportWorkflow,
} from '../../testbeds/n8n/report-connections';
import { STATUS_INFO } from '../../portals/core/contract/statuses';

/**
 * The weekly report template (examples/weekly-connection-report.json) on the real n8n server:
 * five demo connections put into four statuses by production runs, then the template's
 * Get Many (report) and Send Email, started by a webhook instead of Monday's schedule, send
 * one e-mail to the SMTP catcher.
 */
const OWNER = { email: 'owner@example.test', password: 'Owner-Passw0rd!' };

let server: N8nServer;
let demo: DemoPortal;
let smtp: Awaited<ReturnType<typeof startSmtpCatcher>>;
let credentialIds: Record<string, string>;

beforeAll(async () => {
	smtp = await startSmtpCatcher();
	demo = await startDemoPortal();
	server = new N8nServer(preparedUserFolder());
	await server.start();
	await server.setupOwner(OWNER);
	credentialIds = await connectionsInSeveralStates(server, demo);
}, 600_000);

afterAll(async () => {
	await server?.stop();
	await demo?.close();
	await smtp?.close();
	server?.dispose();
});

test('the weekly report e-mail from the real n8n shows every connection with its status in words, and what to do for those needing attention', async () => {
	const { url } = await weeklyReportWorkflow(server, await smtpCredential(server, smtp.port));
	const before = smtp.mails.length;
	expect((await fetch(url, { method: 'POST' })).ok).toBe(true);
	const caught = await until(
		'the weekly report e-mail',
		async () => smtp.mails[before],
		90,
		server.log,
	);
	const mail = await simpleParser(caught.raw);
	const needing = REPORT_CONNECTIONS.filter((c) => c.status !== 'connected').length;
	expect(mail.subject).toBe(
		`Invoice portals: ${needing} of ${REPORT_CONNECTIONS.length} connections need you`,
	);
	const html = String(mail.html);
	const text = String(mail.text);
	expect(html).not.toMatch(/<script|<link|<style/i);
	for (const c of REPORT_CONNECTIONS) {
		const label = `${c.name} (Demo Telecom (demonstration portal))`;
		const row = html.split('<tr').find((r) => r.includes(label));
		expect(row).toBeDefined();
		// The badge says the status in words beside its colour.
		expect(row).toContain(STATUS_INFO[c.status].label);
		// A line per connection in the text part too, "!" in front of those needing attention.
		expect(text).toContain(
			`${c.status === 'connected' ? '-' : '!'} ${label} [${STATUS_INFO[c.status].label}]`,
		);
	}
	// Remedies for those needing attention: the SMS code, the password, the held-back runs.
	expect(html).toMatch(/SMS/);
	expect(html).toContain('Paused until the login data changes');
	// No password of any connection in the mail.
	for (const c of REPORT_CONNECTIONS)
		if ('password' in c) expect(caught.raw).not.toContain(c.password);

	// A credential deleted in n8n: its connection is gone from next week's report.
	await server.api('DELETE', `/credentials/${credentialIds['Telecom: Lena (old password)']}`);
	const next = smtp.mails.length;
	expect((await fetch(url, { method: 'POST' })).ok).toBe(true);
	const after = await simpleParser(
		(await until('the next report', async () => smtp.mails[next], 90, server.log)).raw,
	);
	expect(after.subject).toBe(
		`Invoice portals: ${needing - 1} of ${REPORT_CONNECTIONS.length - 1} connections need you`,
	);
	expect(String(after.html)).not.toContain('Lena');
	expect(String(after.html)).toContain('Telecom: Eric (old password)');
});
