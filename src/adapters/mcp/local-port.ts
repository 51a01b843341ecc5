import type { Services } from "../../deps.js";
import type { ActingUser } from "../../domain/acting-user.js";
import type { MailPort } from "./port.js";

/** createLocalPort binds the services to one authenticated user (the /mcp request's token). */
export function createLocalPort(services: Services, user: ActingUser): MailPort {
  return {
    whoami: () => services.auth.me(user),
    list: (start, limit) => services.mailbox.list(user, { start, limit }),
    search: (query, start, limit) => services.mailbox.search(user, query, { start, limit }),
    get: (id) => services.messages.get(user, id),
    async attachment(id, partId) {
      const res = await services.messages.part(user, id, partId);
      const fileName = /filename="?([^";]+)"?/i.exec(res.contentDisposition ?? "")?.[1];
      return { contentType: res.contentType ?? "application/octet-stream", fileName, data: res.body };
    },
    wait: (req) => services.wait.waitFor(user, req),
    links: (id) => services.extract.links(user, id),
    codes: (id) => services.extract.codes(user, id),
    send: (input) => services.send.send(user, input),
    draft: (id, kind) => services.send.draft(user, id, kind),
    async markRead(ids, read) {
      await services.mailbox.setRead(user, { ids }, read);
    },
    async remove(ids) {
      await services.mailbox.remove(user, { ids });
    },
  };
}
