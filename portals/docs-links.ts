/**
 * Where the package's documentation lives on the web (package.json's homepage). Hints and
 * messages point here, not to repository files or commands: users install the package from
 * n8n's Settings → Community Nodes and never see the repository.
 */
export const HOMEPAGE = 'https://github.com/n8n-nodes-invoice-portals/n8n-nodes-invoice-portals';

/** How to write a portal definition, and how to check one. */
export const ADDING_A_PORTAL_URL = `${HOMEPAGE}/blob/main/docs/adding-a-portal.md`;
