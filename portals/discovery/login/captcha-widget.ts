import type { Page } from 'playwright';
import type { CaptchaSpec } from '../../definitions/spec';

type Widget = NonNullable<CaptchaSpec['widget']>;

/**
 * A captcha widget on the sign-in page ("I'm not a robot"), as a definition describes it: the
 * element that names its site key (data-sitekey), its kind from the class its service gives it
 * (g-recaptcha, h-captcha, cf-turnstile; reCAPTCHA when none says), and the hidden field the
 * service's script fills with its token, by the name each service uses.
 */
export async function captchaWidgetOf(page: Page): Promise<Widget | undefined> {
	const found = await page
		.evaluate(() => {
			const el = document.querySelector('[data-sitekey]');
			if (!el) return null;
			const words = `${el.className} ${el.id}`.toLowerCase();
			const kind = /h-captcha|hcaptcha/.test(words)
				? 'hcaptcha'
				: /cf-turnstile|turnstile/.test(words)
					? 'turnstile'
					: 'recaptcha';
			return { kind };
		})
		.catch(() => null);
	if (!found) return undefined;
	const kind = found.kind as Widget['kind'];
	const field = {
		recaptcha: 'g-recaptcha-response',
		hcaptcha: 'h-captcha-response',
		turnstile: 'cf-turnstile-response',
	}[kind];
	return { kind, siteKeyFrom: '[data-sitekey]', tokenField: `[name="${field}"]` };
}
