import type { Locator } from 'playwright';
import { PortalError, safeUrl } from './errors';
import type { ChallengeMethod } from './reasons';

/**
 * Waits briefly for an element a page object depends on. When it is not there, the portal
 * changed: say which element, so the report is useful to whoever fixes the adapter.
 */
export async function required(locator: Locator, what: string, timeoutMs = 5_000): Promise<Locator> {
	try {
		await locator.first().waitFor({ state: 'attached', timeout: timeoutMs });
		return locator.first();
	} catch {
		throw new PortalError('LAYOUT_CHANGED', `Expected element not found: ${what}.`, {
			missingElement: what,
			url: safeUrl(locator.page().url()),
		});
	}
}

/** Text of an optional element (an error banner, say), or undefined when there is none. */
export async function optionalText(locator: Locator): Promise<string | undefined> {
	if ((await locator.count()) === 0) return undefined;
	const text = (await locator.first().innerText()).trim();
	return text || undefined;
}

/**
 * Which second factor a prompt asks for, from its wording. Portals phrase this in many ways
 * and languages; the words here cover English, Dutch, French and German prompts.
 */
export function methodFromPrompt(text: string): ChallengeMethod | undefined {
	const t = text.toLowerCase();
	if (/authenticator|authentificat|app code|code (from|in) (your|the) app|totp/.test(t)) return 'authenticator_app';
	if (/\bsms\b|text message|sms-code|par sms|per sms/.test(t)) return 'sms';
	if (/e-?mail|courriel|mail/.test(t)) return 'email';
	if (/approve|push|confirm (the )?sign-?in|bevestig|genehmig/.test(t)) return 'push';
	if (/captcha|not a robot|characters in the image/.test(t)) return 'captcha';
	return undefined;
}

/** Clicks something that loads a new page (a form submit) and waits until that page is there. */
export async function clickAndWaitForPage(locator: Locator, timeoutMs = 30_000): Promise<void> {
	const page = locator.page();
	await Promise.all([page.waitForEvent('domcontentloaded', { timeout: timeoutMs }), locator.click()]);
}
