export interface Config {
  juanie?: {
    /**
     * Entity refs (users or groups) of platform administrators: they hold every Juanie
     * permission, including the whole audit trail.
     */
    platformAdmins?: string[];
    /** How `@juanie/plugin-permission-backend-module-juanie` decides what is not Juanie's. */
    permissionPolicy?: {
      /**
       * The decision for every permission that is not Juanie's (catalog, scaffolder, other
       * plugins) when this module is the portal's policy: `allow` (as create-app's allow-all
       * policy) or `deny`. No default: the module does not start until the platform team chose.
       */
      otherPermissions: 'allow' | 'deny';
    };
  };
}
