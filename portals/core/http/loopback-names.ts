import { lookup as systemLookup, type LookupAddress, type LookupOptions } from 'node:dns';

/**
 * Names under `.localhost` are loopback (RFC 6761 section 6.3): Chromium resolves them itself,
 * Node's resolver (getaddrinfo) does not know them here. Our HTTP client and the browser's
 * forward proxy resolve them to 127.0.0.1 themselves, so that two host names of one site
 * (`login.x.localhost`, `www.x.localhost`) can live on one 127.0.0.1 port, as a test bed or a
 * portal run on a developer's machine needs. Every other name goes to the system's resolver.
 */
export function isLoopbackName(hostname: string): boolean {
	const host = hostname.toLowerCase().replace(/\.$/, '');
	return host === 'localhost' || host.endsWith('.localhost');
}

type LookupCallback = (
	error: NodeJS.ErrnoException | null,
	address: string | LookupAddress[],
	family?: number,
) => void;

/** A `lookup` for node:net, node:http and undici's `connect`: `*.localhost` is 127.0.0.1. */
export function loopbackLookup(
	hostname: string,
	options: LookupOptions | number | LookupCallback,
	callback?: LookupCallback,
): void {
	const done = (typeof options === 'function' ? options : callback) as LookupCallback;
	const opts: LookupOptions =
		typeof options === 'object' ? options : typeof options === 'number' ? { family: options } : {};
	if (!isLoopbackName(hostname))
		return void systemLookup(hostname, { ...opts, all: true }, (error, addresses) =>
			opts.all || error
				? done(error, addresses)
				: done(null, addresses[0].address, addresses[0].family),
		);
	if (opts.all) return done(null, [{ address: '127.0.0.1', family: 4 }]);
	done(null, '127.0.0.1', 4);
}

let loopbackDispatcher: Promise<unknown> | undefined;

/**
 * The dispatcher fetch() uses for a `.localhost` address: an undici Agent (the library Node's
 * own fetch is built on) whose connections resolve names with the lookup above; undefined for
 * every other address, which goes through Node's fetch exactly as before. undici is loaded only
 * the first time such an address is asked for.
 */
export async function dispatcherFor(url: URL): Promise<unknown> {
	if (!isLoopbackName(url.hostname)) return undefined;
	loopbackDispatcher ??= import('undici').then(
		({ Agent }) => new Agent({ connect: { lookup: loopbackLookup } }),
	);
	return loopbackDispatcher;
}
