/** Whether a host is one of a definition's domains (*.example.com covers subdomains). */
export function hostAllowed(host: string, domains: string[]): boolean {
	return domains.some((d) => (d.startsWith('*.') ? host === d.slice(2) || host.endsWith(d.slice(1)) : host === d));
}

/** The origins a browser may visit for these domains, in the boundary's notation. */
export function originsOf(domains: string[]): string[] {
	return domains.flatMap((d) => [`https://${d}`, `http://${d}`]);
}
