export interface Config {
  auth?: {
    providers?: {
      /**
       * Demo sign-in for local use (Juanie's `demo` proxy provider). Refused
       * outside NODE_ENV=development (unless dangerouslyAllowOutsideDevelopment)
       * and whenever auth.environment is 'production'.
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
        /**
         * Allow demo sign-in when NODE_ENV is not 'development'.
         */
        dangerouslyAllowOutsideDevelopment?: boolean;
      };
    };
  };
}
