import { app, session, type WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './protocol';

/** True for URLs of our own app:// content; everything else is foreign. */
export function isAppUrl(url: string): boolean {
  try {
    // Node's URL gives origin "null" for non-special schemes, so compare scheme and host.
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Navigation, new windows and <webview> are denied for every web contents the app ever creates. */
export function lockDownWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** No permission (camera, notifications, geolocation, …) is ever granted. */
export function denyAllPermissions(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

export function installSecurityPolicy(): void {
  app.on('web-contents-created', (_event, contents) => lockDownWebContents(contents));
  denyAllPermissions();
}
