import {
	forbiddenWord,
	isForbiddenLink,
} from '../../../../portals/discovery/words/forbidden-words';
import { documentWordHits, typeOfWord } from '../../../../portals/discovery/words/document-words';
import { monthLocales } from '../../../../portals/discovery/words/month-names';

test.each([
	['Log out', '/logout'],
	['Sign out', '/session/end'],
	['Abmelden', '/konto'],
	['Se déconnecter', '/compte'],
	['Uitloggen', '/eu/uit'],
	['Cerrar sesión', '/cuenta'],
	['Esci', '/area'],
	['Delete', '/invoices/7/x'],
	['Löschen', '/x'],
	['Supprimer', '/x'],
	['Verwijderen', '/x'],
	['Eliminar', '/x'],
	['Cancella', '/x'],
	['Cancel contract', '/x'],
	['Vertrag kündigen', '/x'],
	['Résilier', '/x'],
	['Contract opzeggen', '/x'],
	['Dar de baja', '/x'],
	['Disdici', '/x'],
	['Pay', '/x'],
	['Jetzt bezahlen', '/x'],
	['Payer', '/x'],
	['Betalen', '/x'],
	['Pagar', '/x'],
	['Paga ora', '/x'],
	['Unsubscribe', '/x'],
	['Abbestellen', '/x'],
	['Se désabonner', '/x'],
	['Uitschrijven', '/x'],
	['Disiscriviti', '/x'],
	['Accept the new terms', '/x'],
])('"%s" is never followed', (text, path) => {
	expect(isForbiddenLink(text, `https://portal.example${path}`)).toBe(true);
});

test('the address alone can forbid a link, as whole words of its path and query', () => {
	expect(isForbiddenLink('', 'https://p.example/invoices/12/delete')).toBe(true);
	expect(isForbiddenLink('→', 'https://p.example/account?action=logout')).toBe(true);
	expect(isForbiddenLink('Gehaltsabrechnungen', 'https://p.example/payslips')).toBe(false);
	expect(isForbiddenLink('Invoices', 'https://p.example/invoices/12/download')).toBe(false);
	expect(isForbiddenLink('Oudere facturen', 'https://p.example/eu/facturen?pagina=2')).toBe(false);
	expect(forbiddenWord('Download PDF')).toBeUndefined();
	// Read-only pages where invoices often live.
	expect(isForbiddenLink('Order history', 'https://p.example/order-history')).toBe(false);
	expect(isForbiddenLink('Payment history', 'https://p.example/payments')).toBe(false);
	expect(isForbiddenLink('Pay now', 'https://p.example/payments/7')).toBe(true);
});

test('document words in six languages; type words with the specific kinds first', () => {
	for (const word of [
		'Invoices',
		'Rechnungen',
		'Factures',
		'Facturen',
		'Facturas',
		'Fatture',
		'Billing',
		'Documents',
	])
		expect(documentWordHits(word)).toBe(1);
	expect(documentWordHits('Profile settings')).toBe(0);
	expect(typeOfWord('Credit invoice')).toBe('credit_note');
	expect(typeOfWord('Zahlungserinnerung')).toBe('reminder');
	expect(typeOfWord('Jaaroverzicht')).toBe('statement');
	expect(typeOfWord('Fattura')).toBe('invoice');
	expect(typeOfWord('Paid')).toBeUndefined();
});

test('month names tell the language of written dates', () => {
	expect(monthLocales('3 Oktober 2026')).toContain('de');
	expect(monthLocales('3 octobre 2026')).toContain('fr');
	expect(monthLocales('3 ottobre 2026')).toEqual(['it']);
	expect(monthLocales('3 de octubre de 2026')).toContain('es');
	expect(monthLocales('01-10-2026')).toEqual([]);
});
