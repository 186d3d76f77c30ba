import Core
import Hummingbird
import Storage

extension Services {
    /// The edition named by the route's `:year` parameter, or a 404.
    func requireEdition(_ context: AppRequestContext) throws -> Edition {
        let year = try context.parameters.require("year", as: Int.self)
        guard let edition = try database.edition(year: year) else { throw WebError.notFound }
        return edition
    }
}

extension Services {
    /// The key of this request's page in the renderer's ``PageMemo`` for a page about `edition`: its calendar moment
    /// now, and `also`, whatever else of the clock the page shows.
    /// - Parameter stamp: ``AppDatabase/changeStamp()``, read before anything the page shows.
    func pageKey(_ request: Request, context: AppRequestContext, stamp: ChangeStamp?, edition: Edition, also: String = "") -> PageMemo.Key? {
        renderer.memoKey(request: request, context: context, stamp: stamp, moment: EditionView.moment(edition, now: now()) + also)
    }
}
