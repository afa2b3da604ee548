import type { ServerResponse } from 'node:http';
import { loginPage, type HostileMode } from './index';

/**
 * Scenarios of a portal that repeats what it was sent (issue 35, item 3): the password in its
 * sign-in error, the code in its code page's error. Both escape it for HTML as a real page would,
 * so a password with `&`, `<` or `"` reaches the page in its escaped form too.
 */

const escapeHtml = (text: string) =>
	text.replace(
		/[&<>"']/g,
		(c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
	);

function html(res: ServerResponse, status: number, text: string, location?: string): true {
	res.writeHead(status, {
		'content-type': 'text/html; charset=utf-8',
		...(location ? { location } : {}),
	});
	res.end(text);
	return true;
}

/** The words of the echoing sign-in error; a definition that knows them reads WRONG_CREDENTIALS. */
export const ECHO_ERROR = 'Wrong password';

/**
 * Every sign-in is refused with the posted password repeated: the POST is answered with a
 * redirect to `/denied/<the password, URL-encoded>` (the page's address then holds it), whose
 * page says `Wrong password <password> for user <user>` and repeats it in an attribute and as the
 * password field's pre-filled value.
 */
export const echoPassword: HostileMode = {
	name: 'echo-password',
	handle(req, res, ctx) {
		const path = new URL(req.url ?? '/', ctx.portal).pathname;
		if (path === '/login' && req.method === 'POST') {
			const pass = new URLSearchParams(ctx.body).get('pass') ?? '';
			return html(res, 303, '', `/denied/${encodeURIComponent(pass)}`);
		}
		const denied = /^\/denied\/(.*)$/.exec(path);
		if (!denied) return false;
		const pass = escapeHtml(decodeURIComponent(denied[1]));
		const error = `${ECHO_ERROR} ${pass} for user ${escapeHtml(ctx.username)}`;
		const page = loginPage(error)
			.replace('<p class="error">', `<p class="error" title="you typed ${pass}">`)
			.replace('type="password"', `type="password" value="${pass}"`);
		return html(res, 200, page);
	},
};

export interface EchoCodes extends HostileMode {
	/** Every code the portal received, in order (the test's secrets). */
	codes: string[];
}

function codePage(error = ''): string {
	return loginPage()
		.replace(/<h1>Sign in<\/h1>[\s\S]*<\/form>/, '')
		.replace(
			'</body>',
			`<h1>Verification</h1>${error ? `<p class="error">${error}</p>` : ''}
<p class="prompt">Enter the code from your authenticator app.</p>
<form id="verify" method="post" action="/verify"><input id="code" name="code" autocomplete="one-time-code">
<button id="verify-button" type="submit">Verify</button></form></body>`,
		);
}

/**
 * A correct sign-in leads to a code page at /verify (an authenticator app's code) that refuses every code,
 * repeating it: `The code <code> is not correct.`, and in the code field's value.
 */
export function echoCodes(): EchoCodes {
	const codes: string[] = [];
	return {
		name: 'echo-codes',
		codes,
		handle(req, res, ctx) {
			const path = new URL(req.url ?? '/', ctx.portal).pathname;
			const form = new URLSearchParams(ctx.body);
			if (path === '/login' && req.method === 'POST') {
				if (form.get('user') !== ctx.username || form.get('pass') !== ctx.password) return false;
				return html(res, 303, '', '/verify');
			}
			// Where a Submit Code picks the login up again: the code page, shown anew.
			if (path === '/verify' && req.method === 'GET') return html(res, 200, codePage());
			if (path !== '/verify' || req.method !== 'POST') return false;
			const code = form.get('code') ?? '';
			codes.push(code);
			const page = codePage(`The code ${escapeHtml(code)} is not correct.`).replace(
				'autocomplete="one-time-code"',
				`autocomplete="one-time-code" value="${escapeHtml(code)}"`,
			);
			return html(res, 200, page);
		},
	};
}

type Definition = Record<string, unknown> & { login: Record<string, unknown> };

/**
 * The test bed's definition for these scenarios: `recognised` adds the echoing error's words to
 * errors.wrongCredentials (else the page matches no rule: LAYOUT_CHANGED, with the debug page and
 * screenshot); `codes` adds the code page.
 */
export function echoDefinition(
	base: Record<string, unknown>,
	options: { engine: 'http' | 'browser'; recognised?: boolean; codes?: boolean },
): Definition {
	const definition = structuredClone(base) as Definition;
	definition.engine = options.engine;
	const errors = definition.login.errors as { wrongCredentials: string[] };
	if (options.recognised) errors.wrongCredentials.push(ECHO_ERROR);
	if (options.codes)
		definition.login.codePrompts = [
			{
				method: 'authenticator_app',
				detect: { selector: 'p.prompt', text: 'authenticator' },
				input: '#code',
				submit: '#verify-button',
				wrongCode: ['not correct'],
			},
		];
	return definition;
}
