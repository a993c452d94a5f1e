/**
 * The secret key of test servers and of rows seeded straight into a test database, so a
 * registry seeded by a test opens through the app (a fixed key: test data only).
 */
import { SecretBox } from '../server/registry/secret-box.js';

export const testSecretBox = SecretBox.withKey(Buffer.alloc(32, 7));
