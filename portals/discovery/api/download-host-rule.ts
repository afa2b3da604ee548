import { isIP } from 'node:net';
import { isLoopbackName } from '../../core/http/loopback-names';

/**
 * Which download hosts Automatic may learn (issue 33, review finding 2). The hosts come from the
 * portal's own answers (a JSON field, a redirect's Location), so a hostile portal could name the
 * machine n8n runs on, its network or a cloud's metadata address (169.254.169.254) and make the
 * server fetch there. A learned host is kept only when it is a public name; a loopback host
 * (localhost, *.localhost, 127.x, ::1) only when the portal's own sign-in host is loopback too,
 * as the demo portal and the test beds are. IP literals, private, link-local and one-label names
 * are refused.
 */
export function learnableDownloadHosts(
	hosts: string[],
	loginUrl: string,
): { kept: string[]; refused: string[] } {
	const portalOnLoopback = kindOf(new URL(loginUrl).hostname) === 'loopback';
	const kept: string[] = [];
	const refused: string[] = [];
	for (const host of hosts) {
		const kind = kindOf(hostnameOf(host));
		const ok = kind === 'public' || (kind === 'loopback' && portalOnLoopback);
		(ok ? kept : refused).push(host);
	}
	return { kept, refused };
}

type HostKind = 'public' | 'loopback' | 'internal';

/** A domain as a definition writes it (host, host:port, *.host, [v6]:port) to its host name. */
function hostnameOf(host: string): string {
	try {
		return new URL(`http://${host.replace(/^\*\./, '')}`).hostname;
	} catch {
		return '';
	}
}

/** Names that stay inside a network (RFC 6762 .local, RFC 8375 home.arpa, common intranets). */
const INTERNAL_SUFFIX = /\.(local|internal|intranet|lan|home\.arpa|corp|localdomain)$/;

function kindOf(hostname: string): HostKind {
	const name = hostname
		.toLowerCase()
		.replace(/^\[|\]$/g, '')
		.replace(/\.$/, '');
	if (!name) return 'internal';
	if (isLoopbackName(name)) return 'loopback';
	const ip = isIP(name);
	if (ip === 4) return name.startsWith('127.') ? 'loopback' : 'internal';
	if (ip === 6) return name === '::1' ? 'loopback' : 'internal';
	// A bare IPv4 written otherwise (decimal 2130706433, 0x7f.1): URL normalises most; a name of
	// digits and dots only that is not a valid address is no public name either.
	if (/^[\d.]+$/.test(name) || /^0x/.test(name)) return 'internal';
	if (!name.includes('.') || INTERNAL_SUFFIX.test(name)) return 'internal';
	return 'public';
}
