import { randomBytes } from 'node:crypto';
import { readForm, sendJson } from './http';
import type { RequestContext } from './auth-routes';

/**
 * A reCAPTCHA-like "I'm not a robot" check, with the demo portal playing the captcha service
 * too: the widget asks /recaptcha/api/token for a token when a person ticks the box, the login
 * form carries it in `g-recaptcha-response`, and the portal accepts each token once, for its
 * own site key. Captcha-solving services get such tokens the same way (their workers solve the
 * widget); the test suite's fake solver calls the token endpoint for that.
 */
// A site key is public (every visitor's page carries it); this one is the demo's own.
export const DEMO_WIDGET_ID = 'demo-recaptcha-6LcDemoTelecomSiteKey';

export function widgetHtml(): string {
	return `<div class="g-recaptcha" data-sitekey="${DEMO_WIDGET_ID}"><label><input type="checkbox" id="not-a-robot"> I'm not a robot</label></div>
<textarea id="g-recaptcha-response" name="g-recaptcha-response" style="display:none"></textarea>
<script src="/recaptcha/widget.js"></script>`;
}

export const WIDGET_JS = `document.getElementById('not-a-robot').addEventListener('change', function (e) {
	if (!e.target.checked) return;
	var box = document.querySelector('.g-recaptcha');
	fetch('/recaptcha/api/token', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'sitekey=' + encodeURIComponent(box.dataset.sitekey) })
		.then(function (r) { return r.json(); })
		.then(function (j) { document.getElementById('g-recaptcha-response').value = j.token; });
});`;

export async function postToken(ctx: RequestContext): Promise<void> {
	const form = await readForm(ctx.req);
	if (form.sitekey !== DEMO_WIDGET_ID) return sendJson(ctx.res, { error: 'unknown site key' }, 400);
	const token = `03A${randomBytes(24).toString('base64url')}`;
	ctx.state.captchaTokens.add(token);
	ctx.state.remember(token);
	sendJson(ctx.res, { token });
}

/** True once per token the service issued. */
export function redeemToken(ctx: RequestContext, token: string | undefined): boolean {
	if (!token || !ctx.state.captchaTokens.has(token)) return false;
	ctx.state.captchaTokens.delete(token);
	return true;
}
