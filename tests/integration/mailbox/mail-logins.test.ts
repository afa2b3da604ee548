import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { MailServer } from '../../../testbeds/mail-server';
import { demoCredential } from '../../helpers/workflows';
import {
	downloadWith,
	mailboxCredential,
	runWithMailbox,
	startMailboxTestBed,
} from '../../helpers/mailbox';

/**
 * E-mail codes and sign-in links read from a real mailbox, through n8n's engine: the demo portal
 * sends them as real e-mails to Postfix on 127.0.0.1, Dovecot files them, and the node reads them
 * over IMAP (the mailbox credential). No person answers anything here.
 */
let mail: MailServer;
let demo: DemoPortal;
let stop: () => Promise<void>;
beforeAll(async () => {
	({ mail, demo, stop } = await startMailboxTestBed());
});
afterAll(() => stop?.());

const withMailbox = () => downloadWith({ readCodesFromMailbox: true, mailboxTimeoutSeconds: 60 });
const run = (workflow: ReturnType<typeof withMailbox>, credential: object, mailbox?: object) =>
	runWithMailbox(workflow, credential, mailbox ?? mailboxCredential(mail));

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
		mailboxCredential(mail, { host: mail.imap.host, port: mail.imap.port, secure: false }),
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

test("the mailbox credential's Test button signs in (OK), and says what is wrong with a wrong password or port", async () => {
	const { invoicePortalMailboxTest } = await import('../../../nodes/shared/mailbox');
	const test = (data: object) =>
		invoicePortalMailboxTest.call(
			{} as never,
			{ id: 'm', name: 'Mailbox', type: 'x', data } as never,
		);
	expect(await test(mailboxCredential(mail))).toEqual({
		status: 'OK',
		message: 'The mailbox can be read.',
	});
	const wrong = await test(mailboxCredential(mail, { password: 'not-it' }));
	expect(wrong.status).toBe('Error');
	expect(wrong.message).toMatch(/did not accept the user name .* app password/);
	const closed = await test(mailboxCredential(mail, { port: 1 }));
	expect(closed.status).toBe('Error');
	expect(closed.message).toMatch(/Check the mailbox host and port/);
});
