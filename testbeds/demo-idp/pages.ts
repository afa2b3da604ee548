/** The demo identity provider's pages: plain forms, the way sign-in services look to a browser. */
import { esc } from '../demo-portal/views';

const STYLE = `body{font-family:system-ui,sans-serif;background:#eef1f5;margin:0}
.card{max-width:380px;margin:60px auto;background:#fff;padding:28px 32px;border-radius:10px;box-shadow:0 2px 8px #0002}
.brand{font-weight:700;color:#0b5cad}label{display:block;margin:14px 0 4px}input{width:100%;padding:8px;font-size:15px;box-sizing:border-box}
button{margin-top:16px;padding:9px 18px}.error{background:#fde8e8;color:#8a1c1c;padding:8px 12px;border-radius:6px}`;

function page(title: string, body: string): string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)} · Demo SSO</title><style>${STYLE}</style></head>
<body><div class="card"><p class="brand">Demo SSO</p>${body}</div></body></html>`;
}

const error = (text?: string) => (text ? `<p class="error" role="alert">${esc(text)}</p>` : '');

export function loginPage(uid: string, clientName: string, message?: string): string {
	if (!uid) return page('Sign in', `<h1>Sign in</h1>${error(message)}`);
	return page(
		'Sign in',
		`<h1>Sign in</h1><p class="hint">to continue to ${esc(clientName)}</p>${error(message)}
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="email">E-mail address</label><input id="email" name="email" type="email" autocomplete="username" required>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button id="sign-in" type="submit">Sign in</button></form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button id="cancel" type="submit">Cancel</button></form>`,
	);
}

export function codePage(uid: string, message?: string): string {
	return page(
		'Two-factor authentication',
		`<h1>Two-factor authentication</h1><p class="hint">Enter the 6-digit code from your authenticator app.</p>${error(message)}
<form method="post" action="/interaction/${esc(uid)}/code">
<label for="otp">Code</label><input id="otp" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength="6" required>
<button id="verify" type="submit">Verify</button></form>`,
	);
}

const SCOPE_WORDS: Record<string, string> = {
	openid: 'know who you are',
	email: 'see your e-mail address',
	profile: 'see your name',
};

export function consentPage(uid: string, clientName: string, scopes: string[]): string {
	const items = scopes.map((s) => `<li>${esc(SCOPE_WORDS[s] ?? s)}</li>`).join('');
	return page(
		'Allow access',
		`<h1>${esc(clientName)} wants to</h1><ul class="scopes">${items}</ul>
<form method="post" action="/interaction/${esc(uid)}/confirm"><button id="allow" type="submit">Continue</button></form>
<form method="post" action="/interaction/${esc(uid)}/abort"><button id="cancel" type="submit">Cancel</button></form>`,
	);
}
