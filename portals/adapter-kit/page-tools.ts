import type { Readable, Surface } from '../core/contract/surface';
import { PortalError } from '../core/outcomes/errors';

/**
 * Steps a coded adapter's page objects share. They work on the run's surface only (never on
 * Playwright), so an adapter built from them runs on either engine: in the browser, or over
 * plain HTTP with the HTML parsed in Node.
 */

/** Which second factor a prompt asks for, from its wording (the table lives with the methods). */
export { methodFromPrompt } from '../core/contract/two-factor';

/**
 * Runs in the page: the text of the first match as a person reads it, or null when there is
 * none. textContent with its white space collapsed, as the browser's innerText gives it for the
 * short texts (banners, prompts, headings) page objects read; the HTTP engine has no innerText.
 */
function firstText(selector: string): string | null {
	const el = document.querySelector(selector);
	return el ? (el.textContent ?? '').replace(/[ \t\n\r\f]+/g, ' ').trim() : null;
}

/** Text of an optional element (an error banner, say), or undefined when there is none. */
export async function optionalText(page: Readable, selector: string): Promise<string | undefined> {
	return (await page.evaluate(firstText, selector)) || undefined;
}

/**
 * Text of an element a page object depends on: waits briefly for it, and when it is not there
 * the portal changed (LAYOUT_CHANGED naming `what`).
 */
export async function requiredText(
	surface: Surface,
	selector: string,
	what: string,
): Promise<string> {
	await surface.required(selector, what);
	return (await surface.evaluate(firstText, selector)) ?? '';
}

/** Runs in the page: whether its document has been parsed (the HTTP engine's always has). */
function parsed(): boolean {
	return document.readyState !== 'loading';
}

/**
 * Presses something that loads a new page (a form's submit button) and waits until that page's
 * document is there. When no new page comes in time, the portal did not answer: TIMEOUT.
 */
export async function pressForPage(
	surface: Surface,
	selector: string,
	what: string,
	timeoutMs = 30_000,
): Promise<void> {
	// The surface asks `ready` only once the page changed; never asked, nothing came.
	let changed = false;
	await surface.press(
		selector,
		what,
		async () => {
			changed = true;
			return surface.evaluate(parsed, undefined);
		},
		{ timeoutMs },
	);
	if (!changed) throw new PortalError('TIMEOUT', 'The portal did not answer in time.');
}
