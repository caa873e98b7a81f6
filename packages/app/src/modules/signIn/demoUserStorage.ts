// The demo user chosen on the sign-in page is remembered in the browser, so a
// reload signs in as the same user instead of asking again.
const STORAGE_KEY = 'juanie.demoSignIn.user';

/** The remembered demo user, if any. */
export function loadDemoUser(): string | undefined {
  try {
    return window.localStorage.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Remembers the demo user for the next page load. */
export function saveDemoUser(userName: string): void {
  try {
    window.localStorage.setItem(STORAGE_KEY, userName);
  } catch {
    // Private browsing: sign-in still works, it just asks again after a reload.
  }
}

/** Forgets the demo user, e.g. on sign-out. */
export function forgetDemoUser(): void {
  try {
    window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing remembered that could be forgotten.
  }
}
