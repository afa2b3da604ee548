import { definitionPortal } from '../../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../../portals/definitions/spec';
import { definitionProblems } from '../../../../portals/definitions/validate';
import { urlAllowed } from '../../../../portals/core/contract/origins';
import { readDefinition as read } from './shipped-definitions';

/** A portal on a non-standard port: its definition's domains name host:port. */
const valid = read('demo/demo-energie.json');

describe('a portal on a non-standard port (domains with host:port)', () => {
	const onPort = structuredClone(valid);
	onPort.domains = ['127.0.0.1:3300'];
	onPort.loginUrl = 'http://127.0.0.1:3300/eu/login';

	test('is a valid definition', () => {
		expect(definitionProblems(onPort)).toEqual([]);
	});

	test('the browser may visit exactly that host and port', () => {
		const portal = definitionPortal(onPort as DefinitionSpec);
		expect(portal.defaultUrl).toBe('http://127.0.0.1:3300');
		expect(portal.allowedOrigins).toEqual(['https://127.0.0.1:3300', 'http://127.0.0.1:3300']);
		const allowed = (address: string) => urlAllowed(new URL(address), onPort.domains);
		expect(allowed('http://127.0.0.1:3300/eu/facturen')).toBe(true);
		expect(allowed('http://127.0.0.1:3301/eu/facturen')).toBe(false);
		expect(allowed('http://127.0.0.1/eu/facturen')).toBe(false);
		expect(allowed('http://localhost:3300/')).toBe(false);
	});

	test('a domain without a port keeps allowing its host as before; *.host:port its subdomains on that port', () => {
		expect(urlAllowed(new URL('https://portal.example.com/x'), ['portal.example.com'])).toBe(true);
		const files = ['*.example.com:8443'];
		expect(urlAllowed(new URL('https://files.example.com:8443/a.pdf'), files)).toBe(true);
		expect(urlAllowed(new URL('https://files.example.com/a.pdf'), files)).toBe(false);
		expect(definitionProblems({ ...structuredClone(valid), domains: files })).toContainEqual(
			expect.objectContaining({ field: 'loginUrl' }),
		);
	});
});
