import cloud from '../../../../portals/definitions/demo/demo-cloud.json';
import energie from '../../../../portals/definitions/demo/demo-energie.json';
import telecomSso from '../../../../portals/definitions/demo/demo-telecom-sso.json';
import { identityProviders } from '../../../../portals/definitions/catalogue';
import { definitionPortal } from '../../../../portals/definitions/portal';
import type { DefinitionSpec } from '../../../../portals/definitions/spec';

/** Which engine a definition's runs start with (the run itself may still move from HTTP to the browser). */
const spec = (json: unknown, edit: (d: DefinitionSpec) => void = () => undefined) => {
	const copy = structuredClone(json) as DefinitionSpec;
	edit(copy);
	return copy;
};

test('auto is the default, and a definition may choose either engine', () => {
	expect(definitionPortal(spec(energie)).engine).toBe('auto');
	expect(definitionPortal(spec(energie, (d) => (d.engine = 'http'))).engine).toBe('http');
	expect(definitionPortal(spec(energie, (d) => (d.engine = 'browser'))).engine).toBe('browser');
});

test('auto starts in the browser where a step is known to need scripts: infinite scroll, load more, a provider marked browser', () => {
	expect(definitionPortal(spec(cloud)).engine).toBe('browser');
	expect(
		definitionPortal(spec(energie, (d) => (d.documents.pagination = { loadMore: 'button.more' })))
			.engine,
	).toBe('browser');
	const providers = identityProviders();
	const google = providers.find((p) => p.slug === 'google')!;
	expect(google.engine).toBe('browser');
	expect(
		definitionPortal(
			spec(telecomSso, (d) => (d.login.sso = 'google')),
			providers,
		).engine,
	).toBe('browser');
	// The demo's own identity provider renders on the server: HTTP first.
	expect(definitionPortal(spec(telecomSso), providers).engine).toBe('auto');
});

test('one level down: a detail page is read over HTTP first; a popover a script draws starts in the browser, saying why', () => {
	const detail = { open: { selector: 'a.view', attribute: 'href' }, link: { selector: 'a.pdf' } };
	expect(definitionPortal(spec(energie, (d) => (d.documents.download = { detail }))).engine).toBe(
		'auto',
	);
	const popover = definitionPortal(
		spec(energie, (d) => {
			d.documents.download = { detail: { press: 'button.more', link: { selector: 'a.pdf' } } };
		}),
	);
	expect(popover.engine).toBe('browser');
	expect(popover.browserBecause).toMatch(
		/popover a script draws \(documents\.download\.detail\.press\)/,
	);
	// Asked for explicitly, HTTP stays HTTP (it reads a menu already in the row's markup).
	expect(
		definitionPortal(
			spec(energie, (d) => {
				d.engine = 'http';
				d.documents.download = { detail: { press: 'button.more', link: { selector: 'a.pdf' } } };
			}),
		).engine,
	).toBe('http');
});
