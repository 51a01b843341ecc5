/** ActingUser is who a service call acts for; every access rule is checked against it. */
export interface ActingUser {
  id: number;
  email: string;
  name: string;
  isAdmin: boolean;
  /** The token this call was authenticated with, when there was one (not for the CLI). */
  tokenId?: string;
}
