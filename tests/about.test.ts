import request from 'supertest';
import { useTestApp } from './support/test-app';

describe('the about page', () => {
  const ctx = useTestApp();

  test('when /about is opened, then it explains the statement kinds, the stances and the current stance, and the footer links to it', async () => {
    const res = await request(ctx.app).get('/about').expect(200);
    expect(res.text).toContain('How to read On Record');
    for (const word of ['No comment', 'Official position', 'Supports', 'Opposes', 'Unclear', 'current stance']) {
      expect(res.text).toContain(word);
    }
    const home = await request(ctx.app).get('/').expect(200);
    expect(home.text).toContain('href="/about"');
  });
});
