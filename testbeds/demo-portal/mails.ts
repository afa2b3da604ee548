import type { DemoMail } from './mailer';
import type { SeedAccount } from './seed';
import { esc } from './views';

/**
 * The demo portal's e-mails, worded and laid out as real portals send them: a text and an HTML
 * part, a greeting, the code or the link, and other numbers nearby (a request reference, the
 * customer number) that a code reader must not take for the code.
 */
export function codeMail(
	company: string,
	account: SeedAccount,
	code: string,
	reference: string,
): DemoMail {
	const customer = account.subAccounts[0]?.id ?? '';
	return {
		to: account.login,
		subject: `${company}: your verification code`,
		text: `Hello ${account.name},\n\nRequest reference ${reference} (customer ${customer}).\nYour verification code is ${code}. It is valid for 5 minutes.\n\nIf you did not try to log in, change your password.\n${company}`,
		html: `<p>Hello ${esc(account.name)},</p><p>Request reference ${reference} (customer ${esc(customer)}).</p><p>Your verification code is <strong style="font-size:20px">${code}</strong>. It is valid for 5 minutes.</p><p>If you did not try to log in, change your password.<br>${esc(company)}</p>`,
	};
}

export function linkMail(
	company: string,
	account: SeedAccount,
	link: string,
	reference: string,
): DemoMail {
	return {
		to: account.login,
		subject: `${company}: your sign-in link`,
		text: `Hello ${account.name},\n\nRequest reference ${reference}.\nOpen this link to sign in to My ${company}:\n${link}\n\nThe link works once and for 5 minutes. Manage your e-mail preferences: https://newsletter.demo-telecom.example/preferences\n${company}`,
		html: `<p>Hello ${esc(account.name)},</p><p>Request reference ${reference}.</p><p><a href="${esc(link)}" style="background:#0b5394;color:#fff;padding:10px 16px;text-decoration:none">Sign in to My ${esc(company)}</a></p><p>The link works once and for 5 minutes.</p><p style="font-size:12px"><a href="https://newsletter.demo-telecom.example/preferences">Manage your e-mail preferences</a></p>`,
	};
}
