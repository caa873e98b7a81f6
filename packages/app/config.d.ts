export interface Config {
  auth?: {
    providers?: {
      /**
       * Demo sign-in for local use (Juanie's `demo` proxy provider). Offered
       * only while auth.environment is 'development'.
       */
      demo?: {
        /**
         * Names of the users one may sign in as; each signs in as
         * user:default/<name>, which must exist in the catalog.
         * @visibility frontend
         */
        users?: string[];
        /**
         * A short description per user, shown on the sign-in page.
         * @deepVisibility frontend
         */
        hints?: { [userName: string]: string };
      };
    };
  };
}
