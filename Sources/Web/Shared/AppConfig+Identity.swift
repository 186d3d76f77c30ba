import Core
import Foundation

extension SiteIdentity {
    /// The identity in `config.identityFile` (its missing keys take the defaults), checked.
    public static func load(for config: AppConfig) throws(ConfigError) -> SiteIdentity {
        let path = try AssetLocator.projectFile(config.identityFile, config: config)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw .invalid("fichier d’identité du site introuvable : \(path) (identityFile)")
        }
        let identity: SiteIdentity
        do {
            identity = try JSONDecoder().decode(SiteIdentity.self, from: data)
        } catch let DecodingError.typeMismatch(_, context), let DecodingError.valueNotFound(_, context) {
            throw .invalid("« \(context.codingPath.map(\.stringValue).joined(separator: ".")) » n’a pas le bon type dans \(path)")
        } catch let DecodingError.dataCorrupted(context) {
            let key = context.codingPath.map(\.stringValue).joined(separator: ".")
            throw .invalid(key.isEmpty ? "\(path) n’est pas un JSON valide" : "« \(key) » a une valeur inattendue dans \(path)")
        } catch {
            throw .invalid("\(path) n’est pas un JSON valide")
        }
        let problems = identity.validationProblems()
        guard problems.isEmpty else { throw .invalid("\(path) : \(problems.joined(separator: " ; "))") }
        return identity
    }
}
