import GuichetCore

/// The rule for linking a reply to the item it answers: same tenant, an outgoing item answering an
/// incoming one (or an internal item an internal one), never a cancelled item, never itself.
public enum ReplyLink {
    /// Checks that `reply` may answer `original`: `not_found` across tenants (another tenant's item does
    /// not exist for this one), `reply_link_invalid` otherwise.
    public static func check(reply: MailItem, answering original: MailItem) throws(Problem) {
        guard reply.tenantID == original.tenantID else { throw Problem(.notFound) }
        guard reply.id != original.id, !original.isCancelled, !reply.isCancelled else { throw Problem(.replyLinkInvalid) }
        switch (original.direction, reply.direction) {
        case (.incoming, .outgoing), (.internal, .internal): return
        default: throw Problem(.replyLinkInvalid)
        }
    }
}
