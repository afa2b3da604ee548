import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { SINCE_TOLERANCE_MS } from '../../../portals/core/mailbox/mail-choice';
import type { DemoPortal } from '../../../testbeds/demo-portal';
import type { MailServer } from '../../../testbeds/mail-server';
import { latestCode } from '../../helpers/demo';
import { demoCredential } from '../../helpers/workflows';
import {
	downloadWith,
	mailboxCredential,
	runWithMailbox,
	startMailboxTestBed,
} from '../../helpers/mailbox';
import type { EngineRun } from '../../../testbeds/n8n-engine';

/**
 * What goes wrong with a mailbox, through n8n's engine: each fault ends in a clear reason and
 * loses nothing (the run still ends at the code prompt with a resume token a person can use).
 */
const ERIC = 'eric@example.test';
const PIA = 'pia@example.test';

let mail: MailServer;
let demo: DemoPortal;
let stop: () => Promise<void>;
beforeAll(async () => {
	({ mail, demo, stop } = await startMailboxTestBed());
});
afterAll(() => stop?.());
beforeEach(() => {
	demo.state.faults = { htmlDownloads: [] };
});

/** Plain IMAP (the test bed's plain port has no TLS). */
const imapCredential = (overrides: Record<string, unknown> = {}) =>
	mailboxCredential(mail, {
		host: mail.imap.host,
		port: mail.imap.port,
		secure: false,
		allowUnauthorizedCerts: false,
		...overrides,
	});
const workflowWith = downloadWith;
const withMailbox = (timeout = 60) =>
	downloadWith({ readCodesFromMailbox: true, mailboxTimeoutSeconds: timeout });
const submitCode = (token: string, code: string) =>
	downloadWith({ resource: 'connection', operation: 'submitCode', resumeToken: token, code });
const run = (
	workflow: ReturnType<typeof downloadWith>,
	credential: object,
	mailbox: object = imapCredential(),
	staticData = {},
): Promise<EngineRun> => runWithMailbox(workflow, credential, mailbox, staticData);

/** A port on 127.0.0.1 where nothing listens. */
async function closedPort(): Promise<number> {
	const server = createServer();
	await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
	const { port } = server.address() as { port: number };
	await new Promise((r) => server.close(r));
	return port;
}

/** The Action Required item of a run that ended at the e-mail code, and that Submit Code with the sent code finishes it. */
async function answeredByHand(result: EngineRun, login: string, reason: string) {
	expect(result.error('Invoice Portal')).toBeUndefined();
	const [action] = result.output('Invoice Portal', 1);
	expect(action.json).toMatchObject({ status: 'action_required', reason, method: 'email' });
	expect(String(action.json.resumeToken)).toMatch(/^ipx1\./);
	const done = await run(
		submitCode(String(action.json.resumeToken), latestCode(demo, login)),
		demoCredential(demo, login),
		imapCredential(),
		result.staticData,
	);
	expect(done.output('Invoice Portal', 0).length).toBeGreaterThan(0);
	return action.json;
}

test('the mailbox is unreachable: MAILBOX_UNREACHABLE with the resume token; a person can still answer', async () => {
	const result = await run(
		withMailbox(),
		demoCredential(demo, ERIC),
		imapCredential({ port: await closedPort() }),
	);
	const json = await answeredByHand(result, ERIC, 'MAILBOX_UNREACHABLE');
	expect(json.message).toMatch(/Submit Code/);
	expect(json.remedy).toMatch(/host, port/);
});

test('the mailbox refuses its password: MAILBOX_LOGIN_FAILED with the resume token', async () => {
	const result = await run(
		withMailbox(),
		demoCredential(demo, ERIC),
		imapCredential({ password: 'not-the-mailbox-password' }),
	);
	const json = await answeredByHand(result, ERIC, 'MAILBOX_LOGIN_FAILED');
	expect(json.remedy).toMatch(/app password/);
});

/**
 * Every mail the portal sent so far is in the mailbox, and older than the grace a new login's
 * "since" allows (SINCE_TOLERANCE_MS): else a code mail of an earlier test that Postfix delivers
 * late, on a loaded machine, counts as this login's.
 */
async function earlierMailsSettled(): Promise<void> {
	const mailer = demo.state.mailer!;
	await mailer.flush();
	const maildir = join(mail.dir, 'mail', mail.user.split('@')[0], 'Maildir');
	const delivered = () =>
		['new', 'cur']
			.map((d) => join(maildir, d))
			.reduce((n, d) => n + (existsSync(d) ? readdirSync(d).length : 0), 0);
	const deadline = Date.now() + 30_000;
	while (delivered() < mailer.accepted && Date.now() < deadline)
		await new Promise((done) => setTimeout(done, 100));
	expect(delivered()).toBeGreaterThanOrEqual(mailer.accepted);
	await new Promise((done) => setTimeout(done, SINCE_TOLERANCE_MS + 1000));
}

test('the code e-mail never comes: after the timeout, the e-mail code reason with the resume token', async () => {
	await earlierMailsSettled();
	// The portal's mail goes to a server that is not there.
	demo.state.mailer = undefined;
	const { DemoMailer } = await import('../../../testbeds/demo-portal/mailer');
	try {
		const started = Date.now();
		const result = await run(withMailbox(10), demoCredential(demo, ERIC));
		expect(Date.now() - started).toBeGreaterThanOrEqual(10_000);
		const json = await answeredByHand(result, ERIC, 'CODE_REQUIRED_EMAIL');
		expect(json.message).toMatch(/within 10 seconds/);
	} finally {
		demo.state.mailer = new DemoMailer({ ...mail.smtp, to: mail.address });
	}
});

test("an older code from an earlier login sits in the mailbox: it is not used, the new login's code is", async () => {
	// A first login that nobody finished: its code mail stays in the mailbox.
	const first = await run(workflowWith({}), demoCredential(demo, ERIC));
	expect(first.output('Invoice Portal', 1)[0].json.reason).toBe('CODE_REQUIRED_EMAIL');
	await demo.state.mailer!.flush();
	const older = latestCode(demo, ERIC);
	const second = await run(withMailbox(), demoCredential(demo, ERIC), imapCredential(), {});
	expect(second.output('Invoice Portal', 1)).toEqual([]);
	expect(second.output('Invoice Portal', 0).length).toBeGreaterThan(0);
	expect(latestCode(demo, ERIC)).not.toBe(older);
});

test('a sign-in link to a foreign domain is refused with NAVIGATION_BLOCKED, and nothing is opened there', async () => {
	demo.state.faults.signInLinkOrigin = 'http://login.phish.example';
	const credential = demoCredential(demo, PIA, { portal: 'demo-telecom-link', password: '' });
	const result = await run(withMailbox(), credential);
	const [action] = result.output('Invoice Portal', 1);
	expect(action.json).toMatchObject({ status: 'action_required', reason: 'NAVIGATION_BLOCKED' });
	expect(String(action.json.message)).toContain('login.phish.example');
	expect([...demo.state.hostsSeen].some((h) => h.includes('phish'))).toBe(false);
});

test('without a mailbox, a passwordless login asks for the link, and Submit Code takes the pasted link', async () => {
	const credential = demoCredential(demo, PIA, { portal: 'demo-telecom-link', password: '' });
	const first = await run(workflowWith({}), credential);
	const [action] = first.output('Invoice Portal', 1);
	expect(action.json).toMatchObject({
		status: 'action_required',
		reason: 'SIGN_IN_LINK_REQUIRED',
		method: 'email_link',
	});
	const link = [...demo.state.outbox].reverse().find((m) => m.login === PIA)!.link!;
	// A link pasted from somewhere else is refused before anything is opened.
	const foreign = await run(
		submitCode(String(action.json.resumeToken), 'https://login.phish.example/magic?t=1'),
		credential,
		imapCredential(),
		first.staticData,
	);
	expect(foreign.output('Invoice Portal', 1)[0].json.reason).toBe('NAVIGATION_BLOCKED');
	const done = await run(
		submitCode(String(action.json.resumeToken), link),
		credential,
		imapCredential(),
		first.staticData,
	);
	expect(done.error('Invoice Portal')).toBeUndefined();
	expect(done.output('Invoice Portal', 0).length).toBeGreaterThan(0);
});
