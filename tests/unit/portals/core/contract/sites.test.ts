import { originGuard } from '../../../../../portals/core/contract/origins';
import {
	registrableDomain,
	sameSite,
	siteOrigins,
} from '../../../../../portals/core/contract/sites';

describe('sites: one registrable domain', () => {
	test('hosts of one site share a registrable domain; IPs and localhost have none', () => {
		expect(registrableDomain('login.example.com')).toBe('example.com');
		expect(registrableDomain('www.example.co.uk')).toBe('example.co.uk');
		// A private suffix (a hosting service) separates its users' sites.
		expect(registrableDomain('alice.github.io')).toBe('alice.github.io');
		expect(registrableDomain('login.spa.localhost')).toBe('spa.localhost');
		expect(registrableDomain('co.uk')).toBeUndefined();
		expect(registrableDomain('127.0.0.1')).toBeUndefined();
		expect(registrableDomain('[::1]')).toBeUndefined();
		expect(registrableDomain('localhost')).toBeUndefined();
	});

	test('an Automatic portal may visit every host of its login page site, and nothing else', () => {
		const inside = originGuard(siteOrigins('https://login.example.com/signin'));
		expect(inside(new URL('https://www.example.com/invoices'))).toBe(true);
		expect(inside(new URL('https://example.com/'))).toBe(true);
		expect(inside(new URL('https://example.com.evil.test/'))).toBe(false);
		expect(inside(new URL('https://notexample.com/'))).toBe(false);
		expect(inside(new URL('https://example.org/'))).toBe(false);
		const local = originGuard(siteOrigins('http://login.spa.localhost:4100/login'));
		expect(local(new URL('http://www.spa.localhost:4100/home'))).toBe(true);
		// The port the address names is the only one.
		expect(local(new URL('http://www.spa.localhost:4101/home'))).toBe(false);
		expect(local(new URL('http://other-site.localhost:4100/'))).toBe(false);
		// An IP address is only itself: no other port, no other address.
		const ip = originGuard(siteOrigins('http://127.0.0.1:4100/login'));
		expect(ip(new URL('http://127.0.0.1:4100/x'))).toBe(true);
		expect(ip(new URL('http://127.0.0.2:4100/x'))).toBe(false);
		expect(ip(new URL('http://127.0.0.1:4101/x'))).toBe(false);
		const plain = originGuard(siteOrigins('http://localhost:4100/login'));
		expect(plain(new URL('http://a.localhost:4100/x'))).toBe(false);
	});

	test('same site', () => {
		const u = (s: string) => new URL(s);
		expect(sameSite(u('https://login.example.com/'), u('https://www.example.com/'))).toBe(true);
		expect(sameSite(u('https://login.example.com/'), u('https://login.example.org/'))).toBe(false);
		expect(sameSite(u('http://127.0.0.1:1/'), u('http://127.0.0.1:2/'))).toBe(true);
	});
});
