import type { AdapterEnv, LoginOutcome } from '../core/contract/adapter';
import { PortalError, safeUrl } from '../core/outcomes/errors';
import type { CaptchaSpec } from './spec';

const contains = (text: string | undefined, words: string[] | undefined) =>
	!!text && !!words?.some((w) => text.toLowerCase().includes(w.toLowerCase()));

/**
 * A widget captcha on the sign-in form ("I'm not a robot"), answered before the form is sent, as
 * the coded adapters do: the configured solver returns a token for the widget's site key, which
 * goes where the widget's script would put it (its hidden token field). Without a solver the run
 * stops with CAPTCHA_REQUIRED before anything is sent: no login attempt is spent.
 */
export async function answerWidget(
	env: AdapterEnv,
	captcha: CaptchaSpec | undefined,
): Promise<void> {
	const widget = captcha?.widget;
	if (!widget || (await env.surface.count(widget.siteKeyFrom)) === 0) return;
	const siteKey = await env.surface.evaluate(
		(selector) => document.querySelector(selector)?.getAttribute('data-sitekey') ?? null,
		widget.siteKeyFrom,
	);
	if (!siteKey)
		throw new PortalError(
			'LAYOUT_CHANGED',
			`The captcha widget (${widget.siteKeyFrom}) names no site key (data-sitekey).`,
			{ missingElement: `login.captcha.widget.siteKeyFrom (${widget.siteKeyFrom})` },
		);
	if (!env.solveCaptcha)
		throw new PortalError(
			'CAPTCHA_REQUIRED',
			'The login form has an "I\'m not a robot" check. Set Captcha Solver to Solver Service on the node to answer it automatically.',
		);
	const token = await env.solveCaptcha({
		kind: widget.kind,
		siteKey,
		pageUrl: safeUrl(env.surface.url()),
	});
	await env.surface.required(
		widget.tokenField,
		`login.captcha.widget.tokenField (${widget.tokenField})`,
	);
	// Set in the page, as the widget's script sets it: a person never types into this field.
	await env.surface.evaluate(
		(args) => {
			const field = document.querySelector(args.selector) as HTMLTextAreaElement | null;
			if (field) field.value = args.token;
		},
		{ selector: widget.tokenField, token },
	);
}

/**
 * An image captcha shown on the page: a challenge for a person (action required), with the image
 * as the portal serves it (fetched with the session, so it is this login's). `answered`: the run
 * just sent one, and the portal's words say it was wrong.
 */
export async function imageChallenge(
	env: AdapterEnv,
	captcha: CaptchaSpec | undefined,
	message: string | undefined,
	answered: boolean,
): Promise<LoginOutcome | undefined> {
	const image = captcha?.image;
	if (!image || (await env.surface.count(image.image)) === 0) return undefined;
	const src = await env.surface.evaluate(
		(selector) => document.querySelector(selector)?.getAttribute('src') ?? null,
		image.image,
	);
	if (!src)
		throw new PortalError('LAYOUT_CHANGED', 'The captcha image has no address.', {
			missingElement: `login.captcha.image.image (${image.image})`,
		});
	const file = await env.surface.fetchFile(src, env.maxFileBytes);
	return {
		kind: 'challenge',
		challenge: {
			method: 'captcha',
			portalMessage: message || 'The portal asks to type the characters shown in an image.',
			image: {
				mimeType: file.contentType?.split(';')[0].trim() || 'image/png',
				base64: file.body.toString('base64'),
			},
			rejected:
				answered && (contains(message, image.wrongCode) || !image.wrongCode)
					? 'WRONG_CODE'
					: undefined,
			matchedBy: `login.captcha.image, detect ${image.image}`,
		},
	};
}
