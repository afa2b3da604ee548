import type { PortalAdapter, PortalCredentials } from '../contract/adapter';
import { Redactor } from '../outcomes/redactor';

/**
 * The redactor of one run (outcomes/redactor.ts): the credential's password and authenticator
 * secret, and the code a Submit Code sends; the codes the run types later are added as it types
 * them (typedCodesMasked). The user name is no secret: "Wrong password •••• for user anna" keeps
 * saying whose login failed.
 */
export function runRedactor(credentials: PortalCredentials, resumeCode?: string): Redactor {
	return new Redactor([credentials.password, credentials.authenticatorSecret, resumeCode]);
}

/**
 * The adapter, with every code it is given to type made a secret first: authenticator codes the
 * run generates, codes read from the mailbox, the user's own code, a captcha's text, a sign-in
 * link. All of them reach the portal through submitCode, so this is the one place to learn them.
 */
export function typedCodesMasked(adapter: PortalAdapter, redactor: Redactor): PortalAdapter {
	const submitCode: PortalAdapter['submitCode'] = (env, challenge, code) => {
		redactor.add(code);
		return adapter.submitCode(env, challenge, code);
	};
	// Bound to the adapter itself: class adapters may keep private fields, which a proxy as
	// `this` could not reach.
	return new Proxy(adapter, {
		get: (target, key) => {
			if (key === 'submitCode') return submitCode;
			const value = Reflect.get(target, key);
			return typeof value === 'function' ? value.bind(target) : value;
		},
	});
}
