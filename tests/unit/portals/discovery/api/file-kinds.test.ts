import { findCollections } from '../../../../../portals/discovery/api/collection';
import {
	acceptedItemsWhere,
	documentItems,
	mimeTypePath,
} from '../../../../../portals/discovery/api/file-kinds';
import { call } from './calls';

/**
 * A file library (Directus's /files) lists every file, each with its MIME type: its PDFs are the
 * documents. Their titles hold the numbers ("Invoice 2026 005"), a photo's does not; the
 * collection is judged on the PDFs, so the library is still found, with the PDFs' count.
 */
const pdf = (n: number) => ({
	id: `0f1c2d3e-0000-4000-8000-00000000000${n}`,
	title: `Invoice 2026 00${n}`,
	type: 'application/pdf',
	modified_on: `2026-12-0${n}T10:00:00`,
});
const library = [
	{
		id: '0f1c2d3e-0000-4000-8000-000000000009',
		title: 'Team photo',
		type: 'image/jpeg',
		modified_on: '2026-12-06T10:00:00',
	},
	pdf(3),
	pdf(2),
	pdf(1),
];
const screen =
	'Files Team photo JPG Invoice 2026 003 PDF Invoice 2026 002 PDF Invoice 2026 001 PDF';

test("the items' MIME type field is found, and only when every item has one", () => {
	expect(mimeTypePath(library)).toBe('type');
	expect(mimeTypePath([...library, { id: 'x', title: 'Folder', type: 'folder' }])).toBeUndefined();
	expect(mimeTypePath([])).toBeUndefined();
});

test('the documents of a library are its PDFs; a list without types, or without PDFs, stays whole', () => {
	expect(documentItems(library).map((i) => i.title)).toEqual([
		'Invoice 2026 003',
		'Invoice 2026 002',
		'Invoice 2026 001',
	]);
	const photos = [library[0], { ...library[0], id: 'b', title: 'Logo' }];
	expect(documentItems(photos)).toEqual(photos);
	const untyped = library.map(({ id, title, modified_on }) => ({ id, title, modified_on }));
	expect(documentItems(untyped)).toEqual(untyped);
});

test('a library holding a photo beside the invoices is still found as the collection, judged on its PDFs', () => {
	const [best] = findCollections(
		[call('https://cms.example.com/files?limit=25', { data: library })],
		screen,
		'en',
	);
	expect(best).toBeDefined();
	expect({ items: best.items, count: best.count, onScreen: best.onScreen }).toEqual({
		items: 'data',
		count: 3,
		onScreen: 1,
	});
	expect(best.fields).toMatchObject({ id: 'id', number: 'title' });
	expect(best.samples.number).toEqual(['Invoice 2026 003', 'Invoice 2026 002', 'Invoice 2026 001']);
});

test('documents.api.where keeps the MIME types of the kinds the definition accepts: PDF alone by default', () => {
	expect(acceptedItemsWhere(library)).toEqual({ path: 'type', equals: ['application/pdf'] });
	const xml = { ...pdf(4), title: 'Invoice 2026 004', type: 'application/xml' };
	expect(acceptedItemsWhere([...library, xml], ['pdf', 'xml'])).toEqual({
		path: 'type',
		equals: ['application/pdf', 'application/xml'],
	});
	// No item of an accepted kind, or items that do not say their type: no where at all.
	expect(acceptedItemsWhere([library[0]])).toBeUndefined();
	expect(acceptedItemsWhere([xml])).toBeUndefined();
	expect(acceptedItemsWhere(library.map(({ id, title }) => ({ id, title })))).toBeUndefined();
});
