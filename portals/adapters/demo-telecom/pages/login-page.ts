import type { Readable, Surface } from '../../../core/contract/surface';
import { PortalError } from '../../../core/outcomes/errors';
import { optionalText, pressForPage } from '../../../adapter-kit/page-tools';

const FORM = 'form#login-form';
const CAPTCHA_IMAGE = '#captcha-image';
const TOKEN_FIELD = `${FORM} textarea[name="g-recaptcha-response"]`;

/**
 * Runs in the page: the captcha as the page shows it, drawn at its shown size into a PNG (a data
 * URL), as a screenshot of the element would be. Null where nothing can draw: the HTTP engine
 * has no canvas, and a browser refuses to export a picture from another site.
 */
async function drawnImage(selector: string): Promise<string | null> {
	try {
		const img = document.querySelector(selector) as HTMLImageElement | null;
		const canvas = document.createElement('canvas');
		const context = canvas.getContext('2d');
		if (!img || !context) return null;
		await img.decode();
		canvas.width = img.width || img.naturalWidth;
		canvas.height = img.height || img.naturalHeight;
		context.drawImage(img, 0, 0, canvas.width, canvas.height);
		return canvas.toDataURL('image/png');
	} catch {
		return null;
	}
}

/** Runs in the page: an attribute of the first match resolved to an absolute address, or null. */
function addressOf(args: { selector: string; attribute: string }): string | null {
	const value = document.querySelector(args.selector)?.getAttribute(args.attribute);
	return value ? new URL(value, document.baseURI).href : null;
}

/** The login form at /login: reads its messages and captcha, fills and submits it. */
export class LoginPage {
	constructor(private readonly surface: Surface) {}

	static isAt(page: Readable): boolean {
		return new URL(page.url()).pathname === '/login';
	}

	async fill(username: string, password: string): Promise<void> {
		await this.surface.fill(
			`${FORM} input[name="username"]`,
			username,
			'login form: user name field',
		);
		await this.surface.fill(
			`${FORM} input[type="password"]`,
			password,
			'login form: password field',
		);
	}

	async hasCaptcha(): Promise<boolean> {
		return (await this.surface.count(CAPTCHA_IMAGE)) > 0;
	}

	/**
	 * The captcha as a picture a person can read: a PNG of the image as the page shows it, where
	 * the engine draws pages (the browser); otherwise the image file itself, as the portal serves
	 * it (fetched with the session, so it is the captcha of this login).
	 */
	async captchaImage(maxBytes: number): Promise<{ mimeType: string; base64: string }> {
		await this.surface.required(CAPTCHA_IMAGE, 'login form: captcha image');
		const drawn = await this.surface.evaluate(drawnImage, CAPTCHA_IMAGE).catch(() => null);
		if (drawn) return { mimeType: 'image/png', base64: drawn.slice(drawn.indexOf(',') + 1) };
		const src = await this.surface.evaluate(addressOf, {
			selector: CAPTCHA_IMAGE,
			attribute: 'src',
		});
		if (!src)
			throw new PortalError('LAYOUT_CHANGED', 'The captcha image has no address.', {
				missingElement: 'login form: captcha image address',
			});
		const file = await this.surface.fetchFile(src, maxBytes);
		return {
			mimeType: file.contentType?.split(';')[0].trim() || 'image/png',
			base64: file.body.toString('base64'),
		};
	}

	async fillCaptcha(text: string): Promise<void> {
		await this.surface.fill('input[name="captcha"]', text, 'login form: captcha field');
	}

	/** The site key of an "I'm not a robot" token captcha on the form, if there is one. */
	async tokenCaptchaSiteKey(): Promise<string | undefined> {
		const key = await this.surface.evaluate(
			(selector) => document.querySelector(selector)?.getAttribute('data-sitekey') ?? null,
			`${FORM} .g-recaptcha`,
		);
		return key ?? undefined;
	}

	/**
	 * Puts a solved token where the widget would: the hidden g-recaptcha-response field. Set in
	 * the page, as the widget's own script sets it: a person never types into this hidden field,
	 * so it cannot be filled in as a person fills fields. (Over plain HTTP the parsed field's
	 * text is what its form sends.)
	 */
	async enterCaptchaToken(token: string): Promise<void> {
		await this.surface.required(TOKEN_FIELD, 'login form: captcha token field');
		await this.surface.evaluate(
			(args) => {
				const field = document.querySelector(args.selector) as HTMLTextAreaElement | null;
				if (field) field.value = args.token;
			},
			{ selector: TOKEN_FIELD, token },
		);
	}

	async submit(): Promise<void> {
		await pressForPage(this.surface, `${FORM} button[type="submit"]`, 'login form: submit button');
	}

	async message(): Promise<string | undefined> {
		return optionalText(this.surface, '[role="alert"]');
	}
}
