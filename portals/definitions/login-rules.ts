import type { Readable } from '../core/contract/surface';
import type { LoginOutcome } from '../core/contract/adapter';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import { matches, textOf } from './page-reader';
import type { ChallengeMethod } from '../core/contract/two-factor';
import type { CodePrompt, Detect, LoginSpec } from './spec';

/** The prompt a login step just answered: a definition's code prompt, or a sign-in link. */
export interface AnsweredPrompt {
	method: ChallengeMethod;
}

const contains = (text: string | undefined, words: string[] | undefined) =>
	!!text && !!words?.some((w) => text.toLowerCase().includes(w.toLowerCase()));

/** A detect rule as its author wrote it: p.uitleg 'authenticator', or address containing /2fa. */
function describeDetect(detect: Detect): string {
	return [
		detect.selector,
		detect.text !== undefined ? `'${detect.text}'` : undefined,
		detect.urlContains !== undefined ? `address containing ${detect.urlContains}` : undefined,
	]
		.filter(Boolean)
		.join(' ');
}

/**
 * What a sign-in page means by one definition's login rules: the portal's own, or its identity
 * provider's (single sign-on). It reads the page; the flow decides what to do next.
 */
export class LoginRules {
	constructor(
		/** "The portal" or "The identity provider Demo SSO": who speaks in messages. */
		readonly speaker: string,
		/** Which definition's rules these are, for LAYOUT_CHANGED: "the definition Demo Energie". */
		private readonly definition: string,
		private readonly login: LoginSpec,
		/** Prefix of the definition fields named in errors ("login" or "identity provider demo-idp: login"). */
		readonly path: string,
	) {}

	async errorText(page: Readable): Promise<string | undefined> {
		return this.login.errors ? textOf(page, this.login.errors.selector) : undefined;
	}

	prompt(method: string): CodePrompt | undefined {
		return this.login.codePrompts?.find((p) => p.method === method);
	}

	/** The button of a confirmation page the rules describe ("Continue", "Stay signed in?"), if this is one. */
	async confirmation(page: Readable): Promise<string | undefined> {
		for (const c of this.login.confirmations ?? [])
			if (await matches(page, c.detect)) return c.click;
		return undefined;
	}

	/** The page shows something these rules describe: an error, a code prompt, an interstitial, a confirmation. */
	async known(page: Readable): Promise<boolean> {
		if (await this.errorText(page)) return true;
		const detects = [
			...(this.login.signInLink ? [this.login.signInLink] : []),
			...(this.login.codePrompts ?? []),
			...(this.login.interstitials ?? []),
			...(this.login.confirmations ?? []),
		].map((r) => r.detect);
		for (const detect of detects) if (await matches(page, detect)) return true;
		return false;
	}

	/**
	 * Throws the reason of an interstitial the page shows (new terms, a password change ...).
	 * Asked before anything else: such pages often show the signed-in menu, log-out link included.
	 */
	async interstitial(page: Readable): Promise<void> {
		for (const interstitial of this.login.interstitials ?? []) {
			if (await matches(page, interstitial.detect))
				throw new PortalError(
					interstitial.reason,
					`${this.speaker} shows a page that needs you (${interstitial.reason}).`,
					{ portalMessage: await this.errorText(page) },
				);
		}
	}

	/**
	 * A code prompt as a challenge; an interstitial, a locked account or wrong credentials thrown
	 * with their reasons; anything else is LAYOUT_CHANGED naming what the definition expected.
	 */
	async outcome(
		page: Readable,
		expected: string,
		answered?: AnsweredPrompt,
	): Promise<LoginOutcome> {
		const message = await this.errorText(page);
		const link = this.login.signInLink;
		// A passwordless login: the portal sent a sign-in link (or says the one opened is spent).
		if (link && (await matches(page, link.detect)))
			return {
				kind: 'challenge',
				challenge: {
					method: 'email_link',
					portalMessage: message || undefined,
					matchedBy: `${this.path}.signInLink, detect ${describeDetect(link.detect)}`,
				},
			};
		if (link && answered?.method === 'email_link' && contains(message, link.expired))
			return {
				kind: 'challenge',
				challenge: {
					method: 'email_link',
					portalMessage: message,
					rejected: 'CODE_EXPIRED',
					matchedBy: `${this.path}.signInLink.expired`,
				},
			};
		for (const [index, prompt] of (this.login.codePrompts ?? []).entries()) {
			if (!(await matches(page, prompt.detect))) continue;
			const promptText = prompt.detect.selector
				? await textOf(page, prompt.detect.selector)
				: undefined;
			// The code just given was refused: expired (its words, checked first), else wrong.
			const refused = answered?.method === prompt.method;
			const rejected =
				refused && contains(message, prompt.expiredCode)
					? 'CODE_EXPIRED'
					: refused && (contains(message, prompt.wrongCode) || !prompt.wrongCode)
						? 'WRONG_CODE'
						: undefined;
			return {
				kind: 'challenge',
				challenge: {
					method: prompt.method,
					portalMessage: [message, promptText].filter(Boolean).join(' ') || undefined,
					rejected,
					matchedBy: `${this.path}.codePrompts[${index}], detect ${describeDetect(prompt.detect)}`,
				},
			};
		}
		await this.interstitial(page);
		if (contains(message, this.login.errors?.locked))
			throw new PortalError('ACCOUNT_LOCKED', `${this.speaker} says: ${message}`, {
				portalMessage: message,
			});
		if (contains(message, this.login.errors?.wrongCredentials))
			throw new PortalError('WRONG_CREDENTIALS', `${this.speaker} says: ${message}`, {
				portalMessage: message,
			});
		throw new PortalError(
			'LAYOUT_CHANGED',
			`After signing in, the page matches none of the rules of ${this.definition} (${expected}, code prompts, errors)${message ? `; it says: ${message}` : ''}.`,
			{
				missingElement: expected,
				url: safeUrl(page.url()),
				portalMessage: message,
			},
		);
	}
}
