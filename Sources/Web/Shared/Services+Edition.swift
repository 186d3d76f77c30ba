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
