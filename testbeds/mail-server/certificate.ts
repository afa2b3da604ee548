import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

/**
 * A self-signed certificate for the IMAPS port, made with openssl at every start (never kept
 * in the repository, never trusted by anything): clients must connect with
 * `rejectUnauthorized: false`, as they would to a company server with its own certificate.
 * An EC P-256 key, because making one takes milliseconds where RSA can take a second.
 */
export function makeSelfSignedCertificate(
	dir: string,
	domain: string,
): { cert: string; key: string } {
	const cert = join(dir, 'imaps-cert.pem');
	const key = join(dir, 'imaps-key.pem');
	execFileSync(
		'/usr/bin/openssl',
		[
			'req',
			'-x509',
			'-newkey',
			'ec',
			'-pkeyopt',
			'ec_paramgen_curve:prime256v1',
			'-nodes',
			'-days',
			'2',
			'-subj',
			`/CN=imap.${domain}`,
			'-addext',
			`subjectAltName=DNS:imap.${domain},IP:127.0.0.1`,
			'-keyout',
			key,
			'-out',
			cert,
		],
		{ stdio: ['ignore', 'ignore', 'pipe'], timeout: 30_000 },
	);
	return { cert, key };
}
