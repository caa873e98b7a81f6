export interface Config {
  juanie?: {
    /**
     * Entity refs (users or groups) of platform administrators: they hold every Juanie
     * permission, including the whole audit trail.
     */
    platformAdmins?: string[];
  };
}
