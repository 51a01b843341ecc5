import type { ActingUser } from "../../domain/acting-user.js";
import type { Folder } from "../../domain/folders.js";
import type { FolderEntry, MailClientService } from "../../services/mail-client.js";

/** Selected is the folder a session has open: its entries in sequence order (sequence number = index + 1). */
export interface Selected {
  folder: Folder;
  readOnly: boolean;
  entries: FolderEntry[];
  /** The highest UID the client has been told of: anything above it is new. */
  highestUid: number;
}

/** Viewer is the part of a session that keeps a selected folder up to date (updates.ts). */
export interface Viewer {
  user: ActingUser | undefined;
  selected: Selected | undefined;
  dirty: boolean;
  readonly services: { mailClient: MailClientService };
  write(line: string | Buffer): void;
}
