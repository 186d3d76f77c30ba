import ArgumentParser
import Core
import Foundation
import Storage
import Web

/// `concours organiser …`: organiser accounts.
struct OrganiserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "organiser", abstract: "Gère les comptes organisateurs.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Crée un compte organisateur ; affiche un mot de passe généré, ou lit le mot de passe sur l’entrée standard.")

        @OptionGroup var common: CommonOptions

        @Argument(help: "Adresse e-mail de connexion.")
        var email: String

        @Option(help: "Nom affiché.")
        var name: String?

        @Flag(name: .customLong("password-stdin"), help: "Lit le mot de passe sur l’entrée standard (première ligne).")
        var passwordFromStdin = false

        func run() async throws {
            guard let address = User.normaliseEmail(email) else { throw Failure("Adresse e-mail invalide : « \(email) ».") }
            let (config, database) = try common.openDatabase()
            let password: String
            if passwordFromStdin {
                guard let line = readLine(strippingNewline: true), !line.isEmpty else {
                    throw Failure("Aucun mot de passe lu sur l’entrée standard.")
                }
                let rules: PasswordRules
                do { rules = try Passwords.rules(for: config) } catch { throw Failure(error.message) }
                if let problem = rules.problem(with: line, context: [address]) { throw Failure(problem) }
                password = line
            } else {
                password = Tokens.random(bytes: 12)
            }
            do {
                try database.insertUser(
                    User(email: address, displayName: name ?? address, role: .organiser, passwordHash: Passwords.hash(password)))
            } catch {
                throw Failure(error.message)
            }
            print("Compte organisateur créé : \(address)")
            if !passwordFromStdin { print("Mot de passe (affiché une seule fois) : \(password)") }
        }
    }
}
