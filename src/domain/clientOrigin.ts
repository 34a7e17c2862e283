// Where a turn comes from, for limits that must not let one client guess across many accounts: the
// conversation, and the client's address (its network address on web chat, the sender on WhatsApp).
// Both are opaque strings; services hash them before they are stored.
export interface ClientOrigin {
  conversation: string;
  address: string;
}
