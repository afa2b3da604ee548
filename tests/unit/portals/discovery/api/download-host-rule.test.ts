import { learnableDownloadHosts } from '../../../../../portals/discovery/api/download-host-rule';

const PUBLIC_PORTAL = 'https://login.supplier.example/';
const LOOPBACK_PORTAL = 'http://login.spa.localhost:4010/';

test('a public portal may name public download hosts (a CDN, signed storage)', () => {
	expect(
		learnableDownloadHosts(
			['files.supplier-cdn.example', 'bucket.s3.amazonaws.com:443'],
			PUBLIC_PORTAL,
		),
	).toEqual({ kept: ['files.supplier-cdn.example', 'bucket.s3.amazonaws.com:443'], refused: [] });
});

test.each([
	'169.254.169.254',
	'10.0.0.5:8080',
	'192.168.1.1',
	'172.16.4.2',
	'8.8.8.8',
	'[::1]:3000',
	'[fe80::1]',
	'[::ffff:169.254.169.254]',
	'127.0.0.1:5678',
	'2130706433',
	'localhost:5678',
	'files.spa-cdn.localhost',
	'metadata',
	'nas.local',
	'db.internal',
	'router.home.arpa',
])('a public portal cannot make the server fetch %s', (host) => {
	expect(learnableDownloadHosts([host], PUBLIC_PORTAL)).toEqual({ kept: [], refused: [host] });
});

test('a portal on loopback (the demo, test beds) may name loopback hosts, never a network or metadata address', () => {
	const hosts = ['files.spa-cdn.localhost:4010', '127.0.0.1:4011', '169.254.169.254', '10.1.2.3'];
	expect(learnableDownloadHosts(hosts, LOOPBACK_PORTAL)).toEqual({
		kept: ['files.spa-cdn.localhost:4010', '127.0.0.1:4011'],
		refused: ['169.254.169.254', '10.1.2.3'],
	});
	expect(learnableDownloadHosts(['127.0.0.1:9'], 'http://127.0.0.1:4010/').kept).toEqual([
		'127.0.0.1:9',
	]);
});
