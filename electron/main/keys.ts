import { safeStorage } from 'electron';
import { fileKeyStore, wrappedKeyStore, type KeyStore } from '../core/trust/keys';

/**
 * The desktop app's database key, wrapped by the OS (Electron `safeStorage`: DPAPI on Windows, the Keychain on macOS,
 * libsecret on Linux). Where the OS offers no protection (a Linux desk without a keyring), the 0600 key file, as in
 * browser mode. Call once the app is ready.
 */
export function osKeyStore(dataDir: string): KeyStore {
  if (!safeStorage.isEncryptionAvailable()) return fileKeyStore(dataDir);
  return wrappedKeyStore(dataDir, {
    wrap: (key) => safeStorage.encryptString(key),
    unwrap: (wrapped) => safeStorage.decryptString(wrapped),
  });
}
