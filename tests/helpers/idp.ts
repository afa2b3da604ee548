import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { DemoPortal } from '../../testbeds/demo-portal';
import type { IdpUser } from '../../testbeds/demo-idp/server';
import { addSecret, auditText } from './secret-scan';

/** The demo identity provider (a real OpenID Connect provider, testbeds/demo-idp) in its own process. */
export interface DemoIdp {
	url: string;
	stop(): Promise<void>;
}

const script = join(__dirname, '..', '..', 'dist', 'testbeds', 'demo-idp', 'server.js');
const running: ChildProcess[] = [];

/**
 * Starts the provider with these users and makes the demo portal trust it: its login page then
 * shows "Sign in with SSO". The users' passwords and secrets, and the client secret, join the
 * secret scan; so does everything the provider prints.
 */
export async function startIdp(portal: DemoPortal, users: IdpUser[]): Promise<DemoIdp> {
	const client = {
		id: 'demo-telecom',
		secret: randomBytes(18).toString('base64url'),
		name: 'Demo Telecom',
		redirectUris: [`${portal.url}/sso/callback`],
	};
	for (const secret of [client.secret, ...users.flatMap((u) => [u.password, u.totpSecret ?? ''])])
		if (secret) addSecret(secret);
	const child = spawn(process.execPath, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
	running.push(child);
	let output = '';
	child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
	child.stdin!.end(JSON.stringify({ client, users }));
	const url = await new Promise<string>((resolve, reject) => {
		let line = '';
		child.stdout!.on('data', (chunk: Buffer) => {
			line += chunk.toString();
			if (line.includes('\n')) resolve((JSON.parse(line.split('\n')[0]) as { url: string }).url);
		});
		child.on('exit', (code) =>
			reject(new Error(`the demo identity provider stopped (${code}): ${output}`)),
		);
	});
	portal.state.trustIdentityProvider({
		issuer: url,
		clientId: client.id,
		clientSecret: client.secret,
	});
	return {
		url,
		stop: () =>
			new Promise<void>((done) => {
				if (child.exitCode !== null) return done();
				child.once('exit', () => {
					auditText('demo identity provider output', output);
					done();
				});
				child.kill('SIGTERM');
			}),
	};
}

/** Stops providers a test file left running (after-each-file calls this). */
export function stopStartedIdps(): void {
	for (const child of running.splice(0)) if (child.exitCode === null) child.kill('SIGTERM');
}
