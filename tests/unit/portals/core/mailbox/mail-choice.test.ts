import {
	chooseMail,
	mailUseId,
	SINCE_TOLERANCE_MS,
	type ChoiceRules,
	type MailCandidate,
} from '../../../../../portals/core/mailbox/mail-choice';
import { isPortalError } from '../../../../../portals/core/outcomes/errors';
import { candidate } from '../../../../helpers/mail-messages';

const since = new Date('2026-11-28T15:00:00Z');
const at = (seconds: number) => new Date(since.getTime() + seconds * 1000);
const codeRules = (over: Partial<ChoiceRules> = {}): ChoiceRules => ({
	kind: 'code',
	rules: { domains: ['portal.example.com'] },
	since,
	used: new Set(),
	...over,
});
const codeMail = (code: string, seconds: number, from?: string) =>
	candidate({ text: `Your verification code is ${code}.`, from }, at(seconds));

test('a mail that arrived before the attempt is ignored; within the clock tolerance it counts', async () => {
	const before = await codeMail('111111', -10);
	expect(chooseMail([before], codeRules())).toBeUndefined();
	const justBefore = await codeMail('222222', -(SINCE_TOLERANCE_MS / 1000) + 1);
	expect(chooseMail([before, justBefore], codeRules())?.code).toBe('222222');
});

test('the newest mail that yields a code wins, whatever order the mails come in', async () => {
	const older = await codeMail('111111', 5);
	const newer = await codeMail('222222', 30);
	expect(chooseMail([newer, older], codeRules())?.code).toBe('222222');
	expect(chooseMail([older, newer], codeRules())?.code).toBe('222222');
});

test('a newer mail from the portal without a code does not hide the code mail', async () => {
	const code = await codeMail('731904', 5);
	const notice = await candidate({ text: 'Your invoice 2026-118 is ready.' }, at(20));
	expect(chooseMail([code, notice], codeRules())?.mail).toBe(code);
});

describe('the sender', () => {
	test('a foreign sender is ignored, even with the newest code', async () => {
		const portal = await codeMail('111111', 5);
		const foreign = await codeMail(
			'999999',
			30,
			'Example Portal <noreply@portal-example.evil.test>',
		);
		expect(chooseMail([portal, foreign], codeRules())?.code).toBe('111111');
		expect(chooseMail([foreign], codeRules())).toBeUndefined();
	});

	test("the portal's domain, its subdomains, its parent without www, without the port", async () => {
		const from = async (sender: string) => codeMail('555555', 5, sender);
		const choose = async (sender: string, domains: string[]) =>
			chooseMail([await from(sender)], codeRules({ rules: { domains } }))?.code;
		expect(await choose('noreply@portal.example.com', ['portal.example.com'])).toBe('555555');
		expect(await choose('noreply@mail.portal.example.com', ['portal.example.com'])).toBe('555555');
		expect(await choose('noreply@example.com', ['www.example.com'])).toBe('555555');
		expect(await choose('noreply@example.com', ['portal.example.com'])).toBeUndefined();
		expect(await choose('noreply@portal.example.com', ['*.portal.example.com'])).toBe('555555');
		expect(await choose('noreply@portal.example.com', ['portal.example.com:8443'])).toBe('555555');
		expect(await choose('noreply@xportal.example.com', ['portal.example.com'])).toBeUndefined();
	});

	test.each([
		[
			'an address',
			'alerts@mailer.example.net',
			'alerts@mailer.example.net',
			'other@mailer.example.net',
		],
		['a domain', 'mailer.example.net', 'alerts@eu.mailer.example.net', 'alerts@mailer.example.org'],
		[
			'a regex',
			'/^(alerts|security)@mailer\\.example\\.net$/i',
			'Security@mailer.example.net',
			'news@mailer.example.net',
		],
	])("the definition's mail.from as %s", async (_what, rule, yes, no) => {
		const rules = codeRules({ rules: { domains: ['portal.example.com'], from: rule } });
		expect(chooseMail([await codeMail('123456', 5, yes)], rules)?.code).toBe('123456');
		expect(chooseMail([await codeMail('123456', 5, no)], rules)).toBeUndefined();
		// The portal's own domain still counts.
		expect(chooseMail([await codeMail('123456', 5)], rules)?.code).toBe('123456');
	});

	test('a broken mail.from regex names the field', async () => {
		const rules = codeRules({ rules: { domains: ['portal.example.com'], from: '/(broken/' } });
		const mail = await codeMail('123456', 5, 'x@elsewhere.example.org');
		expect(() => chooseMail([mail], rules)).toThrow(/^mail\.from: /);
		try {
			chooseMail([mail], rules);
		} catch (error) {
			expect(isPortalError(error) && error.code).toBe('INVALID_INPUT');
		}
	});
});

describe('use ids', () => {
	test('a used code is never chosen again, and no older mail is taken instead', async () => {
		const older = await codeMail('111111', 5);
		const newer = await codeMail('222222', 30);
		const first = chooseMail([older, newer], codeRules());
		expect(first?.code).toBe('222222');
		expect(chooseMail([older, newer], codeRules({ used: new Set([first!.id]) }))).toBeUndefined();
		// A newer mail with a new code is taken.
		const newest = await codeMail('333333', 60);
		expect(
			chooseMail([older, newer, newest], codeRules({ used: new Set([first!.id]) }))?.code,
		).toBe('333333');
	});

	test('the id is stable, differs per code and per message, and holds neither', async () => {
		const mail: MailCandidate = await candidate(
			{ text: 'Your code is 731904', messageId: '<abc.123@portal.example.com>' },
			at(5),
		);
		const id = mailUseId(mail, '731904');
		expect(id).toBe(mailUseId({ ...mail }, '731904'));
		expect(id).not.toBe(mailUseId(mail, '731905'));
		expect(id).not.toBe(mailUseId({ ...mail, messageId: '<other@portal.example.com>' }, '731904'));
		expect(id).toMatch(/^[0-9a-f]{32}$/);
		expect(id).not.toContain('731904');
		// Without a Message-ID: sender, subject and arrival tell mails apart.
		const bare = { ...mail, messageId: undefined };
		expect(mailUseId(bare, '731904')).not.toBe(mailUseId({ ...bare, receivedAt: at(6) }, '731904'));
	});
});

test('waiting for a link: the sign-in link into the portal, not a foreign one', async () => {
	const foreignOnly = await candidate(
		{ html: '<a href="https://click.tracker.example.net/x">Sign in</a>' },
		at(10),
	);
	const magic = await candidate(
		{ html: '<a href="https://portal.example.com/auth/magic?token=t0k3n">Sign in</a>' },
		at(5),
	);
	const rules = codeRules({ kind: 'link' });
	const chosen = chooseMail([magic, foreignOnly], rules);
	expect(chosen?.link).toBe('https://portal.example.com/auth/magic?token=t0k3n');
	expect(chosen?.code).toBeUndefined();
	// Only a foreign sign-in link: reported as outside, so that the run refuses it by name.
	expect(chooseMail([foreignOnly], rules)).toMatchObject({
		link: 'https://click.tracker.example.net/x',
		outside: true,
	});
});
