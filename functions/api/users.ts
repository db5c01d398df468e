/** `setUserRole` (admin): sets an account's role claim and mirrors it to `users/{uid}.role`. */
import type { Role } from "../errors";
import { callable } from "./callable";

export const setUserRole = callable("setUserRole", {
  schema: () => import("./requests/users").then((m) => m.setUserRoleRequest),
  roles: ["admin"],
  handler: async ({ userId, role }, caller) => {
    const { setUserRole: setRole } = await import("../services/users/roles");
    return setRole(caller, userId, role as Role);
  },
});
