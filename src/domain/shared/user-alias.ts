/** Braze's user alias object, an identifier every surface accepts (cohort import, /users/*, exports). */
export interface UserAlias {
  alias_name: string
  alias_label: string
}
