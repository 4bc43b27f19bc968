import type { Express } from 'express';
import request from 'supertest';
import type TestAgent from 'supertest/lib/agent';
import { csrfFrom } from './sign-in';

/** Signs a fresh cookie jar in through the real /sign-in form; the agent sends no CSRF header of its own. */
export async function signInThroughForm(
  app: Express,
  email: string,
  password: string,
): Promise<{ status: number; agent: TestAgent }> {
  const agent = request.agent(app);
  const form = await agent.get('/sign-in').expect(200);
  const res = await agent
    .post('/sign-in')
    .type('form')
    .send({ _csrf: csrfFrom(form.text), email, password });
  return { status: res.status, agent };
}

/** The `_csrf` field of a page the agent opens: what a browser's form would send. */
export async function pageCsrf(agent: TestAgent, path: string): Promise<string> {
  return csrfFrom((await agent.get(path).expect(200)).text);
}
