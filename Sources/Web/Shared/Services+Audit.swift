import Foundation
import Logging
import Storage

extension Services {
    /// Records an organiser's state-changing action in the audit log (and the service log).
    func audit(_ context: AppRequestContext, _ action: String, _ details: String, editionId: Int64? = nil) throws {
        let actor = context.user?.email ?? "?"
        try database.recordAudit(actor: actor, action: action, details: details, editionId: editionId, now: now())
        context.logger.notice("\(action): \(details) by \(actor)")
    }
}
