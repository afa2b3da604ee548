import { originGuard } from './origins';

/**
 * A run's download hosts (PortalDefinition.downloadOrigins: a CDN, signed storage), reached only
 * by a file's final GET and sent nothing of the portal's (GuardedFetch's bare GET). The engines
 * ask `allows` at each request, so hosts a definition learns during the run (Automatic's
 * discovery, from the app's own redirect or signed address) apply from then on, in the same run,
 * under the same rule. Hosts are only ever added, never the portal's own boundary.
 */
export class DownloadHosts {
	private origins: string[];
	private guard: (url: URL) => boolean;

	constructor(origins: string[] = []) {
		this.origins = [...origins];
		this.guard = originGuard(this.origins);
	}

	/** Whether an address is on a download host (never true while none is named). */
	readonly allows = (url: URL): boolean => this.origins.length > 0 && this.guard(url);

	/** Names more download hosts: domains as a definition writes them (host, host:port, *.host). */
	addDomains(domains: string[]): void {
		const origins = domains.flatMap((d) => [`https://${d}`, `http://${d}`]);
		this.origins = [...new Set([...this.origins, ...origins])];
		this.guard = originGuard(this.origins);
	}

	get size(): number {
		return this.origins.length;
	}
}
