// Real open-source web applications from Debian's packages, as portals nobody on the team
// wrote (issue 16, section 7; the apps on a JSON API: issue 33, section 6, Jupyter Notebook from
// Debian and Directus from npm). One file per application; shared.ts holds what they share.
export { startDirectus } from './directus';
export { ensureDirectus } from './directus-install';
export { startDokuWiki } from './dokuwiki';
export { startJupyter } from './jupyter';
export { startMediaWiki, type MediaWikiOptions } from './mediawiki';
export { APT_COMMAND, APT_PACKAGES, ensureRealAppsInstalled, sha256, type RealApp } from './shared';
