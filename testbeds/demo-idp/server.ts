/*
 * The demo identity provider: a real OpenID Connect provider (the oidc-provider package) with
 * its own login page, an authenticator-code step for users that have one, and a consent page,
 * as company and consumer sign-in services show them. The demo portal trusts it through its
 * "Sign in with SSO" button; the SSO tests run it.
 *
 * oidc-provider is ESM-only and a development dependency, so this runs as its own process:
 *   node dist/testbeds/demo-idp/server.js < config.json
 * It reads an IdpConfig from stdin, listens on 127.0.0.1 (a random port unless given), and
 * prints one line of JSON: {"url": "<issuer>"}. It stops on SIGTERM, or when the process that
 * started it is gone (so that a crashed test run leaves no server behind).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { Provider, type InteractionDetails } from 'oidc-provider';
import { createGuardrails, verifySync } from 'otplib';
import { readForm, sendHtml } from '../demo-portal/http';
import { codePage, consentPage, loginPage } from './pages';

export interface IdpUser {
	email: string;
	password: string;
	name: string;
	/** With a secret, the user must also give an authenticator code. */
	totpSecret?: string;
}

export interface IdpConfig {
	port?: number;
	client: { id: string; secret: string; name: string; redirectUris: string[] };
	users: IdpUser[];
}

// Demo secrets are short test values; otplib's default guardrails refuse them.
const guardrails = createGuardrails({ MIN_SECRET_BYTES: 5 });

async function readStdin(): Promise<string> {
	const chunks: Buffer[] = [];
	for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
	return Buffer.concat(chunks).toString('utf8');
}

function providerFor(issuer: string, config: IdpConfig): Provider {
	const users = new Map(config.users.map((u) => [u.email.toLowerCase(), u]));
	const jwk = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
		format: 'jwk',
	});
	return new Provider(issuer, {
		clients: [
			{
				client_id: config.client.id,
				client_secret: config.client.secret,
				client_name: config.client.name,
				redirect_uris: config.client.redirectUris,
				grant_types: ['authorization_code'],
				response_types: ['code'],
			},
		],
		jwks: { keys: [{ ...jwk, use: 'sig', alg: 'RS256' }] },
		cookies: { keys: [randomBytes(32).toString('hex')] },
		claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name'] },
		features: { devInteractions: { enabled: false } },
		interactions: {
			url: (_ctx: unknown, interaction: { uid: string }) => `/interaction/${interaction.uid}`,
		},
		async findAccount(_ctx: unknown, sub: string) {
			const user = users.get(sub);
			if (!user) return undefined;
			return {
				accountId: sub,
				claims: async () => ({ sub, email: user.email, email_verified: true, name: user.name }),
			};
		},
	});
}

/** The interaction pages: sign-in (password, then a code when the user has one) and consent. */
function interactions(provider: Provider, config: IdpConfig) {
	const users = new Map(config.users.map((u) => [u.email.toLowerCase(), u]));
	// Which interaction passed the password and waits for its code (per interaction, short-lived).
	const passwordOk = new Map<string, string>();
	const clientName = config.client.name;

	const show = (res: ServerResponse, details: InteractionDetails, error?: string) => {
		if (details.prompt.name === 'consent')
			return sendHtml(
				res,
				consentPage(details.uid, clientName, details.prompt.details.missingOIDCScope ?? []),
			);
		if (passwordOk.has(details.uid)) return sendHtml(res, codePage(details.uid, error));
		sendHtml(res, loginPage(details.uid, clientName, error));
	};

	return async (
		req: IncomingMessage,
		res: ServerResponse,
		uid: string,
		action?: string,
	): Promise<void> => {
		const details = await provider.interactionDetails(req, res);
		if (details.uid !== uid) throw new Error('interaction mismatch');
		if (req.method === 'GET') return show(res, details);
		const form = await readForm(req);
		if (action === 'login') {
			const user = users.get((form.email ?? '').trim().toLowerCase());
			if (!user || form.password !== user.password)
				return show(res, details, 'Incorrect e-mail address or password.');
			if (!user.totpSecret)
				return provider.interactionFinished(
					req,
					res,
					{ login: { accountId: user.email.toLowerCase() } },
					{ mergeWithLastSubmission: false },
				);
			passwordOk.set(uid, user.email.toLowerCase());
			return show(res, details);
		}
		if (action === 'code') {
			const accountId = passwordOk.get(uid);
			if (!accountId) return show(res, details, 'Please sign in first.');
			const code = (form.code ?? '').replace(/\s/g, '');
			const valid =
				/^\d{6}$/.test(code) &&
				verifySync({
					secret: users.get(accountId)!.totpSecret!,
					token: code,
					epochTolerance: 30,
					guardrails,
				}).valid;
			if (!valid)
				return show(
					res,
					details,
					'That code is not valid. Enter the current code from your authenticator app.',
				);
			passwordOk.delete(uid);
			return provider.interactionFinished(
				req,
				res,
				{ login: { accountId } },
				{ mergeWithLastSubmission: false },
			);
		}
		if (action === 'confirm' && details.prompt.name === 'consent') {
			const grant = details.grantId
				? await provider.Grant.find(details.grantId)
				: new provider.Grant({
						accountId: details.session!.accountId!,
						clientId: details.params.client_id,
					});
			if (details.prompt.details.missingOIDCScope)
				grant!.addOIDCScope(details.prompt.details.missingOIDCScope.join(' '));
			if (details.prompt.details.missingOIDCClaims)
				grant!.addOIDCClaims(details.prompt.details.missingOIDCClaims);
			return provider.interactionFinished(
				req,
				res,
				{ consent: { grantId: await grant!.save() } },
				{ mergeWithLastSubmission: true },
			);
		}
		if (action === 'abort')
			return provider.interactionFinished(
				req,
				res,
				{ error: 'access_denied', error_description: 'The user cancelled the sign-in.' },
				{ mergeWithLastSubmission: false },
			);
		res.writeHead(404).end();
	};
}

async function main(): Promise<void> {
	const config = JSON.parse(await readStdin()) as IdpConfig;
	let handle: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) =>
		res.writeHead(503).end();
	const server = createServer((req, res) => handle(req, res));
	await new Promise<void>((done) => server.listen(config.port ?? 0, '127.0.0.1', done));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const provider = providerFor(issuer, config);
	const interaction = interactions(provider, config);
	const callback = provider.callback();
	handle = (req, res) => {
		const match = (req.url ?? '').match(
			/^\/interaction\/([\w-]+)(?:\/(login|code|confirm|abort))?$/,
		);
		if (!match) return callback(req, res);
		interaction(req, res, match[1], match[2]).catch(() => {
			// An expired or unknown interaction: the user starts again at the portal.
			if (!res.headersSent)
				sendHtml(
					res,
					loginPage(
						'',
						config.client.name,
						'This sign-in has expired. Go back to the site and start again.',
					),
				);
		});
	};
	const stop = () => server.close(() => process.exit(0));
	process.on('SIGTERM', stop);
	const parent = process.ppid;
	setInterval(() => {
		try {
			process.kill(parent, 0);
		} catch {
			process.exit(0);
		}
	}, 1000).unref();
	process.stdout.write(`${JSON.stringify({ url: issuer })}\n`);
}

main().catch((error: Error) => {
	process.stderr.write(`demo identity provider: ${error.message}\n`);
	process.exit(1);
});
