export interface Config {
  juanie?: {
    /**
     * Entity refs (users or groups) of platform administrators: they see every organisation
     * and project, and hold every Juanie permission under the Juanie policy module.
     */
    platformAdmins?: string[];
    demo?: {
      /**
       * Load the demo organisation, teams, project and environments once, into an empty
       * database. For the local portal only.
       */
      seed?: boolean;
    };
  };
}
