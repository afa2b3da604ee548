import { DownloadHosts } from '../../../../../portals/core/contract/download-hosts';

/**
 * A run's download hosts are asked at each request, so hosts learned during the run (Automatic)
 * apply from then on; none named allows nothing, and the portal's own hosts are never among them.
 */
test('no host named allows nothing; hosts added during the run apply at once', () => {
	const hosts = new DownloadHosts();
	const { allows } = hosts;
	const file = new URL('http://files.spa-cdn.localhost:8080/spa-files/t.pdf');
	expect(allows(file)).toBe(false);
	hosts.addDomains(['files.spa-cdn.localhost:8080']);
	expect(allows(file)).toBe(true);
	expect(allows(new URL('http://files.spa-cdn.localhost:9090/t.pdf'))).toBe(false);
	expect(allows(new URL('http://app.spa.localhost:8080/spa/api/x'))).toBe(false);
});

test('wildcard domains as a definition writes them', () => {
	const hosts = new DownloadHosts();
	hosts.addDomains(['*.cdn.example']);
	expect(hosts.allows(new URL('https://eu.cdn.example/f.pdf'))).toBe(true);
	expect(hosts.allows(new URL('https://cdn.example.evil.test/f.pdf'))).toBe(false);
});
