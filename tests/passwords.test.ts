import { hashPassword, randomPassword, verifyPassword } from '../src/auth/passwords';

describe('password hashing', () => {
  test('when a password is hashed, then the hash names scrypt and its cost, salts each hash differently and verifies only that password', async () => {
    const password = 'correct horse battery staple';
    const [first, second] = await Promise.all([hashPassword(password), hashPassword(password)]);

    expect(first).toMatch(/^scrypt\$32768\$8\$3\$[\w-]{22}\$[\w-]{43}$/);
    expect(first).not.toBe(second);
    expect(first).not.toContain(password);
    await expect(verifyPassword(password, first)).resolves.toBe(true);
    await expect(verifyPassword(password, second)).resolves.toBe(true);
    await expect(verifyPassword('correct horse battery stapler', first)).resolves.toBe(false);
    await expect(verifyPassword('', first)).resolves.toBe(false);
  });

  test('when a stored hash is malformed or of another scheme, then nothing verifies against it', async () => {
    const hash = await hashPassword('a long enough password');
    const [, n, r, p, salt, key] = hash.split('$');

    for (const stored of [
      '',
      'x',
      `bcrypt$${n}$${r}$${p}$${salt}$${key}`,
      `scrypt$${n}$${r}$${p}$${salt}$`,
      `scrypt$${n}$${r}$${p}$${salt}$${key}AA`,
    ]) {
      await expect(verifyPassword('a long enough password', stored)).resolves.toBe(false);
    }
  });

  test('when the same password is typed in another Unicode normal form, then it still matches', async () => {
    const hash = await hashPassword('Caf\u00e9 au lait, s’il vous plaît');
    await expect(verifyPassword('Cafe\u0301 au lait, s’il vous plaît', hash)).resolves.toBe(true);
  });

  test('when a password is generated, then it is 20 URL-safe characters and differs each time', () => {
    const a = randomPassword();
    expect(a).toMatch(/^[\w-]{20}$/);
    expect(randomPassword()).not.toBe(a);
  });
});
