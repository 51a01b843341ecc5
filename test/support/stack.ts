import { afterAll, beforeAll } from "vitest";
import { startApp, type TestApp } from "./app.js";
import { startMailpit, type TestMailpit } from "./mailpit.js";

/** Stack is the file's own Mailpit and Sandpit, filled in by beforeAll. */
export interface Stack {
  mp: TestMailpit;
  app: TestApp;
}

/**
 * useStack starts a real Mailpit and Sandpit for the calling test file (random ports, fresh
 * databases) and stops them after it. Later beforeAll hooks in the file can use them.
 */
export function useStack(env: Record<string, string> = {}): Stack {
  const stack = {} as Stack;
  beforeAll(async () => {
    stack.mp = await startMailpit();
    stack.app = await startApp(stack.mp, env);
  });
  afterAll(async () => {
    await stack.app?.stop();
    await stack.mp?.stop();
  });
  return stack;
}
