import type { Session } from 'electron';

/** Deny every permission request (camera, notifications, geolocation...): Strata needs none. */
export function lockDownSession(session: Session): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
}
